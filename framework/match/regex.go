package match

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paramRegex is a param's custom pattern ("/post/:id(\d{1,})"), compiled
// for the matcher. Instead of one big regexp for the whole source pattern,
// the matcher proposes candidate substrings and asks re whether each one is
// a whole match; that keeps matching on the path bytes and allocation-free,
// and lets the matcher handle lookaheads, which Go's regexp lacks.
type paramRegex struct {
	re         *regexp.Regexp // ^(?i:pattern)$, without the leading lookaheads
	lookaheads []lookahead    // checked where the param starts
	lazy       bool           // the pattern ends in a lazy quantifier: try short candidates first
	noSlash    bool           // the pattern cannot match "/": candidates end in the current segment

	// class, when set, decides instead of re: the pattern is one character
	// class repeated, as most are ("\d+", "[a-z0-9-]+", ".*", "[^/]+").
	class *byteClass
}

// compileParamRegex compiles a param's pattern. Leading lookaheads are
// handled natively; any other construct Go's RE2 syntax lacks is an error
// that names it.
func compileParamRegex(pattern string) (*paramRegex, error) {
	fail := func(err error) error { return fmt.Errorf("param regex %q: %w", pattern, err) }
	alts, negative, rest := splitLookaheads(pattern)
	pr := &paramRegex{}
	for i, alt := range alts {
		if err := checkRegex(alt, lookaheadNested); err != nil {
			return nil, fail(err)
		}
		la, err := compileLookahead(alt, negative[i])
		if err != nil {
			return nil, fail(err)
		}
		pr.lookaheads = append(pr.lookaheads, la)
	}
	if err := checkRegex(rest, lookaheadLater); err != nil {
		return nil, fail(err)
	}
	// The (?i:...) group keeps a top-level "|" inside the anchors, and makes
	// the pattern case-insensitive like the rest of the source pattern.
	re, err := regexp.Compile(`^(?i:` + rest + `)$`)
	if err != nil {
		return nil, fail(err)
	}
	tree, _ := syntax.Parse(rest, syntax.Perl) // checkRegex parsed it already
	folded, _ := syntax.Parse(rest, syntax.Perl|syntax.FoldCase)
	pr.re = re
	pr.lazy = endsLazy(tree)
	pr.noSlash = !canMatchSlash(tree)
	pr.class = compileByteClass(folded)
	return pr, nil
}

// byteClass is a pattern "X*" or "X+" (or "X{0,}", "X{1,}") where X is a
// character class that holds either no non-ASCII character or all of them.
// Then a test per byte decides a match, with no regexp run.
type byteClass struct {
	in  [256]bool
	min int // 0 or 1
}

func (c *byteClass) matches(b []byte) bool {
	if len(b) < c.min {
		return false
	}
	for _, x := range b {
		if !c.in[x] {
			return false
		}
	}
	return true
}

// compileByteClass returns the byteClass re is, or nil. re must be parsed
// with syntax.FoldCase, so that its classes are case-folded as (?i) does.
func compileByteClass(re *syntax.Regexp) *byteClass {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	c := &byteClass{}
	switch {
	case re.Op == syntax.OpStar:
	case re.Op == syntax.OpPlus:
		c.min = 1
	case re.Op == syntax.OpRepeat && re.Max == -1 && re.Min <= 1:
		c.min = re.Min
	default:
		return nil
	}
	x := re.Sub[0]
	var ranges []rune
	switch x.Op {
	case syntax.OpCharClass:
		ranges = x.Rune
	case syntax.OpAnyCharNotNL:
		ranges = []rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune}
	case syntax.OpAnyChar:
		ranges = []rune{0, unicode.MaxRune}
	case syntax.OpLiteral:
		if len(x.Rune) != 1 || x.Rune[0] >= utf8.RuneSelf {
			return nil
		}
		r := byte(x.Rune[0])
		ranges = []rune{rune(r), rune(r)}
		if x.Flags&syntax.FoldCase != 0 {
			ranges = []rune{rune(lowerByte(r)), rune(lowerByte(r)), rune(upperByte(r)), rune(upperByte(r))}
		}
	default:
		return nil
	}
	all, none := nonASCII(ranges)
	if !all && !none {
		return nil // some non-ASCII characters only: leave it to the regexp
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r < utf8.RuneSelf; r++ {
			c.in[r] = true
		}
	}
	for b := utf8.RuneSelf; b < 256; b++ {
		c.in[b] = all // UTF-8 sequences and invalid bytes alike
	}
	return c
}

