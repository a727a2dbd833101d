package tests

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

// isrApp is an app with one ISR page, /news/[id], revalidated every
// period. Its loader's props are "v<n>", n counting its calls; the calls
// numbered in block wait for release, after telling started.
type isrApp struct {
	app     *framework.App
	calls   atomic.Int32
	block   map[int32]bool
	started chan int32
	release chan struct{}
	unblock func() // closes release, once
	// arrived counts the requests of a burst entering the pipeline; all
	// is closed when they are all in.
	arrived atomic.Int32
	all     chan struct{}
}

// burstSize is how many concurrent requests a burst sends.
const burstSize = 50

func newISRApp(t *testing.T, period time.Duration, block ...int32) *isrApp {
	a := &isrApp{block: map[int32]bool{}, started: make(chan int32, 1),
		release: make(chan struct{}), all: make(chan struct{})}
	for _, n := range block {
		a.block[n] = true
	}
	a.unblock = sync.OnceFunc(func() { close(a.release) })
	a.app = newApp(t, map[string]string{
		"pages/news/[id].html": `<main>news {{.Params.id}} {{.Props}}</main>`,
		"pages/404.html":       `<main>custom not found</main>`,
	})
	a.app.Revalidate("/news/[id]", period)
	a.app.Loader("/news/[id]", func(c *framework.Context) (any, error) {
		n := a.calls.Add(1)
		if a.block[n] {
			a.started <- n
			<-a.release
		}
		if c.Params("id") == "vanishing" && n > 1 {
			return nil, framework.ErrNotFound
		}
		return fmt.Sprintf("v%d", n), nil
	})
	// Counts a burst's requests as they enter the pipeline, so a test can
	// tell when they are all in.
	a.app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		if req.Header("x-burst") != "" && a.arrived.Add(1) == burstSize {
			close(a.all)
		}
	})
	return a
}

// start serves the app. A test that fails while a render is held
// releases it, so that the server can shut down.
func (a *isrApp) start(t *testing.T) string {
	addr := start(t, a.app)
	t.Cleanup(a.unblock)
	return addr
}

