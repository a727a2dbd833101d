package proxy

import (
	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/valyala/fasthttp"
)

// Request is the request a proxy sees (the NextRequest analogue): the path
// as received, still percent-encoded and before any rewrite, its query,
// headers, cookies and the matched locale.
type Request struct {
	ctx      *fasthttp.RequestCtx
	pathname []byte
	query    []byte
	locale   string
	args     fasthttp.Args
	parsed   bool
	url      []byte
}

// Reset points r at a request. The framework calls it before each proxy
// run; proxytest calls it for fake requests. pathname and query (without
// "?") must stay valid while r is used.
func (r *Request) Reset(ctx *fasthttp.RequestCtx, pathname, query []byte, locale string) {
	r.ctx, r.pathname, r.query, r.locale, r.parsed = ctx, pathname, query, locale, false
}

// Method returns the request method ("GET", "POST", ...).
func (r *Request) Method() string { return bytesconv.String(r.ctx.Method()) }

// Pathname returns the path as received: percent-encoded, no query, before
// rewrites (request.nextUrl.pathname).
func (r *Request) Pathname() string { return bytesconv.String(r.pathname) }

// Search returns the query with its leading "?", or "" when there is none.
func (r *Request) Search() string {
	if len(r.query) == 0 {
		return ""
	}
	return "?" + bytesconv.String(r.query)
}

// RawQuery returns the query without "?", as received.
func (r *Request) RawQuery() string { return bytesconv.String(r.query) }

// Query returns the last decoded value of query parameter name, or "".
func (r *Request) Query(name string) string {
	r.parseQuery()
	v := r.args.Peek(name)
	return bytesconv.String(v)
}

// HasQuery reports whether query parameter name is present.
func (r *Request) HasQuery(name string) bool {
	r.parseQuery()
	return r.args.Has(name)
}

func (r *Request) parseQuery() {
	if !r.parsed {
		r.args.ParseBytes(r.query)
		r.parsed = true
	}
}

// Header returns the value of request header name (case-insensitive), or "".
func (r *Request) Header(name string) string {
	return bytesconv.String(r.ctx.Request.Header.Peek(name))
}

// Cookie returns the value of cookie name and whether it was sent
// (request.cookies.get).
func (r *Request) Cookie(name string) (string, bool) {
	v, ok := cookie.Get(&r.ctx.Request.Header, name)
	return bytesconv.String(v), ok
}

// HasCookie reports whether cookie name was sent, whatever its value
// (request.cookies.has).
func (r *Request) HasCookie(name string) bool {
	_, ok := r.Cookie(name)
	return ok
}

// Cookies calls fn for every cookie sent, in order (request.cookies.getAll).
func (r *Request) Cookies(fn func(name, value string)) {
	for k, v := range r.ctx.Request.Header.Cookies() {
		fn(bytesconv.String(k), bytesconv.String(v))
	}
}

// Host returns the Host header, port included.
func (r *Request) Host() string { return bytesconv.String(r.ctx.Host()) }

// URL returns the full request URL: scheme, host, pathname and search
// (request.url).
func (r *Request) URL() string {
	r.url = r.url[:0]
	if r.ctx.IsTLS() {
		r.url = append(r.url, "https://"...)
	} else {
		r.url = append(r.url, "http://"...)
	}
	r.url = append(r.url, r.ctx.Host()...)
	r.url = append(r.url, r.pathname...)
	if len(r.query) > 0 {
		r.url = append(r.url, '?')
		r.url = append(r.url, r.query...)
	}
	return bytesconv.String(r.url)
}

// Locale returns the request's locale when i18n is configured, else "".
func (r *Request) Locale() string { return r.locale }

// IP returns the client's IP address.
func (r *Request) IP() string { return r.ctx.RemoteIP().String() }

// Context returns the underlying fasthttp request, for what Request does
// not cover. It must not be kept after the proxy returns.
func (r *Request) Context() *fasthttp.RequestCtx { return r.ctx }
