package proxy

import (
	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/valyala/fasthttp"
)

// Request is the request a proxy sees (the NextRequest analogue): the path
// as received, still percent-encoded and before any rewrite, its query,
// headers, cookies and the matched locale. In an app with a basePath or
// i18n, Pathname is the path after them (request.nextUrl.pathname) and URL
// the whole URL with them (request.url).
type Request struct {
	ctx      *fasthttp.RequestCtx
	pathname []byte
	query    []byte
	locale   string
	prefixes Prefixes
	args     fasthttp.Args
	parsed   bool
	url      []byte
}

// Prefixes says what came before the pathname in the request path, for an
// app with a basePath or i18n. URL writes them back as Next.js formats
// request.url.
type Prefixes struct {
	// BasePath is the app's basePath when the request path starts with
	// it, else "" (request.nextUrl.basePath).
	BasePath string
	// DefaultLocale is the app's default locale, "" without i18n. URL
	// writes the request's locale after the basePath unless it is this one.
	DefaultLocale string
	// TrailingSlash reports whether the path ends with "/", as the server
	// resolves it: pathname "/" stands for both "/app" and "/app/", and URL
	// ends like the path. (With i18n and no trailingSlash, "/app/" is
	// resolved as "/app/en" and Next.js's request.url is "/app".)
	TrailingSlash bool
	// Received, when not nil, is the path URL writes as it is, prefixes
	// and all (next.config skipProxyUrlNormalize).
	Received []byte
}

// Reset points r at a request with no prefixes. The framework calls it
// before each proxy run, then SetPrefixes; proxytest calls both for fake
// requests. pathname and query (without "?") must stay valid while r is
// used.
func (r *Request) Reset(ctx *fasthttp.RequestCtx, pathname, query []byte, locale string) {
	r.ctx, r.pathname, r.query, r.locale, r.parsed = ctx, pathname, query, locale, false
	r.prefixes = Prefixes{}
}

// SetPrefixes tells r what came before its pathname; p.Received must stay
// valid while r is used.
func (r *Request) SetPrefixes(p Prefixes) { r.prefixes = p }

// Method returns the request method ("GET", "POST", ...).
func (r *Request) Method() string { return bytesconv.String(r.ctx.Method()) }

// Pathname returns the path as received: percent-encoded, no query, before
// rewrites, without the basePath and the locale segment
// (request.nextUrl.pathname): "/about/" for "/app/fr/about/".
func (r *Request) Pathname() string { return bytesconv.String(r.pathname) }

// BasePath returns the app's basePath when the request path has it, else ""
// (request.nextUrl.basePath).
func (r *Request) BasePath() string { return r.prefixes.BasePath }

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

// URL returns the full request URL (request.url): scheme, the Host
// header, path and search. The path is the request's, basePath and locale
// included, written as Next.js writes it: the basePath, then the locale
// unless it is the default one ("/app/en/about/" gives "/app/about/") in
// its configured spelling ("/app/FR/about/" gives "/app/fr/about/"), then
// the pathname. Like Next.js it leaves the locale out before a pathname
// that starts with "/api" or with the locale itself. With
// skipProxyUrlNormalize the path is the one received.
func (r *Request) URL() string {
	r.url = r.url[:0]
	if r.ctx.IsTLS() {
		r.url = append(r.url, "https://"...)
	} else {
		r.url = append(r.url, "http://"...)
	}
	r.url = append(r.url, r.ctx.Host()...)
	r.url = r.appendPath(r.url)
	if len(r.query) > 0 {
		r.url = append(r.url, '?')
		r.url = append(r.url, r.query...)
	}
	return bytesconv.String(r.url)
}

// appendPath appends the path URL shows, as Next.js's NextURL formats it
// from basePath, locale and pathname.
func (r *Request) appendPath(dst []byte) []byte {
	p := &r.prefixes
	if p.Received != nil {
		return append(dst, p.Received...)
	}
	start := len(dst)
	dst = append(dst, p.BasePath...)
	if r.showLocale() {
		dst = append(append(dst, '/'), r.locale...)
	}
	if len(dst) > start && len(r.pathname) == 1 && !p.TrailingSlash {
		return dst // "/app", "/app/fr": nothing after the prefixes
	}
	return append(dst, r.pathname...)
}

// showLocale reports whether URL writes the locale segment: for a locale
// other than the default, unless the pathname is an API path or already
// starts with the locale (Next.js's addLocale).
func (r *Request) showLocale() bool {
	if r.locale == "" || r.locale == r.prefixes.DefaultLocale {
		return false
	}
	return !hasSegmentFold(r.pathname, "api") && !hasSegmentFold(r.pathname, r.locale)
}

// hasSegmentFold reports whether path is "/"+seg or starts with "/"+seg+"/",
// ignoring ASCII case.
func hasSegmentFold(path []byte, seg string) bool {
	n := len(seg) + 1
	if len(path) < n || path[0] != '/' || !equalFold(path[1:n], seg) {
		return false
	}
	return len(path) == n || path[n] == '/'
}

// Locale returns the request's locale when i18n is configured, else ""
// (request.nextUrl.locale): the one the path names, else the default.
func (r *Request) Locale() string { return r.locale }

// IP returns the client's IP address.
func (r *Request) IP() string { return r.ctx.RemoteIP().String() }

// Context returns the underlying fasthttp request, for what Request does
// not cover. It must not be kept after the proxy returns.
func (r *Request) Context() *fasthttp.RequestCtx { return r.ctx }
