package routes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewConflicts builds app trees and checks the exact start-up error.
// Files are named relative to the app root, the working directory.
func TestNewConflicts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // under the app root; pages/ and public/
		api   []string // routes with a Go API handler
		want  string
	}{
		{
			name:  "same page twice",
			files: []string{"pages/about.html", "pages/about.md"},
			want:  "duplicate page file for /about: pages/about.html and pages/about.md",
		},
		{
			name:  "index beside a file of the folder's name",
			files: []string{"pages/blog.html", "pages/blog/index.md"},
			want:  "duplicate page file for /blog: pages/blog.html and pages/blog/index.md",
		},
		{
			name:  "page and API",
			files: []string{"pages/about.html"},
			api:   []string{"/about"},
			want:  "conflicting page file and API route for /about: pages/about.html and API handler",
		},
		{
			name: "API twice",
			api:  []string{"/api/x", "/api/x"},
			want: "duplicate API route for /api/x: API handler and API handler",
		},
		{
			name:  "public file at a page's path",
			files: []string{"pages/about.html", "public/about"},
			want:  "conflicting public file and page file for /about: public/about and pages/about.html",
		},
		{
			name:  "public file at an API route",
			files: []string{"public/api/hello"},
			api:   []string{"/api/hello"},
			want:  "conflicting public file and API route for /api/hello: public/api/hello and API handler",
		},
		{
			name:  "different slugs in one folder",
			files: []string{"pages/[a].html", "pages/[b].html"},
			want:  "different slug names for the same dynamic path ('a' !== 'b'): pages/[a].html and pages/[b].html",
		},
		{
			name:  "different slugs, folder and file",
			files: []string{"pages/users/[id]/posts.html", "pages/users/[uid].html"},
			want:  "different slug names for the same dynamic path ('id' !== 'uid'): pages/users/[id]/posts.html and pages/users/[uid].html",
		},
		{
			name:  "different catch-all names",
			files: []string{"pages/docs/[...a].html", "pages/docs/[...b].html"},
			want:  "different slug names for the same dynamic path ('a' !== 'b'): pages/docs/[...a].html and pages/docs/[...b].html",
		},
		{
			name:  "required and optional catch-all",
			files: []string{"pages/docs/[...a].html", "pages/docs/[[...a]].html"},
			want:  "required and optional catch-all at the same level ([...a] and [[...a]]): pages/docs/[...a].html and pages/docs/[[...a]].html",
		},
		{
			name:  "optional catch-all beside index",
			files: []string{"pages/shop/index.html", "pages/shop/[[...all]].html"},
			want:  "route /shop has the same specificity as optional catch-all /shop/[[...all]]: pages/shop/index.html and pages/shop/[[...all]].html",
		},
		{
			name:  "optional catch-all beside the root index",
			files: []string{"pages/index.html", "pages/[[...all]].html"},
			want:  "route / has the same specificity as optional catch-all /[[...all]]: pages/index.html and pages/[[...all]].html",
		},
		{
			name:  "optional catch-all beside an API route",
			files: []string{"pages/shop/[[...all]].html"},
			api:   []string{"/shop"},
			want:  "route /shop has the same specificity as optional catch-all /shop/[[...all]]: API handler and pages/shop/[[...all]].html",
		},
		{
			name:  "catch-all not last",
			files: []string{"pages/docs/[...path]/edit.html"},
			want:  "route /docs/[...path]/edit (pages/docs/[...path]/edit.html): catch-all [...path] must be the last segment",
		},
		{
			name:  "optional catch-all not last",
			files: []string{"pages/shop/[[...all]]/x.html"},
			want:  "route /shop/[[...all]]/x (pages/shop/[[...all]]/x.html): catch-all [[...all]] must be the last segment",
		},
		{
			name:  "same param twice",
			files: []string{"pages/[id]/[id].html"},
			want:  `route /[id]/[id] (pages/[id]/[id].html): param "id" appears twice`,
		},
		{
			name: "too many params",
			api:  []string{"/[a]/[b]/[c]/[d]/[e]/[f]/[g]/[h]/[i]/[j]/[k]/[l]/[m]/[n]/[o]/[p]/[q]"},
			want: "route /[a]/[b]/[c]/[d]/[e]/[f]/[g]/[h]/[i]/[j]/[k]/[l]/[m]/[n]/[o]/[p]/[q] (API handler): 17 params, more than 16",
		},
		{
			name: "API route with a trailing slash",
			api:  []string{"/api/x/"},
			want: "route /api/x/ (API handler): empty segment",
		},
		{
			name: "API route without a leading slash",
			api:  []string{"api/x"},
			want: `route api/x (API handler): must start with "/"`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newApp(t, tc.files, tc.api)
			if err == nil || err.Error() != tc.want {
				t.Errorf("New error:\n\t%v\nwant\n\t%s", err, tc.want)
			}
		})
	}
}

// TestMalformedSegments lists the segment spellings New rejects.
func TestMalformedSegments(t *testing.T) {
	for _, seg := range []string{
		"[", "]", "[]", "[...]", "[[...]]", "[a]b", "a[b]", "[a", "a]",
		"[[...a]", "[...a]]", "[[a]]", "[[...a]]]", "[[[...a]]]", "[....a]", "[.a]", "[a[b]]",
	} {
		t.Run(seg, func(t *testing.T) {
			_, err := newApp(t, []string{"pages/x/" + seg + ".html"}, nil)
			want := "route /x/" + seg + " (pages/x/" + seg + ".html): malformed segment " +
				`"` + seg + `"` + ": want name, [name], [...name] or [[...name]]"
			if err == nil || err.Error() != want {
				t.Errorf("New error:\n\t%v\nwant\n\t%s", err, want)
			}
		})
	}
}

// TestNoConflict lists neighbours that Next.js allows.
func TestNoConflict(t *testing.T) {
	for _, files := range [][]string{
		{"pages/blog/[slug].html", "pages/blog/[...slug].html"}, // different kinds may share a name
		{"pages/[id].html", "pages/[id]/edit.html"},
		{"pages/shop.html", "pages/shop/[...all].html"},
		{"pages/[[...all]].html", "pages/404.html", "public/404.png"},
		{"pages/[id].html", "public/[id].html"}, // public names are not patterns
	} {
		if _, err := newApp(t, files, nil); err != nil {
			t.Errorf("%q: %v", files, err)
		}
	}
}

// newApp creates files (empty) under a new app root, makes it the working
// directory, and builds the table from its pages/, public/ and API routes.
func newApp(t *testing.T, files, api []string) (*Table, error) {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		writeFile(t, filepath.Join(root, f))
	}
	t.Chdir(root)
	entries, err := ScanPages("pages", []string{"html", "md"})
	if err != nil {
		t.Fatal(err)
	}
	public, err := ScanPublic("public")
	if err != nil {
		t.Fatal(err)
	}
	entries = append(entries, public...)
	for _, r := range api {
		entries = append(entries, Entry{Route: r, Kind: API})
	}
	return New(entries)
}

func writeFile(t *testing.T, file string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))), 0o644); err != nil {
		t.Fatal(err)
	}
}
