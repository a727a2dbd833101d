package render

import (
	"strings"
	"testing"
)

func TestParseMarkdown(t *testing.T) {
	m, err := ParseMarkdown("post.md", []byte("---\ntitle: Hi\ndescription: D\nlayout: post\ntags: go\n---\n## Part one\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "Hi" || m.Description != "D" || m.Layout != "post" || m.Meta["tags"] != "go" {
		t.Errorf("front matter: %+v", m)
	}
	for _, want := range []string{`<h2 id="part-one">Part one</h2>`, "<table>", "<td>2</td>"} {
		if !strings.Contains(string(m.HTML), want) {
			t.Errorf("HTML %q lacks %q", m.HTML, want)
		}
	}
	if strings.Contains(string(m.HTML), "<script>") {
		t.Errorf("raw HTML was kept: %q", m.HTML)
	}

	if m, err = ParseMarkdown("plain.md", []byte("text")); err != nil || m.Meta == nil || m.Title != "" {
		t.Errorf("without front matter: %+v, %v", m, err)
	}
	if _, err = ParseMarkdown("bad.md", []byte("---\nx\n---\n")); err == nil || !strings.HasPrefix(err.Error(), "bad.md:2: ") {
		t.Errorf("bad front matter: %v", err)
	}
}
