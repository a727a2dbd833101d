package framework

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/framework/routes"
)

// plan is everything Prepare compiles: the rules, the route table, the
// pages and the prerendered bytes. The hot path only reads it.
type plan struct {
	cfg    *config.Config
	prefix prefixes // basePath and i18n

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
	errPage  *static   // the 500 page, prerendered
	memo     *memo
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

// target is what serves a route.
type target struct {
	route  *routes.Route
	page   *render.Page
	loader Loader
	api    Handler
	// static holds a public file's bytes; nil for large files.
	static *static
	// pages holds a page rendered once at Prepare, per locale (one without
	// i18n); nil for pages rendered per request.
	pages []*static
}

// static is a response body prepared once, with its validators.
type static struct {
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// maxMemoryFile is the largest public file kept in memory; larger ones are
// streamed from disk.
const maxMemoryFile = 1 << 20

func compilePlan(a *App, cfg *config.Config) (*plan, error) {
	p := &plan{cfg: cfg, prefix: newPrefixes(cfg), memo: newMemo(64 << 20)}
	px := &p.prefix
	errf := func(r config.Rule, err error) error {
		return &config.Error{File: configName(cfg), Line: r.Line, Rule: r.Name, Err: err}
	}
	compileRule := func(r config.Rule) (rule, []string, error) {
		pat, err := match.Compile(r.Source)
		if err != nil {
			return rule{}, nil, errf(r, fmt.Errorf("source %q: %w", r.Source, err))
		}
		k := px.ruleKind(&r)
		out := rule{name: r.Name, line: r.Line, pattern: pat, kind: k,
			rootSlash: k&withLocale != 0 && r.Source == "/" && cfg.TrailingSlash}
		names := append([]string(nil), pat.Names()...)
		if len(r.Has)+len(r.Missing) > 0 {
			if out.cond, err = match.CompileConditions(r.Has, r.Missing); err != nil {
				return rule{}, nil, errf(r, err)
			}
			names = append(names, out.cond.Names()...)
		}
		return out, names, nil
	}

	var index []*rule
	for _, h := range cfg.Headers {
		r, names, err := compileRule(h.Rule)
		if err != nil {
			return nil, err
		}
		hr := headerRule{rule: r}
		for _, f := range h.Headers {
			hf, err := newHeaderField(f.Key, f.Value, names)
			if err != nil {
				return nil, errf(h.Rule, err)
			}
			hr.headers = append(hr.headers, hf)
		}
		p.headers = append(p.headers, hr)
	}
	for i := range p.headers {
		index = append(index, &p.headers[i].rule)
	}
	p.headerIx = newRuleIndex(index, px.all)

	for _, rd := range cfg.Redirects {
		r, names, err := compileRule(rd.Rule)
		if err != nil {
			return nil, err
		}
		d, err := match.CompileDestination(rd.Destination, names)
		if err != nil {
			return nil, errf(rd.Rule, err)
		}
		p.redirects = append(p.redirects, redirectRule{rule: r, status: rd.Status(),
			dest: newDestination(px, d, rd.Destination, r.kind, true)})
	}
	index = index[:0]
	for i := range p.redirects {
		index = append(index, &p.redirects[i].rule)
	}
	p.redirIx = newRuleIndex(index, px.all)

	phase := func(rws []config.Rewrite) (rewritePhase, error) {
		var ph rewritePhase
		for _, rw := range rws {
			r, names, err := compileRule(rw.Rule)
			if err != nil {
				return ph, err
			}
			d, err := match.CompileDestination(rw.Destination, names)
			if err != nil {
				return ph, errf(rw.Rule, err)
			}
			ph.rules = append(ph.rules, rewriteRule{rule: r,
				dest: newDestination(px, d, rw.Destination, r.kind, false)})
		}
		var index []*rule
		for i := range ph.rules {
			index = append(index, &ph.rules[i].rule)
		}
		ph.ix = newRuleIndex(index, px.all)
		return ph, nil
	}
	var err error
	if p.before, err = phase(cfg.Rewrites.BeforeFiles); err != nil {
		return nil, err
	}
	if p.after, err = phase(cfg.Rewrites.AfterFiles); err != nil {
		return nil, err
	}
	if p.fallback, err = phase(cfg.Rewrites.Fallback); err != nil {
		return nil, err
	}

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
	for route := range a.loaders {
		if !hasPage(p.table, route) {
			return fmt.Errorf("Loader for %q: no page with that route in %s", route, pagesDir(a.opts.Dir))
		}
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
			if t.page, err = render.Load(r.File); err != nil {
				return err
			}
			t.loader = a.loaders[r.Route]
			if t.loader == nil && !r.Dynamic {
				if t.pages, err = p.prerenderLocales(t.page, r.Route); err != nil {
					return err
				}
			}
		}
	}
	if r := p.table.ErrorPage(404); r != nil {
		pg, err := render.Load(r.File)
		if err != nil {
			return err
		}
		if p.notFound, err = p.prerenderLocales(pg, r.Route); err != nil {
			return err
		}
	} else {
		p.notFound = []*static{defaultErrorPage(404)}
		for len(p.notFound) < p.prefix.localeCount() {
			p.notFound = append(p.notFound, p.notFound[0])
		}
	}
	p.errPage = defaultErrorPage(500)
	if r := p.table.ErrorPage(500); r != nil {
		pg, err := render.Load(r.File)
		if err != nil {
			return err
		}
		if p.errPage, err = prerender(pg, &render.Data{Route: r.Route, Path: r.Route, Params: map[string]any{}}); err != nil {
			return err
		}
	}
	return nil
}

// prerenderLocales renders a page with no per-request data once per
// locale (once without i18n), indexed like the plan's locales.
func (p *plan) prerenderLocales(pg *render.Page, route string) ([]*static, error) {
	out := make([]*static, p.prefix.localeCount())
	for i := range out {
		var err error
		d := &render.Data{Route: route, Path: route, Params: map[string]any{}, Locale: p.prefix.localeName(i)}
		if out[i], err = prerender(pg, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func hasPage(t *routes.Table, route string) bool {
	for _, r := range t.Routes() {
		if r.Kind == routes.Page && r.Route == route {
			return true
		}
	}
	return false
}

// prerender renders a page once and keeps the bytes with an ETag.
func prerender(pg *render.Page, d *render.Data) (*static, error) {
	var buf bytes.Buffer
	if err := pg.Render(&buf, d); err != nil {
		return nil, err
	}
	return newStatic(buf.Bytes(), "text/html; charset=utf-8", time.Time{}), nil
}

func newStatic(body []byte, contentType string, mod time.Time) *static {
	sum := sha256.Sum256(body)
	s := &static{body: body, contentType: contentType,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
	if !mod.IsZero() {
		s.lastModified = mod.UTC().Format(http.TimeFormat)
	}
	return s
}

// loadPublic reads a small public file into memory; large ones stay on
// disk (nil).
func loadPublic(file string) (*static, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxMemoryFile {
		return nil, nil
	}
	body, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return newStatic(body, contentType(file, body), fi.ModTime()), nil
}

// contentType picks a public file's type from its extension, else sniffs.
func contentType(file string, body []byte) string {
	if t := mime.TypeByExtension(filepath.Ext(file)); t != "" {
		return t
	}
	return http.DetectContentType(body)
}

func defaultErrorPage(status int) *static {
	msg := "This page could not be found."
	if status == 500 {
		msg = "Internal Server Error."
	}
	body := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%d: %s</title>
<style>body{font-family:system-ui,sans-serif;display:flex;height:100vh;margin:0;align-items:center;justify-content:center}h1{border-right:1px solid #0003;margin:0 20px 0 0;padding-right:20px;font-size:24px;font-weight:500}</style>
</head><body><h1>%d</h1><p>%s</p></body></html>
`, status, msg, status, msg)
	return newStatic([]byte(body), "text/html; charset=utf-8", time.Time{})
}
