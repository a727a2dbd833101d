package match

// Pattern is a compiled path-to-regexp source pattern.
type Pattern struct {
	// TODO(match): tokens, compiled param regexps, lookahead regexps.
}

// Compile parses a source pattern such as "/blog/:slug" or
// "/((?!api|_next/static).*)" with Next.js's custom-route options:
// delimiter "/", case-insensitive, end-anchored, with one optional trailing
// slash accepted ("/:path*" matches "/", "/about" matches "/about/").
//
// Errors say what is wrong in words a config author understands, e.g.
// `unbalanced "(" at 6`, `missing parameter name after ":" at 3`,
// `capturing groups are not allowed inside a param pattern at 9`,
// `param regex "\d{1,": missing closing }`. The caller adds file, line and rule.
func Compile(source string) (*Pattern, error) { panic("TODO") }

// MustCompile is Compile for patterns known at compile time; it panics on error.
func MustCompile(source string) *Pattern {
	p, err := Compile(source)
	if err != nil {
		panic(err)
	}
	return p
}

// Source returns the pattern as written.
func (p *Pattern) Source() string { panic("TODO") }

// Names returns the names of the pattern's params in order. Unnamed groups
// are numbered "0", "1", ... like path-to-regexp does.
func (p *Pattern) Names() []string { panic("TODO") }

// Match reports whether path (the raw request path, still percent-encoded,
// no query) matches the whole pattern. On success the params are appended
// to ps; on failure ps is left as it was. It does not allocate.
func (p *Pattern) Match(path []byte, ps *Params) bool { panic("TODO") }

// FirstSegment returns the pattern's first path segment, lowercased, when
// that whole segment is literal ("/blog/:slug" gives "blog", "/about" gives
// "about"), and "" when the first segment holds a param or group ("/:path*",
// "/(.*)", "/blog-:x"). Rule tables index rules by it.
func (p *Pattern) FirstSegment() string { panic("TODO") }

// SlowPath reports whether the pattern needs a construct that is evaluated
// by a general fallback rather than natively (e.g. a lookahead that is not at
// the start of a param's pattern). Build output lists such rules.
func (p *Pattern) SlowPath() bool { panic("TODO") }