// foldOnlyInGo are the two non-ASCII characters Go's (?i) folds into ASCII
// letters ("ſ" into s, the Kelvin sign into k) and JavaScript's "i" flag
// does not. The byte class leaves them out of account: for them it
// decides as JavaScript does.
var foldOnlyInGo = []rune{'\u017F', '\u212A'}

// nonASCII reports whether a class holds all non-ASCII characters or none.
func nonASCII(ranges []rune) (all, none bool) {
	covered := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := max(ranges[i], utf8.RuneSelf), ranges[i+1]
		if lo > hi {
			continue
		}
		covered += int(hi - lo + 1)
		for _, r := range foldOnlyInGo {
			if lo <= r && r <= hi {
				covered--
			}
		}
	}
	total := unicode.MaxRune - utf8.RuneSelf + 1 - len(foldOnlyInGo)
	return covered == total, covered == 0
}

// What checkRegex says about a lookahead, depending on where it is.
const (
	lookaheadLater  = "is only supported at the start of a param pattern"
	lookaheadNested = "inside a lookahead is not supported"
	lookaheadNever  = "is not supported"
)

// checkRegex reports why re is not a Go regexp, naming the JavaScript
// constructs RE2 lacks rather than quoting the parser. onLookahead
// completes the message for a lookahead.
func checkRegex(re, onLookahead string) error {
	switch construct := unsupportedConstruct(re); construct {
	case "":
	case "lookahead", "negative lookahead":
		return fmt.Errorf("%s %s", construct, onLookahead)
	default:
		return fmt.Errorf("%s is not supported", construct)
	}
	if _, err := syntax.Parse(re, syntax.Perl); err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			if se.Expr == re {
				return errors.New(string(se.Code))
			}
			return fmt.Errorf("%s: %s", se.Code, se.Expr)
		}
		return err
	}
	return nil
}

// unsupportedConstruct returns the name of the first JavaScript regex
// construct in re that Go's regexp cannot compile (lookaround and
// backreferences), or "".
func unsupportedConstruct(re string) string {
	for i := 0; i < len(re); i++ {
		switch re[i] {
		case '\\':
			if i+1 < len(re) {
				switch c := re[i+1]; {
				case '1' <= c && c <= '9':
					return "backreference"
				case c == 'k' && i+2 < len(re) && re[i+2] == '<':
					return "named backreference"
				}
			}
			i++
		case '[':
			i = classEnd(re, i)
		case '(':
			rest := re[i+1:]
			switch {
			case strings.HasPrefix(rest, "?="):
				return "lookahead"
			case strings.HasPrefix(rest, "?!"):
				return "negative lookahead"
			case strings.HasPrefix(rest, "?<="):
				return "lookbehind"
			case strings.HasPrefix(rest, "?<!"):
				return "negative lookbehind"
			}
		}
	}
	return ""
}

// endsLazy reports whether re ends in a lazy quantifier ("+?", "*?", "??",
// "{n,m}?"). Such a pattern prefers short matches, so the matcher tries
// short candidates first, as a backtracking regex engine would.
func endsLazy(re *syntax.Regexp) bool {
	for {
		switch re.Op {
		case syntax.OpConcat:
			i := len(re.Sub) - 1
			for i > 0 && emptyWidth(re.Sub[i].Op) {
				i--
			}
			re = re.Sub[i]
		case syntax.OpCapture:
			re = re.Sub[0]
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			return re.Flags&syntax.NonGreedy != 0
		default:
			return false
		}
	}
}

func emptyWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// canMatchSlash reports whether re may match a string containing "/". When
// it cannot, a candidate match never leaves the current path segment, which
// bounds the work per param by the segment length instead of the path
// length. It errs on the side of true.
func canMatchSlash(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '/' {
				return true
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '/' && '/' <= re.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	}
	for _, sub := range re.Sub {
		if canMatchSlash(sub) {
			return true
		}
	}
	return false
}
