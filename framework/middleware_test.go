package framework

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/rs/zerolog"
)

// middlewareApp is an app with a page, a 500 page and three middlewares:
// one that marks responses, one that answers /blocked itself and lets the
// rest through, and one that fails or panics on request.
func middlewareApp(t *testing.T, opts Options) *App {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"pages/index.html": "<h1>home</h1>",
		"pages/500.html":   "<h1>custom 500</h1>",
		"next.config.toml": "[[headers]]\nsource = \"/:path*\"\nheaders = [{ key = \"x-config\", value = \"yes\" }]\n",
	} {
		file := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts.Dir, opts.Quiet = dir, true
	app := New(opts)
	app.Use(func(c *fiber.Ctx) error {
		c.Set("x-order", "1")
		return c.Next()
	}, func(c *fiber.Ctx) error {
		if c.Path() == "/blocked" {
			return c.Status(fiber.StatusForbidden).SendString("blocked by middleware")
		}
		c.Append("x-order", "2")
		return c.Next()
	})
	app.Use(func(c *fiber.Ctx) error {
		switch c.Path() {
		case "/teapot":
			return fiber.NewError(fiber.StatusTeapot, "short and stout")
		case "/panic":
			panic("middleware panicked on purpose")
		}
		return c.Next()
	})
	return app
}

// serveMounted prepares app, mounts it on a Fiber app on 127.0.0.1 and
// returns the base URL.
func serveMounted(t *testing.T, app *App) string {
	t.Helper()
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := fiber.New(ServerConfig())
	app.Mount(srv)
	go srv.Listener(ln)
	t.Cleanup(func() { srv.Shutdown() })
	return "http://" + ln.Addr().String()
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// lockedBuffer is a log destination the server and the test share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMountRunsMiddlewareBeforePipeline(t *testing.T) {
	var logs lockedBuffer
	logger := zerolog.New(&logs)
	base := serveMounted(t, middlewareApp(t, Options{Logger: &logger, LogRequests: true}))

	tests := []struct {
		path     string
		status   int
		contains string
		order    string // x-order: the middlewares that ran, in order
		config   string // x-config: set only when the pipeline ran
	}{
		{"/", 200, "<h1>home</h1>", "1, 2", "yes"},
		{"/nope", 404, "could not be found", "1, 2", "yes"},
		{"/blocked", 403, "blocked by middleware", "1", ""},
		{"/teapot", 418, "short and stout", "1, 2", ""},
		{"/panic", 500, "custom 500", "", ""},
		{"/", 200, "<h1>home</h1>", "1, 2", "yes"}, // still serving
	}
	for _, tt := range tests {
		resp, body := get(t, base+tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s: %d %.80q; want %d containing %q", tt.path, resp.StatusCode, body, tt.status, tt.contains)
		}
		if got := strings.Join(resp.Header.Values("x-order"), ", "); got != tt.order {
			t.Errorf("GET %s: x-order %q, want %q", tt.path, got, tt.order)
		}
		if got := resp.Header.Get("x-config"); got != tt.config {
			t.Errorf("GET %s: x-config %q, want %q", tt.path, got, tt.config)
		}
	}

	// One request line per request, whoever answered it.
	for _, tt := range tests {
		want := 1
		if tt.path == "/" {
			want = 2
		}
		line := `"path":"` + tt.path + `","status":` + strconv.Itoa(tt.status) + `,`
		if n := strings.Count(logs.String(), line); n != want {
			t.Errorf("log has %d lines with %s, want %d:\n%s", n, line, want, logs.String())
		}
	}
	if !strings.Contains(logs.String(), `"level":"error","path":"/panic"`) {
		t.Errorf("the panic is not logged as an error:\n%s", logs.String())
	}
}

func TestListenMountsMiddleware(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	app := middlewareApp(t, Options{Hostname: "127.0.0.1", Port: port})
	done := make(chan error, 1)
	go func() { done <- app.Listen() }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := app.Shutdown(ctx); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()

	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.Dial("tcp", app.Addr())
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Listen: not serving on %s: %v", app.Addr(), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if resp, body := get(t, "http://"+app.Addr()+"/blocked"); resp.StatusCode != 403 || body != "blocked by middleware" {
		t.Errorf("GET /blocked: %d %q; want 403 from the middleware", resp.StatusCode, body)
	}
	if resp, _ := get(t, "http://"+app.Addr()+"/"); resp.Header.Get("x-order") != "1, 2" {
		t.Errorf("GET /: x-order %q, want %q", resp.Header.Get("x-order"), "1, 2")
	}
}

func TestUseAndMountOrder(t *testing.T) {
	mustPanic := func(what string, fn func()) {
		t.Helper()
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), what) {
				t.Errorf("want a panic naming %s, got %v", what, r)
			}
		}()
		fn()
	}
	app := middlewareApp(t, Options{})
	mustPanic("Mount called before Prepare", func() { app.Mount(fiber.New()) })
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	mustPanic("Use called after Prepare", func() { app.Use(func(c *fiber.Ctx) error { return c.Next() }) })
}