// burst sends burstSize concurrent GETs for path and returns the
// responses. An app takes one burst.
func (a *isrApp) burst(t *testing.T, addr, path string) []*response {
	t.Helper()
	out := make([]*response, burstSize)
	errs := make([]error, burstSize)
	var wg sync.WaitGroup
	for i := range burstSize {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = send(addr, "GET", path, "x-burst", "1")
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return out
}

func cacheStatus(r *response) string { return r.header.Get("x-nextjs-cache") }

func TestISRStaleThenFresh(t *testing.T) {
	const period = 300 * time.Millisecond
	a := newISRApp(t, period, 2)
	addr := a.start(t)

	r := get(t, addr, "GET", "/news/1")
	rendered := time.Now()
	wantStatus(t, "first request", r, 200)
	wantHeader(t, "first request", r, "x-nextjs-cache", "MISS")
	wantHeader(t, "first request", r, "Cache-Control", "s-maxage=1, stale-while-revalidate=31535999")
	if !strings.Contains(string(r.body), "news 1 v1") {
		t.Fatalf("first request: %.200q", r.body)
	}
	if r := get(t, addr, "GET", "/news/1"); time.Since(rendered) < period {
		wantHeader(t, "within the period", r, "x-nextjs-cache", "HIT")
	}

	// Once the render is older than the period, every request gets it at
	// once, as STALE, while a single render replaces it (the loader's
	// second call, held until release).
	time.Sleep(time.Until(rendered.Add(period)))
	for _, r := range a.burst(t, addr, "/news/1") {
		if r.status != 200 || cacheStatus(r) != "STALE" || !strings.Contains(string(r.body), "news 1 v1") {
			t.Fatalf("while revalidating: %d %s %.200q", r.status, cacheStatus(r), r.body)
		}
	}
	if n := <-a.started; n != 2 {
		t.Fatalf("re-render is call %d", n)
	}
	if n := a.calls.Load(); n != 2 {
		t.Fatalf("50 stale requests started %d renders, want 1", n-1)
	}
	a.unblock()

	// The new render replaces the stale one as soon as it is done.
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := get(t, addr, "GET", "/news/1")
		if strings.Contains(string(r.body), "news 1 v2") {
			wantHeader(t, "after revalidation", r, "x-nextjs-cache", "HIT")
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("never got the re-render: %s %.200q", cacheStatus(r), r.body)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := a.calls.Load(); n != 2 {
		t.Errorf("loader ran %d times, want 2", n)
	}
}

func TestISRConcurrentMissRendersOnce(t *testing.T) {
	a := newISRApp(t, time.Hour, 1)
	addr := a.start(t)
	go func() {
		// Let the first render finish once all 50 requests are in.
		<-a.started
		<-a.all
		a.unblock()
	}()
	for _, r := range a.burst(t, addr, "/news/7") {
		if c := cacheStatus(r); r.status != 200 || (c != "MISS" && c != "HIT") || !strings.Contains(string(r.body), "news 7 v1") {
			t.Fatalf("%d %s %.200q", r.status, c, r.body)
		}
	}
	if n := a.calls.Load(); n != 1 {
		t.Errorf("50 concurrent requests for a missing page rendered it %d times, want 1", n)
	}
}

func TestISRPageGoneAfterRevalidation(t *testing.T) {
	const period = 100 * time.Millisecond
	a := newISRApp(t, period)
	addr := a.start(t)
	r := get(t, addr, "GET", "/news/vanishing")
	rendered := time.Now()
	wantStatus(t, "first render", r, 200)
	time.Sleep(time.Until(rendered.Add(period)))
	// Still served stale; the loader now says the page is gone.
	r = get(t, addr, "GET", "/news/vanishing")
	wantStatus(t, "stale", r, 200)
	wantHeader(t, "stale", r, "x-nextjs-cache", "STALE")
	deadline := time.Now().Add(5 * time.Second)
	for r.status != 404 {
		if time.Now().After(deadline) {
			t.Fatalf("page never became a 404: %d %.200q", r.status, r.body)
		}
		time.Sleep(5 * time.Millisecond)
		r = get(t, addr, "GET", "/news/vanishing")
	}
	if !strings.Contains(string(r.body), "custom not found") {
		t.Errorf("404 page: %.200q", r.body)
	}
}

func TestISRStaticPagePrerendered(t *testing.T) {
	var calls atomic.Int32
	app := newApp(t, map[string]string{"pages/about.html": `<main>about {{.Props}}</main>`})
	app.Revalidate("/about", time.Hour)
	app.Loader("/about", func(c *framework.Context) (any, error) {
		return fmt.Sprintf("v%d", calls.Add(1)), nil
	})
	addr := start(t, app)
	if n := calls.Load(); n != 1 {
		t.Fatalf("loader ran %d times at Prepare, want 1", n)
	}
	r := get(t, addr, "GET", "/about")
	wantStatus(t, "/about", r, 200)
	wantHeader(t, "/about", r, "x-nextjs-cache", "HIT")
	wantHeader(t, "/about", r, "Cache-Control", "s-maxage=3600, stale-while-revalidate=31532400")
	etag := r.header.Get("ETag")
	if etag == "" || !strings.Contains(string(r.body), "about v1") {
		t.Fatalf("ETag %q, body %.200q", etag, r.body)
	}
	nm := get(t, addr, "GET", "/about", "If-None-Match", etag)
	wantStatus(t, "If-None-Match", nm, 304)
	wantHeader(t, "304", nm, "ETag", etag)
	wantHeader(t, "304", nm, "x-nextjs-cache", "HIT")
	if n := calls.Load(); n != 1 {
		t.Errorf("loader ran %d times, want 1", n)
	}
}

func TestBuildListsISRPages(t *testing.T) {
	app := newApp(t, map[string]string{
		"pages/about.html":       `<main>about</main>`,
		"pages/users/[id].html":  `<main>{{.Params.id}}</main>`,
		"pages/blog/[slug].html": `<main>{{.Params.slug}}</main>`,
	})
	app.Revalidate("/about", time.Minute)
	app.StaticPaths("/users/[id]", func() ([]string, error) { return []string{"/users/1"}, nil })
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]framework.RouteInfo{}
	for _, r := range app.Routes() {
		kinds[r.Route] = r
	}
	for route, want := range map[string]framework.RouteInfo{
		"/about":       {Kind: "isr", Revalidate: time.Minute},
		"/users/[id]":  {Kind: "isr"},
		"/blog/[slug]": {Kind: "dynamic"},
	} {
		if got := kinds[route]; got.Kind != want.Kind || got.Revalidate != want.Revalidate {
			t.Errorf("%s: kind %q, revalidate %v; want %q, %v", route, got.Kind, got.Revalidate, want.Kind, want.Revalidate)
		}
	}
	var out strings.Builder
	app.PrintRoutes(&out)
	if !strings.Contains(out.String(), "pages/about.html (revalidate 1m0s)") {
		t.Errorf("build output does not show the revalidate period:\n%s", out.String())
	}
}

func TestShutdownWaitsForRevalidation(t *testing.T) {
	const period = 50 * time.Millisecond
	a := newISRApp(t, period, 2)
	addr := a.start(t)
	get(t, addr, "GET", "/news/1")
	time.Sleep(period)
	if r := get(t, addr, "GET", "/news/1"); cacheStatus(r) != "STALE" {
		t.Fatalf("want a stale page, got %s", cacheStatus(r))
	}
	<-a.started // the background render is under way, held

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := a.app.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown during a re-render: %v, want the context's deadline", err)
	}
	shut := make(chan error, 1)
	go func() { shut <- a.app.Shutdown(context.Background()) }()
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned (%v) before the re-render finished", err)
	case <-time.After(50 * time.Millisecond):
	}
	a.unblock()
	if err := <-shut; err != nil {
		t.Fatal(err)
	}
	if n := a.calls.Load(); n != 2 {
		t.Errorf("loader ran %d times, want 2", n)
	}
}
