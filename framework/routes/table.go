// Package routes builds the route table from pages/ and public/: static
// pages, public files, Go API handlers and dynamic routes ([slug],
// [...path], [[...path]]), and looks request paths up in it without
// allocating. It fails at start-up on clashing slugs, duplicate routes and
// public files that shadow pages.
//
// In the pipeline, Table.Static serves phase 5 (filesystem routes) and
// Table.Dynamic phase 7 (dynamic routes).
package routes

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
func (k Kind) String() string { panic("TODO") }

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

// Table is the immutable route table.
type Table struct {
	// TODO(routes)
}

// ScanPages lists the pages under dir with the given extensions (no dot):
// "index" files map to their folder, files and folders whose name starts
// with "_" or "." are skipped, and "404"/"500" pages are included as routes
// "/404" and "/500" (New keeps them out of lookups; see ErrorPage).
// A missing dir gives no entries.
func ScanPages(dir string, exts []string) ([]Entry, error) { panic("TODO") }

// ScanPublic lists the regular files under dir as Public entries. Dotfiles
// and dot-folders are skipped; a symlink is followed only when its target
// is inside dir. A missing dir gives no entries.
func ScanPublic(dir string) ([]Entry, error) { panic("TODO") }

// New builds a table. It fails, naming both files, on: two entries for the
// same route (about.html and about.md; a page and an API), a public file at
// a page's path, different slug names at the same place ("[id]" and "[slug]"
// under one folder), an optional catch-all beside an index at the same
// path, a catch-all that is not last, and malformed segments ("[", "[]",
// "[...]", "[a]b").
func New(entries []Entry) (*Table, error) { panic("TODO") }

// Routes returns every route: static ones sorted by path, then dynamic ones
// in match order.
func (t *Table) Routes() []*Route { panic("TODO") }

// ErrorPage returns the page for "/404" or "/500" (status 404 or 500), or nil.
func (t *Table) ErrorPage(status int) *Route { panic("TODO") }

// Static returns the public file, static page or static API route at
// exactly path (decoded, no query, no trailing slash except for "/"), or nil.
// Case-sensitive. It does not allocate.
func (t *Table) Static(path []byte) *Route { panic("TODO") }

// Dynamic returns the first dynamic route matching path (raw, still
// percent-encoded), in Next.js order: at each segment a static name before
// [x] before [...x] before [[...x]], so "/users/me" never reaches
// "/users/[id]". Params are written to m as spans of path. It does not
// allocate.
func (t *Table) Dynamic(path []byte, m *Match) *Route { panic("TODO") }
