package routes

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// fixtureA is the conformance app whose pages and public files the Go app
// mirrors; its .js pages are Next.js's and are left out by the extensions.
const fixtureA = "../../../shared/conformance/a"

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Page: "page", API: "api", Public: "public", 9: "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

// TestFixtureA is the route list the conformance app a must give: static
// routes by path, then dynamic ones in match order, each with its kind and
// file.
func TestFixtureA(t *testing.T) {
	if _, err := os.Stat(fixtureA); err != nil {
		t.Skipf("conformance fixture not present: %v", err)
	}
	pages, err := ScanPages(filepath.Join(fixtureA, "pages"), []string{"html", "md"})
	if err != nil {
		t.Fatal(err)
	}
	public, err := ScanPublic(filepath.Join(fixtureA, "public"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := New(append(pages, public...))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(fixtureA)
	var got []string
	for i, r := range tab.Routes() {
		if r.ID != i {
			t.Errorf("%s: ID %d, want %d", r.Route, r.ID, i)
		}
		rel, _ := filepath.Rel(abs, r.File)
		got = append(got, fmt.Sprintf("%-6s %-28s %s", r.Kind, r.Route, filepath.ToSlash(rel)))
	}
	want := []string{
		"page   /                            pages/index.html",
		"page   /404                         pages/404.html",
		"page   /about                       pages/about.html",
		"page   /blog                        pages/blog/index.html",
		"page   /echo                        pages/echo.html",
		"public /file.txt                    public/file.txt",
		"public /images/dot.png              public/images/dot.png",
		"page   /login                       pages/login.html",
		"public /nested/data.json            public/nested/data.json",
		"public /robots.txt                  public/robots.txt",
		"page   /secret                      pages/secret.html",
		"page   /users/me                    pages/users/me.html",
		"page   /blog/[slug]                 pages/blog/[slug].html",
		"page   /docs/[...path]              pages/docs/[...path].html",
		"page   /shop/[[...all]]             pages/shop/[[...all]].html",
		"page   /users/[id]                  pages/users/[id].html",
		"page   /users/[id]/posts/[postId]   pages/users/[id]/posts/[postId].html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("routes:\n%s\nwant:\n%s", lines(got), lines(want))
	}

	if r := tab.ErrorPage(404); r == nil || r.Route != "/404" {
		t.Errorf("ErrorPage(404) = %v, want /404", r)
	}
	if r := tab.ErrorPage(500); r != nil {
		t.Errorf("ErrorPage(500) = %v, want nil (fixture a has no 500 page)", r.Route)
	}
}

func TestRouteParams(t *testing.T) {
	tab := mustNew(t, pages("/users/[id]/posts/[postId]", "/docs/[...path]", "/shop/[[...all]]", "/about"))
	for _, tc := range []struct {
		route    string
		dynamic  bool
		params   []string
		catchAll []bool
	}{
		{"/about", false, nil, nil},
		{"/users/[id]/posts/[postId]", true, []string{"id", "postId"}, []bool{false, false}},
		{"/docs/[...path]", true, []string{"path"}, []bool{true}},
		{"/shop/[[...all]]", true, []string{"all"}, []bool{true}},
	} {
		r := find(tab, tc.route)
		if r == nil {
			t.Fatalf("%s: not in Routes()", tc.route)
		}
		if r.Dynamic != tc.dynamic || !slices.Equal(r.Params, tc.params) || !slices.Equal(r.CatchAll, tc.catchAll) {
			t.Errorf("%s: Dynamic %v Params %q CatchAll %v, want %v %q %v",
				tc.route, r.Dynamic, r.Params, r.CatchAll, tc.dynamic, tc.params, tc.catchAll)
		}
	}
}

func TestStatic(t *testing.T) {
	entries := append(pages("/", "/about", "/blog/[slug]", "/404", "/500"),
		Entry{Route: "/api/hello", Kind: API},
		Entry{Route: "/file.txt", Kind: Public, File: "/app/public/file.txt"},
		Entry{Route: "/[id].txt", Kind: Public, File: "/app/public/[id].txt"},
	)
	tab := mustNew(t, entries)
	for _, tc := range []struct {
		path, want string // want "" for nil
	}{
		{"/", "/"},
		{"/about", "/about"},
		{"/api/hello", "/api/hello"},
		{"/file.txt", "/file.txt"},
		{"/[id].txt", "/[id].txt"}, // public names are paths, not patterns
		{"/About", ""},             // case-sensitive
		{"/about/", ""},            // the caller strips the trailing slash
		{"/blog/[slug]", ""},       // dynamic routes are Dynamic's
		{"/blog/x", ""},
		{"/404", ""}, // error pages only through ErrorPage
		{"/500", ""},
		{"", ""},
	} {
		got := ""
		if r := tab.Static([]byte(tc.path)); r != nil {
			got = r.Route
		}
		if got != tc.want {
			t.Errorf("Static(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	for status, want := range map[int]string{404: "/404", 500: "/500", 200: "", 503: ""} {
		got := ""
		if r := tab.ErrorPage(status); r != nil {
			got = r.Route
		}
		if got != want {
			t.Errorf("ErrorPage(%d) = %q, want %q", status, got, want)
		}
	}
}

func TestNewEmpty(t *testing.T) {
	tab := mustNew(t, nil)
	if len(tab.Routes()) != 0 || tab.Static([]byte("/")) != nil || tab.Dynamic([]byte("/"), new(Match)) != nil {
		t.Error("empty table found something")
	}
}

// TestNewOrderIndependent checks that the table does not depend on the
// order entries come in.
func TestNewOrderIndependent(t *testing.T) {
	entries := pages("/users/[id]", "/", "/docs/[...path]", "/about", "/[lang]/x", "/blog/[slug]")
	want := routeNames(mustNew(t, entries))
	slices.Reverse(entries)
	if got := routeNames(mustNew(t, entries)); !slices.Equal(got, want) {
		t.Errorf("reversed input: %q, want %q", got, want)
	}
}

// pages makes page entries with files under /app/pages.
func pages(routes ...string) []Entry {
	var out []Entry
	for _, r := range routes {
		out = append(out, Entry{Route: r, Kind: Page, File: "/app/pages" + r + ".html"})
	}
	return out
}

func mustNew(t testing.TB, entries []Entry) *Table {
	t.Helper()
	tab, err := New(entries)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func find(tab *Table, route string) *Route {
	for _, r := range tab.Routes() {
		if r.Route == route {
			return r
		}
	}
	return nil
}

func routeNames(tab *Table) []string {
	var out []string
	for _, r := range tab.Routes() {
		out = append(out, r.Route)
	}
	return out
}

func lines(ss []string) string {
	var out string
	for _, s := range ss {
		out += "\t" + s + "\n"
	}
	return out
}
