package framework

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"runtime/debug"

	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// serveTarget answers with a route found by the pipeline.
func (a *App) serveTarget(st *state, t *target) {
	ctx := st.ctx
	st.c.route = t.route
	st.applyHeaders()
	switch t.route.Kind {
	case routes.Public:
		if !ctx.IsGet() && !ctx.IsHead() {
			methodNotAllowed(ctx)
			return
		}
		ctx.Response.Header.Set(fasthttp.HeaderCacheControl, "public, max-age=0")
		if t.static != nil {
			serveStatic(ctx, t.static, fasthttp.StatusOK)
			return
		}
		fasthttp.ServeFileUncompressed(ctx, t.route.File)
	case routes.API:
		if err := t.api(&st.c); err != nil {
			a.serverError(st, err)
		}
	case routes.Page:
		if ctx.IsOptions() {
			// Next.js answers OPTIONS on a page with 400 and no body.
			ctx.SetStatusCode(fasthttp.StatusBadRequest)
			ctx.Response.Header.SetNoDefaultContentType(true)
			return
		}
		a.servePage(st, t)
	}
}

// servePage renders a page: prerendered, memoized, or per request through
// its loader.
func (a *App) servePage(st *state, t *target) {
	ctx := st.ctx
	if t.pages != nil {
		serveStatic(ctx, t.pages[st.localeIdx], fasthttp.StatusOK)
		return
	}
	if t.loader == nil {
		// A dynamic page with no loader depends only on the URL: render it
		// once per path and query and serve it from memory after.
		st.key = memoKey(st.key[:0], t.route.ID, st.pagePath(), st.query, st.locale)
		if s := st.plan.memo.get(st.key); s != nil {
			serveStatic(ctx, s, fasthttp.StatusOK)
			return
		}
		if err := a.renderPage(st, t, nil); err != nil {
			a.serverError(st, err)
			return
		}
		s := newStatic(bytes.Clone(st.render.Bytes()), "text/html; charset=utf-8", zeroTime)
		st.plan.memo.put(st.key, s)
		serveStatic(ctx, s, fasthttp.StatusOK)
		return
	}
	props, err := t.loader(&st.c)
	if err != nil {
		var rd *RedirectError
		switch {
		case errors.Is(err, ErrNotFound):
			a.notFound(st)
		case errors.As(err, &rd):
			ctx.Response.Header.SetStatusCode(rd.Status)
			ctx.Response.Header.Set(fasthttp.HeaderLocation, rd.URL)
		default:
			a.serverError(st, fmt.Errorf("loader for %s: %w", t.route.Route, err))
		}
		return
	}
	if err := a.renderPage(st, t, props); err != nil {
		a.serverError(st, err)
		return
	}
	ctx.SetStatusCode(fasthttp.StatusOK)
	ctx.SetContentType("text/html; charset=utf-8")
	ctx.SetBody(st.render.Bytes())
}

func (a *App) renderPage(st *state, t *target, props any) error {
	st.render.Reset()
	return t.page.Render(&st.render, &render.Data{
		Route:  t.route.Route,
		Path:   string(st.pagePath()),
		Params: st.routeParams(),
		Query:  st.queryMap(),
		Props:  props,
		Locale: st.locale,
	})
}

func memoKey(dst []byte, id int, path, query []byte, locale string) []byte {
	dst = itoa(dst, id)
	dst = append(dst, ' ')
	dst = append(dst, path...)
	dst = append(dst, '?')
	dst = append(dst, query...)
	dst = append(dst, '#')
	return append(dst, locale...)
}

// serveStatic writes prepared bytes, answering 304 to a matching
// If-None-Match.
func serveStatic(ctx *fasthttp.RequestCtx, s *static, status int) {
	h := &ctx.Response.Header
	h.Set(fasthttp.HeaderETag, s.etag)
	if s.lastModified != "" {
		h.Set(fasthttp.HeaderLastModified, s.lastModified)
	}
	if status == fasthttp.StatusOK {
		if inm := ctx.Request.Header.Peek(fasthttp.HeaderIfNoneMatch); len(inm) > 0 && etagMatch(inm, s.etag) {
			ctx.NotModified()
			return
		}
	}
	h.SetStatusCode(status)
	h.SetContentType(s.contentType)
	ctx.Response.SetBodyRaw(s.body)
}

// etagMatch reports whether an If-None-Match list names etag (weak
// comparison, "*" matches all).
func etagMatch(list []byte, etag string) bool {
	for len(list) > 0 {
		var item []byte
		if i := bytes.IndexByte(list, ','); i >= 0 {
			item, list = list[:i], list[i+1:]
		} else {
			item, list = list, nil
		}
		item = bytes.TrimSpace(item)
		item = bytes.TrimPrefix(item, []byte("W/"))
		if string(item) == etag || string(item) == "*" {
			return true
		}
	}
	return false
}

// notFound is phase 8's end: the 404 page in the request's locale, with
// the request's headers.
func (a *App) notFound(st *state) {
	st.applyHeaders()
	serveStatic(st.ctx, st.plan.notFound[st.localeIdx], fasthttp.StatusNotFound)
}

func methodNotAllowed(ctx *fasthttp.RequestCtx) {
	ctx.SetStatusCode(fasthttp.StatusMethodNotAllowed)
	ctx.Response.Header.Set(fasthttp.HeaderAllow, "GET, HEAD")
	ctx.SetContentType("text/html; charset=utf-8")
	ctx.SetBodyString("<!DOCTYPE html><html><head><title>405: Method Not Allowed</title></head><body><h1>405</h1><p>Method Not Allowed.</p></body></html>\n")
}

// serverError logs err and answers with the 500 page; the details are
// shown only in Dev and never with Quiet.
func (a *App) serverError(st *state, err error) {
	ctx := st.ctx
	st.renderErr = err
	ev := a.log.Error().Bytes("path", ctx.Request.Header.RequestURI())
	if !a.opts.Quiet {
		ev = ev.Err(err)
	}
	ev.Msg("request failed")
	ctx.Response.ResetBody()
	st.applyHeaders()
	if a.opts.Dev && !a.opts.Quiet {
		ctx.SetStatusCode(fasthttp.StatusInternalServerError)
		ctx.SetContentType("text/html; charset=utf-8")
		fmt.Fprintf(ctx, "<!DOCTYPE html><html><head><title>500: Internal Server Error</title></head><body><h1>500: Internal Server Error</h1><pre>%s</pre></body></html>\n",
			html.EscapeString(err.Error()))
		return
	}
	serveStatic(ctx, st.plan.errPage, fasthttp.StatusInternalServerError)
}

// panicError is a recovered panic, with its stack for the log.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.value, e.stack) }

// recoverPanic turns a panic in a proxy, loader or handler into the 500
// page; the server keeps serving.
func (a *App) recoverPanic(st *state) {
	r := recover()
	if r == nil {
		return
	}
	st.ctx.Response.Reset()
	a.serverError(st, &panicError{value: r, stack: debug.Stack()})
}
