package framework

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/nextfiber/nextfiber/framework/routes"
)

// RouteInfo describes one route of a prepared App, for build output.
type RouteInfo struct {
	// Route in file syntax ("/blog/[slug]") or a public file's URL path.
	Route string
	// Kind is "static" (a page rendered once at start-up), "isr" (a page
	// served from the ISR cache: App.Revalidate or App.StaticPaths),
	// "dynamic" (a page rendered per request or per URL), "api" or
	// "public".
	Kind string
	// Revalidate is an "isr" page's revalidate period; 0 means its pages
	// are rendered once and kept.
	Revalidate time.Duration
	// File is the page or public file ("" for API routes).
	File string
	// Loader reports a Go loader attached to the page.
	Loader bool
}

// Routes lists the app's routes in match order. Prepare must have succeeded.
func (a *App) Routes() []RouteInfo {
	var out []RouteInfo
	for _, t := range a.plan.Load().targets {
		ri := RouteInfo{Route: t.route.Route, File: t.route.File, Loader: t.loader != nil}
		switch {
		case t.route.Kind == routes.API:
			ri.Kind = "api"
		case t.route.Kind == routes.Public:
			ri.Kind = "public"
		case t.isr != nil:
			ri.Kind, ri.Revalidate = "isr", t.revalidate
		case t.route.Dynamic || t.loader != nil:
			ri.Kind = "dynamic"
		default:
			ri.Kind = "static"
		}
		out = append(out, ri)
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
		if r.Kind == "isr" && r.Revalidate > 0 {
			src += fmt.Sprintf(" (revalidate %s)", r.Revalidate)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Route, r.Kind, src)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nstatic: rendered once at start-up; isr: rendered once per path and cached, re-rendered in the background when stale; dynamic: rendered per request (per URL without a loader)")
}
