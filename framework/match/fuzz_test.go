package match

import (
	"regexp"
	"strings"
	"testing"
)

// oracle is the regexp path-to-regexp v6's tokensToRegexp builds for a
// pattern, compiled by Go's regexp. Go's leftmost-first matching picks the
// submatches a backtracking engine would, so the matcher must agree with it:
// always on whether a path matches, and on the captures when every param
// uses the default pattern. (A custom pattern's candidates are tried
// longest-first, which is what a backtracking engine does only for simple
// patterns: "a|ab" prefers "a".) It is nil when the comparison does not
// apply: lookaheads, which Go lacks, and anchors or word boundaries inside
// a param pattern, which mean the whole path to JavaScript but the
// candidate to the matcher.
type oracle struct {
	re       *regexp.Regexp
	captures bool
}

func newOracle(source string) *oracle {
	parts, err := parse(source)
	if err != nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("(?i)^")
	captures := true
	for _, pt := range parts {
		if !pt.key {
			b.WriteString(regexp.QuoteMeta(pt.text))
			continue
		}
		prefix, suffix := regexp.QuoteMeta(pt.prefix), regexp.QuoteMeta(pt.suffix)
		pattern := pt.pattern
		if pt.name != "" && pattern == "" {
			pattern = `[^/]+?`
		}
		if pt.pattern != "" {
			captures = false
			if strings.ContainsAny(pt.pattern, "^$") || strings.Contains(pt.pattern, `\b`) ||
				strings.Contains(pt.pattern, `\B`) || strings.Contains(pt.pattern, `\A`) ||
				strings.Contains(pt.pattern, `\z`) || strings.Contains(pt.pattern, `(?=`) ||
				strings.Contains(pt.pattern, `(?!`) {
				return nil
			}
		}
		mod := ""
		if pt.modifier != 0 {
			mod = string(pt.modifier)
		}
		switch {
		case pattern == "":
			b.WriteString("(?:" + prefix + suffix + ")" + mod)
		case prefix != "" || suffix != "":
			if pt.modifier == '*' || pt.modifier == '+' {
				opt := ""
				if pt.modifier == '*' {
					opt = "?"
				}
				b.WriteString("(?:" + prefix + "((?:" + pattern + ")(?:" + suffix + prefix + "(?:" + pattern + "))*)" + suffix + ")" + opt)
			} else {
				b.WriteString("(?:" + prefix + "(" + pattern + ")" + suffix + ")" + mod)
			}
		case pt.modifier == '*' || pt.modifier == '+':
			b.WriteString("((?:" + pattern + ")" + mod + ")")
		default:
			b.WriteString("(" + pattern + ")" + mod)
		}
	}
	b.WriteString("/?$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return &oracle{re: re, captures: captures}
}

// check compares the matcher's result on path with the oracle's.
func (o *oracle) check(t *testing.T, p *Pattern, path string) {
	if o == nil || !isASCII(path) {
		return // non-ASCII: Go's (?i) folds "ſ" and "K" into [a-z], JavaScript does not
	}
	var ps Params
	got := p.Match([]byte(path), &ps)
	m := o.re.FindStringSubmatchIndex(path)
	if got != (m != nil) {
		t.Fatalf("%q on %q: matched %v, the regexp %q says %v", p.Source(), path, got, o.re, m != nil)
	}
	if !got || !o.captures {
		return
	}
	var want Params
	names := p.Names()
	for i := range names {
		if m[2+2*i] >= 0 {
			want.Add(names[i], []byte(path[m[2+2*i]:m[3+2*i]]))
		}
	}
	if dump(&ps) != dump(&want) {
		t.Fatalf("%q on %q: captured %q, the regexp %q gives %q", p.Source(), path, dump(&ps), o.re, dump(&want))
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var fuzzPaths = []string{
	"", "/", "//", "/about", "/about/", "/blog/hello", "/blog/a/b", "/x-y-z", "/a.b.c",
	"/post/123", "/api/x", "/_next/static/a.js", "/img/a.png", "/fr/about", "/a/b/c/",
}

// FuzzCompile compiles any source. What compiles must match without
// panicking, leave params alone on failure, agree with the oracle, and keep
// FirstSegment's promise: every path it matches starts with that segment.
func FuzzCompile(f *testing.F) {
	for _, tt := range matchTests {
		f.Add(tt.pattern, tt.path)
	}
	f.Add("/:x((?<=a)b)", "/b")
	f.Add("{/:a}*{-:b(\\d+)}+", "/x-1-2")
	f.Fuzz(func(t *testing.T, source, path string) {
		p, err := Compile(source)
		if err != nil {
			return
		}
		o := newOracle(source)
		for _, path := range append(fuzzPaths, path) {
			var ps Params
			ps.Add("keep", nil)
			ok := p.Match([]byte(path), &ps)
			if !ok && ps.Len() != 1 {
				t.Fatalf("%q on %q: failed match left %d params", source, path, ps.Len())
			}
			if ok && ps.Len() > 1+len(p.Names()) {
				t.Fatalf("%q on %q: %d params for %d names", source, path, ps.Len()-1, len(p.Names()))
			}
			if seg := p.FirstSegment(); ok && seg != "" && !strings.HasPrefix(lowerASCII(path), "/"+seg) {
				t.Fatalf("%q matched %q outside its first segment %q", source, path, seg)
			}
			if lit, isLit := p.Literal(); ok && isLit && strings.TrimRight(lowerASCII(path), "/") != strings.TrimRight(lit, "/") {
				t.Fatalf("%q matched %q, not its literal text %q", source, path, lit)
			}
			o.check(t, p, path)
			checkQuick(t, p, path)
		}
	})
}

// checkQuick compares quickMatch with the engine alone. Unlike the oracle
// it covers lookaheads.
func checkQuick(t *testing.T, p *Pattern, path string) {
	if p.quick == quickNone {
		return
	}
	var quick, engine Params
	got := p.quickMatch([]byte(path), &quick)
	if want := p.matchEngine([]byte(path), &engine); got != want || dump(&quick) != dump(&engine) {
		t.Fatalf("%q on %q: quickMatch gives %v %q, the engine %v %q", p.Source(), path, got, dump(&quick), want, dump(&engine))
	}
}

// fuzzPatterns are the patterns FuzzMatch runs paths against: the table's
// and a few with several variable parts.
var fuzzPatterns = func() []string {
	list := []string{"/:a*/:b*/:c*/end", "/:a-:b-:c", "/:a.:b?/:c+", "{/:x}*/y{-:z}?", `/:a(\d+)-:b([a-z]+)?`,
		lookaheadMatcher, "/:path*", "/docs/:rest+", `/post/:id(\d+)`, `/x/:v([^/]+)`, `/((?!api).*)`}
	for _, tt := range matchTests {
		list = append(list, tt.pattern)
	}
	return list
}()

// FuzzMatch runs fuzzed paths against known patterns and compares them
// with the oracle.
func FuzzMatch(f *testing.F) {
	for i, tt := range matchTests {
		f.Add(uint8(i), tt.path)
	}
	f.Fuzz(func(t *testing.T, which uint8, path string) {
		source := fuzzPatterns[int(which)%len(fuzzPatterns)]
		p := MustCompile(source)
		var ps Params
		p.Match([]byte(path), &ps)
		newOracle(source).check(t, p, path)
		checkQuick(t, p, path)
	})
}
