package framework_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/valyala/fasthttp"
)

// TestAllocationsStatic checks that what prepared responses add to the
// hot path (encodings, validators, ranges, the ISR cache) allocates
// nothing.
func TestAllocationsStatic(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"pages/about.html":     "<main>" + strings.Repeat("<p>about this site</p>\n", 50) + "</main>",
		"pages/news/[id].html": "<main>news {{.Params.id}}</main>",
		"public/app.css":       strings.Repeat("body { margin: 0 }\n", 100),
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	app.Revalidate("/news/[id]", time.Hour)
	app.StaticPaths("/news/[id]", func() ([]string, error) { return []string{"/news/1"}, nil })
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	h := app.Handler()
	tests := []struct {
		name, uri string
		headers   []string
		status    int
		want      string
	}{
		{"static page, brotli", "/about", []string{"Accept-Encoding", "gzip, deflate, br"}, 200, "Content-Encoding: br"},
		{"static page, 304", "/about", []string{"If-None-Match", "*"}, 304, "Etag: "},
		{"public file, gzip", "/app.css", []string{"Accept-Encoding", "gzip"}, 200, "Content-Encoding: gzip"},
		{"public file, range", "/app.css", []string{"Range", "bytes=0-9"}, 206, "Content-Range: bytes 0-9/"},
		{"public file, 304", "/app.css", []string{"If-None-Match", "*"}, 304, "Last-Modified"},
		{"isr hit", "/news/1", nil, 200, "X-Nextjs-Cache: HIT"},
		{"isr 304", "/news/1", []string{"If-None-Match", "*"}, 304, "X-Nextjs-Cache: HIT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req fasthttp.Request
			req.SetRequestURI(tt.uri)
			req.Header.SetHost("localhost")
			for i := 0; i+1 < len(tt.headers); i += 2 {
				req.Header.Set(tt.headers[i], tt.headers[i+1])
			}
			var ctx fasthttp.RequestCtx
			ctx.Init(&req, nil, nil)
			serve := func() {
				req.CopyTo(&ctx.Request)
				ctx.Response.Reset()
				h(&ctx)
			}
			serve()
			if got := ctx.Response.StatusCode(); got != tt.status {
				t.Fatalf("status %d, want %d", got, tt.status)
			}
			if resp := ctx.Response.String(); !bytes.Contains([]byte(resp), []byte(tt.want)) {
				t.Fatalf("response does not contain %q:\n%.500s", tt.want, resp)
			}
			if n := testing.AllocsPerRun(100, serve); n != 0 {
				t.Errorf("%v allocations per request, want 0", n)
			}
		})
	}
}
