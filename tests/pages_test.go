package tests

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/rs/zerolog"
	"github.com/valyala/fasthttp"
)

// The site of TestLayouts: a _document, an _app with a partial, a layout
// chosen by front matter, a page that is a whole document, and the error
// pages, which are wrapped like any page.
var layoutSite = map[string]string{
	"pages/_document.html": `<!DOCTYPE html>
<html lang="{{.Lang}}" data-doc="custom">
<head>{{template "head" .}}</head>
<body>{{template "body" .}}</body>
</html>
`,
	"pages/_app.html":          `<div id="app">{{template "nav" .}}{{template "page" .}}</div>`,
	"pages/_partials/nav.html": `<nav>site nav</nav>`,
	"pages/_layouts/post.html": `<article class="post"><h1>{{.Title}}</h1>{{template "content" .}}</article>`,
	"pages/index.html":         `{{define "head"}}<title>Home</title>{{end}}<main>home page</main>`,
	"pages/blog/hello.md":      "---\ntitle: Hello\nlayout: post\n---\nSome *markdown*.\n",
	"pages/whole.html":         "<!DOCTYPE html>\n<html><body><main>whole document, as written</main></body></html>\n",
	"pages/404.html":           `<main>custom not found</main>`,
	"pages/500.html":           `<main>custom error</main>`,
	"pages/broken.html":        `<main>{{.Props}}</main>`,
}

func TestLayouts(t *testing.T) {
	app := newApp(t, layoutSite)
	app.Loader("/broken", func(c *framework.Context) (any, error) { return nil, errors.New("boom") })
	addr := start(t, app)

	tests := []struct {
		path   string
		status int
		want   []string // in order
	}{
		{"/", 200, []string{`<html lang="en" data-doc="custom">`, "<head><title>Home</title></head>",
			`<body><div id="app"><nav>site nav</nav><main>home page</main></div></body>`}},
		{"/blog/hello", 200, []string{`data-doc="custom"`, "<title>Hello</title>", `<div id="app"><nav>site nav</nav>`,
			`<article class="post"><h1>Hello</h1>`, "<em>markdown</em>", "</article></div>"}},
		{"/whole", 200, []string{layoutSite["pages/whole.html"]}},
		{"/nope", 404, []string{`data-doc="custom"`, `<div id="app"><nav>site nav</nav><main>custom not found</main></div>`}},
		{"/broken", 500, []string{`data-doc="custom"`, `<div id="app"><nav>site nav</nav><main>custom error</main></div>`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, addr, "GET", tt.path)
			wantStatus(t, tt.path, r, tt.status)
			body := string(r.body)
			for _, w := range tt.want {
				i := strings.Index(body, w)
				if i < 0 {
					t.Fatalf("body does not contain %q (in order):\n%s", w, r.body)
				}
				body = body[i+len(w):]
			}
		})
	}
	if r := get(t, addr, "GET", "/whole"); string(r.body) != layoutSite["pages/whole.html"] {
		t.Errorf("a whole document is not served byte for byte:\n%s", r.body)
	}
}

// syncBuffer is a log sink that request goroutines and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestLoaderOutcomes(t *testing.T) {
	var logs syncBuffer
	log := zerolog.New(&logs)
	app := framework.New(framework.Options{Logger: &log, Dir: writeApp(t, t.TempDir(), map[string]string{
		"pages/item/[id].html": `<main>item {{.Props}}</main>`,
		"pages/404.html":       `<main>custom not found</main>`,
		"pages/500.html":       `<main>custom error</main>`,
	})})
	app.Loader("/item/[id]", func(c *framework.Context) (any, error) {
		switch id := c.Params("id"); id {
		case "missing":
			return nil, framework.ErrNotFound
		case "moved":
			return nil, framework.Redirect("/item/new", 0)
		case "permanent":
			return nil, framework.Redirect("/item/new", 308)
		case "elsewhere":
			return nil, framework.Redirect("https://example.com/x", 301)
		case "fail":
			return nil, errors.New("database is down")
		case "panic":
			panic("loader bug")
		default:
			return "#" + id, nil
		}
	})
	addr := start(t, app)

	tests := []struct {
		path, body, location, refresh string
		status                        int
		logged                        string
	}{
		{path: "/item/42", status: 200, body: "<main>item #42</main>"},
		{path: "/item/missing", status: 404, body: "custom not found"},
		{path: "/item/moved", status: 307, location: "/item/new"},
		{path: "/item/permanent", status: 308, location: "/item/new", refresh: "0;url=/item/new"},
		{path: "/item/elsewhere", status: 301, location: "https://example.com/x"},
		{path: "/item/fail", status: 500, body: "custom error", logged: "database is down"},
		{path: "/item/panic", status: 500, body: "custom error", logged: "loader bug"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, addr, "GET", tt.path)
			wantStatus(t, tt.path, r, tt.status)
			if !strings.Contains(string(r.body), tt.body) {
				t.Errorf("body %.200q does not contain %q", r.body, tt.body)
			}
			wantHeader(t, tt.path, r, "Location", tt.location)
			wantHeader(t, tt.path, r, "Refresh", tt.refresh)
			if tt.logged != "" {
				if l := logs.String(); !strings.Contains(l, tt.logged) || !strings.Contains(l, tt.path) {
					t.Errorf("log does not name the error %q and the path: %s", tt.logged, l)
				}
				if strings.Contains(string(r.body), tt.logged) {
					t.Errorf("production 500 page shows the error: %.200q", r.body)
				}
			}
		})
	}
}

