// Command fiberbase is the bare-Fiber baseline of the comparison harness
// (see bench/README.md): a plain Fiber app that answers the harness's
// paths on conformance fixture a with the same status, headers and bytes
// as Nextfiber, doing the work the fixture's own code does (the /echo
// loader, the API and proxy JSON) but none of the framework's: no config
// rules, no proxy chain, no route table beyond Fiber's router. What the
// config rules and the proxy would add is written into each handler.
//
//	GOMAXPROCS=1 taskset -c 0 fiberbase -dir tests/conformance/testdata/a -addr 127.0.0.1:3001
//
// Like Nextfiber it renders static pages and public files once at start,
// and a dynamic page without a loader once per URL, keeps their brotli and
// gzip encodings, and answers If-None-Match. It prints
// "READY http://ADDR" once it accepts connections and stops on SIGINT or
// SIGTERM.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"html/template"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/bench/internal/benchserver"
	"github.com/valyala/fasthttp"
)

func main() {
	dir := flag.String("dir", "tests/conformance/testdata/a", "fixture a's folder")
	benchserver.Main("fiberbase", "127.0.0.1:3001", func() (*fiber.App, error) {
		return newApp(*dir)
	})
}

// newApp registers one handler per benchmarked path.
func newApp(dir string) (*fiber.App, error) {
	pages := filepath.Join(dir, "pages")
	usersMe, err := loadPage(filepath.Join(pages, "users", "me.html"))
	if err != nil {
		return nil, err
	}
	echo, err := loadPage(filepath.Join(pages, "echo.html"))
	if err != nil {
		return nil, err
	}
	blog, err := loadPage(filepath.Join(pages, "blog", "[slug].html"))
	if err != nil {
		return nil, err
	}
	meBody, err := render(usersMe, pageData{Params: map[string]any{}})
	if err != nil {
		return nil, err
	}
	me := newStatic(meBody, "text/html; charset=utf-8", time.Time{}).compressed(true)
	file, err := loadFile(filepath.Join(dir, "public", "file.txt"))
	if err != nil {
		return nil, err
	}
	blogPages := &memo{m: map[string]*static{}}

	app := fiber.New(fiber.Config{DisableStartupMessage: true})

	// Static page: prerendered; the config header rule and the proxy's
	// response header.
	app.Get("/users/me", func(c *fiber.Ctx) error {
		setHeaders(c, "/users/me")
		return me.send(c)
	})

	// SSR page: the fixture's loader (the proxy's request header and the
	// query) and a template render per request.
	app.Get("/echo", func(c *fiber.Ctx) error {
		setHeaders(c, "/echo")
		query := map[string]any{}
		c.Context().QueryArgs().VisitAll(func(k, v []byte) {
			switch old := query[string(k)].(type) {
			case nil:
				query[string(k)] = string(v)
			case string:
				query[string(k)] = []string{old, string(v)}
			case []string:
				query[string(k)] = append(old, string(v))
			}
		})
		props := map[string]any{"fromProxy": "yes", "query": query}
		c.Set(fiber.HeaderContentType, "text/html; charset=utf-8")
		c.Vary(fiber.HeaderAcceptEncoding) // gzipped for clients that take it; the harness sends no Accept-Encoding
		return echo.Execute(c.Response().BodyWriter(), pageData{Params: map[string]any{}, Props: props})
	})

	// Public file: in memory. (Range requests, which Nextfiber answers,
	// are not implemented: the harness sends none.)
	app.Get("/file.txt", func(c *fiber.Ctx) error {
		setHeaders(c, "/file.txt")
		c.Set(fiber.HeaderCacheControl, "public, max-age=0")
		c.Set(fiber.HeaderAcceptRanges, "bytes")
		return file.send(c)
	})

	// Config redirect /old-blog/:slug -> /blog/:slug, permanent: 308 with
	// the Refresh header Next.js sends, no config headers.
	app.Get("/old-blog/:slug", func(c *fiber.Ctx) error {
		var buf [128]byte
		loc := append(append(buf[:0], "0;url=/blog/"...), c.Params("slug")...)
		h := &c.Response().Header
		h.SetStatusCode(fiber.StatusPermanentRedirect)
		h.SetBytesV(fiber.HeaderLocation, loc[len("0;url="):])
		h.SetBytesV("Refresh", loc)
		return nil
	})

	// Rewrite /rw/:slug -> /blog/:slug: the dynamic page, rendered once
	// per slug.
	app.Get("/rw/:slug", func(c *fiber.Ctx) error {
		setHeaders(c, c.Path())
		slug := c.Params("slug")
		s := blogPages.get(slug)
		if s == nil {
			body, err := render(blog, pageData{Params: map[string]any{"slug": slug}})
			if err != nil {
				return err
			}
			s = newStatic(body, "text/html; charset=utf-8", time.Time{}).compressed(false)
			blogPages.put(slug, s)
		}
		return s.send(c)
	})

	// Proxy-answered response: the proxy's JSON, with the config header.
	app.Get("/proxy/json", func(c *fiber.Ctx) error {
		c.Set("X-Global", "1")
		c.Vary(fiber.HeaderAcceptEncoding)
		c.Status(fiber.StatusCreated)
		return c.JSON(map[string]bool{"ok": true})
	})

	// API route: the fixture's handler, with the config header (the proxy
	// matcher excludes /api).
	app.Get("/api/hello", func(c *fiber.Ctx) error {
		c.Set("X-Global", "1")
		c.Vary(fiber.HeaderAcceptEncoding)
		if err := c.JSON(map[string]string{"hello": "world"}); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/json; charset=utf-8")
		return nil
	})
	return app, nil
}

