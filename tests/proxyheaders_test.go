package tests

import (
	"strings"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

// TestProxyRequestHeaders checks that the request headers a proxy sets or
// removes (NextResponse.next({request: {headers}})) are what everything
// after it sees: rewrite conditions, the choice of encoding and the 304
// check of a page served from memory, loaders and API handlers. (Header
// rules and redirects run before the proxy and see the request as sent.)
func TestProxyRequestHeaders(t *testing.T) {
	app := newApp(t, map[string]string{
		"pages/about.html":  `<main>about</main>` + longPage,
		"pages/gate-b.html": `<main>variant b</main>`,
		"pages/echo.html":   `<main>ab={{.Props.ab}} drop={{.Props.drop}}</main>`,
		"next.config.toml": `
[rewrites]
afterFiles = [
  { source = "/gate", has = [{ type = "header", key = "X-AB", value = "b" }], destination = "/gate-b" },
  { source = "/no-drop", missing = [{ type = "header", key = "x-drop" }], destination = "/gate-b" },
  { source = "/cookie", has = [{ type = "cookie", key = "seen" }], destination = "/gate-b" },
]
`,
	})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.RequestHeader.Set("x-ab", "b")
		res.RequestHeader.Del("x-drop")
		if req.HasQuery("identity") {
			res.RequestHeader.Set("accept-encoding", "identity")
		}
		if req.HasQuery("inm") {
			res.RequestHeader.Set("If-None-Match", `"`+req.Query("inm")+`"`)
		}
		if req.HasQuery("cookie") {
			res.RequestHeader.Set("cookie", "seen=1")
		}
	})
	app.Loader("/echo", func(c *framework.Context) (any, error) {
		return map[string]string{"ab": c.Get("x-ab"), "drop": c.Get("x-drop")}, nil
	})
	app.API("/api/ab", func(c *framework.Context) error {
		return c.JSON(map[string]string{"ab": c.Get("X-Ab"), "drop": c.Get("x-drop")})
	})
	addr := start(t, app)

	for _, path := range []string{"/gate", "/no-drop", "/cookie?cookie"} {
		r := get(t, addr, "GET", path, "x-drop", "1", "x-ab", "a")
		wantStatus(t, path+" (rewrite on the proxy's headers)", r, 200)
		if !strings.Contains(string(r.body), "variant b") {
			t.Errorf("%s: body %.100q, want the rewrite to /gate-b", path, r.body)
		}
	}
	r := get(t, addr, "GET", "/cookie")
	wantStatus(t, "/cookie without the proxy's cookie", r, 404)

	r = get(t, addr, "GET", "/echo", "x-drop", "1", "x-ab", "a")
	wantStatus(t, "/echo", r, 200)
	if !strings.Contains(string(r.body), "ab=b drop=<") {
		t.Errorf("loader saw %.100q, want ab=b and no x-drop", r.body)
	}

	r = get(t, addr, "GET", "/api/ab", "x-drop", "1")
	wantStatus(t, "/api/ab", r, 200)
	if got := string(r.body); got != `{"ab":"b","drop":""}` {
		t.Errorf("API handler saw %s", got)
	}

	r = get(t, addr, "GET", "/about", "x-drop", "1", "Accept-Encoding", "br")
	wantStatus(t, "/about", r, 200)
	wantHeader(t, "/about, Accept-Encoding br", r, "Content-Encoding", "br")
	etag := r.header.Get("Etag")

	r = get(t, addr, "GET", "/about?identity", "Accept-Encoding", "br")
	wantHeader(t, "/about, proxy set Accept-Encoding identity", r, "Content-Encoding", "")

	r = get(t, addr, "GET", "/about?inm="+strings.Trim(etag, `"`), "Accept-Encoding", "br")
	wantStatus(t, "/about with the proxy's If-None-Match", r, 304)
}
