package framework

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/isr"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/framework/routes"
)

// plan is everything Prepare compiles: the rules, the route table, the
// pages and the prerendered bytes. The hot path only reads it.
type plan struct {
	cfg    *config.Config
	prefix prefixes // basePath and i18n

	// segments buckets the rules of every phase by first segment, so a
	// request finds all its candidates with one lookup (see ruleIndex).
	segments  segmentIndex
	headers   []headerRule
	headerIx  ruleIndex
	redirects []redirectRule
	redirIx   ruleIndex
	before    rewritePhase
	after     rewritePhase
	fallback  rewritePhase

	proxies []proxyEntry

	table    *routes.Table
	targets  []*target // by routes.Route.ID
	notFound []*static // the 404 page, prerendered per locale
	errPages []*static // the 500 page, prerendered per locale
	memo     *memo
	store    *isr.Memory        // cached pages of every route; nil when none is cached
	byRoute  map[string]*target // pages and API routes by route name, for Render

	// reloadScript is, in Dev, the live-reload script every HTML page of
	// this plan carries (see livereload.go); nil otherwise.
	reloadScript []byte
}

type redirectRule struct {
	rule
	dest   *destination
	status int
}

type rewriteRule struct {
	rule
	dest *destination
}

// rewritePhase is one of beforeFiles, afterFiles and fallback.
type rewritePhase struct {
	rules []rewriteRule
	ix    ruleIndex
}

// target is what serves a route. A page is served one of four ways, the
// first that applies: prerendered (pages), from the ISR cache (isr), from
// the memo by URL (a dynamic page without loader), or rendered per
// request through its loader.
type target struct {
	route  *routes.Route
	page   *render.Page
	loader Loader
	api    Handler
	// static is a public file.
	static *static
	// pages holds a page with no per-request data, rendered once at
	// Prepare, per locale (one without i18n).
	pages []*static
	// isr caches a page with a revalidate period or static paths;
	// cacheControl is what its responses say about it.
	isr          *isr.Cache
	cacheControl string
	revalidate   time.Duration
}

// compilePlan builds the plan from cfg, which must have passed Validate:
// its rules come with their patterns, conditions and destinations compiled
// (config.Rule.Compiled), and the plan matches with those. build names the
// build in Dev, for the live-reload script of its pages.
func compilePlan(a *App, cfg *config.Config, build string) (*plan, error) {
	p := &plan{cfg: cfg, prefix: newPrefixes(cfg), memo: newMemo(64 << 20), segments: segmentIndex{}}
	px := &p.prefix
	if a.opts.Dev {
		p.reloadScript = reloadScript(px.base, build)
	}
	newRule := func(r *config.Rule) rule {
		c := r.Compiled()
		k := px.ruleKind(r)
		return rule{name: r.Name, line: r.Line, pattern: c.Pattern, cond: c.Conditions, kind: k,
			rootSlash: k&withLocale != 0 && r.Source == "/" && cfg.TrailingSlash}
	}

	var index []*rule
	for _, h := range cfg.Headers {
		hr := headerRule{rule: newRule(&h.Rule)}
		names := h.Compiled().Names()
		for _, f := range h.Headers {
			hf, err := newHeaderField(f.Key, f.Value, names)
			if err != nil {
				return nil, &config.Error{File: configName(cfg), Line: h.Line, Rule: h.Name, Err: err}
			}
			hr.headers = append(hr.headers, hf)
		}
		p.headers = append(p.headers, hr)
	}
	for i := range p.headers {
		index = append(index, &p.headers[i].rule)
	}
	p.headerIx = p.segments.add(phaseHeaders, index, px.all)

	for _, rd := range cfg.Redirects {
		r := newRule(&rd.Rule)
		p.redirects = append(p.redirects, redirectRule{rule: r, status: rd.Status(),
			dest: newDestination(px, rd.Compiled().Destination, rd.Destination, r.kind, true)})
	}
	index = index[:0]
	for i := range p.redirects {
		index = append(index, &p.redirects[i].rule)
	}
	p.redirIx = p.segments.add(phaseRedirects, index, px.all)

	phase := func(n rulePhase, rws []config.Rewrite) rewritePhase {
		var ph rewritePhase
		for _, rw := range rws {
			r := newRule(&rw.Rule)
			ph.rules = append(ph.rules, rewriteRule{rule: r,
				dest: newDestination(px, rw.Compiled().Destination, rw.Destination, r.kind, false)})
		}
		var index []*rule
		for i := range ph.rules {
			index = append(index, &ph.rules[i].rule)
		}
		ph.ix = p.segments.add(n, index, px.all)
		return ph
	}
	p.before = phase(phaseBeforeFiles, cfg.Rewrites.BeforeFiles)
	p.after = phase(phaseAfterFiles, cfg.Rewrites.AfterFiles)
	p.fallback = phase(phaseFallback, cfg.Rewrites.Fallback)

	for i, e := range a.proxies {
		m, err := proxy.CompileMatchers(e.matchers)
		if err != nil {
			return nil, fmt.Errorf("proxy #%d: %w", i+1, err)
		}
		e.compiled = m
		p.proxies = append(p.proxies, e)
	}

	if err := p.buildRoutes(a, cfg); err != nil {
		return nil, err
	}
	p.indexRoutes()
	return p, nil
}

