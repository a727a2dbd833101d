package match

import (
	"regexp"
	"regexp/syntax"
	"testing"
)

var regexInputs = []string{
	"", "a", "A", "abc-9", "k", "K", "xyz", "Z9_", "a/b", "/", "x\ny", "é", "\xff", "12", "-", ".png", "x.PNG", "x.png/",
	"api", "API/x", "apiary", "_next/static/a.js", "_next/imagex", "a.jpg", "b.c",
}

// The byte-class fast path must decide exactly what the regexp would.
func TestByteClassAgreesWithRegexp(t *testing.T) {
	tests := []struct {
		pattern string
		class   bool // whether the fast path applies
	}{
		{`\d+`, true}, {`\d{1,}`, true}, {`[a-z0-9-]+`, true}, {`.*`, true}, {`.+?`, true},
		{`[^/]+`, true}, {`a*`, true}, {`\w{0,}`, true}, {`[^a]*`, true}, {`\D+`, true},
		{`[^k]+`, true}, {`[a-z]+`, true}, {`(?-i:a)+`, true},
		{`\d{2,}`, false}, {`[é]+`, false}, {`a|b`, false}, {`\d+x`, false}, {`\pL+`, false},
	}
	for _, tt := range tests {
		pr, err := compileParamRegex(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		if (pr.class != nil) != tt.class {
			t.Errorf("%q: byte class used %v, want %v", tt.pattern, pr.class != nil, tt.class)
			continue
		}
		if pr.class == nil {
			continue
		}
		for _, in := range regexInputs {
			if got, want := pr.class.matches([]byte(in)), pr.re.MatchString(in); got != want {
				t.Errorf("%q on %q: byte class says %v, regexp %v", tt.pattern, in, got, want)
			}
		}
	}
}

// The split lookahead must decide exactly what ^(?i:alt) would.
func TestLookaheadAgreesWithRegexp(t *testing.T) {
	tests := []struct {
		alt                string
		prefixes, suffixes int
	}{
		{`api|_next/static|_next/image|.*\.png$`, 3, 1},
		{`a|b.c|.*\.(?:png|jpg)$|(x)`, 1, 0},
		{`(?i)API|x`, 0, 0},
		{`API|.*?\.PNG$`, 1, 1},
		{`API|a(?-i:b)`, 0, 0}, // inline flags: no split
		{`foo\|bar|[|]`, 2, 0},
	}
	for _, tt := range tests {
		la, err := compileLookahead(tt.alt, true)
		if err != nil {
			t.Fatalf("%q: %v", tt.alt, err)
		}
		if len(la.prefixes) != tt.prefixes || len(la.suffixes) != tt.suffixes {
			t.Errorf("%q: %d prefixes, %d suffixes; want %d, %d",
				tt.alt, len(la.prefixes), len(la.suffixes), tt.prefixes, tt.suffixes)
		}
		want := regexp.MustCompile(`^(?i:` + tt.alt + `)`)
		for _, in := range regexInputs {
			if got := la.matches([]byte(in)); got != want.MatchString(in) {
				t.Errorf("%q on %q: %v, regexp says %v", tt.alt, in, got, !got)
			}
		}
	}
}

func TestEndsLazy(t *testing.T) {
	for pattern, want := range map[string]bool{
		`.*`: false, `.*?`: true, `a+?`: true, `a??`: true, `a{1,3}?`: true, `a+?b`: false,
		`(?:x.*?)`: true, `.*?$`: true, `a|b*?`: false, `\+?`: false,
	} {
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := endsLazy(re); got != want {
			t.Errorf("endsLazy(%q) = %v, want %v", pattern, got, want)
		}
	}
}

// The oracle the fuzzers use must agree with the spec table, or the
// fuzzers prove nothing.
func TestOracleAgreesWithTable(t *testing.T) {
	checked := 0
	for _, tt := range matchTests {
		if o := newOracle(tt.pattern); o != nil {
			o.check(t, MustCompile(tt.pattern), tt.path)
			checked++
		}
	}
	if checked < len(matchTests)*3/4 {
		t.Errorf("the oracle covers only %d of %d table entries", checked, len(matchTests))
	}
}
