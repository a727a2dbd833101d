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
	// rewrites replace them. With i18n, path has a locale prefix even when
	// the request had none (see prefix.go). origPath is the path as
	// received, normalized.
	path, query []byte
	origPath    []byte
	// views tells the rules where their source starts in path; viewsOK is
	// false until they are computed for it (see setPath).
	views   views
	viewsOK bool
	// locale is the request's locale (localeIdx in the plan's locales):
	// the one path names, else the default; "" without i18n.
	locale    string
	localeIdx int
	// explicitLocale: the request path itself had a locale prefix.
	// rewritten: a rewrite changed path.
	explicitLocale, rewritten bool
	// proxyPath is the pathname proxies see: the request path without
	// basePath and locale (request.nextUrl.pathname).
	proxyPath []byte
	// routePath is the path the route was looked up with (no prefixes, no
	// trailing slash); route param spans index it.
	routePath []byte

	urls    [2][]byte // rewrite targets, used alternately so a target can be built from the previous one
	urlTurn int
	norm    []byte // normalized request path
	ipath   []byte // path with the default locale added
	cpath   []byte // path the trailing-slash redirect is decided on
	dec     []byte // percent-decoded path for file lookups
	seg     []byte // lowercased first segment for rule lookups
	// segRules are the rules under seg, by phase (nil: none).
	segRules *segmentRules
	sub      []byte // the path rules match: path after basePath and locale
	lit      []byte // sub lowercased without trailing slashes, when litOK
	litOK    bool
	host     []byte
	key      []byte // memo key
	loc      []byte // redirect Location
	refresh  []byte // Refresh header of 308s
	crange   []byte // Content-Range of public files
	values   []byte // config header values
	hkey     []byte // a proxy's response header name, canonical

	ps  match.Params
	rm  routes.Match
	out []headerOut // config headers to send

	preq       proxy.Request
	pres       proxy.Response
	proxyRan   bool // a proxy ran and let the request go on: its headers apply
	reqPending bool // the proxy's request header changes are not in ctx yet
	args       fasthttp.Args
	argsParsed bool

	c Context
	// params and queryVals are the decoded route params and query of the
	// route being served, made on first use (see routeParams, queryMap)
	// and shared by its loader and its render.
	params    map[string]any
	queryVals map[string][]string
	// renderErr is the error serverError answered, for Render to return.
	renderErr error
	render    bytes.Buffer
}

// headerOut is a config header to send; its value is values[start:end].
type headerOut struct {
	key        []byte
	start, end int
}

func newState(a *App) any {
	st := &state{app: a}
	st.c.st = st
	return st
}

func (a *App) acquire(ctx *fasthttp.RequestCtx) *state {
	st := a.pool.Get().(*state)
	// The plan is loaded once: a Dev rebuild that swaps it meanwhile
	// leaves this request on the plan it started with.
	p := a.plan.Load()
	st.plan, st.ctx = p, ctx
	if px := &p.prefix; px.locales != nil {
		st.localeIdx = px.locales.Default()
		st.locale = px.locales.Name(st.localeIdx)
	}
	return st
}

func (a *App) release(st *state) {
	st.ctx, st.path, st.query, st.origPath = nil, nil, nil, nil
	st.proxyPath, st.routePath = nil, nil
	st.views, st.viewsOK = views{}, false
	st.sub, st.litOK, st.segRules = nil, false, nil
	st.locale, st.localeIdx = "", 0
	st.explicitLocale, st.rewritten = false, false
	st.out = st.out[:0]
	st.values = st.values[:0]
	st.ps.Reset()
	st.rm.N = 0
	st.proxyRan, st.argsParsed, st.reqPending = false, false, false
	st.preq.Reset(nil, nil, nil, "")
	st.c.route = nil
	st.params, st.queryVals = nil, nil
	if st.render.Cap() > 1<<20 {
		st.render = bytes.Buffer{}
	}
	st.render.Reset()
	a.pool.Put(st)
}

// setURL makes path and query point at a rewrite target written by write
// into the next rewrite buffer.
func (st *state) setURL(write func(dst []byte) []byte) {
	st.urlTurn ^= 1
	b := write(st.urls[st.urlTurn][:0])
	st.urls[st.urlTurn] = b
	path, query := splitQuery(b)
	st.query, st.argsParsed, st.rewritten = query, false, true
	st.setPath(path)
}

// setPath makes path the path being resolved: it computes the rules'
// views of it and the rule index key, and takes the locale path names, as
// Next.js does after a rewrite.
func (st *state) setPath(path []byte) {
	px := &st.plan.prefix
	st.path = path
	st.views.compute(px, path)
	st.viewsOK = true
	st.sub, _ = st.views.sub(path, px.all)
	st.seg = firstSegment(st.seg, st.sub)
	st.segRules = st.plan.segments[string(st.seg)]
	st.litOK = false
	if px.locales == nil {
		return
	}
	if px.base != "" && hasPathPrefix(path, px.base) {
		path = path[len(px.base):]
	}
	if i, _ := px.locales.Split(path); i >= 0 {
		st.localeIdx, st.locale = i, px.locales.Name(i)
	}
}

// literalKey returns the current path as rules with a literal source are
// looked up by (see ruleBucket).
func (st *state) literalKey() []byte {
	if !st.litOK {
		p := st.sub
		for len(p) > 0 && p[len(p)-1] == '/' {
			p = p[:len(p)-1]
		}
		st.lit = st.lit[:0]
		for _, c := range p {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			st.lit = append(st.lit, c)
		}
		st.litOK = true
	}
	return st.lit
}

// ensureViews computes the views when st.path was set without setPath
// (App.Render does that).
func (st *state) ensureViews() {
	if !st.viewsOK {
		st.setPath(st.path)
	}
}

func splitQuery(b []byte) (path, query []byte) {
	if i := bytes.IndexByte(b, '?'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// Header implements match.Request.
func (st *state) Header(key string) ([]byte, bool) {
	v := st.requestHeader(key)
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

// pagePath is the path the served route was found at, without basePath,
// locale and trailing slash: what the route's params index and templates
// get as .Path.
func (st *state) pagePath() []byte {
	if st.routePath == nil {
		return st.path // App.Render looks routes up on st.path itself
	}
	return st.routePath
}

// setRoute makes r the route being served; its params and query are
// decoded anew when asked for.
func (st *state) setRoute(r *routes.Route) {
	st.c.route = r
	st.params, st.queryVals = nil, nil
}

// routeParams returns the served route's params, decoded, for templates
// and handlers.
func (st *state) routeParams() map[string]any {
	if st.params == nil {
		st.params = st.decodeParams()
	}
	return st.params
}

func (st *state) decodeParams() map[string]any {
	out := make(map[string]any, st.rm.N)
	route := st.c.route
	path := st.pagePath()
	for i := 0; i < st.rm.N; i++ {
		name, sp := st.rm.Names[i], st.rm.Spans[i]
		raw := path[sp.Start:sp.End]
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

// queryMap returns the served route's query, decoded: every value per
// name, in order.
func (st *state) queryMap() map[string][]string {
	if st.queryVals == nil {
		q, _ := url.ParseQuery(string(st.query))
		if q == nil {
			q = url.Values{}
		}
		st.queryVals = q
	}
	return st.queryVals
}
