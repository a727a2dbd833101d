package framework

import (
	"bytes"
	"errors"
	"time"

	"github.com/nextfiber/nextfiber/framework/dev"
	"github.com/valyala/fasthttp"
)

// Watch watches, in Dev, the app's pages/ and public/ folders and its
// next.config.toml, and prepares the app again after each change, as
// `next dev` does: the config is read and checked again, the routes
// scanned again and the pages rendered again, while the Go code
// registered on the App (proxies, loaders, API handlers, StaticPaths,
// Revalidate) stays as it is. Requests in flight finish with the build
// they started with; later ones get the new one, and open pages reload.
//
// A rebuild that fails (a bad next.config.toml, a template that does not
// parse, routes in conflict) is logged once, and every request answers
// with a 500 page showing its error, until a change builds again.
//
// Listen calls Watch in Dev; a custom server in Dev calls it after
// Prepare. Shutdown stops watching. Calling Watch again does nothing.
func (a *App) Watch() error {
	if !a.opts.Dev {
		return errors.New("framework: Watch needs Options.Dev")
	}
	if !a.prepared {
		return errors.New("framework: Watch called before Prepare")
	}
	a.watchMu.Lock()
	defer a.watchMu.Unlock()
	if a.watcher != nil {
		return nil
	}
	w, err := dev.Watch(dev.Options{Dir: a.opts.Dir, OnChange: a.rebuild, OnError: func(err error) {
		a.log.Warn().Err(err).Msg("watching files")
	}})
	if err != nil {
		return err
	}
	a.watcher = w
	return nil
}

// stopWatching stops Watch, after the rebuild under way if any.
func (a *App) stopWatching() {
	a.watchMu.Lock()
	defer a.watchMu.Unlock()
	if a.watcher != nil {
		a.watcher.Close()
		a.watcher = nil
	}
}

// rebuild prepares the app again, for Watch. A plan built without error
// replaces the current one; after an error the current plan stays, and
// serveDev answers every request with the error until a build succeeds.
// Open pages are told either way.
func (a *App) rebuild() {
	start := time.Now()
	build := a.live.next()
	p, err := a.compile(build)
	if err != nil {
		a.buildFailed(build, err)
	} else {
		old := a.plan.Swap(p)
		a.failed.Store(nil)
		// Shutdown waits for the old plan's background renders too.
		a.waitUntil(old.waitRenders)
		a.log.Info().Dur("took", time.Since(start)).Msg("rebuilt")
	}
	a.live.publish(build)
}

// buildFailure is a failed rebuild: its error, and the page every request
// gets while it stands.
type buildFailure struct {
	err  error
	page []byte
}

// buildFailed makes err the answer to every request, and logs it unless
// the failure before was the same.
func (a *App) buildFailed(build string, err error) {
	msg := err.Error()
	if a.opts.Quiet {
		msg = "The app failed to build."
	}
	var page bytes.Buffer
	writeDevError(&page, "Failed to compile", msg, reloadScript(a.plan.Load().prefix.base, build))
	prev := a.failed.Swap(&buildFailure{err: err, page: page.Bytes()})
	if prev != nil && prev.err.Error() == err.Error() {
		return
	}
	ev := a.log.Error()
	if !a.opts.Quiet {
		ev = ev.Err(err)
	}
	ev.Msg("rebuild failed; every request gets the error until a change fixes it")
}

// serve answers a request with the failure page.
func (f *buildFailure) serve(ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	ctx.SetStatusCode(fasthttp.StatusInternalServerError)
	ctx.SetContentType(htmlType)
	ctx.Response.Header.Set(fasthttp.HeaderCacheControl, "no-store")
	ctx.SetBody(f.page)
}

// serveDev is the request handler in Dev: before the pipeline it answers
// the live-reload event stream and, while a failed rebuild stands, every
// other request with its error.
func (a *App) serveDev(ctx *fasthttp.RequestCtx) {
	path, _ := splitQuery(ctx.Request.Header.RequestURI())
	if rest, ok := bytes.CutPrefix(path, []byte(a.plan.Load().prefix.base)); ok && string(rest) == reloadPath {
		a.live.serveEvents(ctx)
		return
	}
	if f := a.failed.Load(); f != nil {
		f.serve(ctx)
		return
	}
	a.serve(ctx)
}
