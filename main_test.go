package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework"
)

// TestExampleApp serves the example app in this directory on 127.0.0.1
// and checks one route of each kind.
func TestExampleApp(t *testing.T) {
	app := framework.New(framework.Options{Dir: ".", Quiet: true})
	if err := register(app); err != nil {
		t.Fatal(err)
	}
	// The example app has no failing route; this one shows the 500 page.
	app.API("/api/fail", func(*framework.Context) error { return errors.New("failing on purpose") })
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Use(app.FiberHandler())
	go srv.Listener(ln)
	defer srv.Shutdown()

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path     string
		status   int
		contains string // in the body, or the Location of a redirect
		header   string // "name: value" the response must have
	}{
		{"/", 200, "<h1>Next.js conventions, Go speed</h1>", "x-powered-by: nextfiber"},
		{"/", 200, "<title>Nextfiber · Next.js conventions, Go speed</title>", ""}, // from front matter
		{"/about", 200, "<h1>About</h1>", "x-content-type-options: nosniff"},       // plugins/securityheaders
		{"/about", 200, `<meta name="description" content="What Nextfiber does and how this site is built.">`, ""},
		{"/blog", 200, `<a href="/blog/markdown-posts">Posts in Markdown</a>`, ""},
		{"/blog/hello-world", 200, "<h1>Hello, world</h1>", "x-blog-slug: hello-world"},
		{"/blog/hello-world", 200, "<title>Hello, world · Nextfiber</title>", ""}, // from the loader
		{"/blog/hello-world", 200, `<h2 id="what-you-get">What you get</h2>`, ""}, // from Markdown
		{"/blog/fast-paths", 200, "<td>match, write prepared bytes</td>", ""},
		{"/blog/no-such-post", 404, "could not be found", ""},
		{"/hello", 200, "<h1>Hello, world</h1>", ""},
		{"/posts/fast-paths", 308, "/blog/fast-paths", ""},
		{"/docs", 307, "/docs/getting-started", ""},
		{"/docs/getting-started", 200, `<a href="/docs/getting-started" aria-current="page">Getting started</a>`, ""},
		{"/docs/guides/routing", 200, "<h1>Routing</h1>", ""},
		{"/docs/guides/routing", 200, "<title>Routing · Docs · Nextfiber</title>", ""},
		{"/guide/config", 200, "<h1>Configuration</h1>", ""},
		{"/docs/no/such/doc", 404, "could not be found", ""},
		{"/api/hello", 200, `{"hello":"world"}`, "access-control-allow-origin: *"},
		{"/api/posts", 200, `"slug":"hello-world","title":"Hello, world"`, ""},
		{"/styles.css", 200, "font:", ""},
		{"/favicon.svg", 200, "<svg", ""},
		{"/nope", 404, "could not be found", ""},
		{"/nope", 404, "<title>404 · Nextfiber</title>", ""},
		{"/api/fail", 500, "Something went wrong on our side.", ""},
		{"/api/fail", 500, "<title>500 · Nextfiber</title>", ""},
	}
	for _, tt := range tests {
		resp, err := client.Get("http://" + ln.Addr().String() + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			body = []byte(resp.Header.Get("Location"))
		}
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET %s: %d %.120q; want %d containing %q", tt.path, resp.StatusCode, body, tt.status, tt.contains)
		}
		// Every page, the error pages too, is wrapped in pages/_document.html
		// and pages/_app.html.
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			for _, chrome := range []string{`<link rel="stylesheet" href="/styles.css">`, `<header class="site">`, `<footer class="site">`} {
				if !strings.Contains(string(body), chrome) {
					t.Errorf("GET %s: no %s from pages/_document.html or pages/_app.html", tt.path, chrome)
				}
			}
		}
		if name, value, ok := strings.Cut(tt.header, ": "); ok && resp.Header.Get(name) != value {
			t.Errorf("GET %s: %s %q, want %q", tt.path, name, resp.Header.Get(name), value)
		}
		// Config headers come with every response but redirects.
		if got := resp.Header.Get("X-Frame-Options"); resp.StatusCode < 300 && got != "DENY" {
			t.Errorf("GET %s: X-Frame-Options %q, want DENY from next.config.toml", tt.path, got)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"deploy"}, {"dev", "extra"}} {
		if code := run(args); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}

func TestBuild(t *testing.T) {
	if code := run([]string{"build"}); code != 0 {
		t.Fatalf("build of the example app exited %d", code)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "next.config.toml"), []byte("[[redirects]]\nsource = \"x\"\ndestination = \"/y\"\npermanent = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"build", "-dir", bad}); code != 1 {
		t.Fatalf("build of a broken config exited %d, want 1", code)
	}
}
