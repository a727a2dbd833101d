package framework

import (
	"bytes"
	"strconv"
	"time"

	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// serve is the request pipeline: the phases in the order of the package
// doc, each a method below.
func (a *App) serve(ctx *fasthttp.RequestCtx) {
	var start time.Time
	if a.opts.LogRequests {
		start = time.Now()
	}
	st := a.acquire(ctx)
	defer a.release(st)
	defer a.recoverPanic(st)

	if a.normalize(st) {
		a.logRequest(st, start)
		return
	}
	a.matchHeaders(st)
	if !a.redirect(st) && !a.runProxies(st) {
		a.route(st)
	}
	a.logRequest(st, start)
}

// normalize reads the request target and answers what Next.js answers
// before any rule: malformed paths (400), the locale redirect of the root
// (307), repeated slashes and the trailing-slash redirect (308). It sets
// st.path (with the locale prefix Next.js resolves it with), st.query and
// the pathname proxies see.
func (a *App) normalize(st *state) bool {
	ctx := st.ctx
	path, query := splitQuery(ctx.Request.Header.RequestURI())
	if i := bytes.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	if len(path) > 0 && path[0] != '/' {
		// absolute-form ("http://host/path") as proxies send it
		if i := bytes.Index(path, []byte("://")); i >= 0 {
			rest := path[i+3:]
			if j := bytes.IndexByte(rest, '/'); j >= 0 {
				path = rest[j:]
			} else {
				path = []byte("/")
			}
		}
	}
	if len(path) == 0 || path[0] != '/' {
		badRequest(ctx)
		return true
	}
	shape := scanPath(path)
	if !shape.valid {
		badRequest(ctx)
		return true
	}
	if shape.dots {
		st.norm = resolveDots(st.norm[:0], path)
		path = st.norm
		shape.slashes = bytes.Contains(path, []byte("//"))
	}
	st.query, st.origPath = query, path
	px := &st.plan.prefix
	if px.detect && a.redirectLocale(st, path) {
		return true
	}
	if shape.slashes {
		st.loc = append(collapseSlashes(st.loc[:0], path), '?')
		st.loc = appendQuery(st.loc[:len(st.loc)-1], query)
		st.permanentRedirect(st.loc)
		return true
	}
	st.setRequestPath(path)
	return a.redirectTrailingSlash(st)
}

func appendQuery(dst, query []byte) []byte {
	if len(query) == 0 {
		return dst
	}
	return append(append(dst, '?'), query...)
}

// permanentRedirect answers 308 with the Refresh header Next.js adds for
// clients that do not follow 308.
func (st *state) permanentRedirect(location []byte) {
	h := &st.ctx.Response.Header
	h.SetStatusCode(fasthttp.StatusPermanentRedirect)
	h.SetCanonical(keyLocation, location)
	st.refresh = append(append(st.refresh[:0], "0;url="...), location...)
	h.SetCanonical(keyRefresh, st.refresh)
}

func badRequest(ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	ctx.SetStatusCode(fasthttp.StatusBadRequest)
	ctx.SetContentType("text/plain; charset=utf-8")
	ctx.SetBodyString("Bad Request")
}

// matchHeaders is phase 1: every matching header rule contributes its
// headers; they are sent with whatever answers the request, except config
// redirects and external rewrites, as Next.js does.
func (a *App) matchHeaders(st *state) {
	p := st.plan
	st.ensureViews()
	cur := p.headerIx.lookup(st)
	for k, ok := cur.next(); ok; k, ok = cur.next() {
		hr := &p.headers[k]
		st.ps.Reset()
		if !hr.matches(st, &st.ps) {
			continue
		}
		for i := range hr.headers {
			f := &hr.headers[i]
			start := len(st.values)
			st.values = f.appendValue(st.values, &st.ps)
			st.out = append(st.out, headerOut{key: f.key, start: start, end: len(st.values)})
		}
	}
}

// redirect is phase 2: the first matching redirect rule answers.
func (a *App) redirect(st *state) bool {
	p := st.plan
	cur := p.redirIx.lookup(st)
	for k, ok := cur.next(); ok; k, ok = cur.next() {
		rr := &p.redirects[k]
		st.ps.Reset()
		if !rr.matches(st, &st.ps) {
			continue
		}
		st.loc = rr.dest.appendURL(st.loc[:0], st, false)
		ctx := st.ctx
		if rr.status == fasthttp.StatusPermanentRedirect {
			st.permanentRedirect(st.loc)
			return true
		}
		ctx.Response.Header.SetStatusCode(rr.status)
		ctx.Response.Header.SetCanonical(keyLocation, st.loc)
		return true
	}
	return false
}

// runProxies is phase 3: the proxy chain. It reports whether a proxy
// answered the request (redirect, direct response or external rewrite).
func (a *App) runProxies(st *state) bool {
	p := st.plan
	if len(p.proxies) == 0 {
		return false
	}
	ran := false
	st.pres.Reset(a.runInBackground)
	st.preq.Reset(st.ctx, st.proxyPath, st.query, st.locale)
	if px := &p.prefix; px.all != bare {
		// What request.url keeps and nextUrl.pathname drops. Whether the
		// root ends with "/" is read off the path as resolved: "/app/" of
		// an app without trailingSlash is resolved as "/app/en", and
		// Next.js's request.url is "/app".
		pre := proxy.Prefixes{TrailingSlash: st.path[len(st.path)-1] == '/'}
		if px.base != "" && hasPathPrefix(st.origPath, px.base) {
			pre.BasePath = px.base
		}
		if px.locales != nil {
			pre.DefaultLocale = px.locales.Name(px.locales.Default())
		}
		if p.cfg.SkipProxyURLNormalize {
			pre.Received = st.origPath
		}
		st.preq.SetPrefixes(pre)
	}
	localized, unlocalized := st.matcherViews()
	for i := range p.proxies {
		e := &p.proxies[i]
		st.ps.Reset()
		if !e.compiled.MatchViews(localized, unlocalized, st, &st.ps) {
			continue
		}
		ran = true
		e.fn(&st.preq, &st.pres)
		if st.pres.Action() != proxy.Next {
			break
		}
	}
	if !ran {
		return false
	}
	ctx := st.ctx
	switch st.pres.Action() {
	case proxy.Redirect:
		st.proxyRan = true
		st.applyHeaders()
		ctx.Response.Header.SetStatusCode(st.pres.StatusCode())
		ctx.Response.Header.SetCanonical(keyLocation, st.pres.URL())
		return true
	case proxy.Respond:
		st.proxyRan = true
		st.applyHeaders()
		ctx.Response.Header.SetStatusCode(st.pres.StatusCode())
		if ct := st.pres.ContentType(); len(ct) > 0 {
			ctx.Response.Header.SetContentTypeBytes(ct)
		} else {
			ctx.Response.Header.SetNoDefaultContentType(true)
		}
		// A copy: the proxy's body is pooled state, reused once this
		// request is handled but before its response is written.
		ctx.Response.SetBody(st.pres.Body())
		st.compressResponse()
		return true
	case proxy.Rewrite:
		st.forwardRequestHeaders()
		target := st.pres.URL()
		if path, external := a.sameOrigin(st, target); external {
			a.serveExternal(st, target)
			return true
		} else {
			st.setURL(func(dst []byte) []byte { return p.prefix.forceLocale(dst, path) })
		}
	default:
		st.forwardRequestHeaders()
	}
	st.proxyRan = true
	return false
}

// sameOrigin splits a rewrite target: a path, or an absolute URL on this
// server's host (path returned), or an external URL.
func (a *App) sameOrigin(st *state, target []byte) (path []byte, external bool) {
	i := bytes.Index(target, []byte("://"))
	if i < 0 {
		return target, false
	}
	rest := target[i+3:]
	j := bytes.IndexAny(rest, "/?")
	host := rest
	if j >= 0 {
		host = rest[:j]
	}
	if !bytes.EqualFold(host, st.ctx.Host()) {
		return nil, true
	}
	if j < 0 {
		return []byte("/"), false
	}
	if rest[j] == '?' {
		return nil, true // "http://host?x": unusual; let the upstream decide
	}
	return rest[j:], false
}

// forwardRequestHeaders takes a proxy's request header changes for the
// rest of the request. They are written into the request only when code
// that reads it directly runs (flushRequestHeaders): a page served from
// memory never needs them, and the pipeline's own reads go through
// requestHeader, which sees them. Changes to the headers fasthttp keeps
// apart (Host, Cookie, Content-Type, ...) are written at once.
func (st *state) forwardRequestHeaders() {
	h := &st.pres.RequestHeader
	if h.Len() == 0 {
		return
	}
	st.reqPending = true
	for i := 0; i < h.Len(); i++ {
		if k, _, _ := h.At(i); specialRequestHeader(k) {
			st.flushRequestHeaders()
			return
		}
	}
}

// flushRequestHeaders writes the proxy's pending request header changes
// into the request.
func (st *state) flushRequestHeaders() {
	if !st.reqPending {
		return
	}
	st.reqPending = false
	h := &st.pres.RequestHeader
	for i := 0; i < h.Len(); i++ {
		k, v, del := h.At(i)
		if del {
			st.ctx.Request.Header.DelBytes(k)
		} else {
			st.ctx.Request.Header.SetBytesKV(k, v)
		}
	}
}

// requestHeader returns request header key (canonical), with the proxy's
// pending changes: nil when absent or removed.
func (st *state) requestHeader(key string) []byte {
	if st.reqPending {
		h := &st.pres.RequestHeader
		for i := h.Len() - 1; i >= 0; i-- {
			k, v, del := h.At(i)
			if !equalFoldKey(k, key) {
				continue
			}
			if del {
				return nil
			}
			if v == nil {
				v = []byte{}
			}
			return v
		}
	}
	return peekCanonical(&st.ctx.Request.Header, key)
}

// specialRequestHeader reports whether fasthttp keeps header k outside its
// list of headers, so that requestHeader could not stand in for it.
func specialRequestHeader(k []byte) bool {
	switch len(k) {
	case 4:
		return equalFoldKey(k, "Host")
	case 6:
		return equalFoldKey(k, "Cookie")
	case 7:
		return equalFoldKey(k, "Trailer")
	case 10:
		return equalFoldKey(k, "User-Agent") || equalFoldKey(k, "Connection")
	case 12:
		return equalFoldKey(k, "Content-Type")
	case 14:
		return equalFoldKey(k, "Content-Length")
	case 17:
		return equalFoldKey(k, "Transfer-Encoding")
	}
	return false
}

// equalFoldKey reports whether header names k and s are equal, ignoring
// ASCII case.
func equalFoldKey(k []byte, s string) bool {
	if len(k) != len(s) {
		return false
	}
	for i := 0; i < len(k); i++ {
		if lowerASCII(k[i]) != lowerASCII(s[i]) {
			return false
		}
	}
	return true
}

// lowerASCII returns c, lowercased when it is an ASCII letter. (c|0x20
// would also fold "^" into "~" and "@" into "`".)
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// applyHeaders writes the matched config headers, then the headers and
// cookies of a proxy that let the request through.
func (st *state) applyHeaders() {
	h := &st.ctx.Response.Header
	for _, o := range st.out {
		h.SetCanonical(o.key, st.values[o.start:o.end])
	}
	if !st.proxyRan {
		return
	}
	ph := &st.pres.Header
	for i := 0; i < ph.Len(); i++ {
		k, v, del := ph.At(i)
		if del {
			h.DelBytes(k)
		} else {
			st.hkey = appendCanonical(st.hkey[:0], k)
			h.SetCanonical(st.hkey, v)
		}
	}
	st.pres.VisitCookies(h.SetCookie)
}

// route runs phases 4 to 8 on the (possibly rewritten) path.
func (a *App) route(st *state) {
	p := st.plan
	if a.rewrite(st, &p.before, true) {
		return
	}
	if t := a.lookupFile(st); t != nil {
		a.serveTarget(st, t)
		return
	}
	if a.rewrite(st, &p.after, true) {
		return
	}
	if t := a.lookupDynamic(st); t != nil {
		a.serveTarget(st, t)
		return
	}
	if a.rewrite(st, &p.fallback, true) {
		return
	}
	a.notFound(st)
}

// rewrite applies a rewrite phase: each matching rule rewrites the path;
// if a file, page or route then answers, the request is served. Rules keep
// applying to the new path in order.
func (a *App) rewrite(st *state, ph *rewritePhase, check bool) bool {
	if len(ph.rules) == 0 {
		return false
	}
	cur := ph.ix.lookup(st)
	for k, ok := cur.next(); ok; k, ok = cur.next() {
		rr := &ph.rules[k]
		st.ps.Reset()
		if !rr.matches(st, &st.ps) {
			continue
		}
		if rr.dest.External() {
			st.loc = rr.dest.appendURL(st.loc[:0], st, true)
			a.serveExternal(st, st.loc)
			return true
		}
		st.setURL(func(dst []byte) []byte { return rr.dest.appendURL(dst, st, true) })
		if check {
			if t := a.lookupFile(st); t != nil {
				a.serveTarget(st, t)
				return true
			}
			if t := a.lookupDynamic(st); t != nil {
				a.serveTarget(st, t)
				return true
			}
		}
		cur = ph.ix.lookup(st)
		cur.skipThrough(k)
	}
	return false
}

// lookupFile is phase 5: public files, static pages and static API routes
// at the decoded path, found after the basePath (matched exactly) and the
// locale, without trailing slash. With i18n, public files are served
// without locale or under the default locale only, and API routes are not
// served under a locale the request itself named ("/fr/api/x" is a 404),
// as in Next.js. With useFileSystemPublicRoutes off only public files are
// served.
func (a *App) lookupFile(st *state) *target {
	p := st.plan
	path, ok := st.routeBase()
	if !ok {
		return nil
	}
	if px := &p.prefix; px.locales != nil {
		i, n := px.locales.Split(path)
		if st.localeAPI(path[n:]) {
			return nil
		}
		pub := path
		if i == px.locales.Default() {
			pub = orSlash(path[n:])
		}
		if r := st.staticRoute(pub); r != nil && r.Kind == routes.Public {
			return p.targets[r.ID]
		}
		if i >= 0 {
			path = orSlash(path[n:])
		}
		r := st.staticRoute(path)
		if r == nil || r.Kind == routes.Public || !p.cfg.UseFileSystemPublicRoutes {
			return nil
		}
		return p.targets[r.ID]
	}
	r := st.staticRoute(path)
	if r == nil || (!p.cfg.UseFileSystemPublicRoutes && r.Kind != routes.Public) {
		return nil
	}
	return p.targets[r.ID]
}

// staticRoute looks path up as a static route, percent-decoded. It sets
// st.routePath.
//
// Public files are found by the decoded path ("/fil%65.txt" is
// "/file.txt"), as Next.js finds them. Pages and API routes are matched on
// the path as sent, as Next.js matches them: "/%61bout" is not "/about"
// (a 404, and a proxy matcher written for "/about" cannot be sidestepped
// that way). Only escapes a URL needs ("%20", "%C3%A9") are decoded for
// them.
func (st *state) staticRoute(path []byte) *routes.Route {
	st.routePath = path
	if bytes.IndexByte(path, '%') < 0 {
		return st.plan.table.Static(path)
	}
	var ok bool
	if st.dec, ok = unescapePath(st.dec[:0], path); !ok {
		return nil
	}
	r := st.plan.table.Static(st.dec)
	if r != nil && r.Kind != routes.Public && !onlyNeededEscapes(path) {
		return nil
	}
	return r
}

// lookupDynamic is phase 7: dynamic routes, after the basePath and any
// locale, without trailing slash.
func (a *App) lookupDynamic(st *state) *target {
	p := st.plan
	if !p.cfg.UseFileSystemPublicRoutes {
		return nil
	}
	path, ok := st.routeBase()
	if !ok {
		return nil
	}
	if px := &p.prefix; px.locales != nil {
		_, n := px.locales.Split(path)
		if st.localeAPI(path[n:]) {
			return nil
		}
		path = orSlash(path[n:])
	}
	st.routePath = path
	st.rm.N = 0
	r := p.table.Dynamic(path, &st.rm)
	if r == nil {
		return nil
	}
	return p.targets[r.ID]
}

// routeBase returns the current path without the basePath (which must
// match exactly) and without trailing slash, as Next.js looks routes up.
func (st *state) routeBase() ([]byte, bool) {
	path := st.path
	if base := st.plan.prefix.base; base != "" {
		if !hasPathPrefix(path, base) {
			return nil, false
		}
		path = orSlash(path[len(base):])
	}
	if len(path) > 1 && path[len(path)-1] == '/' {
		path = path[:len(path)-1]
	}
	return path, true
}

// localeAPI reports whether rest (the path after basePath and locale)
// is an API path that the request named a locale for, unrewritten: Next.js
// serves no route for it.
func (st *state) localeAPI(rest []byte) bool {
	return st.explicitLocale && !st.rewritten && hasPathPrefix(rest, "/api")
}

// orSlash returns path, or "/" when it is empty.
func orSlash(path []byte) []byte {
	if len(path) == 0 {
		return slash
	}
	return path
}

// serveExternal reverse-proxies to an absolute URL. Config and proxy
// response headers are not added, as in Next.js.
func (a *App) serveExternal(st *state, target []byte) {
	st.flushRequestHeaders()
	a.upstream.Serve(st.ctx, target)
}

func (a *App) logRequest(st *state, start time.Time) {
	if !a.opts.LogRequests {
		return
	}
	ctx := st.ctx
	a.log.Info().
		Bytes("method", ctx.Method()).
		Bytes("path", ctx.Request.Header.RequestURI()).
		Int("status", ctx.Response.StatusCode()).
		Dur("took", time.Since(start)).
		Msg("")
}

func itoa(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }
