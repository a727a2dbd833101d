package framework

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Use adds Fiber middleware (cors, limiter, basicauth, a handler of your
// own, ...) that runs before the Nextfiber pipeline, in the order added. A
// middleware that calls c.Next() passes the request on, finally to the
// pipeline; one that answers itself (a CORS preflight, a 429, a 401) ends
// it there, before config headers, redirects and proxies.
//
// The middleware runs wherever the app is served through Fiber: Listen,
// and Mount on a Fiber app of your own. Handler (fasthttp) and ServeHTTP
// (net/http) serve the pipeline alone. Like Proxy, Use must be called
// before Prepare.
func (a *App) Use(handlers ...fiber.Handler) {
	a.mustNotBePrepared("Use")
	a.middleware = append(a.middleware, handlers...)
}

// Mount serves the app on r, a Fiber app (or group) of your own, after the
// routes already registered on it: the middleware added with Use, then
// the pipeline. Listen serves the app this way on its own Fiber app.
// Prepare must have succeeded.
//
//	srv := fiber.New(framework.ServerConfig())
//	srv.Get("/a", ...) // your routes first
//	app.Mount(srv)     // everything else
//
// A panic in the middleware is answered like one in a proxy or handler:
// the 500 page, logged, and the server keeps serving. With
// Options.LogRequests, requests that the middleware answers itself get
// their log line too.
func (a *App) Mount(r fiber.Router) {
	if !a.prepared {
		panic("framework: Mount called before Prepare")
	}
	if len(a.middleware) == 0 {
		r.Use(a.FiberHandler())
		return
	}
	r.Use(a.guardMiddleware)
	for _, h := range a.middleware {
		r.Use(h)
	}
	serve := a.Handler()
	r.Use(func(c *fiber.Ctx) error {
		ctx := c.Context()
		ctx.SetUserValue(pipelineRan{}, true)
		serve(ctx)
		return nil
	})
}

// pipelineRan is the request user value the pipeline's Fiber handler
// sets, so guardMiddleware knows whether the pipeline logged the request.
type pipelineRan struct{}

// guardMiddleware runs before the middleware: it gives a panic there the
// pipeline's treatment, and logs the requests the pipeline never saw.
func (a *App) guardMiddleware(c *fiber.Ctx) (err error) {
	var start time.Time
	if a.opts.LogRequests {
		start = time.Now()
	}
	ctx := c.Context()
	defer func() {
		if r := recover(); r != nil {
			a.middlewarePanicked(ctx, r)
			err = nil
		}
		if a.opts.LogRequests && ctx.UserValue(pipelineRan{}) == nil {
			status := ctx.Response.StatusCode()
			if err != nil {
				// Fiber's error handler writes the response after this
				// returns; a *fiber.Error carries the status it will use.
				status = fiber.StatusInternalServerError
				var fe *fiber.Error
				if errors.As(err, &fe) {
					status = fe.Code
				}
			}
			a.log.Info().
				Bytes("method", ctx.Method()).
				Bytes("path", ctx.Request.Header.RequestURI()).
				Int("status", status).
				Dur("took", time.Since(start)).
				Msg("")
		}
	}()
	return c.Next()
}

// middlewarePanicked answers a panic in middleware with the 500 page.
func (a *App) middlewarePanicked(ctx *fasthttp.RequestCtx, r any) {
	st := a.acquire(ctx)
	defer a.release(st)
	ctx.Response.Reset()
	a.serverError(st, panicErrorFrom(r))
}
