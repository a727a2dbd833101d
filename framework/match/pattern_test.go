package match

import (
	"fmt"
	"strings"
	"testing"
)

// dump renders params as "name=value" pairs in capture order, the way the
// tables below write them.
func dump(ps *Params) string {
	var b strings.Builder
	for i := 0; i < ps.Len(); i++ {
		name, v := ps.At(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%s", name, v)
	}
	return b.String()
}

const lookaheadMatcher = `/((?!api|_next/static|_next/image|.*\.png$).*)`

// The expected results are what path-to-regexp v6's regexp gives in
// JavaScript with Next.js's options; "-" means no match.
var matchTests = []struct {
	pattern, path string
	want          string
}{
	// Literals: case-insensitive, one optional trailing slash.
	{"/about", "/about", ""},
	{"/about", "/About", ""},
	{"/about", "/about/", ""},
	{"/about", "/about//", "-"},
	{"/about", "/about/x", "-"},
	{"/about", "/abou", "-"},
	{"/about", "/aboutx", "-"},
	{"/", "/", ""},
	{"/", "", "-"},
	{`/a\:b`, "/a:b", ""},
	{"/a/:b?", "/a", ""},
	{`/a\/:b?`, "/a", "-"}, // an escaped "/" is text, not the param's prefix
	{`/a\/:b?`, "/a/", ""},

	// One segment params: the raw, still-encoded bytes are captured.
	{"/blog/:slug", "/blog/hello", "slug=hello"},
	{"/blog/:slug", "/blog/hello%20world", "slug=hello%20world"},
	{"/blog/:slug", "/BLOG/Hello", "slug=Hello"},
	{"/blog/:slug", "/blog/hello/", "slug=hello"},
	{"/blog/:slug", "/blog", "-"},
	{"/blog/:slug", "/blog/", "-"},
	{"/blog/:slug", "/blog/a/b", "-"},
	{"/blog/:slug", "/blog/hello//", "-"},
	{"/old-blog/:slug", "/old-blog/hello", "slug=hello"},
	{"/users/:id/posts/:postId", "/users/42/posts/7", "id=42 postId=7"},
	{"/blog-:x", "/blog-hello", "x=hello"},
	{"/blog-:x", "/blog-", "-"},
	{"/blog-:x", "/blog-a/b", "-"},
	{"/:a-:b", "/x-y-z", "a=x b=y-z"}, // the default pattern is lazy
	{"/:a-:b", "/x-y", "a=x b=y"},
	{"/:a-:b", "/xy", "-"},
	{"/user/:id.:ext", "/user/a.b.c", "id=a ext=b.c"},
	{"/files/:name.:ext?", "/files/readme", "name=readme"},
	{"/files/:name.:ext?", "/files/readme.md", "name=readme ext=md"},

	// Custom patterns, case-insensitive like the whole regexp.
	{`/post/:id(\d{1,})`, "/post/123", "id=123"},
	{`/post/:id(\d{1,})`, "/post/abc", "-"},
	{`/post/:id(\d{1,})`, "/post/12a", "-"},
	{`/post/:id(\d{1,})`, "/post/", "-"},
	{`/post/:id(\d+)/edit`, "/post/7/edit", "id=7"},
	{"/:lang(en|fr)/docs", "/fr/docs", "lang=fr"},
	{"/:lang(en|fr)/docs", "/FR/docs", "lang=FR"},
	{"/:lang(en|fr)/docs", "/de/docs", "-"},
	{"/api/:path(.*)", "/api/a/b", "path=a/b"},
	{"/a/:b(.*?)", "/a/x/", "b=x"}, // lazy: the trailing slash is left over
	{"/a/:b(.*)", "/a/x/", "b=x/"}, // greedy: the trailing slash is captured
	{`/:a(.*)-:b(.*)`, "/x-y-z", "a=x-y b=z"},
	{`/:a(\d+)-:b`, "/12-x", "a=12 b=x"},

	// Optional and repeated params.
	{"/legacy/:path*", "/legacy", ""},
	{"/legacy/:path*", "/legacy/", ""},
	{"/legacy/:path*", "/legacy/a", "path=a"},
	{"/legacy/:path*", "/legacy/a/b", "path=a/b"},
	{"/legacy/:path*", "/legacy/a/b/", "path=a/b"},
	{"/legacy/:path*", "/legacyx", "-"},
	{"/:path*", "/", ""},
	{"/:path*", "", ""},
	{"/:path*", "/x/y", "path=x/y"},
	{"/:path*", "/a//b", "-"},
	{"/:path+", "/", "-"},
	{"/:path+", "/a", "path=a"},
	{"/:path+", "/a/b/c/", "path=a/b/c"},
	{"/:path*.html", "/a/b.html", "path=a/b"},
	{"/:path*/edit", "/a/b/edit", "path=a/b"},
	{"/:path*/edit", "/edit", ""},
	{"/docs/:a?", "/docs", ""},
	{"/docs/:a?", "/docs/x", "a=x"},
	{"/docs/:a?", "/docs/x/y", "-"},
	{"/x-:a*", "/x-", "a="}, // "((?:[^/]+?)*)" captures "" when it repeats zero times
	{"/x-:a*", "/x-abc", "a=abc"},
	{`/n/:id(\d+)+`, "/n/1/22/333", "id=1/22/333"},
	{`/n/:id(\d+)+`, "/n/1/x", "-"},
	{"/:a*/:b*/end", "/x/y/end", "a=x/y"},

	// Unnamed groups are numbered.
	{"/(.*)", "/", "0="},
	{"/(.*)", "/a/b", "0=a/b"},
	{"/(.*)", "/a/", "0=a/"},
	{`/(\d+)/(\w+)`, "/1/ab", "0=1 1=ab"},

	// {groups}.
	{"{/:lang}?/about", "/about", ""},
	{"{/:lang}?/about", "/fr/about", "lang=fr"},
	{"{/:lang}?/about", "/fr/de/about", "-"},
	{"/a{-:b}?", "/a-x", "b=x"},
	{"/a{-:b}?", "/a", ""},
	{"/a{/b}?/c", "/a/c", ""},
	{"/a{/b}?/c", "/a/b/c", ""},
	{"/a{/b}*/c", "/a/b/b/c", ""},
	{"/a{/b}+/c", "/a/c", "-"},
	{"/x{/:y(\\d+)}*", "/x/1/2", "y=1/2"},

	// The lookahead Next.js documents for proxy matchers.
	{lookaheadMatcher, "/", "0="},
	{lookaheadMatcher, "/about", "0=about"},
	{lookaheadMatcher, "/blog/x.pngx", "0=blog/x.pngx"},
	{lookaheadMatcher, "/api/hello", "-"},
	{lookaheadMatcher, "/API", "-"},
	{lookaheadMatcher, "/apiary", "-"}, // a plain prefix: /apiary is excluded too
	{lookaheadMatcher, "/_next/static/x", "-"},
	{lookaheadMatcher, "/_next/image", "-"},
	{lookaheadMatcher, "/images/dot.png", "-"},
	{lookaheadMatcher, "/IMAGES/DOT.PNG", "-"},
	{lookaheadMatcher, "/images/dot.png/", "0=images/dot.png/"}, // "$" is the end of the path
	{"/:p((?=a).*)", "/abc", "p=abc"},
	{"/:p((?=a).*)", "/bc", "-"},
	{"/:p((?!a)(?!b).*)", "/cab", "p=cab"},
	{"/:p((?!a)(?!b).*)", "/bca", "-"},
}

func TestMatch(t *testing.T) {
	for _, tt := range matchTests {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		var ps Params
		ps.Add("before", []byte("kept"))
		ok := p.Match([]byte(tt.path), &ps)
		got := "-"
		if ok {
			got = strings.TrimPrefix(strings.TrimPrefix(dump(&ps), "before=kept"), " ")
		} else if ps.Len() != 1 {
			t.Errorf("%q on %q: failed match left params %s", tt.pattern, tt.path, dump(&ps))
		}
		if got != tt.want {
			t.Errorf("%q on %q: got %q, want %q", tt.pattern, tt.path, got, tt.want)
		}
		checkQuick(t, p, tt.path)
	}
}

// TestQuickShape lists which patterns take quickMatch.
func TestQuickShape(t *testing.T) {
	tests := []struct {
		pattern string
		want    quickShape
	}{
		{"/blog/:slug", quickSegment},
		{"/:slug", quickSegment},
		{"/:path*", quickSegments},
		{"/docs/:rest+", quickSegments},
		{lookaheadMatcher, quickClass},
		{`/post/:id(\d+)`, quickClass},
		{"/about", quickLiteral},
		{"", quickLiteral},
		{"/blog{/:x}?", quickNone},
		{"/blog/:slug/edit", quickNone},
		{"/:a/:b", quickNone},
		{"/blog/:slug?", quickNone},
		{`/x/:v(.*?)`, quickNone},
	}
	for _, tt := range tests {
		if got := MustCompile(tt.pattern).quick; got != tt.want {
			t.Errorf("%q: quickShape %d, want %d", tt.pattern, got, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tooMany := ""
	for i := 0; i <= MaxParams; i++ {
		tooMany += fmt.Sprintf("/:p%d", i)
	}
	tests := []struct{ pattern, want string }{
		{"/x(", `unbalanced "(" at 2`},
		{"/:", `missing parameter name after ":" at 1`},
		{"/x(a(b))", "capturing groups are not allowed inside a param pattern at 4"},
		{"/x(?a)", `param pattern cannot start with "?" at 3`},
		{"/x()", `empty param pattern "()" at 2`},
		{`/x\`, `trailing "\" at 2`},
		{"/a?", `"?" at 2 must follow a param or a {group}`},
		{"/a}", `unmatched "}" at 2`},
		{"/{a", `unexpected end of pattern at 3, want "}" to close the "{" at 1`},
		{"/{:a:b}", `unexpected ":b" at 4, want "}" to close the "{" at 1`},
		{"/:x((?<=a)b)", `param regex "(?<=a)b": lookbehind is not supported`},
		{"/:x((?<!a)b)", `param regex "(?<!a)b": negative lookbehind is not supported`},
		{"/:x(a(?!b))", `param regex "a(?!b)": negative lookahead is only supported at the start of a param pattern`},
		{"/:x((?!(?=a))b)", `param regex "(?!(?=a))b": lookahead inside a lookahead is not supported`},
		{`/:x((a)\1)`, "capturing groups are not allowed"},
		{`/:x((?:a)\1)`, `param regex "(?:a)\\1": backreference is not supported`},
		{`/:x([a)`, `param regex "[a": missing closing ]`},
		{`/:x(a{2000})`, `param regex "a{2000}": invalid repeat count: {2000}`},
		{tooMany, "pattern has 17 params, more than the 16 a rule can capture"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.pattern)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compile(%q) = %v, want an error containing %q", tt.pattern, err, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"/about", ""},
		{"/blog/:slug", "slug"},
		{"/(.*)/:x/(\\d+)", "0 x 1"},
		{"{/:lang}?/:path*", "lang path"},
		{"/a{/b}?", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(MustCompile(tt.pattern).Names(), " "); got != tt.want {
			t.Errorf("Names(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestFirstSegment(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"/blog/:slug", "blog"},
		{"/about", "about"},
		{"/About/Us", "about"},
		{"/docs/:a?", "docs"},
		{"/legacy/:path*", "legacy"},
		{"/blog{/x}?", "blog"},
		{"/:path*", ""},
		{"/(.*)", ""},
		{"/blog-:x", ""},
		{"/blog.:ext", ""},
		{"{/:lang}?/about", ""},
		{"/", ""},
		{"", ""},
		{lookaheadMatcher, ""},
	}
	for _, tt := range tests {
		if got := MustCompile(tt.pattern).FirstSegment(); got != tt.want {
			t.Errorf("FirstSegment(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		pattern, want string
		ok            bool
	}{
		{"/about", "/about", true},
		{"/Blog/Old-Post", "/blog/old-post", true},
		{"/blog{/x}", "/blog/x", true},
		{"/a\\:b", "/a:b", true},
		{"/", "/", true},
		{"/blog/:slug", "", false},
		{"/blog{/x}?", "", false},
		{"/(.*)", "", false},
		{lookaheadMatcher, "", false},
	}
	for _, tt := range tests {
		got, ok := MustCompile(tt.pattern).Literal()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Literal(%q) = %q, %v; want %q, %v", tt.pattern, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPathological checks that patterns with several variable parts stay
// fast on long paths that make plain backtracking explode.
func TestPathological(t *testing.T) {
	long := strings.Repeat("/x", 8<<10) // 16 KiB, 8192 segments
	dashes := "/" + strings.Repeat("x-", 8<<10)
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/:a*/:b*/:c*/end", long, false},
		{"/:a*/:b*/:c*/x", long, true},
		{"/:a-:b-:c-:d/", dashes + "/y", false},
		{"/:a(.*)/:b(.*)/end", long, false},
		{"/:a(.*)-:b(.*)-:c(.*)/z", dashes, false},
		{"/:a(x)+/end", long, false},
		{lookaheadMatcher, long, true},
	}
	for _, tt := range tests {
		var ps Params
		if got := MustCompile(tt.pattern).Match([]byte(tt.path), &ps); got != tt.want {
			t.Errorf("%q on a long path: got %v, want %v", tt.pattern, got, tt.want)
		}
	}
}
