package match

import (
	"fmt"
	"slices"
	"strings"
)

// Pattern is a compiled path-to-regexp source pattern. It is immutable and
// safe for concurrent use.
type Pattern struct {
	source string
	tokens []token
	names  []string
	first  string
	// quick is the shape quickMatch handles, if any: see there.
	quick quickShape
}

// tokenKind says how the matcher treats a token.
type tokenKind uint8

const (
	tokLiteral tokenKind = iota // fixed text
	tokParam                    // a param: prefix, pattern (captured), suffix
	tokGroup                    // a {group} without param: fixed text with a modifier
)

// token is one step of a compiled pattern. All text is lowercased, since
// paths are compared ignoring ASCII case.
type token struct {
	kind     tokenKind
	literal  string // tokLiteral and tokGroup: the text
	name     string // tokParam: the name params are stored under
	prefix   string // tokParam: text before the pattern
	suffix   string // tokParam: text after the pattern
	sep      string // tokParam: suffix+prefix, what separates two repetitions
	modifier byte   // 0, '?', '*' or '+'
	param    *paramRegex

	// Precomputed so the matcher can discard candidate ends cheaply.
	// follow is text that must come right after the pattern when the
	// matcher leaves the token (the suffix, then the next token's text if it
	// is fixed). tail, when not -1, is the length of everything after the
	// pattern, which then is all fixed text: only the ends tail (or tail+1,
	// before a trailing "/") bytes from the end of the path can work.
	follow string
	tail   int
	// wholeSegment is set for a default-pattern param whose every way on
	// needs a "/" or the end of the path right after it ("/blog/:slug",
	// "/:path*"): it can only end where its segment ends, so that is the
	// one end the matcher tries.
	wholeSegment bool
	// segments is set for a repeated wholeSegment param that repeats at
	// "/" and has no suffix ("/:path*", "/docs/:rest+"): its repetitions
	// are simply the non-empty segments that follow, so the matcher takes
	// them with one scan (matcher.segments) instead of a recursion per
	// segment. Every match-all header rule and proxy matcher has one.
	segments bool
}

// Compile parses a source pattern such as "/blog/:slug" or
// "/((?!api|_next/static).*)" with Next.js's custom-route options:
// delimiter "/", case-insensitive, end-anchored, with one optional trailing
// slash accepted ("/:path*" matches "/", "/about" matches "/about/").
//
// Errors say what is wrong in words a config author understands, e.g.
// `unbalanced "(" at 6`, `missing parameter name after ":" at 3`,
// `capturing groups are not allowed inside a param pattern at 9 (use (?:...))`,
// `param regex "(?<=x)y": lookbehind is not supported`. The caller adds
// file, line and rule.
func Compile(source string) (*Pattern, error) {
	parts, err := parse(source)
	if err != nil {
		return nil, err
	}
	p := &Pattern{source: source}
	for _, pt := range parts {
		switch {
		case !pt.key:
			p.addLiteral(pt.text)
		case pt.name == "":
			// A group without a param is optional or repeated fixed text.
			text := lowerASCII(pt.prefix + pt.suffix)
			if pt.modifier == 0 {
				p.addLiteral(text)
			} else if text != "" {
				p.tokens = append(p.tokens, token{kind: tokGroup, literal: text, modifier: pt.modifier})
			}
		default:
			t := token{kind: tokParam, name: pt.name, modifier: pt.modifier,
				prefix: lowerASCII(pt.prefix), suffix: lowerASCII(pt.suffix)}
			t.sep = t.suffix + t.prefix
			if pt.pattern != "" {
				if t.param, err = compileParamRegex(pt.pattern); err != nil {
					return nil, err
				}
			}
			p.tokens = append(p.tokens, t)
			p.names = append(p.names, pt.name)
		}
	}
	if len(p.names) > MaxParams {
		return nil, fmt.Errorf("pattern has %d params, more than the %d a rule can capture", len(p.names), MaxParams)
	}
	p.prune()
	p.first = p.firstSegment()
	p.quick = p.quickShape()
	return p, nil
}

