package match

import (
	"fmt"
	"strconv"
	"strings"
)

// part is one element of a parsed pattern, the Go form of what
// path-to-regexp v6's parse returns: literal text, or a key.
//
// A key is a param (":name", "(regex)", or either inside a {group}) or a
// group without a param ("{abc}?"), which captures nothing. Its regex
// meaning is "(?:prefix(pattern)suffix)modifier".
type part struct {
	text string // literal text; for a key, unused

	key      bool
	name     string // "" for a group without a param; "0", "1", ... for unnamed params
	numbered bool   // the name is a number given to an unnamed "(regex)"
	prefix   string
	suffix   string
	pattern  string // custom regex; "" means the default, one segment
	modifier byte   // 0, '?', '*' or '+'
	pos      int    // offset of the key in the source, for errors
}

// optional reports whether the key may match nothing at all.
func (p *part) optional() bool { return p.modifier == '?' || p.modifier == '*' }

// parse parses a pattern with Next.js's options (delimiter "/", prefixes
// "./"). It follows path-to-regexp v6's parse step by step: a key takes the
// literal character just before it as prefix when that character is "/" or
// "."; unnamed params are numbered from 0 in order.
func parse(src string) ([]part, error) {
	lx, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := parser{lx: lx}
	var (
		parts   []part
		path    strings.Builder // literal text not yet emitted
		unnamed int
	)
	flush := func() {
		if path.Len() > 0 {
			parts = append(parts, part{text: path.String()})
			path.Reset()
		}
	}
	number := func() string {
		unnamed++
		return strconv.Itoa(unnamed - 1)
	}
	for p.i < len(p.lx) {
		char, hasChar := p.take(lexChar)
		name, hasName := p.take(lexName)
		pattern, hasPattern := p.take(lexPattern)
		if hasName || hasPattern {
			pos := p.lx[p.i-1].pos
			prefix := char
			if prefix != "/" && prefix != "." {
				path.WriteString(prefix)
				prefix = ""
			}
			flush()
			if !hasName {
				name = number()
			}
			parts = append(parts, part{key: true, name: name, numbered: !hasName, prefix: prefix,
				pattern: pattern, modifier: p.modifier(), pos: pos})
			continue
		}
		if hasChar {
			path.WriteString(char)
			continue
		}
		if esc, ok := p.take(lexEscaped); ok {
			path.WriteString(esc)
			continue
		}
		flush()
		if _, ok := p.take(lexOpen); ok {
			pos := p.lx[p.i-1].pos
			prefix := p.text()
			name, hasName := p.take(lexName)
			pattern, hasPattern := p.take(lexPattern)
			suffix := p.text()
			if _, ok := p.take(lexClose); !ok {
				return nil, p.unexpected(fmt.Sprintf(`"}" to close the "{" at %d`, pos))
			}
			if !hasName && hasPattern {
				name = number()
			}
			parts = append(parts, part{key: true, name: name, numbered: !hasName && hasPattern,
				prefix: prefix, suffix: suffix, pattern: pattern, modifier: p.modifier(), pos: pos})
			continue
		}
		if _, ok := p.take(lexEnd); !ok {
			return nil, p.stray()
		}
	}
	return parts, nil
}

// parser walks the lexemes; its methods are path-to-regexp's tryConsume
// and consumeText.
type parser struct {
	lx []lexeme
	i  int
}

// take consumes the next lexeme if it is of kind k.
func (p *parser) take(k lexKind) (string, bool) {
	if p.i < len(p.lx) && p.lx[p.i].kind == k {
		p.i++
		return p.lx[p.i-1].value, true
	}
	return "", false
}

// modifier consumes an optional modifier.
func (p *parser) modifier() byte {
	if m, ok := p.take(lexModifier); ok {
		return m[0]
	}
	return 0
}

// text consumes a run of literal and escaped characters.
func (p *parser) text() string {
	var b strings.Builder
	for {
		if c, ok := p.take(lexChar); ok {
			b.WriteString(c)
		} else if c, ok := p.take(lexEscaped); ok {
			b.WriteString(c)
		} else {
			return b.String()
		}
	}
}

// stray describes a lexeme that cannot start anything: a modifier that
// follows no key, or a "}" that closes no group.
func (p *parser) stray() error {
	l := p.lx[p.i]
	if l.kind == lexModifier {
		return fmt.Errorf("%q at %d must follow a param or a {group}", l.value, l.pos)
	}
	return fmt.Errorf(`unmatched "}" at %d`, l.pos)
}

// unexpected describes the lexeme at the cursor, which is not what the
// grammar allows there.
func (p *parser) unexpected(want string) error {
	l := p.lx[p.i]
	var what string
	switch l.kind {
	case lexEnd:
		what = "end of pattern"
	case lexName:
		what = `":` + l.value + `"`
	case lexPattern:
		what = `"(` + l.value + `)"`
	default:
		what = strconv.Quote(l.value)
	}
	return fmt.Errorf("unexpected %s at %d, want %s", what, l.pos, want)
}
