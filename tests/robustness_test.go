package tests

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/tests/conformance"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

// start serves app on 127.0.0.1 through the built-in server configuration.
func start(t *testing.T, app *framework.App) string {
	t.Helper()
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
	t.Cleanup(func() { srv.Shutdown() })
	return ln.Addr().String()
}

func fixtureA(t *testing.T) *framework.App {
	app := framework.New(framework.Options{Dir: filepath.Join("conformance", "testdata", "a"), Quiet: true})
	if err := fixture.Register(app, "a"); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestMalformedRequests(t *testing.T) {
	addr := start(t, fixtureA(t))
	tests := []struct {
		name, path string
		status     int
		contains   string
	}{
		{"bad percent-encoding", "/blog/%zz", 400, ""},
		{"truncated escape", "/blog/abc%2", 400, ""},
		{"escaped NUL", "/file.txt%00.png", 400, ""},
		{"dot segments resolved", "/nested/../file.txt", 200, "public file"},
		{"traversal stays in public", "/../../../../etc/passwd", 404, "route=/404"},
		{"encoded traversal stays in public", "/%2e%2e/%2e%2e/etc/passwd", 404, "route=/404"},
		{"source file is not served", "/../next.config.toml", 404, "route=/404"},
		{"page template is not a public file", "/pages/about.html", 404, "route=/404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := conformance.Send(addr, conformance.Request{Method: "GET", Path: tt.path})
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d; body %.100q", r.Status, tt.status, r.Body)
			}
			if !strings.Contains(string(r.Body), tt.contains) {
				t.Fatalf("body %.200q does not contain %q", r.Body, tt.contains)
			}
		})
	}
}

func TestHeaderSizeLimit(t *testing.T) {
	addr := start(t, fixtureA(t))
	for _, tt := range []struct {
		size   int
		status int
	}{
		{15 << 10, 200}, // Node.js accepts up to 16 KiB of request line and headers
		{17 << 10, 431},
	} {
		r, err := conformance.Send(addr, conformance.Request{Method: "GET", Path: "/about",
			Headers: map[string]string{"x-big": strings.Repeat("a", tt.size)}})
		if err != nil {
			t.Fatalf("%d bytes: %v", tt.size, err)
		}
		if r.Status != tt.status {
			t.Errorf("%d-byte header: status %d, want %d", tt.size, r.Status, tt.status)
		}
	}
}

func TestPanicGives500AndServerGoesOn(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("conformance", "testdata", "a"), Quiet: true})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) { panic("proxy bug") }, proxy.Paths("/boom")...)
	app.API("/api/boom", func(c *framework.Context) error { panic("handler bug") })
	app.Loader("/echo", func(c *framework.Context) (any, error) { panic("loader bug") })
	addr := start(t, app)
	for _, path := range []string{"/boom", "/api/boom", "/echo"} {
		r, err := conformance.Send(addr, conformance.Request{Method: "GET", Path: path})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != 500 {
			t.Errorf("%s: status %d, want 500", path, r.Status)
		}
		if strings.Contains(string(r.Body), "bug") {
			t.Errorf("%s: Quiet 500 page leaks the panic: %.200q", path, r.Body)
		}
	}
	r, err := conformance.Send(addr, conformance.Request{Method: "GET", Path: "/about"})
	if err != nil || r.Status != 200 {
		t.Fatalf("after panics: %v, %+v", err, r)
	}
}
