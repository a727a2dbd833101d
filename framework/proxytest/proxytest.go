// Package proxytest helps unit-test proxy funcs without a server, like
// next/experimental/testing/server does for proxy.js: DoesProxyMatch tells
// whether a matcher config selects a URL, and Run calls a proxy with a fake
// request and reports what it decided.
//
//	func TestProxy(t *testing.T) {
//		if !proxytest.DoesProxyMatch(matchers, "/about", nil, nil) { t.Fatal("...") }
//		got := proxytest.Run(myProxy, proxytest.NewRequest("GET", "/secret", nil, nil))
//		if got.Action != proxy.Redirect || got.URL != "/login" { t.Fatal("...") }
//	}
//
// For an app with a basePath or i18n, use the App of its config, so that
// URLs are taken apart as the server does:
//
//	app, err := proxytest.LoadApp(".") // reads ./next.config.toml
//	if err != nil { t.Fatal(err) }
//	if !app.DoesProxyMatch(matchers, "/app/fr/about/", nil, nil) { t.Fatal("...") }
//	got := proxytest.Run(myProxy, app.NewRequest("GET", "/app/fr/about/", nil, nil))
package proxytest

import (
	"net/url"

	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/valyala/fasthttp"
)

// Request is a fake request for a proxy func.
type Request struct {
	ctx      fasthttp.RequestCtx
	pathname []byte
	query    []byte
	locale   string
	prefixes proxy.Prefixes
	// localized and unlocalized are the paths matchers see (see
	// proxy.Matchers.MatchViews).
	localized, unlocalized []byte
}

// NewRequest builds a request for target ("/path?query" or a full URL) with
// the given headers and cookies (either may be nil), for an app without
// basePath and i18n (see App.NewRequest).
func NewRequest(method, target string, headers, cookies map[string]string) *Request {
	return (&App{}).NewRequest(method, target, headers, cookies)
}

// NewRequest builds a request for target ("/app/fr/about/?q=1" or a full
// URL) with the given headers and cookies (either may be nil), as the app
// gives it to its proxies.
func (a *App) NewRequest(method, target string, headers, cookies map[string]string) *Request {
	r := &Request{}
	u, err := url.Parse(target)
	if err != nil {
		u = &url.URL{Path: target}
	}
	host := u.Host
	if host == "" {
		host = "localhost"
	}
	req := &r.ctx.Request
	req.Header.SetMethod(method)
	req.URI().DisablePathNormalizing = true
	req.SetRequestURI(u.RequestURI())
	req.Header.SetHost(host)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	for k, v := range cookies {
		req.Header.SetCookie(k, v)
	}
	r.query = []byte(u.RawQuery)
	a.resolve(r, orSlash([]byte(u.EscapedPath())))
	return r
}

// Result is what a proxy decided, copied out of the response.
type Result struct {
	Action proxy.Action
	// Status of a redirect or direct response.
	Status int
	// URL of a redirect or rewrite.
	URL string
	// ContentType and Body of a direct response.
	ContentType string
	Body        string
	// Header holds the response headers set; RequestHeader the forwarded
	// request headers.
	Header        map[string]string
	RequestHeader map[string]string
	// Cookies holds the Set-Cookie values, "name=value; attrs".
	Cookies []string
}

// Run calls fn with req and returns its decision. Work handed to
// WaitUntil runs before Run returns.
func Run(fn proxy.Func, req *Request) Result {
	var pr proxy.Request
	var res proxy.Response
	pr.Reset(&req.ctx, req.pathname, req.query, req.locale)
	pr.SetPrefixes(req.prefixes)
	res.Reset(func(f func()) { f() })
	fn(&pr, &res)
	out := Result{
		Action:        res.Action(),
		Status:        res.StatusCode(),
		URL:           string(res.URL()),
		ContentType:   string(res.ContentType()),
		Body:          string(res.Body()),
		Header:        headerMap(&res.Header),
		RequestHeader: headerMap(&res.RequestHeader),
	}
	res.VisitCookies(func(c *fasthttp.Cookie) { out.Cookies = append(out.Cookies, c.String()) })
	return out
}

func headerMap(h *proxy.Header) map[string]string {
	m := map[string]string{}
	for i := 0; i < h.Len(); i++ {
		k, v, del := h.At(i)
		if !del {
			m[string(k)] = string(v)
		}
	}
	return m
}

// DoesProxyMatch reports whether a proxy registered with matchers would
// run for url with the given headers and cookies, in an app without
// basePath and i18n (see App.DoesProxyMatch). It panics on an invalid
// matcher, as a test wants to hear about it; use proxy.CompileMatchers to
// get the error.
func DoesProxyMatch(matchers []proxy.Matcher, url string, headers, cookies map[string]string) bool {
	return (&App{}).DoesProxyMatch(matchers, url, headers, cookies)
}

// view lets conditions read a fake request.
type view Request

func (v *view) Header(key string) ([]byte, bool) {
	b := v.ctx.Request.Header.Peek(key)
	return b, b != nil
}

func (v *view) Cookie(name string) ([]byte, bool) { return cookie.Get(&v.ctx.Request.Header, name) }

func (v *view) Query(name string) ([]byte, bool) {
	args := v.ctx.QueryArgs()
	if !args.Has(name) {
		return nil, false
	}
	return args.Peek(name), true
}

func (v *view) Host() []byte {
	u, err := url.Parse("http://" + string(v.ctx.Host()))
	if err != nil {
		return v.ctx.Host()
	}
	return []byte(u.Hostname())
}
