package tests

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/tests/conformance"
	"github.com/rs/zerolog"
	"github.com/valyala/fasthttp"
)

// appWithFailingLoader serves fixture a with an /echo loader that fails
// with a message naming a secret, logging into logs.
func appWithFailingLoader(opts framework.Options, logs *bytes.Buffer) *framework.App {
	log := zerolog.New(logs)
	opts.Dir = filepath.Join("conformance", "testdata", "a")
	opts.Logger = &log
	app := framework.New(opts)
	app.Loader("/echo", func(c *framework.Context) (any, error) {
		return nil, errors.New("database password is hunter2")
	})
	return app
}

func TestQuietHidesErrorDetails(t *testing.T) {
	tests := []struct {
		name         string
		opts         framework.Options
		inResponse   bool
		inLogs       bool
		wantResponse string
	}{
		{"dev shows the error", framework.Options{Dev: true}, true, true, "hunter2"},
		{"production logs it", framework.Options{}, false, true, ""},
		{"quiet dev hides it", framework.Options{Dev: true, Quiet: true}, false, false, ""},
		{"quiet production hides it", framework.Options{Quiet: true}, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			addr := start(t, appWithFailingLoader(tt.opts, &logs))
			r, err := conformance.Send(addr, conformance.Request{Method: "GET", Path: "/echo"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != 500 {
				t.Fatalf("status %d, want 500", r.Status)
			}
			if got := strings.Contains(string(r.Body), "hunter2"); got != tt.inResponse {
				t.Errorf("error message in response = %v, want %v: %.300q", got, tt.inResponse, r.Body)
			}
			if got := strings.Contains(logs.String(), "hunter2"); got != tt.inLogs {
				t.Errorf("error message in logs = %v, want %v: %s", got, tt.inLogs, logs.String())
			}
			if tt.inLogs && !strings.Contains(logs.String(), "/echo") {
				t.Errorf("log line does not name the request: %s", logs.String())
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	var logs bytes.Buffer
	app := appWithFailingLoader(framework.Options{Quiet: true}, &logs)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page   string
		status int
		err    bool
		marker string
	}{
		{"/about", 200, false, "route=/about"},
		{"/blog/[slug]", 200, false, "route=/blog/[slug] params={}"},
		{"/blog/hello", 200, false, `route=/blog/[slug] params={&#34;slug&#34;:&#34;hello&#34;}`},
		{"/no-such-page", 404, true, "route=/404"},
		{"/echo", 500, true, ""},
	}
	for _, tt := range tests {
		var ctx fasthttp.RequestCtx
		ctx.Request.SetRequestURI("/custom?x=1")
		err := app.Render(&ctx, tt.page, url.Values{"x": {"1"}})
		if (err != nil) != tt.err {
			t.Errorf("Render(%q) error = %v, want error %v", tt.page, err, tt.err)
		}
		if ctx.Response.StatusCode() != tt.status || !bytes.Contains(ctx.Response.Body(), []byte(tt.marker)) {
			t.Errorf("Render(%q): %d %.200q; want %d with %q", tt.page, ctx.Response.StatusCode(), ctx.Response.Body(), tt.status, tt.marker)
		}
		if got := string(ctx.Response.Header.Peek("X-Global")); got != "1" {
			t.Errorf("Render(%q): x-global %q, want the header rule for the request path", tt.page, got)
		}
	}
}

func TestServeHTTPMatchesFasthttp(t *testing.T) {
	app := fixtureA(t)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app) // the App as an http.Handler, on 127.0.0.1
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	cases, err := conformance.Load(filepath.Join("conformance", "testdata", "cases", "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range conformance.Run(addr, cases) {
		if r.Case.Group == "rewrites" && strings.HasPrefix(r.Case.Name, "rewrite-external") {
			continue // needs the echo upstream; covered by the conformance test
		}
		if !r.Passed() {
			t.Errorf("%s via net/http: %v %v", r.Case.Name, r.Err, r.Diffs)
		}
	}
}

func TestShutdownWaitsForWaitUntil(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("conformance", "testdata", "a"), Quiet: true, Hostname: "127.0.0.1", Port: freePort(t)})
	var done atomic.Bool
	release := make(chan struct{})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.WaitUntil(func() {
			<-release
			done.Store(true)
		})
	})
	go app.Listen()
	waitReady(t, app.Addr())
	if _, err := conformance.Send(app.Addr(), conformance.Request{Method: "GET", Path: "/about"}); err != nil {
		t.Fatal(err)
	}
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		shut <- app.Shutdown(ctx)
	}()
	select {
	case <-shut:
		t.Fatal("Shutdown returned before the WaitUntil work finished")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-shut; err != nil {
		t.Fatal(err)
	}
	if !done.Load() {
		t.Fatal("WaitUntil work did not finish")
	}
}

func TestRenderWithBasePathAndLocale(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("conformance", "testdata", "c"), Quiet: true})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ uri, page, marker string }{
		{"/app/fr/custom/", "/about", "route=/about params={} locale=fr"},
		{"/app/custom/", "/blog/x", `route=/blog/[slug] params={&#34;slug&#34;:&#34;x&#34;} locale=en`},
	} {
		var ctx fasthttp.RequestCtx
		ctx.Request.SetRequestURI(tt.uri)
		if err := app.Render(&ctx, tt.page, nil); err != nil {
			t.Fatalf("Render(%q) for %s: %v", tt.page, tt.uri, err)
		}
		if !bytes.Contains(ctx.Response.Body(), []byte(tt.marker)) {
			t.Errorf("Render(%q) for %s: %.200q, want %q", tt.page, tt.uri, ctx.Response.Body(), tt.marker)
		}
	}
}
