package routes

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzDynamic checks that any path bytes are safe to look up, that params
// are well-formed spans, and that the trie finds the same route as trying
// the dynamic routes one by one in Routes() order, which is how Next.js
// matches its sorted route list.
func FuzzDynamic(f *testing.F) {
	tab := mustNew(f, pages(append(appRoutes,
		"/p/static/[a]", "/p/[x]/[a]", "/p/[...rest]", "/q/[x]", "/q/[[...opt]]", "/[lang]/[[...all]]")...))
	var dynamic []*Route
	for _, r := range tab.Routes() {
		if r.Dynamic {
			dynamic = append(dynamic, r)
		}
	}
	for _, seed := range []string{
		"", "/", "//", "/blog/hello%20world", "/docs/a/b/c", "/shop", "/shop/", "/users/42/posts/7",
		"/p/static/1/2", "/q", "/en", "/en/x/y", "\xff/", "/a//b", "/%2F",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, path []byte) {
		var m Match
		r := tab.Dynamic(path, &m)
		want := firstMatch(dynamic, string(path))
		if r != want {
			t.Fatalf("Dynamic(%q) = %v, want %v", path, name(r), name(want))
		}
		if r == nil {
			if m.N != 0 {
				t.Fatalf("Dynamic(%q): no route but %d params", path, m.N)
			}
			return
		}
		if m.N > len(r.Params) || m.N < len(r.Params)-1 {
			t.Fatalf("Dynamic(%q) = %s with %d params", path, r.Route, m.N)
		}
		last := 0
		for i := range m.N {
			s := m.Spans[i]
			if m.Names[i] != r.Params[i] || s.Start < last || s.End <= s.Start || s.End > len(path) || path[s.Start-1] != '/' {
				t.Fatalf("Dynamic(%q) = %s: param %d %q %+v", path, r.Route, i, m.Names[i], s)
			}
			v := path[s.Start:s.End]
			if bytes.Contains(v, []byte("//")) || v[len(v)-1] == '/' || !r.CatchAll[i] && bytes.IndexByte(v, '/') >= 0 {
				t.Fatalf("Dynamic(%q) = %s: param %q = %q", path, r.Route, m.Names[i], v)
			}
			last = s.End
		}
	})
}

// firstMatch is the slow reference: the first route, in order, whose
// segments match the path's segments.
func firstMatch(routes []*Route, path string) *Route {
	if !strings.HasPrefix(path, "/") {
		return nil
	}
	var segs []string
	if path != "/" {
		segs = strings.Split(path[1:], "/")
	}
	for _, r := range routes {
		rs, _ := parseRoute(r.Route)
		if segmentsMatch(rs, segs) {
			return r
		}
	}
	return nil
}

func segmentsMatch(rs []segment, segs []string) bool {
	for i, s := range rs {
		switch s.kind {
		case catchAll, optional:
			rest := segs[i:]
			if len(rest) == 0 {
				return s.kind == optional
			}
			for _, v := range rest {
				if v == "" {
					return false
				}
			}
			return true
		}
		if i >= len(segs) || segs[i] == "" || s.kind == static && segs[i] != s.name {
			return false
		}
	}
	return len(rs) == len(segs)
}

func name(r *Route) string {
	if r == nil {
		return "nil"
	}
	return r.Route
}

// FuzzParseRoute checks that any route text parses or fails without
// panicking, and that what parses is written back exactly.
func FuzzParseRoute(f *testing.F) {
	for _, seed := range append(appRoutes, "/[", "/[[...a]", "/a//b", "/[....a]", "/[a]b", "x") {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, route string) {
		segs, err := parseRoute(route)
		if err != nil {
			return
		}
		back := ""
		for _, s := range segs {
			back += "/" + s.String()
		}
		if back == "" {
			back = "/"
		}
		if back != route {
			t.Fatalf("parseRoute(%q) wrote back as %q", route, back)
		}
	})
}
