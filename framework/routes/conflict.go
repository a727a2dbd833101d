package routes

import (
	"fmt"
	"os"
	"path/filepath"
)

// duplicate is the error for two entries with the same route.
func duplicate(a, b *Route) error {
	if a.Kind == b.Kind {
		return fmt.Errorf("duplicate %s for %s: %s and %s", a.Kind.noun(), a.Route, a.source(), b.source())
	}
	// Public before page before API, the way Next.js words it:
	// "conflicting public file and page file".
	if kindOrder[b.Kind] < kindOrder[a.Kind] {
		a, b = b, a
	}
	return fmt.Errorf("conflicting %s and %s for %s: %s and %s",
		a.Kind.noun(), b.Kind.noun(), a.Route, a.source(), b.source())
}

var kindOrder = [...]int{Public: 0, Page: 1, API: 2}

// noun names the kind in error messages.
func (k Kind) noun() string {
	switch k {
	case Page:
		return "page file"
	case API:
		return "API route"
	case Public:
		return "public file"
	}
	return k.String()
}

// source names where an entry comes from in error messages: its file,
// relative to the working directory when it lies inside it (the app root
// under "go run ."), so the user reads "pages/about.html" rather than a
// long absolute path.
func (e Entry) source() string {
	if e.File == "" {
		if e.Kind == API {
			return "API handler"
		}
		return e.Kind.String() + " " + e.Route
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, e.File); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return e.File
}
