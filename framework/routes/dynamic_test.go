package routes

import (
	"slices"
	"testing"
)

// appRoutes is a Next.js pages tree with every kind of segment and a route
// ("/[lang]/x") that competes with the others at the top level.
var appRoutes = []string{
	"/", "/about", "/blog", "/blog/[slug]", "/docs/[...path]", "/shop/[[...all]]",
	"/users/me", "/users/[id]", "/users/[id]/posts/[postId]", "/[lang]/x",
}

// TestLookup is the lookup spec: Static first, then Dynamic, as the
// pipeline does. Params are spans of the raw path, listed in order.
func TestLookup(t *testing.T) {
	tab := mustNew(t, pages(appRoutes...))
	for _, tc := range []struct {
		path   string
		route  string   // "" when nothing matches
		params []string // name=value
	}{
		{"/", "/", nil},
		{"/about", "/about", nil},
		{"/blog", "/blog", nil},
		{"/blog/hello", "/blog/[slug]", []string{"slug=hello"}},
		{"/blog/hello%20world", "/blog/[slug]", []string{"slug=hello%20world"}}, // raw span
		{"/blog/a/b", "", nil},
		{"/docs", "", nil}, // [...path] needs a segment
		{"/docs/a", "/docs/[...path]", []string{"path=a"}},
		{"/docs/a/b/c", "/docs/[...path]", []string{"path=a/b/c"}},
		{"/shop", "/shop/[[...all]]", nil}, // an empty optional catch-all is not set
		{"/shop/a", "/shop/[[...all]]", []string{"all=a"}},
		{"/shop/a/b", "/shop/[[...all]]", []string{"all=a/b"}},
		{"/users/me", "/users/me", nil}, // the static page wins
		{"/users/42", "/users/[id]", []string{"id=42"}},
		{"/users/42/posts/7", "/users/[id]/posts/[postId]", []string{"id=42", "postId=7"}},
		{"/users/me/posts/7", "/users/[id]/posts/[postId]", []string{"id=me", "postId=7"}},
		{"/users/42/posts", "", nil},
		{"/en/x", "/[lang]/x", []string{"lang=en"}},
		{"/docs/x", "/docs/[...path]", []string{"path=x"}}, // static "docs" before [lang]
		{"/about/x", "/[lang]/x", []string{"lang=about"}},  // "/about" is static only
		{"/users/42/x", "", nil},

		// Bytes are compared as they are: no case folding, no decoding, no
		// slash cleaning (the pipeline normalizes before looking up).
		{"/Users/42", "", nil},
		{"/users/42/", "", nil},
		{"/users//42", "", nil},
		{"/docs/a//b", "", nil},
		{"/docs/a/", "", nil},
		{"/shop/", "", nil},
		{"//", "", nil},
		{"", "", nil},
		{"users/42", "", nil},
	} {
		route, params := lookup(tab, tc.path)
		if route != tc.route || !slices.Equal(params, tc.params) {
			t.Errorf("%q: got %q %q, want %q %q", tc.path, route, params, tc.route, tc.params)
		}
	}
}

// TestPriority shows the order at one level: static name, then [x], then
// [...x], then [[...x]], with backtracking when a choice fails further down.
func TestPriority(t *testing.T) {
	tab := mustNew(t, pages(
		"/p/static/[a]", "/p/[x]/[a]", "/p/[...rest]",
		"/q/[x]", "/q/[[...opt]]",
	))
	for _, tc := range []struct {
		path   string
		route  string
		params []string
	}{
		{"/p/static/1", "/p/static/[a]", []string{"a=1"}},
		{"/p/other/1", "/p/[x]/[a]", []string{"x=other", "a=1"}},
		{"/p/static", "/p/[...rest]", []string{"rest=static"}},
		{"/p/static/1/2", "/p/[...rest]", []string{"rest=static/1/2"}}, // static and [x] fail at "2"
		{"/q", "/q/[[...opt]]", nil},
		{"/q/a", "/q/[x]", []string{"x=a"}},
		{"/q/a/b", "/q/[[...opt]]", []string{"opt=a/b"}},
	} {
		route, params := lookup(tab, tc.path)
		if route != tc.route || !slices.Equal(params, tc.params) {
			t.Errorf("%q: got %q %q, want %q %q", tc.path, route, params, tc.route, tc.params)
		}
	}
	want := []string{"/p/static/[a]", "/p/[x]/[a]", "/p/[...rest]", "/q/[x]", "/q/[[...opt]]"}
	if got := routeNames(tab); !slices.Equal(got, want) {
		t.Errorf("Routes() = %q, want %q", got, want)
	}
}

// TestRoutesOrder: static routes by path, then dynamic ones in the order
// Next.js's getSortedRoutes gives them.
func TestRoutesOrder(t *testing.T) {
	tab := mustNew(t, pages(append(appRoutes, "/[[...all]]")[1:]...)) // no "/" beside "/[[...all]]"
	want := []string{
		"/about", "/blog", "/users/me",
		"/blog/[slug]", "/docs/[...path]", "/shop/[[...all]]",
		"/users/[id]", "/users/[id]/posts/[postId]",
		"/[lang]/x", "/[[...all]]",
	}
	if got := routeNames(tab); !slices.Equal(got, want) {
		t.Errorf("Routes() =\n%q\nwant\n%q", got, want)
	}
	for path, want := range map[string]string{"/": "/[[...all]]", "/en/y": "/[[...all]]", "/blog/a/b": "/[[...all]]"} {
		if got, _ := lookup(tab, path); got != want {
			t.Errorf("%q: got %q, want %q", path, got, want)
		}
	}
}

func TestDynamicAPI(t *testing.T) {
	tab := mustNew(t, []Entry{{Route: "/api/users/[id]", Kind: API}})
	var m Match
	r := tab.Dynamic([]byte("/api/users/7"), &m)
	if r == nil || r.Kind != API || m.N != 1 || m.Names[0] != "id" {
		t.Fatalf("got %v %+v", r, m)
	}
}

// lookup resolves path like the pipeline: Static, then Dynamic.
func lookup(tab *Table, path string) (route string, params []string) {
	if r := tab.Static([]byte(path)); r != nil {
		return r.Route, nil
	}
	var m Match
	r := tab.Dynamic([]byte(path), &m)
	if r == nil {
		if m.N != 0 {
			params = append(params, "leftover params")
		}
		return "", params
	}
	for i := range m.N {
		s := m.Spans[i]
		params = append(params, m.Names[i]+"="+path[s.Start:s.End])
	}
	return r.Route, params
}
