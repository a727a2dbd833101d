package proxy

import (
	"encoding/json"

	"github.com/valyala/fasthttp"
)

// Action is what a proxy decided.
type Action uint8

const (
	// Next continues to the next proxy, then to rewrites and routes
	// (NextResponse.next()).
	Next Action = iota
	// Redirect answers with a redirect (NextResponse.redirect()).
	Redirect
	// Rewrite serves another URL while keeping the browser's URL
	// (NextResponse.rewrite()).
	Rewrite
	// Respond answers directly with a status, headers and body
	// (new Response(...), NextResponse.json()).
	Respond
)

// Response is what a proxy decides (the NextResponse analogue). It starts
// as Next; the last of Redirect, Rewrite or a direct answer wins.
type Response struct {
	// Header holds response headers. They are added to whatever answers
	// the request: the proxy's own response, or the page, file or 404 that
	// the pipeline serves after Next or Rewrite.
	Header Header
	// RequestHeader holds request headers to set (or, with Del, remove)
	// before the request goes on, so loaders, API handlers and external
	// rewrite upstreams see them
	// (NextResponse.next({request: {headers}})).
	RequestHeader Header

	action      Action
	status      int
	url         []byte
	contentType []byte
	body        []byte
	cookies     []*fasthttp.Cookie
	nCookies    int
	waitUntil   func(func())
}

// Reset clears r for the next request. waitUntil receives the funcs handed
// to WaitUntil (nil runs them in a goroutine).
func (r *Response) Reset(waitUntil func(func())) {
	r.Header.Reset()
	r.RequestHeader.Reset()
	r.action, r.status = Next, 0
	r.url, r.contentType, r.body = r.url[:0], r.contentType[:0], r.body[:0]
	for i := 0; i < r.nCookies; i++ {
		r.cookies[i].Reset()
	}
	r.nCookies = 0
	r.waitUntil = waitUntil
}

// Next lets the request continue (the default).
func (r *Response) Next() { r.action = Next }

// Redirect answers with a redirect to url (relative or absolute). status
// must be 301, 302, 303, 307 or 308; 0 means 307, as NextResponse.redirect.
func (r *Response) Redirect(url string, status int) {
	switch status {
	case 301, 302, 303, 307, 308:
	default:
		status = 307
	}
	r.action, r.status = Redirect, status
	r.url = append(r.url[:0], url...)
}

// Rewrite serves url instead of the requested path: a path ("/blog/x?y=1")
// or a URL on this server goes on through beforeFiles rewrites, files and
// routes; a URL on another origin is reverse-proxied.
func (r *Response) Rewrite(url string) {
	r.action = Rewrite
	r.url = append(r.url[:0], url...)
}

// Send answers directly with status, a Content-Type (may be "") and body.
func (r *Response) Send(status int, contentType string, body []byte) {
	r.action, r.status = Respond, status
	r.contentType = append(r.contentType[:0], contentType...)
	r.body = append(r.body[:0], body...)
}

// Text answers with a text/plain body.
func (r *Response) Text(status int, body string) {
	r.action, r.status = Respond, status
	r.contentType = append(r.contentType[:0], "text/plain; charset=utf-8"...)
	r.body = append(r.body[:0], body...)
}

// JSON answers with v encoded as JSON (NextResponse.json()).
func (r *Response) JSON(status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	r.Send(status, "application/json", b)
	return nil
}

// Status answers with status and no body (e.g. 204 for a CORS preflight).
func (r *Response) Status(status int) {
	r.action, r.status = Respond, status
	r.contentType, r.body = r.contentType[:0], r.body[:0]
}

// Cookie is a response cookie. Path defaults to "/".
type Cookie struct {
	Name, Value  string
	Path, Domain string
	// MaxAge in seconds; 0 leaves it unset, negative deletes the cookie.
	MaxAge   int
	HTTPOnly bool
	Secure   bool
	// SameSite is "Lax", "Strict", "None" or "".
	SameSite string
}

// SetCookie adds a Set-Cookie header to the response (res.cookies.set).
func (r *Response) SetCookie(c Cookie) {
	if r.nCookies == len(r.cookies) {
		r.cookies = append(r.cookies, new(fasthttp.Cookie))
	}
	fc := r.cookies[r.nCookies]
	r.nCookies++
	fc.SetKey(c.Name)
	fc.SetValue(c.Value)
	if c.Path == "" {
		c.Path = "/"
	}
	fc.SetPath(c.Path)
	fc.SetDomain(c.Domain)
	fc.SetMaxAge(c.MaxAge)
	fc.SetHTTPOnly(c.HTTPOnly)
	fc.SetSecure(c.Secure)
	switch c.SameSite {
	case "Lax", "lax":
		fc.SetSameSite(fasthttp.CookieSameSiteLaxMode)
	case "Strict", "strict":
		fc.SetSameSite(fasthttp.CookieSameSiteStrictMode)
	case "None", "none":
		fc.SetSameSite(fasthttp.CookieSameSiteNoneMode)
	}
}

// WaitUntil hands fn to the server to run in the background after the
// response is sent; a graceful shutdown waits for it.
func (r *Response) WaitUntil(fn func()) {
	if r.waitUntil != nil {
		r.waitUntil(fn)
		return
	}
	go fn()
}

// Action returns what the proxy decided.
func (r *Response) Action() Action { return r.action }

// StatusCode returns the status of a Redirect or Respond.
func (r *Response) StatusCode() int { return r.status }

// URL returns the target of a Redirect or Rewrite.
func (r *Response) URL() []byte { return r.url }

// ContentType returns the Content-Type of a Respond.
func (r *Response) ContentType() []byte { return r.contentType }

// Body returns the body of a Respond.
func (r *Response) Body() []byte { return r.body }

// VisitCookies calls fn for each cookie set, in order.
func (r *Response) VisitCookies(fn func(*fasthttp.Cookie)) {
	for i := 0; i < r.nCookies; i++ {
		fn(r.cookies[i])
	}
}
