package framework

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// Loader gives a page its data per request, as getServerSideProps does.
// It returns the template's .Props, or ErrNotFound (the 404 page), or an
// error made by Redirect, or any other error (the 500 page, logged).
type Loader func(c *Context) (props any, err error)

// Handler answers an API route.
type Handler func(c *Context) error

// ErrNotFound, returned by a Loader, answers with the 404 page.
var ErrNotFound = errors.New("not found")

// RedirectError, returned by a Loader, answers with a redirect.
type RedirectError struct {
	URL    string
	Status int
}

func (e *RedirectError) Error() string { return fmt.Sprintf("redirect %d to %s", e.Status, e.URL) }

// Redirect returns an error that makes a Loader answer with a redirect to
// url. status 0 means 307.
func Redirect(url string, status int) error {
	if status == 0 {
		status = 307
	}
	return &RedirectError{URL: url, Status: status}
}

// Context is what loaders and API handlers get: the request, the route and
// its params. Its method names follow Fiber's. A Context and the strings it
// returns are valid only during the call.
type Context struct {
	st    *state
	route *routes.Route
}

// Context returns the underlying fasthttp request context.
func (c *Context) Context() *fasthttp.RequestCtx { return c.st.ctx }

// Route returns the route in file syntax ("/blog/[slug]").
func (c *Context) Route() string { return c.route.Route }

// Path returns the path being served, after rewrites, without basePath and
// locale prefix (raw, percent-encoded).
func (c *Context) Path() string { return bytesconv.String(c.st.pagePath()) }

// Method returns the request method.
func (c *Context) Method() string { return bytesconv.String(c.st.ctx.Method()) }

// Params returns the route param name, percent-decoded; a catch-all's
// segments are joined with "/".
func (c *Context) Params(name string) string {
	v, ok := c.AllParams()[name]
	if !ok {
		return ""
	}
	if s, ok := v.([]string); ok {
		return strings.Join(s, "/")
	}
	return v.(string)
}

// AllParams returns every route param: a string, or []string for a
// catch-all. An empty optional catch-all is absent.
func (c *Context) AllParams() map[string]any { return c.st.routeParams() }

// Query returns the first value of query parameter name, after rewrites.
func (c *Context) Query(name string) string {
	if v := c.AllQuery()[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// AllQuery returns the query after rewrites: every value per name, in order.
func (c *Context) AllQuery() map[string][]string { return c.st.queryMap() }

// Get returns the request header name.
func (c *Context) Get(name string) string {
	return bytesconv.String(c.st.ctx.Request.Header.Peek(name))
}

// Cookies returns the value of the request cookie name.
func (c *Context) Cookies(name string) string {
	v, _ := cookie.Get(&c.st.ctx.Request.Header, name)
	return bytesconv.String(v)
}

// Body returns the request body.
func (c *Context) Body() []byte { return c.st.ctx.PostBody() }

// Locale returns the request's locale when i18n is configured.
func (c *Context) Locale() string { return c.st.locale }

// Set sets a response header.
func (c *Context) Set(name, value string) { c.st.ctx.Response.Header.Set(name, value) }

// Status sets the response status.
func (c *Context) Status(code int) *Context {
	c.st.ctx.SetStatusCode(code)
	return c
}

// JSON answers with v as JSON.
func (c *Context) JSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.st.ctx.SetContentType("application/json; charset=utf-8")
	c.st.ctx.SetBody(b)
	return nil
}

// SendString answers with a text/plain body.
func (c *Context) SendString(s string) error {
	c.st.ctx.SetContentType("text/plain; charset=utf-8")
	c.st.ctx.SetBodyString(s)
	return nil
}

// Send answers with body as is.
func (c *Context) Send(body []byte) error {
	c.st.ctx.SetBody(body)
	return nil
}

// decodeParam percent-decodes a path param as decodeURIComponent does;
// invalid escapes leave the value raw.
func decodeParam(raw []byte) string {
	s := string(raw)
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}
