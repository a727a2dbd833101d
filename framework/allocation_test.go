package framework_test

import (
	"bytes"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/valyala/fasthttp"
)

// TestAllocationsI18n checks that basePath and i18n keep the hot paths
// allocation-free, on conformance fixture c (basePath "/app",
// trailingSlash, locales en, fr, de). The BenchmarkPipeline set in bench/
// covers the same paths without prefixes.
func TestAllocationsI18n(t *testing.T) {
	app := framework.New(framework.Options{Dir: "../tests/conformance/testdata/c", Quiet: true})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Header.Set("x-seen", req.Locale()+" "+req.Pathname())
	}, proxy.Paths("/blog/:slug")...)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	h := app.Handler()
	tests := []struct {
		name, uri, header string
		status            int
		want              string // in the body or in Location
	}{
		{"static page in a locale", "/app/fr/about/", "", 200, "locale=fr"},
		{"public file", "/app/file.txt", "", 200, "public file"},
		{"redirect under a locale", "/app/fr/old/x/", "", 307, "/app/fr/blog/x"},
		{"rewrite to a dynamic page", "/app/de/rw/x/", "", 200, "locale=de"},
		{"trailing-slash redirect", "/app/fr/about", "", 308, "/app/fr/about/"},
		{"locale redirect of the root", "/app/", "fr", 307, "/app/fr/"},
		{"404 in a locale", "/app/de/nope/", "", 404, "locale=de"},
		{"proxy next() with a header", "/app/fr/blog/x/", "", 200, "X-Seen: fr /blog/x/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req fasthttp.Request
			req.SetRequestURI(tt.uri)
			req.Header.SetHost("localhost")
			if tt.header != "" {
				req.Header.Set("Accept-Language", tt.header)
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
				t.Fatalf("response does not contain %q:\n%s", tt.want, resp)
			}
			if n := testing.AllocsPerRun(100, serve); n != 0 {
				t.Errorf("%v allocations per request, want 0", n)
			}
		})
	}
}
