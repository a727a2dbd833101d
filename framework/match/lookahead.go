package match

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// lookahead is a "(?!alt)" or "(?=alt)" at the start of a param's pattern,
// the form Next.js documents for proxy matchers:
// /((?!api|_next/static|_next/image|.*\.png$).*). Go's regexp has no
// lookaround, so the matcher evaluates it itself: at the position where the
// param starts it tests alt, anchored there and free to look at the whole
// rest of the path ("$" is the end of the path, as in JavaScript).
//
// Such a matcher runs on every request, and Go's regexp takes hundreds of
// nanoseconds even for ".*\.png$". So the two kinds of alternative it is
// written with are tested directly: a literal ("api") is a prefix test and
// ".*literal$" is a suffix test. Only the other alternatives go to re.
type lookahead struct {
	prefixes []string       // lowercased
	suffixes []string       // lowercased; the rest must also be one line, as "." does not match "\n"
	re       *regexp.Regexp // ^(?i:other|alternatives), or nil
	negative bool
}

// compileLookahead compiles alt, which checkRegex has accepted.
func compileLookahead(alt string, negative bool) (lookahead, error) {
	la := lookahead{negative: negative}
	var others []string
	alts := splitAlternatives(alt)
	if hasInlineFlags(alt) {
		alts, others = nil, []string{alt} // "(?i)" and the like reach across "|"
	}
	for _, a := range alts {
		if lit, ok := literalOf(a); ok {
			la.prefixes = append(la.prefixes, lit)
		} else if lit, ok := suffixOf(a); ok {
			la.suffixes = append(la.suffixes, lit)
		} else {
			others = append(others, a)
		}
	}
	if others != nil {
		re, err := regexp.Compile(`^(?i:` + strings.Join(others, "|") + `)`)
		if err != nil {
			return la, err
		}
		la.re = re
	}
	return la, nil
}

// allows reports whether the lookahead lets a param start at rest, the path
// from that position to its end.
func (la *lookahead) allows(rest []byte) bool {
	return la.matches(rest) != la.negative
}

func (la *lookahead) matches(rest []byte) bool {
	for _, p := range la.prefixes {
		if hasPrefixFold(rest, p) {
			return true
		}
	}
	if len(la.suffixes) > 0 && bytes.IndexByte(rest, '\n') < 0 {
		for _, s := range la.suffixes {
			if len(rest) >= len(s) && hasPrefixFold(rest[len(rest)-len(s):], s) {
				return true
			}
		}
	}
	return la.re != nil && la.re.Match(rest)
}

// literalOf returns the lowercased text of an alternative that is plain
// ASCII text ("api", "_next/static", "x\.y").
func literalOf(alt string) (string, bool) {
	re, err := syntax.Parse(alt, syntax.Perl)
	if err != nil || re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase != 0 {
		return "", false
	}
	return asciiText(re.Rune)
}

// suffixOf returns the lowercased text of an alternative of the form
// ".*text$" ("(?:.*)\.png$").
func suffixOf(alt string) (string, bool) {
	re, err := syntax.Parse(alt, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) != 3 {
		return "", false
	}
	star, lit, end := re.Sub[0], re.Sub[1], re.Sub[2]
	if star.Op != syntax.OpStar || star.Sub[0].Op != syntax.OpAnyCharNotNL ||
		lit.Op != syntax.OpLiteral || lit.Flags&syntax.FoldCase != 0 || end.Op != syntax.OpEndText {
		return "", false
	}
	return asciiText(lit.Rune)
}

func asciiText(runes []rune) (string, bool) {
	var b strings.Builder
	for _, r := range runes {
		if r >= utf8.RuneSelf {
			return "", false
		}
		b.WriteByte(lowerByte(byte(r)))
	}
	return b.String(), true
}

// hasInlineFlags reports whether re sets flags inline ("(?s)", "(?-i:").
func hasInlineFlags(re string) bool {
	for i := strings.Index(re, "(?"); i >= 0; i = strings.Index(re, "(?") {
		if i+2 < len(re) && (re[i+2] == '-' || 'a' <= re[i+2] && re[i+2] <= 'z' || 'A' <= re[i+2] && re[i+2] <= 'Z') &&
			re[i+2] != 'P' {
			return true
		}
		re = re[i+2:]
	}
	return false
}

// splitAlternatives splits re at its top-level "|".
func splitAlternatives(re string) []string {
	var alts []string
	depth, start := 0, 0
	for i := 0; i < len(re); i++ {
		switch re[i] {
		case '\\':
			i++
		case '[':
			i = classEnd(re, i)
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				alts = append(alts, re[start:i])
				start = i + 1
			}
		}
	}
	return append(alts, re[start:])
}

// splitLookaheads peels the lookaheads off the start of a param pattern:
// "(?!api|_next).*" gives [{"api|_next", negative}] and ".*". Whatever
// follows them must be plain Go regexp syntax.
func splitLookaheads(pattern string) (alts []string, negative []bool, rest string) {
	rest = pattern
	for strings.HasPrefix(rest, "(?!") || strings.HasPrefix(rest, "(?=") {
		end := closingParen(rest)
		if end < 0 {
			break // unbalanced: let the regexp parser report it
		}
		alts = append(alts, rest[3:end])
		negative = append(negative, rest[2] == '!')
		rest = rest[end+1:]
	}
	return alts, negative, rest
}

// closingParen returns the index of the ")" that closes the group opening
// re, skipping escapes and character classes, or -1.
func closingParen(re string) int {
	depth := 0
	for i := 0; i < len(re); i++ {
		switch re[i] {
		case '\\':
			i++
		case '[':
			i = classEnd(re, i)
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// classEnd returns the index of the "]" that closes the character class
// opening at re[open], or len(re) when it is not closed. A "]" right after
// "[" or "[^" is a literal, as in Go's syntax.
func classEnd(re string, open int) int {
	i := open + 1
	if i < len(re) && re[i] == '^' {
		i++
	}
	if i < len(re) && re[i] == ']' {
		i++
	}
	for ; i < len(re); i++ {
		switch re[i] {
		case '\\':
			i++
		case ']':
			return i
		}
	}
	return len(re)
}
