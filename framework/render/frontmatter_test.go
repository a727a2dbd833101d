package render

import (
	"maps"
	"strings"
	"testing"
)

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		src   string
		meta  map[string]string // nil: no front matter
		body  string
		lines int
	}{
		{"# no front matter\n", nil, "# no front matter\n", 0},
		{"---", nil, "---", 0},             // no complete first line
		{"----\nx\n", nil, "----\nx\n", 0}, // not a "---" line
		{"---\n---\nbody", map[string]string{}, "body", 2},
		{"---\r\ntitle: Hi\r\n---\r\nbody", map[string]string{"title": "Hi"}, "body", 3},
		{"---\ntitle:   A: B  \n\n# comment\nempty:\n---\n", map[string]string{"title": "A: B", "empty": ""}, "", 6},
		{"---\na: \"x\\ty\"\nb: 'it''s'\nc: \"\nd: '\n---\n", map[string]string{"a": "x\ty", "b": "it's", "c": `"`, "d": "'"}, "", 6},
		{"---\nkey : v\n---\n", map[string]string{"key": "v"}, "", 3},
	}
	for _, tt := range tests {
		fm, body, err := splitFrontMatter("f", []byte(tt.src))
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		var meta map[string]string
		lines := 0
		if fm != nil {
			meta, lines = fm.meta, fm.lines
		}
		if (meta == nil) != (tt.meta == nil) || !maps.Equal(meta, tt.meta) || string(body) != tt.body || lines != tt.lines {
			t.Errorf("%q: got %v %q %d, want %v %q %d", tt.src, meta, body, lines, tt.meta, tt.body, tt.lines)
		}
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: x\n", `f:1: front matter: no closing "---" line`},
		{"---\na: 1\nno colon\n---\n", `f:3: front matter: want "key: value", got "no colon"`},
		{"---\n  indented: 1\n---\n", `f:2: front matter: want "key: value"`},
		{"---\n- a: 1\n---\n", `f:2: front matter: want "key: value"`},
		{"---\n: v\n---\n", `f:2: front matter: want "key: value"`},
		{"---\na: 1\na: 2\n---\n", `f:3: front matter: "a" given twice`},
		{"---\na: \"\\q\"\n---\n", `f:2: front matter: a: invalid syntax`},
	}
	for _, tt := range tests {
		_, _, err := splitFrontMatter("f", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %s", tt.src, err, tt.want)
		}
	}
}

// FuzzFrontMatter checks that any input either fails with a located error
// or splits into front matter and the exact rest of the source.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "---\n", "---\r\na: 'b'\r\n---\r\n", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fm, body, err := splitFrontMatter("f", []byte(src))
		switch {
		case err != nil:
			if !strings.HasPrefix(err.Error(), "f:") {
				t.Fatalf("error without a place: %v", err)
			}
		case fm == nil:
			if string(body) != src {
				t.Fatalf("no front matter but the body changed: %q", body)
			}
		default:
			if !strings.HasSuffix(src, string(body)) || strings.Count(src[:len(src)-len(body)], "\n") != fm.lines {
				t.Fatalf("front matter of %d lines, body %q", fm.lines, body)
			}
		}
	})
}
