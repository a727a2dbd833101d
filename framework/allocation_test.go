package framework_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/valyala/fasthttp"
)

// allocCase is one request the handler must answer as expected and then
// serve again without allocating.
type allocCase struct {
	name, uri string
	headers   []string // name, value pairs
	status    int
	want      string // anywhere in the response: body, Location or another header
}

// checkZeroAllocs serves each case once to check its status and response,
// then counts the allocations of serving it again. Serving copies a request
// built once into a RequestCtx reused across runs, as the server reuses its
// ctx across the requests of a connection.
func checkZeroAllocs(t *testing.T, h fasthttp.RequestHandler, cases []allocCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.headers)%2 != 0 {
				t.Fatalf("headers %q are not name, value pairs", tc.headers)
			}
			var req fasthttp.Request
			req.SetRequestURI(tc.uri)
			req.Header.SetHost("localhost")
			for i := 0; i < len(tc.headers); i += 2 {
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			var ctx fasthttp.RequestCtx
			ctx.Init(&req, nil, nil)
			serve := func() {
				req.CopyTo(&ctx.Request)
				ctx.Response.Reset()
				h(&ctx)
			}
			serve()
			if got := ctx.Response.StatusCode(); got != tc.status {
				t.Fatalf("status %d, want %d", got, tc.status)
			}
			if resp := ctx.Response.String(); !strings.Contains(resp, tc.want) {
				t.Fatalf("response does not contain %q:\n%.500s", tc.want, resp)
			}
			if raceEnabled {
				t.Skip("status and response checked; allocations not counted: sync.Pool drops items at random under the race detector")
			}
			if n := testing.AllocsPerRun(100, serve); n != 0 {
				t.Errorf("%v allocations per request, want 0", n)
			}
		})
	}
}

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
	checkZeroAllocs(t, app.Handler(), []allocCase{
		{"static page in a locale", "/app/fr/about/", nil, 200, "locale=fr"},
		{"public file", "/app/file.txt", nil, 200, "public file"},
		{"redirect under a locale", "/app/fr/old/x/", nil, 307, "/app/fr/blog/x"},
		{"rewrite to a dynamic page", "/app/de/rw/x/", nil, 200, "locale=de"},
		{"trailing-slash redirect", "/app/fr/about", nil, 308, "/app/fr/about/"},
		{"locale redirect of the root", "/app/", []string{"Accept-Language", "fr"}, 307, "/app/fr/"},
		{"404 in a locale", "/app/de/nope/", nil, 404, "locale=de"},
		{"proxy next() with a header", "/app/fr/blog/x/", nil, 200, "X-Seen: fr /blog/x/"},
	})
}

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
	checkZeroAllocs(t, app.Handler(), []allocCase{
		{"static page, brotli", "/about", []string{"Accept-Encoding", "gzip, deflate, br"}, 200, "Content-Encoding: br"},
		{"static page, 304", "/about", []string{"If-None-Match", "*"}, 304, "Etag: "},
		{"public file, gzip", "/app.css", []string{"Accept-Encoding", "gzip"}, 200, "Content-Encoding: gzip"},
		{"public file, range", "/app.css", []string{"Range", "bytes=0-9"}, 206, "Content-Range: bytes 0-9/"},
		{"public file, 304", "/app.css", []string{"If-None-Match", "*"}, 304, "Last-Modified"},
		{"isr hit", "/news/1", nil, 200, "X-Nextjs-Cache: HIT"},
		{"isr 304", "/news/1", []string{"If-None-Match", "*"}, 304, "X-Nextjs-Cache: HIT"},
	})
}
