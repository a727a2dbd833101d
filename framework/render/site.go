package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Site is a pages directory loaded once: its _document, _app, layouts and
// partials, shared by every page it loads.
type Site struct {
	dir string
	// base holds the shared templates, never executed itself: each page
	// renders from its own clone, so pages can define "head" and their
	// own blocks without touching one another.
	base *template.Template
	// layouts maps a layout name ("post") to its template and source.
	layouts map[string]layout
}

type layout struct {
	name     string // the template's name: its file
	document bool   // the layout is a whole HTML document
}

// The built-in parts of a page, used when the site has no file for them.
const (
	builtinDocument = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{template "head" .}}</head>
<body>
{{template "body" .}}
</body>
</html>
`
	builtinHead = `{{with .Title}}<title>{{.}}</title>
{{end}}{{with .Description}}<meta name="description" content="{{.}}">
{{end}}`
	builtinBody = `{{template "page" .}}`
)

// LoadSite loads the shared templates of the pages directory dir:
// _document.html, _app.html, _layouts/*.html and every other .html file
// under a "_" name (the partials). A missing dir is a site with none.
func LoadSite(dir string) (*Site, error) {
	s, err := newSite(dir)
	if err != nil {
		return nil, err
	}
	var partials []string
	err = filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			if file == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && file != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || !strings.HasSuffix(rel, ".html") || !strings.Contains("/"+rel, "/_") {
			return nil
		}
		switch {
		case rel == "_document.html":
			return s.parseAs("document", file)
		case rel == "_app.html":
			return s.parseAs("body", file)
		case strings.HasPrefix(rel, "_layouts/"):
			return s.addLayout(strings.TrimSuffix(strings.TrimPrefix(rel, "_layouts/"), ".html"), file)
		default:
			partials = append(partials, file)
			return nil
		}
	})
	if err != nil {
		return nil, err
	}
	named := map[string]string{}
	for _, file := range partials {
		name := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(file), ".html"), "_")
		switch name {
		case "document", "body", "page", "content":
			return nil, fmt.Errorf("%s: %q is a reserved template name; rename the partial", file, name)
		}
		if other, dup := named[name]; dup {
			return nil, fmt.Errorf("%s: partial %q is also %s", file, name, other)
		}
		named[name] = file
		if err := s.parseAs(name, file); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// newSite returns a site of dir with only the built-in templates.
func newSite(dir string) (*Site, error) {
	t := template.New("").Funcs(Funcs)
	for name, src := range map[string]string{"document": builtinDocument, "head": builtinHead, "body": builtinBody} {
		if _, err := t.New(name).Parse(src); err != nil {
			return nil, err
		}
	}
	return &Site{dir: dir, base: t, layouts: map[string]layout{}}, nil
}

// parseAs parses file into the base set under its own name and makes name
// call it: templates are named after their files so that errors name them.
func (s *Site) parseAs(name, file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if _, err := s.base.New(file).Parse(string(src)); err != nil {
		return err
	}
	return alias(s.base, name, file)
}

func (s *Site) addLayout(name, file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if _, err := s.base.New(file).Parse(string(src)); err != nil {
		return err
	}
	s.layouts[name] = layout{name: file, document: isDocument(src)}
	return nil
}

// alias defines name as a call of the template target.
func alias(t *template.Template, name, target string) error {
	_, err := t.New(name).Parse(`{{template ` + strconv.Quote(target) + ` .}}`)
	return err
}

// Page loads the page at file into the site: it gets the site's partials
// and is wrapped in its layout, _app and _document. Template errors,
// including html/template's escaping errors, are reported here.
func (s *Site) Page(file string) (*Page, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	fm, body, err := splitFrontMatter(file, src)
	if err != nil {
		return nil, err
	}
	t, err := s.base.Clone()
	if err != nil {
		return nil, err
	}
	p := &Page{File: file, front: fm}
	document := isDocument(body)
	if filepath.Ext(file) == ".md" {
		if p.content, err = toHTML(file, body); err != nil {
			return nil, err
		}
		body, document = []byte(`{{.Content}}`), false
	} else if fm != nil {
		// Keep the body's line numbers: the front matter becomes a
		// template comment of as many lines.
		body = append([]byte("{{/*"+strings.Repeat("\n", fm.lines)+"*/}}"), body...)
	}
	if _, err := t.New(file).Parse(string(body)); err != nil {
		return nil, err
	}
	page := file
	if fm != nil && fm.meta["layout"] != "" {
		l, ok := s.layouts[fm.meta["layout"]]
		if !ok {
			return nil, fmt.Errorf("%s: front matter: layout %q: no such file %s (layouts: %s)", file,
				fm.meta["layout"], filepath.Join(s.dir, "_layouts", fm.meta["layout"]+".html"), s.layoutNames())
		}
		page, document = l.name, l.document
	}
	if err := alias(t, "content", file); err != nil {
		return nil, err
	}
	if err := alias(t, "page", page); err != nil {
		return nil, err
	}
	p.exec = t.Lookup("document")
	if document {
		p.exec = t.Lookup(page)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// check renders the page once with empty data so that html/template
// escapes it now: a page that cannot be escaped (an action in an
// ambiguous context, a missing template) fails at load, not on its first
// request. Execution errors, such as a missing loader result, are left for
// Render to report with real data.
func (p *Page) check() error {
	var buf bytes.Buffer
	err := p.Render(&buf, &Data{Params: map[string]any{}})
	var escape *template.Error
	if errors.As(err, &escape) {
		return err
	}
	return nil
}

func (s *Site) layoutNames() string {
	if len(s.layouts) == 0 {
		return "none"
	}
	names := make([]string, 0, len(s.layouts))
	for n := range s.layouts {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// isDocument reports whether src is a whole HTML document rather than a
// fragment to wrap: it starts with <!DOCTYPE or <html.
func isDocument(src []byte) bool {
	src = bytes.TrimLeft(src, " \t\r\n\ufeff")
	for _, prefix := range []string{"<!doctype", "<html"} {
		if len(src) >= len(prefix) && strings.EqualFold(string(src[:len(prefix)]), prefix) {
			return true
		}
	}
	return false
}
