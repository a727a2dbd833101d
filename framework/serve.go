package framework

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"runtime/debug"
	"strings"

	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// serveTarget answers with a route found by the pipeline.
func (a *App) serveTarget(st *state, t *target) {
	ctx := st.ctx
	st.setRoute(t.route)
	st.applyHeaders()
	if !t.servedFromMemory() {
		st.flushRequestHeaders() // for loaders, handlers and renders
	}
	switch t.route.Kind {
	case routes.Public:
		a.servePublic(st, t)
	case routes.API:
		a.serveAPI(st, t)
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

// serveAPI answers with t's API handler, its response compressed as
// compressResponse says; an error it returns gives the 500 page.
func (a *App) serveAPI(st *state, t *target) error {
	if err := t.api(&st.c); err != nil {
		a.serverError(st, err)
		return err
	}
	st.compressResponse()
	return nil
}

// servePage answers with a page the way its target says (see target).
func (a *App) servePage(st *state, t *target) {
	switch {
	case t.pages != nil:
		serveStatic(st, t.pages[st.localeIdx], fasthttp.StatusOK)
	case t.isr != nil:
		a.serveCached(st, t)
	case t.loader == nil:
		a.serveMemo(st, t)
	default:
		a.serveLoaded(st, t)
	}
}

// serveMemo answers with a dynamic page that has no loader. It depends
// only on the URL, so it is rendered once per path and query and served
// from memory after.
func (a *App) serveMemo(st *state, t *target) {
	st.key = memoKey(st.key[:0], t.route.ID, st.pagePath(), st.query, st.locale)
	s := st.plan.memo.get(st.key)
	if s == nil {
		if err := a.renderPage(st, t, nil); err != nil {
			a.serverError(st, err)
			return
		}
		s = st.plan.pageStatic(bytes.Clone(st.render.Bytes()), false)
		st.plan.memo.put(st.key, s)
	}
	serveStatic(st, s, fasthttp.StatusOK)
}

// serveLoaded renders a page with the props its loader returns for this
// request, as getServerSideProps does.
func (a *App) serveLoaded(st *state, t *target) {
	props, err := t.loader(&st.c)
	if err != nil {
		a.loaderFailed(st, t, fmt.Errorf("loader for %s: %w", t.route.Route, err))
		return
	}
	if err := a.renderPage(st, t, props); err != nil {
		a.serverError(st, err)
		return
	}
	ctx := st.ctx
	ctx.SetStatusCode(fasthttp.StatusOK)
	ctx.SetContentType(htmlType)
	ctx.SetBody(st.render.Bytes())
	st.compressResponse()
}

// loaderFailed answers for a page whose loader (or render) gave err
// rather than props: the 404 page for ErrNotFound, the redirect of a
// Redirect, else the 500 page.
func (a *App) loaderFailed(st *state, t *target, err error) {
	var rd *RedirectError
	switch {
	case errors.Is(err, ErrNotFound):
		a.notFound(st)
	case errors.As(err, &rd):
		st.loaderRedirect(rd)
	default:
		a.serverError(st, err)
	}
}

// loaderRedirect answers a loader's Redirect as Next.js answers a redirect
// from getServerSideProps: a path gets the basePath in front, and a 308
// the Refresh header.
func (st *state) loaderRedirect(rd *RedirectError) {
	st.loc = st.loc[:0]
	if strings.HasPrefix(rd.URL, "/") && !strings.HasPrefix(rd.URL, "//") {
		st.loc = append(st.loc, st.plan.prefix.base...)
	}
	st.loc = append(st.loc, rd.URL...)
	if rd.Status == fasthttp.StatusPermanentRedirect {
		st.permanentRedirect(st.loc)
		return
	}
	h := &st.ctx.Response.Header
	h.SetStatusCode(rd.Status)
	h.SetCanonical(keyLocation, st.loc)
}

func (a *App) renderPage(st *state, t *target, props any) error {
	st.render.Reset()
	err := t.page.Render(&st.render, &render.Data{
		Route:  t.route.Route,
		Path:   string(st.pagePath()),
		Params: st.routeParams(),
		Query:  st.queryMap(),
		Props:  props,
		Locale: st.locale,
	})
	if err == nil {
		addReloadScript(&st.render, st.plan.reloadScript)
	}
	return err
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

// notFound is phase 8's end: the 404 page in the request's locale, with
// the request's headers.
func (a *App) notFound(st *state) {
	st.applyHeaders()
	serveStatic(st, st.plan.notFound[st.localeIdx], fasthttp.StatusNotFound)
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
	ctx.Response.Header.SetContentEncoding("") // a handler's, for the body just dropped
	st.applyHeaders()
	if a.opts.Dev && !a.opts.Quiet {
		ctx.SetStatusCode(fasthttp.StatusInternalServerError)
		ctx.SetContentType("text/html; charset=utf-8")
		writeDevError(ctx, "500: Internal Server Error", err.Error(), st.plan.reloadScript)
		st.compressResponse()
		return
	}
	serveStatic(st, st.plan.errPages[st.localeIdx], fasthttp.StatusInternalServerError)
}

// writeDevError writes the readable error page of Dev: title, msg
// (HTML-escaped) and the live-reload script, so the page reloads itself
// once a change is built.
func writeDevError(w io.Writer, title, msg string, reloadScript []byte) {
	fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>%s</title></head><body><h1>%s</h1><pre>%s</pre>%s</body></html>\n",
		title, title, html.EscapeString(msg), reloadScript)
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

// servedFromMemory reports whether t answers without running a loader or
// handler: a public file or a page without a loader. Nothing it does reads
// the request's headers beyond what the pipeline reads itself.
func (t *target) servedFromMemory() bool {
	return t.route.Kind == routes.Public || t.route.Kind == routes.Page && t.loader == nil
}
