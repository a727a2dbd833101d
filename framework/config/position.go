package config

import (
	"strconv"
	"strings"
)

// pos is where something starts in the file.
type pos struct {
	line   int // 1-based
	offset int // byte offset, to order keys that share a line
}

// positions maps paths to where they start in the file. A path names a key
// or an array element the way error messages do: "basePath",
// "i18n.defaultLocale", "redirects[3]", "redirects[3].statusCode",
// "rewrites.beforeFiles[0].has[1]". A plain `[[rewrites]]` array gives
// "rewrites[0]".
//
// The toml package parses values but keeps key positions to itself, so
// scanPositions walks the structure of the file again: table headers, keys,
// arrays and inline tables, skipping over strings, comments and scalars.
type positions map[string]pos

// line returns the line path starts on, or 0 when it is unknown.
func (p positions) line(path string) int { return p[path].line }

// scanPositions records the position of every key, table and array element
// in src. It expects src to have parsed as TOML already; on anything else it
// returns what it found so far without failing.
func scanPositions(src string) positions {
	s := &scanner{src: src, line: 1, found: positions{}, arrays: map[string]int{}}
	s.document()
	return s.found
}

type scanner struct {
	src    string
	i      int
	line   int
	found  positions
	arrays map[string]int // elements seen so far of each [[array]] of tables
}

func (s *scanner) eof() bool  { return s.i >= len(s.src) }
func (s *scanner) peek() byte { return s.src[s.i] }

// mark records that path starts here; the first occurrence wins, so an
// array of tables is placed at its first header.
func (s *scanner) mark(path string) {
	if _, ok := s.found[path]; !ok {
		s.found[path] = pos{line: s.line, offset: s.i}
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		if s.i == start { // not TOML after all: stop rather than loop
			return
		}
	}
}

// header reads a [table] or [[array]] header and returns the path of the
// table that the following keys belong to.
func (s *scanner) header() string {
	array := strings.HasPrefix(s.src[s.i:], "[[")
	if array {
		s.i += 2
	} else {
		s.i++
	}
	keys := s.key()
	s.skipInline()
	for !s.eof() && s.peek() == ']' {
		s.i++
	}
	if len(keys) == 0 {
		return ""
	}

	// Every prefix that is an array of tables refers to its latest element:
	// [[redirects]] then [[redirects.has]] adds to the last redirect.
	path := ""
	for _, k := range keys[:len(keys)-1] {
		path = join(path, k)
		if n := s.arrays[path]; n > 0 {
			path = index(path, n-1)
		}
	}
	path = join(path, keys[len(keys)-1])
	s.mark(path)
	if !array {
		return path
	}
	n := s.arrays[path]
	s.arrays[path] = n + 1
	path = index(path, n)
	s.mark(path)
	return path
}

// keyValue reads `a.b = value` inside table.
func (s *scanner) keyValue(table string) {
	keys := s.key()
	path := table
	for _, k := range keys {
		path = join(path, k)
		s.mark(path)
	}
	s.skipInline()
	if s.eof() || s.peek() != '=' {
		return
	}
	s.i++
	s.skipInline()
	s.value(path)
}

// key reads a dotted key: bare, "basic" or 'literal' parts joined by dots.
func (s *scanner) key() []string {
	var keys []string
	for {
		s.skipInline()
		if s.eof() {
			return keys
		}
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			start := s.i
			s.skipString()
			keys = append(keys, unquoteKey(s.src[start:s.i]))
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.i++
			}
			keys = append(keys, s.src[start:s.i])
		default:
			return keys
		}
		s.skipInline()
		if s.eof() || s.peek() != '.' {
			return keys
		}
		s.i++
	}
}

// value skips one value, recording the arrays and inline tables inside it.
func (s *scanner) value(path string) {
	if s.eof() {
		return
	}
	switch s.peek() {
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skipBlank()
			if s.eof() {
				return
			}
			if s.peek() == ']' {
				s.i++
				return
			}
			start := s.i
			elem := index(path, n)
			s.mark(elem)
			s.value(elem)
			s.skipBlank()
			if !s.eof() && s.peek() == ',' {
				s.i++
			} else if s.i == start {
				return
			}
		}
	case '{':
		s.i++
		for {
			s.skipBlank()
			if s.eof() {
				return
			}
			switch s.peek() {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				return
			}
		}
	case '"', '\'':
		s.skipString()
	default: // number, boolean or date: runs up to a delimiter
		for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.peek())) {
			s.i++
		}
	}
}

// skipString skips a basic, literal or multi-line string, counting lines.
func (s *scanner) skipString() {
	q := s.peek()
	quote := string(q)
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(quote, 3)) {
		quote = strings.Repeat(quote, 3)
	}
	s.i += len(quote)
	for !s.eof() {
		switch c := s.peek(); {
		case c == '\\' && q == '"':
			s.i++
			if !s.eof() && s.peek() == '\n' {
				s.line++
			}
		case c == '\n':
			s.line++
		case strings.HasPrefix(s.src[s.i:], quote):
			s.i += len(quote)
			// A multi-line string may end in up to two more quotes: """a""""".
			for n := 0; n < 2 && len(quote) == 3 && !s.eof() && s.peek() == q; n++ {
				s.i++
			}
			return
		}
		s.i++
	}
}

// skipInline skips spaces and tabs.
func (s *scanner) skipInline() {
	for !s.eof() && (s.peek() == ' ' || s.peek() == '\t') {
		s.i++
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.i++
			}
			continue
		default:
			return
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// unquoteKey returns the text of a quoted key. TOML's escapes are Go's
// except for a few rare ones; for those the raw text is close enough to
// find a position.
func unquoteKey(q string) string {
	if len(q) >= 2 && q[0] == '\'' && q[len(q)-1] == '\'' {
		return q[1 : len(q)-1]
	}
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return strings.Trim(q, `"`)
}

// join appends key to a path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends an array index to a path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
