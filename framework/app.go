// Package framework is Nextfiber's public API: an App serves a Next.js-style
// app directory (pages/, public/, next.config.toml) plus what Go code
// registers on it (proxies, page loaders, API handlers), through the
// request pipeline Next.js documents:
//
//  1. headers from next.config.toml (every matching rule)
//  2. redirects (first match wins)
//  3. proxy funcs (the chain, each filtered by its matcher)
//  4. rewrites.beforeFiles
//  5. filesystem routes: public/ files, static pages, API handlers
//  6. rewrites.afterFiles
//  7. dynamic routes ([slug], [...path], [[...path]]), most specific first
//  8. rewrites.fallback, then the 404 page
//
// Lifecycle: New (options) -> register -> Prepare (load config, scan
// routes, compile every rule and prerender static pages; all errors are
// reported here) -> Handler (the hot path: no errors to check, no
// allocation on matching paths). In Dev, Watch prepares the app again
// whenever its files change (see watch.go).
package framework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/dev"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/upstream"
	"github.com/rs/zerolog"
	"github.com/valyala/fasthttp"
)

// Options configure an App, as next({dev, dir, quiet, conf, hostname, port})
// does in a Next.js custom server.
type Options struct {
	// Dev turns on development behaviour, as `next dev` does: readable
	// error pages, console logs, and rebuilds with live reload: Listen (or
	// Watch, for a custom server) watches pages/, public/ and
	// next.config.toml and prepares the app again after each change, and
	// every HTML page the app renders carries a script that reloads it
	// when a rebuild finishes.
	Dev bool
	// Dir is the app directory holding pages/, public/ and
	// next.config.toml. Default ".".
	Dir string
	// Quiet hides error details (messages, stacks, file paths) from
	// responses and logs.
	Quiet bool
	// Conf, when set, is used instead of Dir/next.config.toml.
	Conf *config.Config
	// Hostname and Port are where Listen serves. Defaults "localhost" and 3000.
	Hostname string
	Port     int
	// Logger receives one line per request and every error. Default: a
	// console logger in Dev, JSON on stderr otherwise.
	Logger *zerolog.Logger
	// LogRequests writes one log line per request (status, duration).
	LogRequests bool
}

// App is a Nextfiber application.
type App struct {
	opts Options
	log  zerolog.Logger

	proxies     []proxyEntry
	middleware  []fiber.Handler // Fiber middleware run before the pipeline (see Use)
	loaders     map[string]Loader
	apis        map[string]Handler
	staticPaths map[string]func() ([]string, error)
	revalidate  map[string]time.Duration

	prepared bool
	// plan is what Prepare compiled. A rebuild in Dev swaps it whole: a
	// request loads it once (acquire) and keeps it to the end.
	plan atomic.Pointer[plan]
	// failed is, in Dev, the last rebuild's error while it stands; every
	// request answers with it (see serveDev).
	failed   atomic.Pointer[buildFailure]
	live     *liveReload // Dev's live reload; nil otherwise
	watchMu  sync.Mutex
	watcher  *dev.Watcher // see Watch
	upstream *upstream.Proxy
	pool     sync.Pool
	bg       sync.WaitGroup
	// runInBackground is a.waitUntil bound once: a method value made per
	// request would allocate.
	runInBackground func(func())
	server          *fiber.App
}

type proxyEntry struct {
	fn       proxy.Func
	matchers []proxy.Matcher
	compiled *proxy.Matchers
}

// New returns an App for opts. Nothing is read from disk until Prepare.
func New(opts Options) *App {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Hostname == "" {
		opts.Hostname = "localhost"
	}
	if opts.Port == 0 {
		opts.Port = 3000
	}
	a := &App{opts: opts, loaders: map[string]Loader{}, apis: map[string]Handler{},
		staticPaths: map[string]func() ([]string, error){}, revalidate: map[string]time.Duration{}}
	switch {
	case opts.Logger != nil:
		a.log = *opts.Logger
	case opts.Dev:
		a.log = zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr, TimeFormat: "15:04:05"}).With().Timestamp().Logger()
	default:
		a.log = zerolog.New(os.Stderr).With().Timestamp().Logger()
	}
	a.pool.New = func() any { return newState(a) }
	a.runInBackground = a.waitUntil
	if opts.Dev {
		a.live = newLiveReload()
	}
	return a
}

