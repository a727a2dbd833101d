package routes

import (
	"errors"
	"fmt"
	"strings"
)

// segKind is the kind of one route segment. The constants are in match
// priority: at each level of the trie a static name is tried before [x],
// [x] before [...x], and [...x] before [[...x]]. That is the order of
// Next.js's sorted route list, whose first match wins.
type segKind uint8

const (
	static   segKind = iota // "blog": exactly this name
	param                   // "[slug]": one non-empty segment
	catchAll                // "[...path]": one or more segments
	optional                // "[[...all]]": zero or more segments
)

// segment is one parsed part of a page or API route.
type segment struct {
	kind segKind
	name string // the literal for static, else the param name
}

// String returns the segment as written in a file name.
func (s segment) String() string {
	switch s.kind {
	case param:
		return "[" + s.name + "]"
	case catchAll:
		return "[..." + s.name + "]"
	case optional:
		return "[[..." + s.name + "]]"
	}
	return s.name
}

// parseRoute splits a page or API route such as "/blog/[slug]" into its
// segments; "/" has none. It checks each segment on its own and that a
// catch-all comes last; checks across routes are the trie's.
func parseRoute(route string) ([]segment, error) {
	if !strings.HasPrefix(route, "/") {
		return nil, errors.New(`must start with "/"`)
	}
	if route == "/" {
		return nil, nil
	}
	parts := strings.Split(route[1:], "/")
	segs := make([]segment, 0, len(parts))
	for i, p := range parts {
		s, err := parseSegment(p)
		if err != nil {
			return nil, err
		}
		// A catch-all takes the rest of the path, so nothing after it
		// could ever match.
		if s.kind >= catchAll && i < len(parts)-1 {
			return nil, fmt.Errorf("catch-all %s must be the last segment", s)
		}
		segs = append(segs, s)
	}
	return segs, nil
}

// parseSegment parses one segment: a static name, [name], [...name] or
// [[...name]]. Any other use of brackets is a mistake worth failing on
// rather than a static name nobody could request.
func parseSegment(p string) (segment, error) {
	if p == "" {
		return segment{}, errors.New("empty segment")
	}
	if !strings.ContainsAny(p, "[]") {
		return segment{kind: static, name: p}, nil
	}
	var s segment
	switch {
	case strings.HasPrefix(p, "[[...") && strings.HasSuffix(p, "]]"):
		s = segment{kind: optional, name: p[len("[[...") : len(p)-len("]]")]}
	case strings.HasPrefix(p, "[...") && strings.HasSuffix(p, "]"):
		s = segment{kind: catchAll, name: p[len("[...") : len(p)-len("]")]}
	case strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]"):
		s = segment{kind: param, name: p[len("[") : len(p)-len("]")]}
	}
	// A leading "." is a mistyped "..." ("[....path]"), as Next.js judges.
	if s.name == "" || strings.ContainsAny(s.name, "[]") || strings.HasPrefix(s.name, ".") {
		return segment{}, fmt.Errorf("malformed segment %q: want name, [name], [...name] or [[...name]]", p)
	}
	return s, nil
}
