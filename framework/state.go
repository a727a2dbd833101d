package framework

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// state is one request's scratch space, pooled per App. Everything in it
// is reset per request and nothing points into it after the handler
// returns: path and query point into the request or into state's own
// buffers.
type state struct {
	app  *App
	plan *plan
	ctx  *fasthttp.RequestCtx

	// path and query are the URL being resolved (raw, percent-encoded);
	// rewrites replace them. origPath is the path as received, normalized.
	path, query []byte
	origPath    []byte
	locale      string

	urls    [2][]byte // rewrite targets, used alternately so a target can be built from the previous one
	urlTurn int
	norm    []byte // normalized request path
	dec     []byte // percent-decoded path for file lookups
	seg     []byte // lowercased first segment for rule lookups
	host    []byte
	key     []byte // memo key
	loc     []byte // redirect Location
	refresh []byte // Refresh header of 308s
	values  []byte // config header values

	ps  match.Params
	rm  routes.Match
	out []headerOut // config headers to send

	preq       proxy.Request
	pres       proxy.Response
	proxyRan   bool // a proxy ran and let the request go on: its headers apply
	args       fasthttp.Args
	argsParsed bool

	c Context
	// renderErr is the error serverError answered, for Render to return.
	renderErr error
	render    bytes.Buffer
}

// headerOut is a config header to send; its value is values[start:end].
type headerOut struct {
	key        string
	start, end int
}

func newState(a *App) any {
	st := &state{app: a}
	st.c.st = st
	return st
}

func (a *App) acquire(ctx *fasthttp.RequestCtx) *state {
	st := a.pool.Get().(*state)
	st.plan, st.ctx = a.plan, ctx
	return st
}

func (a *App) release(st *state) {
	st.ctx, st.path, st.query, st.origPath = nil, nil, nil, nil
	st.locale = ""
	st.out = st.out[:0]
	st.values = st.values[:0]
	st.ps.Reset()
	st.rm.N = 0
	st.proxyRan, st.argsParsed = false, false
	st.preq.Reset(nil, nil, nil, "")
	st.c.route = nil
	if st.render.Cap() > 1<<20 {
		st.render = bytes.Buffer{}
	}
	st.render.Reset()
	a.pool.Put(st)
}

// setURL makes path and query point at a new target written by write into
// the next rewrite buffer.
func (st *state) setURL(write func(dst []byte) []byte) {
	st.urlTurn ^= 1
	b := write(st.urls[st.urlTurn][:0])
	st.urls[st.urlTurn] = b
	st.path, st.query = splitQuery(b)
	st.argsParsed = false
}

func splitQuery(b []byte) (path, query []byte) {
	if i := bytes.IndexByte(b, '?'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// Header implements match.Request.
func (st *state) Header(key string) ([]byte, bool) {
	v := st.ctx.Request.Header.Peek(key)
	return v, v != nil
}

// Cookie implements match.Request.
func (st *state) Cookie(name string) ([]byte, bool) {
	return cookie.Get(&st.ctx.Request.Header, name)
}

// Query implements match.Request.
func (st *state) Query(name string) ([]byte, bool) {
	if !st.argsParsed {
		st.args.ParseBytes(st.query)
		st.argsParsed = true
	}
	if !st.args.Has(name) {
		return nil, false
	}
	return st.args.Peek(name), true
}

// Host implements match.Request: the Host header without port, lowercased.
func (st *state) Host() []byte {
	h := st.ctx.Request.Header.Host()
	if i := bytes.LastIndexByte(h, ':'); i >= 0 && bytes.IndexByte(h[i:], ']') < 0 {
		h = h[:i]
	}
	st.host = append(st.host[:0], h...)
	for i, c := range st.host {
		if 'A' <= c && c <= 'Z' {
			st.host[i] = c + 'a' - 'A'
		}
	}
	return st.host
}

// routeParams decodes the matched route's params for templates and handlers.
func (st *state) routeParams() map[string]any {
	out := make(map[string]any, st.rm.N)
	route := st.c.route
	for i := 0; i < st.rm.N; i++ {
		name, sp := st.rm.Names[i], st.rm.Spans[i]
		raw := st.path[sp.Start:sp.End]
		if isCatchAll(route, name) {
			segs := strings.Split(string(raw), "/")
			for j, s := range segs {
				segs[j] = decodeParam([]byte(s))
			}
			out[name] = segs
		} else {
			out[name] = decodeParam(raw)
		}
	}
	return out
}

func isCatchAll(r *routes.Route, name string) bool {
	if r == nil {
		return false
	}
	for i, p := range r.Params {
		if p == name {
			return r.CatchAll[i]
		}
	}
	return false
}

// queryMap decodes the current query: every value per name, in order.
func (st *state) queryMap() map[string][]string {
	q, _ := url.ParseQuery(string(st.query))
	if q == nil {
		q = url.Values{}
	}
	return q
}
