package match

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Destination is a compiled redirect or rewrite destination: a path
// ("/blog/:slug?x=1") or an absolute URL ("https://example.com/:path*").
// It is immutable and safe for concurrent use.
type Destination struct {
	external bool
	origin   []piece // "scheme://host", for an absolute URL
	path     []piece
	query    []queryPair
	fragment []piece // after "#"
	hasFrag  bool
}

// piece is literal text or a param reference of a destination template.
type piece struct {
	text     string // literal text; for a param, the prefix written before it
	param    string // "" for literal text
	suffix   string
	optional bool // when the param is absent, write nothing, prefix and suffix included
}

// queryPair is one "name=value" of the destination's query.
type queryPair struct {
	name  string
	value []piece
}

// CompileDestination parses dest. available lists the param names the
// rule's source pattern and has conditions provide; a param used in dest but
// not available is an error: `destination uses ":id", which neither source
// nor has defines`. Params may appear in the path, in query values, in the
// fragment and in the host of an absolute URL.
//
// The path is parsed like a source pattern, as Next.js does ("/:path*",
// "/file.:ext?"). Elsewhere a ":" followed by a number that is not a param
// is text ("?t=12:30"), and the port of a host ("http://127.0.0.1:4599")
// is never a param.
func CompileDestination(dest string, available []string) (*Destination, error) {
	d := &Destination{}
	c := destCompiler{available: available}
	rest := dest
	switch {
	case strings.HasPrefix(dest, "/"):
	case hasPrefixFoldString(dest, "http://") || hasPrefixFoldString(dest, "https://"):
		d.external = true
		scheme := strings.Index(dest, "://") + len("://")
		end := len(dest)
		if i := strings.IndexAny(dest[scheme:], "/?#"); i >= 0 {
			end = scheme + i
		}
		if end == scheme {
			return nil, errors.New("destination URL has no host")
		}
		d.origin = append([]piece{{text: dest[:scheme]}}, c.authority(dest[scheme:end])...)
		rest = dest[end:]
	default:
		return nil, errors.New(`destination must start with "/" or be an absolute http(s) URL`)
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		d.hasFrag = true
		d.fragment = c.text(rest[i+1:])
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		for _, pair := range strings.Split(rest[i+1:], "&") {
			if pair == "" {
				continue
			}
			name, value, _ := strings.Cut(pair, "=")
			d.query = append(d.query, queryPair{name: name, value: c.text(value)})
		}
		rest = rest[:i]
	}
	var err error
	if d.path, err = c.path(rest); err != nil {
		return nil, fmt.Errorf("destination path %q: %w", rest, err)
	}
	if c.err != nil {
		return nil, c.err
	}
	return d, nil
}

// destCompiler turns the parts of a destination into pieces, checking that
// the params they use are available. It keeps the first error.
type destCompiler struct {
	available []string
	err       error
}

// use checks that a param is available.
func (c *destCompiler) use(name string) {
	if c.err == nil && !slices.Contains(c.available, name) {
		c.err = fmt.Errorf("destination uses %q, which neither source nor has defines", ":"+name)
	}
}

// path compiles the destination path with the pattern parser: literals,
// and params with their prefix, suffix and modifier. A custom regex after a
// param is ignored, as path-to-regexp's compile does without validation.
func (c *destCompiler) path(s string) ([]piece, error) {
	parts, err := parse(s)
	if err != nil {
		return nil, err
	}
	pieces := make([]piece, 0, len(parts))
	for _, pt := range parts {
		switch {
		case !pt.key:
			pieces = append(pieces, piece{text: pt.text})
		case pt.numbered:
			return nil, fmt.Errorf("unnamed group at %d: a destination can only use named params", pt.pos)
		case pt.name == "":
			return nil, fmt.Errorf("{group} without a param at %d", pt.pos)
		default:
			c.use(pt.name)
			pieces = append(pieces, piece{text: pt.prefix, param: pt.name, suffix: pt.suffix, optional: pt.optional()})
		}
	}
	return pieces, nil
}

// text compiles a query value or the fragment: ":name" is a param, and a
// following "*", "?" or "+" is its modifier, as in Next.js's compileNonPath.
// "\" escapes the next character.
func (c *destCompiler) text(s string) []piece {
	return c.template(s, false)
}

// authority compiles the host part of an absolute URL. Its port and any
// user info are text.
func (c *destCompiler) authority(s string) []piece {
	var pieces []piece
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		pieces = append(pieces, piece{text: s[:at+1]})
		s = s[at+1:]
	}
	return append(pieces, c.template(s, true)...)
}

