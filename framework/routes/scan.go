package routes

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ScanPages lists the pages under dir with the given extensions (no dot):
// "index" files map to their folder, files and folders whose name starts
// with "_" or "." are skipped, and "404"/"500" pages are included as routes
// "/404" and "/500" (New keeps them out of lookups; see ErrorPage).
// Symlinks are followed as in ScanPublic. A missing dir gives no entries.
func ScanPages(dir string, exts []string) ([]Entry, error) {
	var out []Entry
	skip := func(name string) bool { return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") }
	err := walk(dir, skip, func(rel, file string) {
		for _, ext := range exts {
			if base, ok := strings.CutSuffix(rel, "."+ext); ok {
				out = append(out, Entry{Route: pageRoute(base), Kind: Page, File: file})
				return
			}
		}
	})
	return out, err
}

// pageRoute maps a page's slash-separated path under pages/, without its
// extension, to its route: "blog/index" is "/blog", "index" is "/".
func pageRoute(base string) string {
	route := strings.TrimSuffix("/"+base, "/index")
	if route == "" {
		return "/"
	}
	return route
}

// ScanPublic lists the regular files under dir as Public entries, routed at
// their URL path ("/images/dot.png"). Dotfiles and dot-folders are skipped;
// a symlink is followed only when its target is inside dir, so a link
// cannot publish files from elsewhere on the machine. A missing dir gives
// no entries.
func ScanPublic(dir string) ([]Entry, error) {
	var out []Entry
	skip := func(name string) bool { return strings.HasPrefix(name, ".") }
	err := walk(dir, skip, func(rel, file string) {
		out = append(out, Entry{Route: "/" + rel, Kind: Public, File: file})
	})
	return out, err
}

// walk calls fn, in lexical order, for each regular file under dir with its
// slash-separated path relative to dir and its absolute path. Names for
// which skip is true are left out, folders with all they hold. A symlink
// counts as what it points to when its target is inside dir, and is left
// out otherwise. A missing dir has no files.
func walk(dir string, skip func(name string) bool, fn func(rel, file string)) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	root, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	w := walker{root: root, skip: skip, fn: fn}
	return w.dir(abs, "", []string{root})
}

type walker struct {
	root string // dir with symlinks resolved, to judge link targets by
	skip func(name string) bool
	fn   func(rel, file string)
}

// dir walks the folder at file path abs, reached as rel. open holds the
// resolved paths of the folders being walked, outermost first, so a link to
// one of them is not followed round in circles.
func (w *walker) dir(abs, rel string, open []string) error {
	ents, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	for _, d := range ents {
		name := d.Name()
		if w.skip(name) {
			continue
		}
		file, fileRel := filepath.Join(abs, name), path.Join(rel, name)
		typ, real := d.Type(), filepath.Join(open[len(open)-1], name)
		if typ&fs.ModeSymlink != 0 {
			var ok bool
			if real, typ, ok = w.target(file); !ok {
				continue
			}
		}
		switch {
		case typ.IsDir():
			if slices.Contains(open, real) {
				continue
			}
			if err := w.dir(file, fileRel, append(open, real)); err != nil {
				return err
			}
		case typ.IsRegular():
			w.fn(fileRel, file)
		}
	}
	return nil
}

// target resolves the symlink at file. ok is false when the link dangles
// or points outside the walked dir.
func (w *walker) target(file string) (real string, typ fs.FileMode, ok bool) {
	real, err := filepath.EvalSymlinks(file)
	if err != nil {
		return "", 0, false
	}
	if rel, err := filepath.Rel(w.root, real); err != nil || !filepath.IsLocal(rel) {
		return "", 0, false
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", 0, false
	}
	return real, info.Mode().Type(), true
}