// addLiteral appends fixed text, merging it with a literal token before it.
func (p *Pattern) addLiteral(text string) {
	if text == "" {
		return
	}
	text = lowerASCII(text)
	if n := len(p.tokens); n > 0 && p.tokens[n-1].kind == tokLiteral {
		p.tokens[n-1].literal += text
		return
	}
	p.tokens = append(p.tokens, token{kind: tokLiteral, literal: text})
}

// prune fills in each param's follow, tail and wholeSegment.
func (p *Pattern) prune() {
	tail := 0 // length of the fixed text after token i, or -1
	for i := len(p.tokens) - 1; i >= 0; i-- {
		t := &p.tokens[i]
		if t.kind != tokParam {
			if t.kind == tokLiteral && tail >= 0 {
				tail += len(t.literal)
			} else {
				tail = -1
			}
			continue
		}
		t.follow = t.suffix
		if i+1 < len(p.tokens) {
			switch next := &p.tokens[i+1]; {
			case next.kind == tokLiteral:
				t.follow += next.literal
			case next.kind == tokParam && (next.modifier == 0 || next.modifier == '+'):
				t.follow += next.prefix
			case next.kind == tokGroup && next.modifier == '+':
				t.follow += next.literal
			}
		}
		t.tail = -1
		if tail >= 0 {
			t.tail = len(t.suffix) + tail
		}
		tail = -1
		repeatsAtSlash := t.modifier != '*' && t.modifier != '+' || strings.HasPrefix(t.sep, "/")
		leavesAtSlash := strings.HasPrefix(t.follow, "/") || t.tail == 0
		t.wholeSegment = t.param == nil && repeatsAtSlash && leavesAtSlash
		t.segments = t.wholeSegment && (t.modifier == '*' || t.modifier == '+') &&
			t.prefix == "/" && t.suffix == ""
	}
}

// firstSegment computes FirstSegment: the text of the leading literal up to
// the second "/", provided the segment ends there, at the end of the
// pattern, or where a key whose text starts with "/" begins.
func (p *Pattern) firstSegment() string {
	if len(p.tokens) == 0 || p.tokens[0].kind != tokLiteral {
		return ""
	}
	lit := p.tokens[0].literal
	if !strings.HasPrefix(lit, "/") {
		return ""
	}
	if i := strings.IndexByte(lit[1:], '/'); i >= 0 {
		return lit[1 : 1+i]
	}
	if len(p.tokens) > 1 {
		next := &p.tokens[1]
		if !strings.HasPrefix(next.prefix, "/") && !strings.HasPrefix(next.literal, "/") {
			return ""
		}
	}
	return lit[1:]
}

// Literal returns the pattern's text, lowercased, when it is all fixed
// text ("/blog/old-post"), and ok false when it has a param or a group.
// Such a pattern matches that path ignoring ASCII case and with one optional
// trailing "/", so a rule table can find the rules with literal sources
// for a path by a map lookup instead of trying each: key both by the
// lowercased text without trailing slashes, then confirm with Match.
func (p *Pattern) Literal() (text string, ok bool) {
	switch {
	case len(p.tokens) == 0:
		return "", true
	case len(p.tokens) == 1 && p.tokens[0].kind == tokLiteral:
		return p.tokens[0].literal, true
	}
	return "", false
}

// MustCompile is Compile for patterns known at compile time; it panics on error.
func MustCompile(source string) *Pattern {
	p, err := Compile(source)
	if err != nil {
		panic(err)
	}
	return p
}

// Source returns the pattern as written.
func (p *Pattern) Source() string { return p.source }

// Names returns the names of the pattern's params in order. Unnamed groups
// are numbered "0", "1", ... like path-to-regexp does. The slice is the
// caller's to keep or change.
func (p *Pattern) Names() []string { return slices.Clone(p.names) }

// Match reports whether path (the raw request path, still percent-encoded,
// no query) matches the whole pattern. On success the params are appended
// to ps; on failure ps is left as it was. It does not allocate.
func (p *Pattern) Match(path []byte, ps *Params) bool {
	return p.match(path, ps)
}

// FirstSegment returns the pattern's first path segment, lowercased, when
// that whole segment is literal ("/blog/:slug" gives "blog", "/about" gives
// "about"), and "" when the first segment holds a param or group ("/:path*",
// "/(.*)", "/blog-:x"). Rule tables index rules by it.
func (p *Pattern) FirstSegment() string { return p.first }