// Proxy registers fn as the next proxy in the chain. It runs for requests
// matching any of matchers (every request when none are given).
func (a *App) Proxy(fn proxy.Func, matchers ...proxy.Matcher) {
	a.mustNotBePrepared("Proxy")
	a.proxies = append(a.proxies, proxyEntry{fn: fn, matchers: matchers})
}

// Loader attaches a data loader to the page at route (file syntax:
// "/blog/[slug]"), the getServerSideProps analogue: it runs per request
// and its result is the template's .Props.
func (a *App) Loader(route string, fn Loader) {
	a.mustNotBePrepared("Loader")
	a.loaders[route] = fn
}

// StaticPaths lists paths of the dynamic page at route ("/blog/[slug]")
// to render at Prepare, as getStaticPaths does. fn runs once, at Prepare,
// and returns URL paths: "/blog/hello", percent-encoded as in a URL
// ("/blog/hello%20world"), without basePath; with i18n a path may start
// with a locale, else it is the default locale's. Prepare fails when a
// path is not one of route's, or when fn or the page's loader fails.
//
// The page is then a static page, served from the ISR cache as Revalidate
// describes, with no revalidate period unless one is given: the listed
// paths are rendered at Prepare, any other on its first request, and all
// are kept (Next.js's fallback: 'blocking'; a loader that returns
// ErrNotFound for a path answers with the 404 page). Responses carry
// x-nextjs-cache and Cache-Control: s-maxage=31536000.
func (a *App) StaticPaths(route string, fn func() (paths []string, err error)) {
	a.mustNotBePrepared("StaticPaths")
	a.staticPaths[route] = fn
}

// Revalidate makes the page at route an ISR page (Incremental Static
// Regeneration: getStaticProps with revalidate). It is rendered per path
// and locale, ahead of requests where it can be (a page without params at
// Prepare, the paths StaticPaths lists), and served from a cache in
// memory that all such pages share (64 MiB; the least recently used pages
// are dropped first and rendered again when asked for). Once a render is
// older than d, requests still get it at once while a single render in
// the background replaces it. Responses say where they came from in
// x-nextjs-cache (HIT, STALE, or MISS when rendered for the request) and
// carry an ETag and Cache-Control: s-maxage=<d in seconds, rounded up>,
// stale-while-revalidate=<a year less that>, as Next.js 16 sends them.
// d must be positive.
//
// The page's loader, if any, runs without the live request, as
// getStaticProps does: its Context has the path, params and locale, and no
// headers, cookies or query (the template's .Query is empty too). A failed
// background render keeps the stale page and is logged; a loader that then
// returns ErrNotFound or a Redirect drops the page, so the next request
// answers with the 404 page or the redirect.
func (a *App) Revalidate(route string, d time.Duration) {
	a.mustNotBePrepared("Revalidate")
	a.revalidate[route] = d
}

// API registers an API handler at route, in the same syntax as pages
// ("/api/users/[id]"). It answers every method.
func (a *App) API(route string, h Handler) {
	a.mustNotBePrepared("API")
	a.apis[route] = h
}

func (a *App) mustNotBePrepared(what string) {
	if a.prepared {
		panic("framework: " + what + " called after Prepare")
	}
}

// Prepare loads the config, scans pages/ and public/, compiles every rule
// and matcher and prerenders static pages. Errors name the file, the rule
// and the problem.
func (a *App) Prepare() error {
	if cfg := a.opts.Conf; cfg != nil {
		if err := cfg.Validate(); err != nil {
			return err
		}
	}
	build := a.live.next()
	p, err := a.compile(build)
	if err != nil {
		return err
	}
	a.plan.Store(p)
	a.upstream = upstream.New(upstream.Options{})
	a.prepared = true
	a.live.publish(build)
	return nil
}

// compile reads the config (next.config.toml, or Options.Conf as
// validated by Prepare) and compiles a plan from it and the app's files.
// build names the build for live reload ("" outside Dev).
func (a *App) compile(build string) (*plan, error) {
	cfg := a.opts.Conf
	if cfg == nil {
		var err error
		if cfg, err = config.Load(a.opts.Dir); err != nil {
			return nil, err
		}
	}
	return compilePlan(a, cfg, build)
}

// Handler returns the app as a fasthttp request handler. Prepare must have
// succeeded.
func (a *App) Handler() fasthttp.RequestHandler {
	if !a.prepared {
		panic("framework: Handler called before Prepare")
	}
	if a.opts.Dev {
		return a.serveDev
	}
	return a.serve
}

// FiberHandler returns the app as a Fiber handler, to mount with
// fiberApp.Use(app.FiberHandler()) after the user's own routes. It runs
// the pipeline only: Mount also runs the middleware added with Use.
func (a *App) FiberHandler() fiber.Handler {
	h := a.Handler()
	return func(c *fiber.Ctx) error {
		h(c.Context())
		return nil
	}
}

// ServerConfig is the Fiber configuration the built-in server uses: request
// lines and headers up to 16 KiB as Node.js allows (431 beyond), no
// "Server" header, and the raw path left unnormalized for the pipeline.
func ServerConfig() fiber.Config {
	return fiber.Config{
		DisableStartupMessage: true,
		ReadBufferSize:        16 << 10,
		// The pipeline reads the raw request URI; Fiber's own path
		// handling must not rewrite it first.
		UnescapePath: false,
	}
}

// Addr returns "hostname:port" from the options.
func (a *App) Addr() string { return fmt.Sprintf("%s:%d", a.opts.Hostname, a.opts.Port) }

// Listen prepares the app if needed and serves it on Options.Hostname and
// Options.Port until Shutdown. In Dev it watches the app's files too (see
// Watch).
func (a *App) Listen() error {
	if !a.prepared {
		if err := a.Prepare(); err != nil {
			return err
		}
	}
	if a.opts.Dev {
		if err := a.Watch(); err != nil {
			return err
		}
	}
	a.server = fiber.New(ServerConfig())
	a.Mount(a.server)
	a.log.Info().Str("url", "http://"+a.Addr()).Bool("dev", a.opts.Dev).Msg("ready")
	err := a.server.Listen(a.Addr())
	if errors.Is(err, fasthttp.ErrConnectionClosed) {
		return nil
	}
	if err != nil {
		a.stopWatching()
	}
	return err
}

// Wait blocks until the background work handed to proxy WaitUntil and
// the ISR pages being re-rendered in the background are done.
func (a *App) Wait() {
	a.bg.Wait()
	if p := a.plan.Load(); p != nil {
		p.waitRenders()
	}
}

// Shutdown stops Listen gracefully: it stops accepting connections, lets
// requests in flight finish and waits for the work proxies handed to
// WaitUntil and for ISR pages being re-rendered in the background, until
// ctx is done. In Dev it first stops watching (a rebuild under way
// finishes) and ends the live-reload streams of open pages.
func (a *App) Shutdown(ctx context.Context) error {
	a.stopWatching()
	a.live.close()
	var err error
	if a.server != nil {
		err = a.server.ShutdownWithContext(ctx)
	}
	done := make(chan struct{})
	go func() {
		a.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		if err == nil {
			err = ctx.Err()
		}
	}
	if a.upstream != nil {
		a.upstream.Close()
	}
	return err
}

// waitUntil runs fn in the background, tracked for Shutdown.
func (a *App) waitUntil(fn func()) {
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer func() {
			if r := recover(); r != nil {
				a.log.Error().Interface("panic", r).Msg("WaitUntil func panicked")
			}
		}()
		fn()
	}()
}

func pagesDir(dir string) string  { return filepath.Join(dir, "pages") }
func publicDir(dir string) string { return filepath.Join(dir, "public") }
