package routes

import "testing"

func BenchmarkStatic(b *testing.B) {
	tab := mustNew(b, append(pages(appRoutes...), Entry{Route: "/images/dot.png", Kind: Public, File: "/app/public/images/dot.png"}))
	for _, tc := range []struct{ name, path string }{
		{"page", "/about"},
		{"public", "/images/dot.png"},
		{"miss", "/missing"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			p := []byte(tc.path)
			b.ReportAllocs()
			for b.Loop() {
				tab.Static(p)
			}
		})
	}
}

func BenchmarkDynamic(b *testing.B) {
	tab := mustNew(b, pages(append(appRoutes, "/p/static/[a]", "/p/[x]/[a]", "/p/[...rest]")...))
	for _, tc := range []struct{ name, path string }{
		{"param", "/blog/hello"},
		{"nested", "/users/42/posts/7"},
		{"catchall", "/docs/a/b/c"},
		{"optional-empty", "/shop"},
		{"backtrack", "/p/static/1/2"},
		{"miss", "/users/42/x"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			p := []byte(tc.path)
			var m Match
			b.ReportAllocs()
			for b.Loop() {
				if tab.Dynamic(p, &m) == nil && tc.name != "miss" {
					b.Fatal("no match")
				}
			}
		})
	}
}
