package routes

import "testing"

// TestAllocations: lookups run per request and must not allocate, found or
// not, backtracking or not.
func TestAllocations(t *testing.T) {
	tab := mustNew(t, append(pages(appRoutes...), Entry{Route: "/file.txt", Kind: Public, File: "/app/public/file.txt"}))
	var m Match
	for _, path := range []string{
		"/", "/about", "/file.txt", "/nope",
		"/blog/hello", "/users/42/posts/7", "/docs/a/b/c", "/shop", "/en/x", "/users/42/x", "/docs/a//b",
	} {
		p := []byte(path)
		if n := testing.AllocsPerRun(100, func() { tab.Static(p) }); n != 0 {
			t.Errorf("Static(%q): %v allocs", path, n)
		}
		if n := testing.AllocsPerRun(100, func() { tab.Dynamic(p, &m) }); n != 0 {
			t.Errorf("Dynamic(%q): %v allocs", path, n)
		}
	}
}
