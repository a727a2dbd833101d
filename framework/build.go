package framework

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/nextfiber/nextfiber/framework/routes"
)

// RouteInfo describes one route of a prepared App, for build output.
type RouteInfo struct {
	// Route in file syntax ("/blog/[slug]") or a public file's URL path.
	Route string
	// Kind is "static" (a page rendered once at start-up), "dynamic" (a
	// page rendered per request or per URL), "api" or "public".
	Kind string
	// File is the page or public file ("" for API routes).
	File string
	// Loader reports a Go loader attached to the page.
	Loader bool
}

// Routes lists the app's routes in match order. Prepare must have succeeded.
func (a *App) Routes() []RouteInfo {
	var out []RouteInfo
	for _, t := range a.plan.targets {
		ri := RouteInfo{Route: t.route.Route, File: t.route.File, Loader: t.loader != nil}
		switch {
		case t.route.Kind == routes.API:
			ri.Kind = "api"
		case t.route.Kind == routes.Public:
			ri.Kind = "public"
		case t.route.Dynamic || t.loader != nil:
			ri.Kind = "dynamic"
		default:
			ri.Kind = "static"
		}
		out = append(out, ri)
	}
	return out
}

// SlowRules names the config rules whose pattern needs the general (slower)
// matching engine rather than the native one.
func (a *App) SlowRules() []string {
	var out []string
	p := a.plan
	add := func(r *rule) {
		if r.pattern.SlowPath() {
			out = append(out, fmt.Sprintf("%s (line %d): %s", r.name, r.line, r.pattern.Source()))
		}
	}
	for i := range p.headers {
		add(&p.headers[i].rule)
	}
	for i := range p.redirects {
		add(&p.redirects[i].rule)
	}
	for _, ph := range []*rewritePhase{&p.before, &p.after, &p.fallback} {
		for i := range ph.rules {
			add(&ph.rules[i].rule)
		}
	}
	return out
}

// PrintRoutes writes the route table the way `next build` summarizes it.
func (a *App) PrintRoutes(w io.Writer) {
	dir, _ := filepath.Abs(a.opts.Dir)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Route\tKind\tSource")
	for _, r := range a.Routes() {
		src := r.File
		if rel, err := filepath.Rel(dir, r.File); err == nil && r.File != "" {
			src = rel
		}
		switch {
		case r.Kind == "api":
			src = "Go handler"
		case r.Loader:
			src += " + Go loader"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Route, r.Kind, src)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nstatic: rendered once at start-up; dynamic: rendered per request (per URL without a loader)")
	if slow := a.SlowRules(); len(slow) > 0 {
		fmt.Fprintln(w, "\nRules on the slow matching path:")
		for _, s := range slow {
			fmt.Fprintln(w, "  "+s)
		}
	} else {
		fmt.Fprintln(w, "All rules use the native matcher.")
	}
}
