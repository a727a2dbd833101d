// Package routes builds the route table from pages/ and public/: static
// pages, public files, Go API handlers and dynamic routes ([slug],
// [...path], [[...path]]), and looks request paths up in it without
// allocating. It fails at start-up on clashing slugs, duplicate routes and
// public files that shadow pages.
//
// In the pipeline, Table.Static serves phase 5 (filesystem routes) and
// Table.Dynamic phase 7 (dynamic routes).
package routes

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Kind says what serves a route.
type Kind uint8

const (
	// Page is a template in pages/.
	Page Kind = iota
	// API is a Go handler registered for the route.
	API
	// Public is a file in public/.
	Public
)

// String returns "page", "api" or "public".
func (k Kind) String() string {
	switch k {
	case Page:
		return "page"
	case API:
		return "api"
	case Public:
		return "public"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Entry is one route before the table is built.
type Entry struct {
	// Route in file syntax: "/", "/about", "/blog/[slug]", "/docs/[...path]",
	// "/shop/[[...all]]", or for public files the URL path "/images/dot.png".
	Route string
	Kind  Kind
	// File is the absolute path of the page or public file ("" for API).
	File string
}

// Route is a route in a built table.
type Route struct {
	Entry
	// Dynamic is true when the route has a [param] segment.
	Dynamic bool
	// Params lists the route's param names in order ("slug", "path").
	Params []string
	// CatchAll reports, per param, whether it is [...x] or [[...x]].
	CatchAll []bool
	// ID is the route's index in Table.Routes(); callers key per-route data by it.
	ID int
}

// MaxParams is the most params one route can have.
const MaxParams = 16

// Span is a param's bytes in the request path: path[Start:End]. For a
// catch-all it covers all its segments, slashes included ("a/b/c").
type Span struct{ Start, End int }

// Match holds the params of a dynamic lookup; it lives in pooled per-request
// state. N counts the params set; an empty optional catch-all is not set.
type Match struct {
	N     int
	Names [MaxParams]string
	Spans [MaxParams]Span
}

// set records the next param. New caps a route at MaxParams params, and a
// lookup only sets the params of one route's prefix, so it cannot overflow.
func (m *Match) set(name string, start, end int) {
	m.Names[m.N] = name
	m.Spans[m.N] = Span{start, end}
	m.N++
}

// Table is the immutable route table, safe for concurrent lookups. Static
// is one map index; Dynamic walks a trie of the dynamic routes segment by
// segment, so neither grows slower with the number of routes.
type Table struct {
	routes []*Route          // static by path, then dynamic in match order
	static map[string]*Route // exact-path lookups, error pages left out
	root   *node             // dynamic routes only
	err404 *Route
	err500 *Route
}

// New builds a table. It fails, naming both files, on: two entries for the
// same route (about.html and about.md; a page and an API), a public file at
// a page's path, different slug names at the same place ("[id]" and "[slug]"
// under one folder), a required and an optional catch-all side by side, an
// optional catch-all beside an index at the same path; and, naming the one
// file, on a catch-all that is not last, malformed segments ("[", "[]",
// "[...]", "[a]b"), a param name used twice in one route and more than
// MaxParams params.
//
// Page and API files are paths relative to the working directory in the
// messages when they lie inside it, as they do for "go run ." in the app.
func New(entries []Entry) (*Table, error) {
	// Sorted input makes the table, and which file an error names first,
	// independent of the order the caller scanned or registered things.
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b Entry) int {
		return cmp.Or(strings.Compare(a.Route, b.Route), strings.Compare(a.File, b.File))
	})

	t := &Table{static: make(map[string]*Route), root: &node{}}
	byRoute := make(map[string]*Route, len(sorted))
	var statics []*Route
	for _, e := range sorted {
		r, segs, err := newRoute(e)
		if err != nil {
			return nil, fmt.Errorf("route %s (%s): %w", e.Route, e.source(), err)
		}
		if prev := byRoute[r.Route]; prev != nil {
			return nil, duplicate(prev, r)
		}
		byRoute[r.Route] = r
		if r.Kind != Public {
			if err := t.root.insert(r, segs); err != nil {
				return nil, err
			}
		}
		if !r.Dynamic {
			statics = append(statics, r)
		}
	}
	t.root.prune()

	t.routes = t.root.collect(statics)
	for i, r := range t.routes {
		r.ID = i
		switch {
		case r.Dynamic:
		case r.Kind == Page && r.Route == "/404":
			t.err404 = r
		case r.Kind == Page && r.Route == "/500":
			t.err500 = r
		default:
			t.static[r.Route] = r
		}
	}
	return t, nil
}

// newRoute parses e. Public routes are URL paths, never patterns: a file
// named "[id].txt" is served at "/[id].txt".
func newRoute(e Entry) (*Route, []segment, error) {
	r := &Route{Entry: e}
	switch e.Kind {
	case Public:
		if !strings.HasPrefix(e.Route, "/") {
			return nil, nil, errors.New(`must start with "/"`)
		}
		return r, nil, nil
	case Page, API:
	default:
		return nil, nil, fmt.Errorf("unknown kind %v", e.Kind)
	}
	segs, err := parseRoute(e.Route)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range segs {
		if s.kind == static {
			continue
		}
		if slices.Contains(r.Params, s.name) {
			return nil, nil, fmt.Errorf("param %q appears twice", s.name)
		}
		r.Params = append(r.Params, s.name)
		r.CatchAll = append(r.CatchAll, s.kind >= catchAll)
	}
	if len(r.Params) > MaxParams {
		return nil, nil, fmt.Errorf("%d params, more than %d", len(r.Params), MaxParams)
	}
	r.Dynamic = len(r.Params) > 0
	return r, segs, nil
}

// Routes returns every route: static ones sorted by path, then dynamic ones
// in match order. The slice is a copy; the routes are shared.
func (t *Table) Routes() []*Route { return slices.Clone(t.routes) }

// ErrorPage returns the page for "/404" or "/500" (status 404 or 500), or nil.
func (t *Table) ErrorPage(status int) *Route {
	switch status {
	case 404:
		return t.err404
	case 500:
		return t.err500
	}
	return nil
}

// Static returns the public file, static page or static API route at
// exactly path (decoded, no query, no trailing slash except for "/"), or nil.
// Case-sensitive. It does not allocate.
func (t *Table) Static(path []byte) *Route {
	return t.static[string(path)] // the compiler does not copy path for a map index
}

// Dynamic returns the first dynamic route matching path (raw, still
// percent-encoded), in Next.js order: at each segment a static name before
// [x] before [...x] before [[...x]], so with "/users/me/[tab]" and
// "/users/[id]/[tab]", "/users/me/x" gets the first and "/users/42/x" the
// second. Params are written to m as spans of path.
//
// Static routes are not looked at: call Static first, as the pipeline does
// (phase 5 before phase 7), so "/users/me" finds the page users/me before
// "/users/[id]". Empty segments ("//", a trailing slash) match no param:
// normalize the path first. On no match m.N is 0. It does not allocate.
func (t *Table) Dynamic(path []byte, m *Match) *Route {
	m.N = 0
	if len(path) == 0 || path[0] != '/' {
		return nil
	}
	i := 0
	if len(path) == 1 {
		i = 1 // "/" has no segments
	}
	return t.root.match(path, i, m)
}
