package match

import "fmt"

// lexKind is the kind of one lexeme of a pattern, as path-to-regexp v6's
// lexer names them.
type lexKind uint8

const (
	lexChar     lexKind = iota // a literal character
	lexEscaped                 // a character escaped with "\"
	lexName                    // ":name"
	lexPattern                 // "(regex)"
	lexModifier                // "?", "*" or "+"
	lexOpen                    // "{"
	lexClose                   // "}"
	lexEnd                     // end of input
)

// lexeme is one piece of a pattern. pos is its byte offset in the source,
// used in error messages.
type lexeme struct {
	kind  lexKind
	pos   int
	value string
}

// lex splits a pattern into lexemes exactly as path-to-regexp v6 does, so
// that a pattern means here what it means in Next.js. The only difference
// is that a trailing "\" is an error instead of the JavaScript "undefined".
func lex(s string) ([]lexeme, error) {
	var out []lexeme
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '*', '+', '?':
			out = append(out, lexeme{lexModifier, i, s[i : i+1]})
			i++
		case '\\':
			if i+1 == len(s) {
				return nil, fmt.Errorf(`trailing "\" at %d`, i)
			}
			out = append(out, lexeme{lexEscaped, i, s[i+1 : i+2]})
			i += 2
		case '{':
			out = append(out, lexeme{lexOpen, i, "{"})
			i++
		case '}':
			out = append(out, lexeme{lexClose, i, "}"})
			i++
		case ':':
			j := i + 1
			for j < len(s) && isNameByte(s[j]) {
				j++
			}
			if j == i+1 {
				return nil, fmt.Errorf(`missing parameter name after ":" at %d`, i)
			}
			out = append(out, lexeme{lexName, i, s[i+1 : j]})
			i = j
		case '(':
			pattern, end, err := lexPatternAt(s, i)
			if err != nil {
				return nil, err
			}
			out = append(out, lexeme{lexPattern, i, pattern})
			i = end
		default:
			out = append(out, lexeme{lexChar, i, s[i : i+1]})
			i++
		}
	}
	return append(out, lexeme{lexEnd, len(s), ""}), nil
}

// lexPatternAt reads the "(regex)" starting at s[open] and returns the
// regex and the offset just past the closing ")". Like path-to-regexp it
// counts parentheses without understanding the regex, and refuses
// capturing groups: a group inside must start with "(?".
func lexPatternAt(s string, open int) (pattern string, end int, err error) {
	j := open + 1
	if j < len(s) && s[j] == '?' {
		return "", 0, fmt.Errorf(`param pattern cannot start with "?" at %d`, j)
	}
	depth := 1
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++ // the escaped byte is part of the pattern, whatever it is
		case ')':
			depth--
			if depth == 0 {
				if j == open+1 {
					return "", 0, fmt.Errorf(`empty param pattern "()" at %d`, open)
				}
				return s[open+1 : j], j + 1, nil
			}
		case '(':
			depth++
			if j+1 >= len(s) || s[j+1] != '?' {
				return "", 0, fmt.Errorf("capturing groups are not allowed inside a param pattern at %d (use (?:...))", j)
			}
		}
	}
	return "", 0, fmt.Errorf(`unbalanced "(" at %d`, open)
}

// isNameByte reports whether c may appear in a param name: [A-Za-z0-9_].
func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