// template compiles text with ":name" params. In a host, a bracketed IPv6
// address and a ":" followed by digits (a port) are text.
func (c *destCompiler) template(s string, host bool) []piece {
	var (
		pieces []piece
		lit    strings.Builder
	)
	flush := func() {
		if lit.Len() > 0 {
			pieces = append(pieces, piece{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s):
			i++
			lit.WriteByte(s[i])
		case ch == '[' && host:
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				end = len(s) - i - 1
			}
			lit.WriteString(s[i : i+end+1])
			i += end
		case ch == ':' && i+1 < len(s) && isNameByte(s[i+1]):
			j := i + 1
			for j < len(s) && isNameByte(s[j]) {
				j++
			}
			name := s[i+1 : j]
			if isDigit(name[0]) && (host || !slices.Contains(c.available, name)) {
				lit.WriteString(s[i:j]) // a port or a time, not a param
				i = j - 1
				continue
			}
			c.use(name)
			flush()
			optional := false
			if j < len(s) && (s[j] == '*' || s[j] == '?' || s[j] == '+') {
				optional = s[j] != '+'
				j++
			}
			pieces = append(pieces, piece{param: name, optional: optional})
			i = j - 1
		default:
			lit.WriteByte(ch)
		}
	}
	flush()
	return pieces
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// hasPrefixFoldString is strings.HasPrefix ignoring ASCII case in s.
func hasPrefixFoldString(s, lower string) bool {
	return len(s) >= len(lower) && strings.EqualFold(s[:len(lower)], lower)
}

// External reports whether the destination is an absolute http(s) URL.
func (d *Destination) External() bool { return d.external }

// AppendURL appends the destination for one request to dst and returns it:
// path (or scheme://host/path), then "?" and the merged query if non-empty,
// then "#" and the fragment if the destination has one.
//
// Params are substituted raw (still percent-encoded, as captured). A
// repeated param (":path*") is written as captured; an absent optional
// param is written as nothing, together with its "/" prefix
// ("/docs/:path*" with no path gives "/docs"; "/:path*" gives "/").
//
// Query merge, as Next.js: reqQuery (raw, without "?") comes first, minus
// the names the destination's own query sets; then the destination's query.
// "/about?x=1" with reqQuery "y=2" gives "/about?y=2&x=1"; with "x=2" gives
// "/about?x=1". When appendParams is set (rewrites) and the destination path
// uses none of the params present, every param the destination query does
// not set is appended as name=value, and replaces a request pair of that
// name, as Next.js's params override the request query. Params named by
// number (unnamed groups) are never appended. Names compare byte for byte.
// It does not allocate when dst has room.
func (d *Destination) AppendURL(dst []byte, ps *Params, reqQuery []byte, appendParams bool) []byte {
	dst = appendPieces(dst, d.origin, ps)
	n := len(dst)
	dst = appendPieces(dst, d.path, ps)
	if !d.external && len(dst) == n {
		dst = append(dst, '/') // a relative URL cannot be empty
	}

	appending := appendParams && !d.pathUses(ps)
	sep := byte('?')
	for q := reqQuery; len(q) > 0; {
		pair := q
		if i := bytes.IndexByte(q, '&'); i >= 0 {
			pair, q = q[:i], q[i+1:]
		} else {
			q = nil
		}
		name := pair
		if i := bytes.IndexByte(pair, '='); i >= 0 {
			name = pair[:i]
		}
		if len(pair) == 0 || d.sets(name) || appending && appended(ps, name) {
			continue
		}
		dst = append(dst, sep)
		dst = append(dst, pair...)
		sep = '&'
	}
	for i := range d.query {
		dst = append(dst, sep)
		dst = append(dst, d.query[i].name...)
		dst = append(dst, '=')
		dst = appendPieces(dst, d.query[i].value, ps)
		sep = '&'
	}
	if appending {
		for i := 0; i < ps.Len(); i++ {
			name, v := ps.At(i)
			if numeric(name) || d.setsName(name) || laterDuplicate(ps, i) {
				continue
			}
			dst = append(dst, sep)
			dst = append(dst, name...)
			dst = append(dst, '=')
			dst = append(dst, v...)
			sep = '&'
		}
	}
	if d.hasFrag {
		dst = append(dst, '#')
		dst = appendPieces(dst, d.fragment, ps)
	}
	return dst
}

func appendPieces(dst []byte, pieces []piece, ps *Params) []byte {
	for i := range pieces {
		p := &pieces[i]
		if p.param == "" {
			dst = append(dst, p.text...)
			continue
		}
		v, ok := ps.Get(p.param)
		if !ok && p.optional {
			continue
		}
		dst = append(dst, p.text...)
		dst = append(dst, v...)
		dst = append(dst, p.suffix...)
	}
	return dst
}

// pathUses reports whether the destination path uses a param present in ps.
func (d *Destination) pathUses(ps *Params) bool {
	for i := range d.path {
		if d.path[i].param != "" {
			if _, ok := ps.Get(d.path[i].param); ok {
				return true
			}
		}
	}
	return false
}

// sets reports whether the destination's query sets name.
func (d *Destination) sets(name []byte) bool {
	for i := range d.query {
		if d.query[i].name == string(name) {
			return true
		}
	}
	return false
}

// setsName is sets for a string.
func (d *Destination) setsName(name string) bool {
	for i := range d.query {
		if d.query[i].name == name {
			return true
		}
	}
	return false
}

// appended reports whether AppendURL appends a param called name (the
// destination query not setting it was checked before).
func appended(ps *Params, name []byte) bool {
	for i := 0; i < ps.Len(); i++ {
		if n, _ := ps.At(i); n == string(name) {
			return !numeric(n)
		}
	}
	return false
}

// laterDuplicate reports whether ps holds another value named like the
// i-th after it; only the latest value of a name is appended, as Get reads.
func laterDuplicate(ps *Params, i int) bool {
	name, _ := ps.At(i)
	for j := i + 1; j < ps.Len(); j++ {
		if n, _ := ps.At(j); n == name {
			return true
		}
	}
	return false
}

// numeric reports whether a param name is a number, the name of an
// unnamed group.
func numeric(name string) bool {
	for i := 0; i < len(name); i++ {
		if !isDigit(name[i]) {
			return false
		}
	}
	return name != ""
}
