package routes

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestScanPages(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"index.html", "about.md", "404.html", "500.html",
		"blog/index.html", "blog/[slug].html",
		"users/[id]/posts/[postId].html",
		"index/index.html", "index/about.html", // only the last "index" is the folder's
		"notes.txt", "page.html.bak", // other extensions
		"_app.html", "_layouts/base.html", ".hidden.html", ".git/x.html", "blog/_draft.md",
	} {
		writeFile(t, filepath.Join(root, f))
	}
	entries, err := ScanPages(root, []string{"html", "md"})
	if err != nil {
		t.Fatal(err)
	}
	got := describe(t, root, entries)
	want := []string{
		"page /404 404.html",
		"page /500 500.html",
		"page /about about.md",
		"page /blog/[slug] blog/[slug].html",
		"page /blog blog/index.html",
		"page /index/about index/about.html",
		"page /index index/index.html",
		"page / index.html",
		"page /users/[id]/posts/[postId] users/[id]/posts/[postId].html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ScanPages:\n%s\nwant:\n%s", lines(got), lines(want))
	}
}

func TestScanPublic(t *testing.T) {
	root := t.TempDir()
	public := filepath.Join(root, "public")
	for _, f := range []string{
		"public/file.txt", "public/images/dot.png", "public/[id].txt", "public/_underscore.txt",
		"public/.env", "public/.well-known/x", "public/dir/.hidden",
		"secret.txt", "outside/data.txt", "public/target/t.txt",
	} {
		writeFile(t, filepath.Join(root, f))
	}
	links := map[string]string{
		"public/inside.txt": "file.txt",                // inside: followed
		"public/alias":      "target",                  // folder inside: followed
		"public/abs.txt":    public + "/file.txt",      // absolute, inside: followed
		"public/secret.txt": "../secret.txt",           // outside: skipped
		"public/out":        "../outside",              // folder outside: skipped
		"public/etc":        "/etc",                    // absolute, outside: skipped
		"public/dangling":   "nowhere",                 // skipped
		"public/loop":       ".",                       // back to public/: not walked twice
		"public/target/up":  "..",                      // a cycle through a folder
		"public/.dotlink":   "file.txt",                // dot names skipped before anything
		"public/sneaky":     "target/../../secret.txt", // resolves outside
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	entries, err := ScanPublic(public)
	if err != nil {
		t.Fatal(err)
	}
	got := describe(t, public, entries)
	want := []string{
		"public /[id].txt [id].txt",
		"public /_underscore.txt _underscore.txt",
		"public /abs.txt abs.txt",
		"public /alias/t.txt alias/t.txt",
		"public /file.txt file.txt",
		"public /images/dot.png images/dot.png",
		"public /inside.txt inside.txt",
		"public /target/t.txt target/t.txt",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ScanPublic:\n%s\nwant:\n%s", lines(got), lines(want))
	}
}

// TestScanThroughLinkedDir: the walked dir may itself be reached through a
// symlink; its files are still inside it.
func TestScanThroughLinkedDir(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "real/a.txt"))
	if err := os.Symlink("a.txt", filepath.Join(root, "real/b.txt")); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	if err := os.Symlink("real", filepath.Join(root, "public")); err != nil {
		t.Fatal(err)
	}
	entries, err := ScanPublic(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Route != "/a.txt" || entries[1].Route != "/b.txt" {
		t.Errorf("got %+v", entries)
	}
}

func TestScanMissingDir(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if e, err := ScanPages(missing, []string{"html"}); e != nil || err != nil {
		t.Errorf("ScanPages(missing) = %v, %v", e, err)
	}
	if e, err := ScanPublic(missing); e != nil || err != nil {
		t.Errorf("ScanPublic(missing) = %v, %v", e, err)
	}
}

// describe formats entries as "kind route file", file relative to root,
// and checks that files are absolute.
func describe(t *testing.T, root string, entries []Entry) []string {
	t.Helper()
	var out []string
	for _, e := range entries {
		if !filepath.IsAbs(e.File) {
			t.Errorf("%s: file %q is not absolute", e.Route, e.File)
		}
		rel, err := filepath.Rel(root, e.File)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %s", e.Kind, e.Route, filepath.ToSlash(rel)))
	}
	return out
}
