package match

import (
	"strings"
	"testing"
)

func BenchmarkMatch(b *testing.B) {
	benchmarks := []struct{ name, pattern, path string }{
		{"static", "/about", "/about"},
		{"param", "/blog/:slug", "/blog/hello-world"},
		{"miss", "/blog/:slug", "/docs/a/b"},
		{"catchall", "/:path*", "/docs/getting-started/installation"},
		{"regex", `/post/:id(\d{1,})`, "/post/12345"},
		{"lookahead", lookaheadMatcher, "/blog/hello-world"},
		{"lookahead-excluded", lookaheadMatcher, "/_next/static/chunks/main.js"},
		{"long-16KiB", "/:path*", strings.Repeat("/x", 8<<10)},
		{"pathological-16KiB", "/:a*/:b*/:c*/end", strings.Repeat("/x", 8<<10)},
	}
	for _, bm := range benchmarks {
		p := MustCompile(bm.pattern)
		path := []byte(bm.path)
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var ps Params
			for b.Loop() {
				ps.Reset()
				p.Match(path, &ps)
			}
		})
	}
}

func BenchmarkConditionsMatch(b *testing.B) {
	c, _ := CompileConditions(
		[]Condition{{Type: "header", Key: "x-a"}, {Type: "query", Key: "debug", Value: `\d`}},
		[]Condition{{Type: "cookie", Key: "seen"}},
	)
	r := req("header:x-a=1", "query:debug=3")
	b.ReportAllocs()
	var ps Params
	for b.Loop() {
		ps.Reset()
		c.Match(r, &ps)
	}
}

func BenchmarkAppendURL(b *testing.B) {
	ps, names := params("path=foo/bar")
	d, _ := CompileDestination("https://example.com/:path*?from=ext", names)
	query := []byte("q=1&from=user")
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = d.AppendURL(buf[:0], ps, query, false)
	}
}
