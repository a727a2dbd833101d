package render

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// writeTree writes files (slash paths relative to dir) and returns dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func renderPage(t *testing.T, s *Site, file string, d *Data) string {
	t.Helper()
	p, err := s.Page(file)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

const (
	testDocument = `<html lang="{{.Lang}}"><head>{{template "head" .}}</head><body>{{template "body" .}}</body></html>`
	testApp      = `<nav>{{template "nav" .}}</nav><main>{{template "page" .}}</main>`
)

func TestSitePages(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // the pages directory
		page  string
		data  Data
		want  string
	}{{
		name:  "fragment in the built-in document",
		files: map[string]string{"a.html": `<p>{{.Path}}</p>`},
		page:  "a.html",
		data:  Data{Path: "/a"},
		want: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<p>/a</p>
</body>
</html>
`,
	}, {
		name: "_document, _app and a partial",
		files: map[string]string{
			"_document.html":     testDocument,
			"_app.html":          testApp,
			"_partials/nav.html": `<a href="/">{{.Route}}</a>`,
			"a.html":             `{{define "head"}}<title>A</title>{{end}}<p>{{.Path}}</p>`,
		},
		page: "a.html",
		data: Data{Route: "/a", Path: "/a", Locale: "fr"},
		want: `<html lang="fr"><head><title>A</title></head><body><nav><a href="/">/a</a></nav><main><p>/a</p></main></body></html>`,
	}, {
		name: "a whole document is not wrapped",
		files: map[string]string{
			"_document.html": testDocument,
			"_app.html":      testApp,
			"a.html":         "\n<!doctype html><html><body>{{.Path}}</body></html>\n",
		},
		page: "a.html",
		data: Data{Path: "/a"},
		want: "\n<!doctype html><html><body>/a</body></html>\n",
	}, {
		name: "Markdown with front matter and a layout",
		files: map[string]string{
			"_document.html":     testDocument,
			"_layouts/post.html": `<article><h1>{{.Title}}</h1><time>{{.Meta.date}}</time>{{template "content" .}}</article>`,
			"_head.html":         `<title>{{.Title}}</title><meta name="description" content="{{.Description}}">`,
			"blog/hello.md": `---
title: "Hello, \"world\""
description: 'It''s here'
layout: post
date: 2025-01-31
---
Some *Markdown*.
`,
		},
		page: "blog/hello.md",
		want: `<html lang="en"><head><title>Hello, &#34;world&#34;</title><meta name="description" content="It&#39;s here"></head><body><article><h1>Hello, &#34;world&#34;</h1><time>2025-01-31</time><p>Some <em>Markdown</em>.</p>
</article></body></html>`,
	}, {
		name: "HTML front matter, built-in head",
		files: map[string]string{
			"_app.html": `<main>{{template "page" .}}</main>`,
			"about.html": `---
title: About <us>
description: Who we are
---
<h1>{{.Title}}</h1>`,
		},
		page: "about.html",
		want: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>About &lt;us&gt;</title>
<meta name="description" content="Who we are">
</head>
<body>
<main><h1>About &lt;us&gt;</h1></main>
</body>
</html>
`,
	}, {
		name: "a layout that is a whole document",
		files: map[string]string{
			"_document.html":     testDocument,
			"_layouts/bare.html": `<!DOCTYPE html><title>{{.Title}}</title>{{template "content" .}}`,
			"x.md":               "---\nlayout: bare\ntitle: X\n---\n# X\n",
		},
		page: "x.md",
		want: `<!DOCTYPE html><title>X</title><h1 id="x">X</h1>
`,
	}, {
		name: "partials from any _ file, with their defines",
		files: map[string]string{
			"_document.html":  `{{template "body" .}}`,
			"blog/_card.html": `{{define "badge"}}<b>{{.}}</b>{{end}}<div>{{template "badge" .Props}}</div>`,
			"blog/list.html":  `{{template "card" .}}`,
		},
		page: "blog/list.html",
		data: Data{Props: "new"},
		want: "<div><b>new</b></div>",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			s, err := LoadSite(dir)
			if err != nil {
				t.Fatal(err)
			}
			got := renderPage(t, s, filepath.Join(dir, tt.page), &tt.data)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSiteErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		page  string
		data  Data
		want  string // the error contains it, after "DIR/" is replaced by the test dir
	}{
		{"unknown layout", map[string]string{"_layouts/post.html": "", "a.md": "---\nlayout: nope\n---\nx"},
			"a.md", Data{}, `DIR/a.md: front matter: layout "nope": no such file DIR/_layouts/nope.html (layouts: post)`},
		{"page parse error", map[string]string{"a.html": "\n\n{{.Route"},
			"a.html", Data{}, `DIR/a.html:3: unclosed action`},
		{"_app parse error", map[string]string{"_app.html": "{{if}}", "a.html": ""},
			"", Data{}, `DIR/_app.html:1: missing value for if`},
		{"execution error keeps its line after front matter", map[string]string{"a.html": "---\ntitle: x\n# note\n---\n\n{{.Props.Name}}"},
			"a.html", Data{Props: 1}, `DIR/a.html:6:8: executing "DIR/a.html" at <.Props.Name>`},
		{"execution error in _app names the page", map[string]string{"_app.html": "{{.Props.Name}}", "a.html": ""},
			"a.html", Data{Props: 1}, `DIR/a.html: template: DIR/_app.html:1:8:`},
		{"missing partial", map[string]string{"a.html": `{{template "nav" .}}`},
			"a.html", Data{}, `no such template "nav"`},
		{"escaping error", map[string]string{"a.html": `<!DOCTYPE html><a href="{{.Path}}`},
			"a.html", Data{}, `html/template:DIR/a.html: ends in a non-text context`},
		{"two partials with one name", map[string]string{"_nav.html": "", "_x/nav.html": ""},
			"", Data{}, `DIR/_x/nav.html: partial "nav" is also DIR/_nav.html`},
		{"reserved partial name", map[string]string{"_partials/page.html": ""},
			"", Data{}, `DIR/_partials/page.html: "page" is a reserved template name`},
		{"front matter without its end", map[string]string{"a.md": "---\ntitle: x\n"},
			"a.md", Data{}, `DIR/a.md:1: front matter: no closing "---" line`},
		{"front matter list", map[string]string{"a.md": "---\ntags:\n  - go\n---\n"},
			"a.md", Data{}, `DIR/a.md:3: front matter: want "key: value", got "  - go"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			err := func() error {
				s, err := LoadSite(dir)
				if err != nil || tt.page == "" {
					return err
				}
				p, err := s.Page(filepath.Join(dir, tt.page))
				if err != nil {
					return err
				}
				return p.Render(new(bytes.Buffer), &tt.data)
			}()
			want := strings.ReplaceAll(tt.want, "DIR/", dir+string(filepath.Separator))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v\nwant it to contain %s", err, want)
			}
		})
	}
}

// TestWholeDocumentsUnchanged renders every conformance fixture page, all
// whole documents, through a Site and compares it with executing the file
// as a plain template: a site must not change them by a byte.
func TestWholeDocumentsUnchanged(t *testing.T) {
	files, _ := filepath.Glob("../../tests/conformance/testdata/*/pages/*.html")
	more, _ := filepath.Glob("../../tests/conformance/testdata/*/pages/*/*.html")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no conformance pages found")
	}
	d := &Data{Route: "/r/[x]", Path: "/r/1", Params: map[string]any{"x": "1", "all": []string{"a", "b"}, "path": []string{"a"}, "id": "7", "slug": "s", "postId": "9"},
		Query: map[string][]string{"q": {"1"}}, Props: map[string]any{"a": 1}, Locale: "en"}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		plain := template.Must(template.New(filepath.Base(file)).Funcs(Funcs).Parse(string(src)))
		wantErr := plain.Execute(&want, d)

		s, err := LoadSite(filepath.Dir(file))
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Page(file)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		gotErr := p.Render(&got, d)
		if (wantErr == nil) != (gotErr == nil) || got.String() != want.String() {
			t.Errorf("%s: site render differs from the plain template:\n%s (%v)\nwant\n%s (%v)", file, got.String(), gotErr, want.String(), wantErr)
		}
	}
}

func TestRenderConcurrently(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"_app.html": `<main>{{template "page" .}}</main>`,
		"a.md":      "---\ntitle: A\n---\n# A\n",
	})
	s, err := LoadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Page(filepath.Join(dir, "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				var buf bytes.Buffer
				d := &Data{Path: "/a"}
				if err := p.Render(&buf, d); err != nil || !strings.Contains(buf.String(), "<title>A</title>") {
					t.Errorf("render: %v %q", err, buf.String())
				}
				if d.Title != "" {
					t.Error("Render changed the caller's Data")
				}
			}
		}()
	}
	wg.Wait()
}

func TestLoadSiteMissingDir(t *testing.T) {
	s, err := LoadSite(filepath.Join(t.TempDir(), "nope"))
	if err != nil || s == nil {
		t.Fatalf("LoadSite of a missing dir: %v", err)
	}
}
