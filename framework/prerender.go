package framework

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nextfiber/nextfiber/framework/isr"
	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// renderOffline renders t's page at path in locale loc with no live
// request behind it: to prerender at Prepare, and to re-render an ISR page
// in the background. path is a route path as the page sees it (no
// basePath, locale or trailing slash; raw, as in URLs).
//
// It builds the request context the way App.Render does, on a request of
// its own: GET path, with no headers, cookies or query. So the loader's
// Context has the path, the params and the locale, and the template's
// .Query is empty, as for any page rendered ahead of its requests.
func (p *plan) renderOffline(a *App, t *target, loc int, path string) (body []byte, err error) {
	var ctx fasthttp.RequestCtx
	ctx.Request.SetRequestURI(path)
	st := newState(a).(*state) // not pooled: this runs off the hot path, also before Prepare ends
	st.plan, st.ctx = p, &ctx
	st.localeIdx, st.locale = loc, p.prefix.localeName(loc)
	st.path = []byte(path)
	st.routePath = st.path
	st.c.route = t.route
	// Rendered by route name (App.Render(ctx, "/blog/[slug]")), a dynamic
	// page has no params, as it had when the request rendered it.
	if t.route.Dynamic && path != t.route.Route && p.table.Dynamic(st.path, &st.rm) != t.route {
		return nil, fmt.Errorf("%s is not a path of %s", path, t.route.Route)
	}
	defer func() {
		if r := recover(); r != nil {
			err = panicErrorFrom(r)
		}
	}()
	var props any
	if t.loader != nil {
		if props, err = t.loader(&st.c); err != nil {
			return nil, fmt.Errorf("loader for %s: %w", t.route.Route, err)
		}
	}
	err = t.page.Render(&st.render, &render.Data{
		Route:  t.route.Route,
		Path:   path,
		Params: st.routeParams(),
		Props:  props,
		Locale: st.locale,
	})
	if err != nil {
		return nil, err
	}
	addReloadScript(&st.render, p.reloadScript)
	return st.render.Bytes(), nil
}

// prerenderLocales renders a page with no per-request data once per
// locale (once without i18n), indexed like the plan's locales.
func (p *plan) prerenderLocales(a *App, t *target) ([]*static, error) {
	out := make([]*static, p.prefix.localeCount())
	for i := range out {
		body, err := p.renderOffline(a, t, i, t.route.Route)
		if err != nil {
			return nil, err
		}
		out[i] = p.pageStatic(body, true)
	}
	return out, nil
}

// pageStatic makes a rendered page a static response, compressed when the
// config's compress is on.
func (p *plan) pageStatic(body []byte, atPrepare bool) *static {
	s := newStatic(body, htmlType, zeroTime)
	if p.cfg.Compress {
		s.compress(atPrepare)
	}
	return s
}

// cachedPath is one path of a cached page to prerender, in a locale.
type cachedPath struct {
	loc  int
	path string
}

// prerenderPaths are the paths of a cached page rendered at Prepare: a
// static route in every locale, or what its StaticPaths func lists (none
// without one).
func (p *plan) prerenderPaths(t *target, fn func() ([]string, error)) ([]cachedPath, error) {
	switch {
	case fn == nil && t.route.Dynamic:
		return nil, nil
	case fn == nil:
		out := make([]cachedPath, p.prefix.localeCount())
		for i := range out {
			out[i] = cachedPath{i, t.route.Route}
		}
		return out, nil
	}
	list, err := fn()
	if err != nil {
		return nil, fmt.Errorf("StaticPaths for %q: %w", t.route.Route, err)
	}
	out := make([]cachedPath, 0, len(list))
	for _, path := range list {
		pp, err := p.staticPath(t, path)
		if err != nil {
			return nil, fmt.Errorf("StaticPaths for %q: %q: %w", t.route.Route, path, err)
		}
		out = append(out, pp)
	}
	return out, nil
}

// staticPath reads one path a StaticPaths func listed: its locale, if it
// starts with one, and the route path it is cached under.
func (p *plan) staticPath(t *target, path string) (cachedPath, error) {
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") {
		return cachedPath{}, errors.New(`want a URL path: "/" and segments, no query or fragment`)
	}
	pp := cachedPath{path: path}
	if px := &p.prefix; px.locales != nil {
		pp.loc = px.locales.Default()
		if i, n := px.locales.Split([]byte(path)); i >= 0 {
			pp.loc, pp.path = i, string(orSlash([]byte(path[n:])))
		}
	}
	if len(pp.path) > 1 {
		pp.path = strings.TrimSuffix(pp.path, "/")
	}
	var m routes.Match
	if p.table.Dynamic([]byte(pp.path), &m) != t.route {
		return cachedPath{}, errors.New("not served by this page")
	}
	return pp, nil
}

// cachePage makes t a page served from the ISR cache, fresh for
// revalidate (forever when 0), and renders its known paths into it.
func (p *plan) cachePage(a *App, t *target, revalidate time.Duration, paths func() ([]string, error)) error {
	if p.store == nil {
		p.store = isr.NewMemory(isrBudget)
	}
	t.cacheControl, t.revalidate = cacheControl(revalidate), revalidate
	t.isr = isr.New(p.store, isr.Options{
		Revalidate: revalidate,
		Render: func(key string) (*isr.Entry, error) {
			loc, path, ok := parseISRKey(key)
			if !ok {
				return nil, fmt.Errorf("isr key %q: malformed", key)
			}
			body, err := p.renderOffline(a, t, loc, path)
			if err != nil {
				return nil, err
			}
			return p.cachedEntry(body, false), nil
		},
		OnError: func(key string, err error) { a.revalidateFailed(t, key, err) },
	})
	list, err := p.prerenderPaths(t, paths)
	if err != nil {
		return err
	}
	now := time.Now()
	var key []byte
	for _, pp := range list {
		body, err := p.renderOffline(a, t, pp.loc, pp.path)
		var rd *RedirectError
		switch {
		case errors.Is(err, ErrNotFound) || errors.As(err, &rd):
			// Not a page to keep: its requests render it and answer
			// with the 404 page or the redirect.
			continue
		case err != nil:
			return fmt.Errorf("prerendering %s: %w", pp.path, err)
		}
		key = appendISRKey(key[:0], t.route.ID, pp.loc, []byte(pp.path))
		e := p.cachedEntry(body, true)
		e.Rendered = now
		p.store.Set(key, e)
	}
	return nil
}

// cachedEntry makes a rendered page an ISR entry, compressed as pageStatic
// compresses a page: once per render, so that requests only choose a
// variant. The ETags are content hashes, so a client's copy stays current
// across a restart and across re-renders that change nothing.
func (p *plan) cachedEntry(body []byte, atPrepare bool) *isr.Entry {
	s := p.pageStatic(body, atPrepare)
	return &isr.Entry{Body: s.body, ETag: s.etag, Br: s.br.isrVariant(), Gzip: s.gzip.isrVariant()}
}

// isrVariant returns s as an ISR entry's variant; nil for nil.
func (s *static) isrVariant() *isr.Variant {
	if s == nil {
		return nil
	}
	return &isr.Variant{Body: s.body, ETag: s.etag}
}
