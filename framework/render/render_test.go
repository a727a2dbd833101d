package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRender(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		file, src string
		data      Data
		want      string
	}{
		{"a.html", `<main>{{.Route}} {{json .Params}}</main>`,
			Data{Route: "/blog/[slug]", Params: map[string]any{"slug": "a b", "all": []string{"x"}}},
			`<main>/blog/[slug] {&#34;all&#34;:[&#34;x&#34;],&#34;slug&#34;:&#34;a b&#34;}</main>`},
		{"b.html", `{{.Locale}}|{{index .Query "q"}}|{{json .Props}}`,
			Data{Locale: "fr", Query: map[string][]string{"q": {"1", "2"}}},
			`fr|[1 2]|null`},
		{"c.md", "# Hello\n", Data{}, `<h1 id="hello">Hello</h1>`},
	}
	for _, tt := range tests {
		p, err := Load(write(tt.file, tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		var buf bytes.Buffer
		if err := p.Render(&buf, &tt.data); err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !bytes.Contains(buf.Bytes(), []byte(tt.want)) {
			t.Errorf("%s: got %q, want it to contain %q", tt.file, buf.String(), tt.want)
		}
	}
}

func TestLoadError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(p, []byte(`{{.Route`), 0o644)
	if _, err := Load(p); err == nil {
		t.Fatal("want a parse error for an unclosed action")
	}
}
