// Package render turns page files into HTML: html/template pages (.html)
// and Markdown pages (.md), wrapped in the app's _app.html and
// _document.html the way a Next.js Pages Router app wraps its pages.
//
// The pipeline loads the pages directory once with LoadSite, takes each
// page route's Page from the Site, and renders it: once at start-up for a
// page with no per-request data, or per request for a page with a loader.
//
// # The files
//
//	pages/_document.html       the HTML shell: <html>, <head>, <body> (optional)
//	pages/_app.html            what every page is wrapped in inside <body> (optional)
//	pages/_layouts/post.html   a layout, chosen by a page's "layout: post"
//	pages/_partials/nav.html   a partial, used as {{template "nav" .}}
//	pages/about.html           a page (html/template)
//	pages/blog/hello.md        a Markdown page
//
// Files and folders starting with "_" are not routes. Every such .html file
// other than _app.html, _document.html and the layouts is a partial, named
// after its file without ".html" and the leading "_": pages/_footer.html
// and pages/_partials/footer.html are both "footer" (two files with one
// name are an error). The {{define}} blocks of partials are shared too.
//
// # How a page is put together
//
// Rendering executes, from the outside in:
//
//	_document.html  places {{template "head" .}} in <head> and
//	                {{template "body" .}} in <body>
//	_app.html       is the "body": places the page with {{template "page" .}}
//	the layout      is the "page" when the page names one: places the
//	                page's own content with {{template "content" .}}
//	the page        its own content; it may {{define "head"}}...{{end}}
//	                to put its <title> and other tags in <head>
//
// Without _document.html a built-in document is used: <html lang="{{.Lang}}">,
// charset and viewport meta tags, the "head" and the "body". Without
// _app.html the body is the page alone. The built-in "head" writes <title>
// and <meta name="description"> from .Title and .Description; a page (or a
// partial) that defines "head" replaces it.
//
// A page, or a page's layout, whose source is a whole HTML document (it
// starts with <!DOCTYPE or <html) is rendered as it is, without _app and
// _document.
//
// # Front matter
//
// A page may start with front matter, Markdown or HTML alike:
//
//	---
//	title: Hello, world
//	description: The first post.
//	layout: post
//	date: 2025-01-31
//	---
//
// Each line is "key: value" (a value may be quoted; blank lines and lines
// starting with "#" are skipped; lists and nesting are not supported).
// Every key is in .Meta; title and description are also .Title and
// .Description, and layout picks pages/_layouts/<layout>.html.
//
// Errors name the file and line: template errors as html/template reports
// them (every template is named after its file), front matter errors as
// "file:line: front matter: ...".
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
)

// Data is what a page template sees. The pipeline fills the request's
// part; Render adds the page's own part (its front matter and, for
// Markdown, its content).
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

	// Title and Description are the page's front matter "title" and
	// "description"; Render sets them.
	Title, Description string
	// Meta holds every key of the page's front matter; Render sets it.
	Meta map[string]string
	// Content is a Markdown page's body as HTML; Render sets it. Layouts
	// place it with {{template "content" .}}, which works for HTML pages
	// too.
	Content template.HTML
}

// Lang is the document's language: the locale, or "en" without one.
func (d *Data) Lang() string {
	if d.Locale != "" {
		return d.Locale
	}
	return "en"
}

// Funcs are the template functions every page, layout and partial has.
var Funcs = template.FuncMap{
	// json marshals v with map keys sorted and no spaces.
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

// Page is a loaded page, ready to render.
type Page struct {
	// File is the page's source file.
	File string
	// exec is the outermost template: the document, or the page itself
	// when it is a whole document.
	exec *template.Template
	// front is the page's front matter, nil without one.
	front *frontMatter
	// content is a Markdown page's body as HTML.
	content template.HTML
}

// Load loads the page at file on its own, as a page of a site with no
// _app, _document, layouts or partials: an HTML document renders as
// written, Markdown and HTML fragments get the built-in document. Pages of
// an app are loaded with LoadSite and Site.Page instead.
func Load(file string) (*Page, error) {
	s, err := newSite("")
	if err != nil {
		return nil, err
	}
	return s.Page(file)
}

// Render executes the page with d and appends the HTML to buf. It does not
// change d. Render may be called concurrently.
func (p *Page) Render(buf *bytes.Buffer, d *Data) error {
	if p.front != nil || p.content != "" {
		v := *d
		if p.front != nil {
			v.Title, v.Description, v.Meta = p.front.meta["title"], p.front.meta["description"], p.front.meta
		}
		v.Content = p.content
		d = &v
	}
	if err := p.exec.Execute(buf, d); err != nil {
		// Template errors name their file and line already; others, or
		// errors in _app or a layout, also need the page that failed.
		if !strings.Contains(err.Error(), p.File) {
			err = fmt.Errorf("%s: %w", p.File, err)
		}
		return err
	}
	return nil
}
