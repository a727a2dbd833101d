// Package plugintest serves a small Nextfiber app on 127.0.0.1 for the
// plugins' tests, through Fiber as App.Listen serves it: the middleware
// added with App.Use, then the pipeline.
//
// The app has the pages /, /about, /admin and /admin/users, the public
// file /robots.txt and the API route /api/hello.
package plugintest

import (
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

// NewApp returns the test app, not yet prepared: register plugins on it,
// then Serve it.
func NewApp(t testing.TB) *framework.App {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"pages/index.html":       "<h1>home</h1>",
		"pages/about.html":       "<h1>about</h1>",
		"pages/admin/index.html": "<h1>admin</h1>",
		"pages/admin/users.html": "<h1>users</h1>",
		"public/robots.txt":      "User-agent: *\n",
		"next.config.toml":       "",
	} {
		file := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	app.API("/api/hello", func(c *framework.Context) error {
		return c.JSON(map[string]string{"hello": "world"})
	})
	return app
}

// Serve prepares app and serves it on 127.0.0.1 until the test ends. It
// returns the base URL, "http://127.0.0.1:port".
func Serve(t testing.TB, app *framework.App) string {
	t.Helper()
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := fiber.New(framework.ServerConfig())
	app.Mount(srv)
	go srv.Listener(ln)
	t.Cleanup(func() { srv.Shutdown() })
	return "http://" + ln.Addr().String()
}

// Do sends a request with the given headers and returns the response,
// its body read. The path goes out as written, neither cleaned nor
// escaped again ("/%61dmin", "/x/../admin"), and redirects are not
// followed.
func Do(t testing.TB, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	target := strings.TrimPrefix(url, "http://"+req.URL.Host)
	if path, _, _ := strings.Cut(target, "?"); strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "//") {
		req.URL.Opaque = path
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
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
