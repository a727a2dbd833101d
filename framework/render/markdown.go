package render

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Markdown is a Markdown document: its front matter and its body as HTML.
// Loaders use it for content kept outside pages/, such as blog posts.
type Markdown struct {
	// Title, Description and Layout are the front matter keys of those
	// names ("" when absent).
	Title, Description, Layout string
	// Meta holds every front matter key (never nil).
	Meta map[string]string
	// HTML is the body converted to HTML. Raw HTML in the source is left
	// out, as CommonMark's safe mode does.
	HTML template.HTML
}

// markdown converts CommonMark with the GitHub extensions (tables,
// strikethrough, autolinks, task lists) and gives headings ids for links.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// ParseMarkdown splits src into front matter and body and converts the
// body to HTML. file names the source in errors.
func ParseMarkdown(file string, src []byte) (*Markdown, error) {
	fm, body, err := splitFrontMatter(file, src)
	if err != nil {
		return nil, err
	}
	html, err := toHTML(file, body)
	if err != nil {
		return nil, err
	}
	m := &Markdown{Meta: map[string]string{}, HTML: html}
	if fm != nil {
		m.Meta = fm.meta
		m.Title, m.Description, m.Layout = fm.meta["title"], fm.meta["description"], fm.meta["layout"]
	}
	return m, nil
}

// toHTML converts the Markdown body of file. The result is the author's
// own content, trusted as HTML.
func toHTML(file string, body []byte) (template.HTML, error) {
	var html bytes.Buffer
	if err := markdown.Convert(body, &html); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return template.HTML(html.String()), nil
}
