package framework

import (
	"fmt"
	"net/url"
	"runtime/debug"

	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// Render renders page for the request in ctx and writes the response, as
// app.render(req, res, page, query) does in a Next.js custom server (see
// the "Custom Server" docs). page is a route in file syntax ("/a",
// "/blog/[slug]") or a path that resolves to a page or API route
// ("/blog/hello"); it is rendered whether or not useFileSystemPublicRoutes
// is on. query becomes the page's .Query (and its loader's AllQuery).
//
// Config header rules that match the request's own path apply. A page that
// does not exist gives the 404 page, a loader error the 500 page; either
// way the error is also returned, for the caller to log or handle.
func (a *App) Render(ctx *fasthttp.RequestCtx, page string, query url.Values) (err error) {
	if !a.prepared {
		return fmt.Errorf("framework: Render called before Prepare")
	}
	if f := a.failed.Load(); f != nil { // Dev, after a failed rebuild
		f.serve(ctx)
		return f.err
	}
	st := a.acquire(ctx)
	defer a.release(st)
	defer func() {
		if r := recover(); r != nil {
			ctx.Response.Reset()
			perr := panicErrorFrom(r)
			a.serverError(st, perr)
			err = perr
		}
	}()

	path, _ := splitQuery(ctx.Request.Header.RequestURI())
	st.origPath = path
	st.setRequestPath(path) // basePath and locale, as for any request
	a.matchHeaders(st)

	t := a.pageTarget(st, page)
	if t == nil {
		a.notFound(st)
		return fmt.Errorf("Render: no page or API route %q", page)
	}
	st.query = []byte(query.Encode())
	st.argsParsed = false
	st.setRoute(t.route)
	st.applyHeaders()
	st.renderErr = nil
	if t.route.Kind == routes.API {
		return a.serveAPI(st, t)
	}
	a.servePage(st, t)
	return st.renderErr
}

// pageTarget finds the page or API route Render was asked for: by route
// name first, then by resolving page as a path. It points st.path at the
// path the route's params come from.
func (a *App) pageTarget(st *state, page string) *target {
	st.routePath = nil // params come from page itself
	if t, ok := st.plan.byRoute[page]; ok {
		st.path = []byte(page)
		st.rm.N = 0
		return t
	}
	st.path = []byte(page)
	if r := st.plan.table.Static(st.path); r != nil && r.Kind != routes.Public {
		return st.plan.targets[r.ID]
	}
	st.rm.N = 0
	if r := st.plan.table.Dynamic(st.path, &st.rm); r != nil {
		return st.plan.targets[r.ID]
	}
	return nil
}

// indexRoutes maps route names to their page or API targets for Render.
func (p *plan) indexRoutes() {
	p.byRoute = map[string]*target{}
	for _, t := range p.targets {
		if t.route.Kind != routes.Public {
			p.byRoute[t.route.Route] = t
		}
	}
}

func panicErrorFrom(r any) error {
	if pe, ok := r.(*panicError); ok {
		return pe
	}
	return &panicError{value: r, stack: stack()}
}

func stack() []byte { return debug.Stack() }