func TestLoaderRedirectUnderBasePath(t *testing.T) {
	app := newApp(t, map[string]string{
		"next.config.toml": `basePath = "/docs"`,
		"pages/old.html":   `<main>old</main>`,
	})
	app.Loader("/old", func(c *framework.Context) (any, error) { return nil, framework.Redirect("/new", 0) })
	addr := start(t, app)
	r := get(t, addr, "GET", "/docs/old")
	wantStatus(t, "/docs/old", r, 307)
	wantHeader(t, "/docs/old", r, "Location", "/docs/new")
}

func TestDefaultErrorPages(t *testing.T) {
	app := newApp(t, map[string]string{"pages/index.html": `<main>home</main>`})
	app.Loader("/", func(c *framework.Context) (any, error) {
		if c.Query("fail") != "" {
			return nil, errors.New("boom")
		}
		return nil, nil
	})
	addr := start(t, app)
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/nope", 404, "<h1>404</h1><p>This page could not be found.</p>"},
		{"/?fail=1", 500, "<h1>500</h1><p>Internal Server Error.</p>"},
	} {
		r := get(t, addr, "GET", tt.path)
		wantStatus(t, tt.path, r, tt.status)
		if !strings.Contains(string(r.body), tt.want) || !strings.Contains(string(r.body), "<title>") {
			t.Errorf("%s: default page %q lacks a title or %q", tt.path, r.body, tt.want)
		}
	}
}

// decode undoes a Content-Encoding.
func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var out []byte
	var err error
	switch encoding {
	case "":
		return body
	case "br":
		out, err = fasthttp.AppendUnbrotliBytes(nil, body)
	case "gzip":
		out, err = fasthttp.AppendGunzipBytes(nil, body)
	default:
		t.Fatalf("unexpected Content-Encoding %q", encoding)
	}
	if err != nil {
		t.Fatalf("decoding %s: %v", encoding, err)
	}
	return out
}

// A page long enough for compression to pay.
var longPage = "<main>" + strings.Repeat("<p>Static pages are rendered once and served from memory.</p>\n", 40) + "</main>"

func TestAutomaticStaticOptimization(t *testing.T) {
	app := newApp(t, map[string]string{
		"pages/about.html":       longPage,
		"pages/tags/[tag].html":  `<main>tag {{.Params.tag}}</main>` + longPage,
		"pages/plain/index.html": `<html>k9Qz</html>`,
	})
	addr := start(t, app)
	identity := get(t, addr, "GET", "/about")
	wantStatus(t, "/about", identity, 200)
	if identity.length != int64(len(identity.body)) || len(identity.body) < len(longPage) {
		t.Fatalf("Content-Length %d for a %d-byte body", identity.length, len(identity.body))
	}
	wantHeader(t, "identity", identity, "Vary", "Accept-Encoding")
	wantHeader(t, "identity", identity, "Content-Encoding", "")

	tests := []struct {
		accept, encoding string
	}{
		{"", ""},
		{"identity", ""},
		{"gzip, deflate, br", "br"},
		{"br;q=0.1, gzip;q=1", "br"}, // brotli is preferred whatever the q-values, unless refused
		{"gzip", "gzip"},
		{"x-gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"BR", "br"},
		{"*", "br"},
		{"*, br;q=0", "gzip"},
		{"*;q=0", ""},
		{"gzip;q=0.000, deflate", ""},
	}
	etags := map[string]string{}
	for _, tt := range tests {
		t.Run("accept "+tt.accept, func(t *testing.T) {
			r := get(t, addr, "GET", "/about", "Accept-Encoding", tt.accept)
			wantStatus(t, "/about", r, 200)
			wantHeader(t, tt.accept, r, "Content-Encoding", tt.encoding)
			wantHeader(t, tt.accept, r, "Vary", "Accept-Encoding")
			if r.length != int64(len(r.body)) {
				t.Errorf("Content-Length %d for a %d-byte body", r.length, len(r.body))
			}
			if got := decode(t, tt.encoding, r.body); !bytes.Equal(got, identity.body) {
				t.Errorf("decoded body differs from the identity body")
			}
			if tt.encoding != "" && len(r.body) >= len(identity.body) {
				t.Errorf("%s body is %d bytes, identity %d", tt.encoding, len(r.body), len(identity.body))
			}
			etag := r.header.Get("ETag")
			if prev, ok := etags[tt.encoding]; ok && prev != etag {
				t.Errorf("ETag %s, earlier %s for the same encoding", etag, prev)
			}
			etags[tt.encoding] = etag
			// The client's copy is current: 304, with the validators
			// and Vary, and no body.
			nm := get(t, addr, "GET", "/about", "Accept-Encoding", tt.accept, "If-None-Match", etag)
			wantStatus(t, "If-None-Match", nm, 304)
			wantHeader(t, "304", nm, "ETag", etag)
			wantHeader(t, "304", nm, "Vary", "Accept-Encoding")
			if len(nm.body) != 0 {
				t.Errorf("304 with a body: %q", nm.body)
			}
		})
	}
	if len(etags) != 3 || etags[""] == etags["br"] || etags[""] == etags["gzip"] || etags["br"] == etags["gzip"] {
		t.Errorf("want one ETag per encoding, got %v", etags)
	}
	// Another encoding's ETag is another representation: no 304.
	r := get(t, addr, "GET", "/about", "Accept-Encoding", "gzip", "If-None-Match", etags["br"])
	wantStatus(t, "gzip with the brotli ETag", r, 200)

	head := get(t, addr, "HEAD", "/about", "Accept-Encoding", "br")
	wantStatus(t, "HEAD", head, 200)
	wantHeader(t, "HEAD", head, "Content-Encoding", "br")
	if len(head.body) != 0 || head.length <= 0 {
		t.Errorf("HEAD: body %d bytes, Content-Length %d", len(head.body), head.length)
	}

	// A dynamic page without loader is rendered once per URL, and
	// compressed once too.
	tag := get(t, addr, "GET", "/tags/go", "Accept-Encoding", "gzip")
	wantHeader(t, "/tags/go", tag, "Content-Encoding", "gzip")
	if !strings.Contains(string(decode(t, "gzip", tag.body)), "<main>tag go</main>") {
		t.Errorf("/tags/go: %.100q", decode(t, "gzip", tag.body))
	}
	// A body that does not get smaller is sent as it is, without Vary.
	plain := get(t, addr, "GET", "/plain", "Accept-Encoding", "br, gzip")
	wantHeader(t, "/plain", plain, "Content-Encoding", "")
	wantHeader(t, "/plain", plain, "Vary", "")
}

func TestCompressOff(t *testing.T) {
	app := newApp(t, map[string]string{
		"next.config.toml": "compress = false",
		"pages/about.html": longPage,
		"public/app.css":   strings.Repeat("body { margin: 0 }\n", 100),
	})
	prepared := start(t, app)
	// What is made per request or per render: a page with a loader, an
	// API answer, ISR pages.
	perRequest := start(t, perRequestApp(t, "compress = false"))
	for _, tt := range []struct{ addr, path string }{
		{prepared, "/about"},
		{prepared, "/app.css"},
		{perRequest, "/long"},
		{perRequest, "/api/json"},
		{perRequest, "/news/1"},
		{perRequest, "/news/2"},
	} {
		path := tt.path
		r := get(t, tt.addr, "GET", path, "Accept-Encoding", "br, gzip")
		wantStatus(t, path, r, 200)
		wantHeader(t, path, r, "Content-Encoding", "")
		wantHeader(t, path, r, "Vary", "")
	}
}

func TestStaticPaths(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	app := newApp(t, map[string]string{
		"pages/posts/[id].html": `<main>post {{.Params.id}}: {{.Props}}</main>`,
		"pages/404.html":        `<main>custom not found</main>`,
	})
	app.Loader("/posts/[id]", func(c *framework.Context) (any, error) {
		id := c.Params("id")
		mu.Lock()
		calls[id]++
		mu.Unlock()
		if id == "gone" {
			return nil, framework.ErrNotFound
		}
		return "title of " + id, nil
	})
	app.StaticPaths("/posts/[id]", func() ([]string, error) {
		return []string{"/posts/1", "/posts/2/", "/posts/hello%20world", "/posts/gone"}, nil
	})
	addr := start(t, app)
	count := func(id string) int {
		mu.Lock()
		defer mu.Unlock()
		return calls[id]
	}
	for _, id := range []string{"1", "2", "hello world", "gone"} {
		if n := count(id); n != 1 {
			t.Errorf("loader ran %d times for %q at Prepare, want 1", n, id)
		}
	}

	tests := []struct {
		path, cache, body string
		status, calls     int
	}{
		{"/posts/1", "HIT", "<main>post 1: title of 1</main>", 200, 1},
		{"/posts/2", "HIT", "<main>post 2: title of 2</main>", 200, 1},
		{"/posts/hello%20world", "HIT", "<main>post hello world: title of hello world</main>", 200, 1},
		{"/posts/3", "MISS", "<main>post 3: title of 3</main>", 200, 1}, // not listed: rendered on request
		{"/posts/3", "HIT", "<main>post 3: title of 3</main>", 200, 1},  // and kept
		{"/posts/gone", "", "custom not found", 404, 2},
	}
	for _, tt := range tests {
		r := get(t, addr, "GET", tt.path)
		wantStatus(t, tt.path, r, tt.status)
		wantHeader(t, tt.path, r, "x-nextjs-cache", tt.cache)
		if !strings.Contains(string(r.body), tt.body) {
			t.Errorf("%s: body %.200q does not contain %q", tt.path, r.body, tt.body)
		}
		if tt.status == 200 {
			wantHeader(t, tt.path, r, "Cache-Control", "s-maxage=31536000")
		}
		id := tt.path[len("/posts/"):]
		if id == "hello%20world" {
			id = "hello world"
		}
		if n := count(id); n != tt.calls {
			t.Errorf("%s: loader ran %d times, want %d", tt.path, n, tt.calls)
		}
	}
}

func TestStaticPathsWithLocales(t *testing.T) {
	app := newApp(t, map[string]string{
		"next.config.toml":      "[i18n]\nlocales = [\"en\", \"fr\"]\ndefaultLocale = \"en\"\n",
		"pages/posts/[id].html": `<main>post {{.Params.id}} in {{.Locale}}</main>`,
	})
	app.StaticPaths("/posts/[id]", func() ([]string, error) { return []string{"/posts/1", "/fr/posts/1"}, nil })
	addr := start(t, app)
	for path, want := range map[string]string{"/posts/1": "post 1 in en", "/fr/posts/1": "post 1 in fr"} {
		r := get(t, addr, "GET", path)
		wantStatus(t, path, r, 200)
		wantHeader(t, path, r, "x-nextjs-cache", "HIT")
		if !strings.Contains(string(r.body), want) {
			t.Errorf("%s: %.200q does not contain %q", path, r.body, want)
		}
	}
}

func TestRegistrationErrors(t *testing.T) {
	files := map[string]string{
		"pages/about.html":      `<main>about</main>`,
		"pages/posts/[id].html": `<main>post</main>`,
		"pages/404.html":        `<main>404</main>`,
	}
	paths := func(list ...string) func() ([]string, error) {
		return func() ([]string, error) { return list, nil }
	}
	tests := []struct {
		name     string
		register func(app *framework.App)
		want     string
	}{
		{"static paths of a static page", func(app *framework.App) { app.StaticPaths("/about", paths("/about")) },
			`StaticPaths for "/about": not a dynamic page`},
		{"static paths of no page", func(app *framework.App) { app.StaticPaths("/nope/[id]", paths()) },
			`StaticPaths for "/nope/[id]": no page with that route`},
		{"a path of another page", func(app *framework.App) { app.StaticPaths("/posts/[id]", paths("/about")) },
			`StaticPaths for "/posts/[id]": "/about": not served by this page`},
		{"a path with a query", func(app *framework.App) { app.StaticPaths("/posts/[id]", paths("/posts/1?x")) },
			`StaticPaths for "/posts/[id]": "/posts/1?x": want a URL path`},
		{"static paths func fails", func(app *framework.App) {
			app.StaticPaths("/posts/[id]", func() ([]string, error) { return nil, errors.New("no database") })
		}, `StaticPaths for "/posts/[id]": no database`},
		{"loader fails at Prepare", func(app *framework.App) {
			app.StaticPaths("/posts/[id]", paths("/posts/1"))
			app.Loader("/posts/[id]", func(c *framework.Context) (any, error) { return nil, errors.New("no database") })
		}, "prerendering /posts/1: loader for /posts/[id]: no database"},
		{"zero revalidate period", func(app *framework.App) { app.Revalidate("/about", 0) },
			`Revalidate for "/about": period 0s: must be positive`},
		{"revalidate no page", func(app *framework.App) { app.Revalidate("/nope", 1) },
			`Revalidate for "/nope": no page with that route`},
		{"loader on the 404 page", func(app *framework.App) {
			app.Loader("/404", func(c *framework.Context) (any, error) { return nil, nil })
		}, `Loader for "/404": error pages are rendered once at start-up`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := newApp(t, files)
			tt.register(app)
			err := app.Prepare()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Prepare: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