func configName(cfg *config.Config) string {
	if cfg.File != "" {
		return cfg.File
	}
	return config.FileName
}

// buildRoutes scans pages/ and public/, builds the table, loads pages and
// prerenders the ones with no per-request data.
func (p *plan) buildRoutes(a *App, cfg *config.Config) error {
	pages, err := routes.ScanPages(pagesDir(a.opts.Dir), cfg.PageExtensions)
	if err != nil {
		return err
	}
	public, err := routes.ScanPublic(publicDir(a.opts.Dir))
	if err != nil {
		return err
	}
	entries := append(pages, public...)
	for route := range a.apis {
		entries = append(entries, routes.Entry{Route: route, Kind: routes.API})
	}
	if p.table, err = routes.New(entries); err != nil {
		return err
	}
	if err := p.checkRegistrations(a); err != nil {
		return err
	}
	// The site is _document, _app, layouts and partials, loaded once and
	// shared by every page, the error pages included.
	site, err := render.LoadSite(pagesDir(a.opts.Dir))
	if err != nil {
		return err
	}

	all := p.table.Routes()
	p.targets = make([]*target, len(all))
	for _, r := range all {
		t := &target{route: r}
		p.targets[r.ID] = t
		switch r.Kind {
		case routes.API:
			t.api = a.apis[r.Route]
		case routes.Public:
			if t.static, err = loadPublic(r.File); err != nil {
				return err
			}
		case routes.Page:
			if t.page, err = site.Page(r.File); err != nil {
				return err
			}
			t.loader = a.loaders[r.Route]
			d, revalidate := a.revalidate[r.Route]
			paths := a.staticPaths[r.Route]
			switch {
			case revalidate || paths != nil:
				err = p.cachePage(a, t, d, paths)
			case t.loader == nil && !r.Dynamic:
				t.pages, err = p.prerenderLocales(a, t)
			}
			if err != nil {
				return err
			}
		}
	}
	p.addPublicVariants(cfg.Compress)
	p.notFound = p.errorPage(404)
	p.errPages = p.errorPage(500)
	return nil
}

// checkRegistrations checks that every Loader, StaticPaths and Revalidate
// names a page that can take it.
func (p *plan) checkRegistrations(a *App) error {
	pages := map[string]*routes.Route{}
	for _, r := range p.table.Routes() {
		if r.Kind == routes.Page {
			pages[r.Route] = r
		}
	}
	check := func(what, route string) (*routes.Route, error) {
		r := pages[route]
		switch {
		case r == nil:
			return nil, fmt.Errorf("%s for %q: no page with that route in %s", what, route, pagesDir(a.opts.Dir))
		case r == p.table.ErrorPage(404) || r == p.table.ErrorPage(500):
			return nil, fmt.Errorf("%s for %q: error pages are rendered once at start-up, with no data", what, route)
		}
		return r, nil
	}
	for _, route := range slices.Sorted(maps.Keys(a.loaders)) {
		if _, err := check("Loader", route); err != nil {
			return err
		}
	}
	for _, route := range slices.Sorted(maps.Keys(a.staticPaths)) {
		r, err := check("StaticPaths", route)
		if err != nil {
			return err
		}
		if !r.Dynamic {
			return fmt.Errorf("StaticPaths for %q: not a dynamic page (its one path is rendered at start-up anyway)", route)
		}
	}
	for _, route := range slices.Sorted(maps.Keys(a.revalidate)) {
		if _, err := check("Revalidate", route); err != nil {
			return err
		}
		if d := a.revalidate[route]; d <= 0 {
			return fmt.Errorf("Revalidate for %q: period %v: must be positive", route, d)
		}
	}
	return nil
}

// errorPage returns the 404 or 500 page per locale: the app's own,
// prerendered with the other pages, or a plain default.
func (p *plan) errorPage(status int) []*static {
	if r := p.table.ErrorPage(status); r != nil {
		return p.targets[r.ID].pages
	}
	s := defaultErrorPage(status, p.reloadScript)
	if p.cfg.Compress {
		s.compress(true)
	}
	out := make([]*static, p.prefix.localeCount())
	for i := range out {
		out[i] = s
	}
	return out
}

func defaultErrorPage(status int, reloadScript []byte) *static {
	msg := "This page could not be found."
	if status == 500 {
		msg = "Internal Server Error."
	}
	body := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%d: %s</title>
<style>body{font-family:system-ui,sans-serif;display:flex;height:100vh;margin:0;align-items:center;justify-content:center}h1{border-right:1px solid #0003;margin:0 20px 0 0;padding-right:20px;font-size:24px;font-weight:500}</style>
</head><body><h1>%d</h1><p>%s</p>%s</body></html>
`, status, msg, status, msg, reloadScript)
	return newStatic([]byte(body), htmlType, zeroTime)
}