// setHeaders adds what fixture a's config header rule /:path* and its
// proxy's next() branch add to a page or file response.
func setHeaders(c *fiber.Ctx, path string) {
	c.Set("X-Global", "1")
	c.Set("X-Proxy-Saw", path)
}

// pageData has the fields the fixture's templates read.
type pageData struct {
	Params map[string]any
	Props  any
}

var funcs = template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

func loadPage(file string) (*template.Template, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return template.New(filepath.Base(file)).Funcs(funcs).Parse(string(src))
}

func render(t *template.Template, d pageData) ([]byte, error) {
	var buf bytes.Buffer
	err := t.Execute(&buf, d)
	return buf.Bytes(), err
}

// static is a prepared response body with its validators and, when they
// come out smaller, its brotli and gzip encodings (as Nextfiber keeps them).
type static struct {
	body         []byte
	contentType  string
	etag         string
	lastModified string
	br, gzip     *static
}

func newStatic(body []byte, contentType string, mod time.Time) *static {
	sum := sha256.Sum256(body)
	s := &static{body: body, contentType: contentType,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
	if !mod.IsZero() {
		s.lastModified = mod.UTC().Format(http.TimeFormat)
	}
	return s
}

// compressed adds the encodings of a text body that are smaller than it:
// best compression for what is prepared at start, the default level for a
// page rendered on first request.
func (s *static) compressed(best bool) *static {
	brLevel, gzLevel := fasthttp.CompressBrotliDefaultCompression, fasthttp.CompressDefaultCompression
	if best {
		brLevel, gzLevel = fasthttp.CompressBrotliBestCompression, fasthttp.CompressBestCompression
	}
	variant := func(body []byte) *static {
		if len(body) >= len(s.body) {
			return nil
		}
		v := newStatic(body, s.contentType, time.Time{})
		v.lastModified = s.lastModified
		return v
	}
	s.br = variant(fasthttp.AppendBrotliBytesLevel(nil, s.body, brLevel))
	s.gzip = variant(fasthttp.AppendGzipBytesLevel(nil, s.body, gzLevel))
	return s
}

func loadFile(file string) (*static, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	body, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return newStatic(body, mime.TypeByExtension(filepath.Ext(file)), fi.ModTime()).compressed(true), nil
}

// send answers with s in the encoding the client accepts, or 304 when
// its copy is current: what a hand-written handler for prepared bytes does.
func (s *static) send(c *fiber.Ctx) error {
	h := &c.Response().Header
	if s.br != nil || s.gzip != nil {
		h.Add(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
		ae := c.Request().Header.Peek(fiber.HeaderAcceptEncoding)
		switch {
		case s.br != nil && bytes.Contains(ae, []byte("br")):
			h.SetContentEncoding("br")
			s = s.br
		case s.gzip != nil && bytes.Contains(ae, []byte("gzip")):
			h.SetContentEncoding("gzip")
			s = s.gzip
		}
	}
	h.Set(fiber.HeaderETag, s.etag)
	if s.lastModified != "" {
		h.Set(fiber.HeaderLastModified, s.lastModified)
	}
	if inm := c.Request().Header.Peek(fiber.HeaderIfNoneMatch); len(inm) > 0 && bytes.Contains(inm, []byte(s.etag)) {
		c.Context().NotModified()
		return nil
	}
	h.SetStatusCode(fasthttp.StatusOK)
	h.SetContentType(s.contentType)
	c.Response().SetBodyRaw(s.body)
	return nil
}

// memo keeps rendered pages by URL param.
type memo struct {
	mu sync.RWMutex
	m  map[string]*static
}

func (m *memo) get(key string) *static {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.m[key]
}

func (m *memo) put(key string, s *static) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[string([]byte(key))] = s // key points into the request: copy it
}
