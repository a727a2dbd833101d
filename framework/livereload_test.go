package framework

import (
	"bytes"
	"strings"
	"testing"
)

func TestAddReloadScript(t *testing.T) {
	const s = "<script>r()</script>"
	tests := []struct {
		name, page, want string
		script           string
	}{
		{"before </body>", "<html><body><p>x</p></body></html>\n", "<html><body><p>x</p>" + s + "</body></html>\n", s},
		{"any case", "<BODY>x</Body >\n</HTML>", "<BODY>x" + s + "</Body >\n</HTML>", s},
		{"the last </body>", "<body><pre>&lt;/body></pre><script>'</body>'</script></body>", "<body><pre>&lt;/body></pre><script>'</body>'</script>" + s + "</body>", s},
		{"no </body>: at the end", "<main>fragment</main>", "<main>fragment</main>" + s, s},
		{"an empty page", "", s, s},
		{"no script outside Dev", "<body>x</body>", "<body>x</body>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			buf.WriteString(tt.page)
			var script []byte
			if tt.script != "" {
				script = []byte(tt.script)
			}
			addReloadScript(&buf, script)
			if got := buf.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReloadScriptEscapes(t *testing.T) {
	got := string(reloadScript(`/a"</script>`, `b"1`))
	if strings.Count(got, "</script>") != 1 || strings.Contains(got, `a"`) || strings.Contains(got, `b"1`) {
		t.Errorf("basePath or build not escaped: %s", got)
	}
	if !strings.Contains(got, `/_nextfiber/reload"`) {
		t.Errorf("script does not listen at basePath + reloadPath: %s", got)
	}
}
