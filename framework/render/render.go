// Package render turns page files into HTML: html/template pages (.html)
// and Markdown pages (.md). The pipeline asks it for a page's bytes once at
// start-up (pages with no per-request data) or per request (pages with a
// loader).
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"

	"github.com/yuin/goldmark"
)

// Data is what a page template sees.
type Data struct {
	// Route is the page's route in file syntax: "/blog/[slug]".
	Route string
	// Path is the request path that rendered the page (after rewrites).
	Path string
	// Params are the route params, percent-decoded: a string, or []string
	// for a catch-all. An empty optional catch-all is absent.
	Params map[string]any
	// Query holds the query parameters, decoded, in request order per name.
	Query map[string][]string
	// Props is what the page's loader returned (nil without a loader).
	Props any
	// Locale is the request's locale when i18n is configured.
	Locale string
}

// Page is a loaded page file.
type Page struct {
	// File is the page's source file.
	File string
	tmpl *template.Template
}

// Funcs are the template functions every page has.
var Funcs = template.FuncMap{
	// json marshals v with map keys sorted and no spaces.
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

// Load parses the page at file. Markdown is converted to HTML once here.
func Load(file string) (*Page, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(file)
	switch filepath.Ext(file) {
	case ".md":
		var html bytes.Buffer
		if err := goldmark.Convert(src, &html); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		// The converted Markdown is the page author's own content: trusted HTML.
		body := template.HTML(html.String())
		t := template.Must(template.New(name).Funcs(template.FuncMap{
			"markdown": func() template.HTML { return body },
		}).Parse(markdownShell))
		return &Page{File: file, tmpl: t}, nil
	default:
		t, err := template.New(name).Funcs(Funcs).Parse(string(src))
		if err != nil {
			return nil, err
		}
		return &Page{File: file, tmpl: t}, nil
	}
}

// markdownShell wraps a Markdown page until layouts exist.
const markdownShell = `<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>{{markdown}}</body></html>
`

// Render executes the page with d and appends the HTML to buf.
func (p *Page) Render(buf *bytes.Buffer, d *Data) error {
	if err := p.tmpl.Execute(buf, d); err != nil {
		return fmt.Errorf("%s: %w", p.File, err)
	}
	return nil
}
