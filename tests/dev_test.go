package tests

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/rs/zerolog"
)

// reloadPath is where Dev pages listen for rebuilds.
const reloadPath = "/_nextfiber/reload"

// devApp is a Dev app served by Listen on 127.0.0.1, over its own folder.
type devApp struct {
	*framework.App
	dir, addr string
	logs      *syncBuffer
	listened  chan error // what Listen returned
	stopOnce  sync.Once
}

// startDev serves files with Options.Dev through Listen; it is shut down
// when the test ends.
func startDev(t *testing.T, files map[string]string) *devApp {
	t.Helper()
	d := &devApp{dir: writeApp(t, t.TempDir(), files), logs: &syncBuffer{}, listened: make(chan error, 1)}
	log := zerolog.New(d.logs)
	port := freePort(t)
	d.App = framework.New(framework.Options{Dev: true, Dir: d.dir, Hostname: "127.0.0.1", Port: port, Logger: &log})
	if err := d.Prepare(); err != nil {
		t.Fatal(err)
	}
	go func() { d.listened <- d.Listen() }()
	d.addr = net.JoinHostPort("127.0.0.1", fmt.Sprint(port))
	waitReady(t, d.addr)
	t.Cleanup(func() { d.stop(t) })
	return d
}

// stop shuts the app down (bounded: 5 s) and checks that Listen returned.
func (d *devApp) stop(t *testing.T) {
	t.Helper()
	d.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := d.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		select {
		case err := <-d.listened:
			if err != nil {
				t.Errorf("Listen: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Listen did not return after Shutdown")
		}
	})
}

// write writes files into the app's folder.
func (d *devApp) write(t *testing.T, files map[string]string) {
	t.Helper()
	writeApp(t, d.dir, files)
}

// eventStream is a connection to the live-reload endpoint.
type eventStream struct {
	data chan string // each event's data; closed when the stream ends
}

// listen connects to the live-reload endpoint at addr+path.
func listen(t *testing.T, addr, path string) *eventStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		resp.Body.Close()
		t.Fatalf("GET %s: %d %q, want 200 text/event-stream", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &eventStream{data: make(chan string, 16)}
	go func() {
		defer close(s.data)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				s.data <- v
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		resp.Body.Close()
	})
	return s
}

// next returns the next event's data (waiting at most 5 s), or false when
// the stream ended.
func (s *eventStream) next(t *testing.T, what string) (string, bool) {
	t.Helper()
	select {
	case v, ok := <-s.data:
		return v, ok
	case <-time.After(5 * time.Second):
		t.Fatalf("no live-reload event %s", what)
		return "", false
	}
}

var buildRe = regexp.MustCompile(`const b="([^"]+)"`)

// buildOf returns the build a page's live-reload script names.
func buildOf(t *testing.T, page []byte) string {
	t.Helper()
	m := buildRe.FindSubmatch(page)
	if m == nil || !strings.Contains(string(page), reloadPath) {
		t.Fatalf("no live-reload script in %.300q", page)
	}
	return string(m[1])
}

// edit runs change and waits (at most 5 s) for rebuilds until check
// passes: each rebuild is awaited as a live-reload event, so a change that
// lands in two rebuilds is waited for to the end.
func (d *devApp) edit(t *testing.T, what string, change func(), check func() error) {
	t.Helper()
	s := listen(t, d.addr, reloadPath)
	last, _ := s.next(t, "on connecting")
	change()
	deadline := time.After(5 * time.Second)
	err := fmt.Errorf("no live-reload event")
	for {
		select {
		case build, ok := <-s.data:
			switch {
			case !ok: // the stream ends after each rebuild it announces
				s = listen(t, d.addr, reloadPath)
			case build != last:
				last = build
				if err = check(); err == nil {
					return
				}
			}
		case <-deadline:
			t.Fatalf("after %s: %v", what, err)
		}
	}
}

// body returns a check that GET path answers status with want in the body.
func body(addr, path string, status int, want string) func() error {
	return func() error {
		r, err := send(addr, "GET", path)
		if err != nil {
			return err
		}
		if r.status != status || !strings.Contains(string(r.body), want) {
			return fmt.Errorf("GET %s: %d %.300q, want %d with %q", path, r.status, r.body, status, want)
		}
		return nil
	}
}

func TestDevRebuildsOnChange(t *testing.T) {
	d := startDev(t, map[string]string{
		"pages/index.html": `<main>home v1</main>`,
		"public/hello.txt": "hello v1",
	})
	if err := body(d.addr, "/", 200, "home v1")(); err != nil {
		t.Fatal(err)
	}

	// Requests keep being answered, each from one whole build, while the
	// app is rebuilt under them.
	stop := make(chan struct{})
	var served, failed atomic.Int32
	var hammer sync.WaitGroup
	hammer.Add(1)
	go func() {
		defer hammer.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := send(d.addr, "GET", "/")
			if err != nil || r.status != 200 || !strings.Contains(string(r.body), "<main>home v") {
				failed.Add(1)
			}
			served.Add(1)
		}
	}()

	d.edit(t, "editing a page", func() {
		d.write(t, map[string]string{"pages/index.html": `<main>home v2</main>`})
	}, body(d.addr, "/", 200, "home v2"))

	d.edit(t, "editing a public file", func() {
		d.write(t, map[string]string{"public/hello.txt": "hello v2"})
	}, body(d.addr, "/hello.txt", 200, "hello v2"))

	d.edit(t, "adding a page in a new folder and a public file", func() {
		d.write(t, map[string]string{
			"pages/docs/intro.html": `<main>intro v1</main>`,
			"public/new.txt":        "new",
		})
	}, func() error {
		if err := body(d.addr, "/docs/intro", 200, "intro v1")(); err != nil {
			return err
		}
		return body(d.addr, "/new.txt", 200, "new")()
	})

	// The new folder is watched too.
	d.edit(t, "editing the page in the new folder", func() {
		d.write(t, map[string]string{"pages/docs/intro.html": `<main>intro v2</main>`})
	}, body(d.addr, "/docs/intro", 200, "intro v2"))

	d.edit(t, "removing a page", func() {
		if err := os.Remove(filepath.Join(d.dir, "pages", "docs", "intro.html")); err != nil {
			t.Fatal(err)
		}
	}, body(d.addr, "/docs/intro", 404, "could not be found"))

	close(stop)
	hammer.Wait()
	if served.Load() == 0 || failed.Load() != 0 {
		t.Errorf("during rebuilds, %d of %d requests for / were not a whole page of either build", failed.Load(), served.Load())
	}
	if !strings.Contains(d.logs.String(), "rebuilt") {
		t.Errorf("no rebuild logged:\n%s", d.logs)
	}
}

func TestDevBuildErrors(t *testing.T) {
	d := startDev(t, map[string]string{
		"pages/index.html": `<main>home</main>`,
		"public/hello.txt": "hello",
	})
	tests := []struct {
		name     string
		breakage map[string]string
		fix      func(t *testing.T)
		want     []string // in the error page, HTML-escaped
		never    string   // not in the error page: the unescaped text
	}{
		{
			name:     "bad next.config.toml",
			breakage: map[string]string{"next.config.toml": "# redirects\n\n[[redirects]]\nsource = \"<old\"\ndestination = \"/new\"\npermanent = true\n"},
			fix: func(t *testing.T) {
				d.write(t, map[string]string{"next.config.toml": "# redirects\n"})
			},
			want:  []string{"next.config.toml:4: redirects[0]: source &#34;&lt;old&#34;: must start with &#34;/&#34;"},
			never: `"<old"`,
		},
		{
			name:     "template syntax error",
			breakage: map[string]string{"pages/index.html": "<main>\n{{.Title</main>"},
			fix: func(t *testing.T) {
				d.write(t, map[string]string{"pages/index.html": `<main>home</main>`})
			},
			want:  []string{filepath.Join("pages", "index.html") + ":2: bad character U+003C &#39;&lt;&#39;"},
			never: "'<'",
		},
		{
			name:     "route conflict",
			breakage: map[string]string{"pages/about.html": "a", "pages/about/index.html": "b"},
			fix: func(t *testing.T) {
				if err := os.RemoveAll(filepath.Join(d.dir, "pages", "about")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"duplicate page file for /about", filepath.Join("pages", "about.html"), filepath.Join("pages", "about", "index.html")},
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every request, public files included, gets the error.
			d.edit(t, "breaking the app", func() { d.write(t, tt.breakage) }, body(d.addr, "/", 500, tt.want[0]))
			for _, path := range []string{"/", "/hello.txt", "/no-such-page"} {
				r := get(t, d.addr, "GET", path)
				wantStatus(t, path, r, 500)
				wantHeader(t, path, r, "Content-Type", "text/html; charset=utf-8")
				wantHeader(t, path, r, "Cache-Control", "no-store")
				for _, w := range tt.want {
					if !strings.Contains(string(r.body), w) {
						t.Errorf("GET %s: error page without %q: %s", path, w, r.body)
					}
				}
				if tt.never != "" && strings.Contains(string(r.body), tt.never) {
					t.Errorf("GET %s: error page has %q unescaped: %s", path, tt.never, r.body)
				}
				buildOf(t, r.body) // and it reloads itself on the next rebuild
			}
			// A change that leaves the same error does not log it again.
			d.edit(t, "changing another file", func() {
				d.write(t, map[string]string{"public/other.txt": tt.name})
			}, body(d.addr, "/", 500, tt.want[0]))
			if n := strings.Count(d.logs.String(), "rebuild failed"); n != i+1 {
				t.Errorf("%d failed rebuilds logged, want %d (each error once, however many requests and rebuilds):\n%s", n, i+1, d.logs)
			}

			d.edit(t, "fixing the app", func() { tt.fix(t) }, body(d.addr, "/", 200, "<main>home</main>"))
			wantStatus(t, "/hello.txt", get(t, d.addr, "GET", "/hello.txt"), 200)
		})
	}
}

func TestDevLiveReload(t *testing.T) {
	d := startDev(t, map[string]string{
		"pages/index.html":       `<main>v1</main>`,
		"pages/blog/[slug].html": `<main>post {{.Params.slug}}</main>`,
	})
	r := get(t, d.addr, "GET", "/")
	build := buildOf(t, r.body)
	if s, e := strings.Index(string(r.body), reloadPath), strings.LastIndex(string(r.body), "</body>"); e < 0 || s > e {
		t.Errorf("the script is not before </body>: %s", r.body)
	}
	// Pages rendered at start-up, per request and the 404 page alike.
	for _, path := range []string{"/blog/hello", "/no-such-page"} {
		if got := buildOf(t, get(t, d.addr, "GET", path).body); got != build {
			t.Errorf("GET %s: page of build %q, want %q", path, got, build)
		}
	}

	s := listen(t, d.addr, reloadPath)
	if got, _ := s.next(t, "on connecting"); got != build {
		t.Fatalf("first event %q, want the page's build %q", got, build)
	}
	d.write(t, map[string]string{"pages/index.html": `<main>v2</main>`})
	next, ok := s.next(t, "after editing the page")
	if !ok || next == build {
		t.Fatalf("event after the edit: %q (stream open: %v), want a build other than %q", next, ok, build)
	}
	if _, ok := s.next(t, "after the rebuild's event"); ok {
		t.Error("the stream goes on after announcing a rebuild; want it ended")
	}
	r = get(t, d.addr, "GET", "/")
	if !strings.Contains(string(r.body), "<main>v2</main>") || buildOf(t, r.body) != next {
		t.Errorf("after the event, / is %q; want v2 from build %q", r.body, next)
	}
}

func TestDevLiveReloadUnderBasePath(t *testing.T) {
	d := startDev(t, map[string]string{
		"next.config.toml": `basePath = "/app"`,
		"pages/index.html": `<main>home</main>`,
	})
	r := get(t, d.addr, "GET", "/app")
	if !strings.Contains(string(r.body), `"/app`+reloadPath+`"`) {
		t.Errorf("the script does not listen under basePath: %s", r.body)
	}
	s := listen(t, d.addr, "/app"+reloadPath)
	if got, _ := s.next(t, "on connecting"); got != buildOf(t, r.body) {
		t.Errorf("first event %q, want the page's build %q", got, buildOf(t, r.body))
	}
	wantStatus(t, reloadPath, get(t, d.addr, "GET", reloadPath), 404)
}

// devGoroutines returns the stacks of goroutines that watch files or serve
// live-reload streams.
func devGoroutines() string {
	buf := make([]byte, 1<<20)
	var out []string
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.Contains(g, "framework/dev.") || strings.Contains(g, "fsnotify") || strings.Contains(g, "serveEvents") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}

// wantNoDevGoroutines fails the test when, 2 s on, goroutines that watch
// files or serve live-reload streams are still there.
func wantNoDevGoroutines(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for g := devGoroutines(); g != ""; g = devGoroutines() {
		if time.Now().After(deadline) {
			t.Fatalf("after Shutdown:\n%s", g)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDevShutdownStopsWatchingAndStreams(t *testing.T) {
	d := startDev(t, map[string]string{"pages/index.html": `<main>home</main>`})
	s := listen(t, d.addr, reloadPath)
	s.next(t, "on connecting")
	if devGoroutines() == "" {
		t.Fatal("no watcher or stream goroutine found while serving; the check below would prove nothing")
	}
	start := time.Now()
	d.stop(t)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Shutdown took %v with a page listening", took)
	}
	if v, ok := s.next(t, "after Shutdown"); ok {
		t.Errorf("stream still open after Shutdown: event %q", v)
	}
	wantNoDevGoroutines(t)
}

func TestDevCustomServerWatch(t *testing.T) {
	dir := writeApp(t, t.TempDir(), map[string]string{"pages/about.html": `<main>about v1</main>`})
	log := zerolog.Nop()
	app := framework.New(framework.Options{Dev: true, Dir: dir, Logger: &log})
	if err := app.Watch(); err == nil {
		t.Error("Watch before Prepare: no error")
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	if err := app.Watch(); err != nil {
		t.Fatal(err)
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Get("/custom", func(c *fiber.Ctx) error {
		app.Render(c.Context(), "/about", nil)
		return nil
	})
	srv.Use(app.FiberHandler())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Listener(ln)
	addr := ln.Addr().String()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := app.Shutdown(ctx); err != nil {
			t.Errorf("app.Shutdown: %v", err)
		}
		if err := srv.ShutdownWithContext(ctx); err != nil {
			t.Errorf("server Shutdown: %v", err)
		}
	}
	t.Cleanup(stop)

	d := &devApp{App: app, dir: dir, addr: addr}
	if r := get(t, addr, "GET", "/custom"); !strings.Contains(string(r.body), "about v1") {
		t.Fatalf("GET /custom: %.300q", r.body)
	} else {
		buildOf(t, r.body) // Render's pages reload too
	}
	d.edit(t, "editing the page", func() {
		d.write(t, map[string]string{"pages/about.html": `<main>about v2</main>`})
	}, body(addr, "/custom", 200, "about v2"))
	d.edit(t, "breaking the page", func() {
		d.write(t, map[string]string{"pages/about.html": "{{if}}"})
	}, body(addr, "/custom", 500, filepath.Join("pages", "about.html")+":1"))
	d.edit(t, "fixing the page", func() {
		d.write(t, map[string]string{"pages/about.html": `<main>about v3</main>`})
	}, body(addr, "/custom", 200, "about v3"))

	stop()
	wantNoDevGoroutines(t)
}

func TestNoLiveReloadOutsideDev(t *testing.T) {
	app := newApp(t, map[string]string{"pages/index.html": `<main>home</main>`})
	addr := start(t, app)
	r := get(t, addr, "GET", "/")
	wantStatus(t, "/", r, 200)
	if strings.Contains(string(r.body), "<script") || strings.Contains(string(r.body), reloadPath) {
		t.Errorf("a live-reload script outside Dev: %s", r.body)
	}
	wantStatus(t, reloadPath, get(t, addr, "GET", reloadPath), 404)
	if err := app.Watch(); err == nil {
		t.Error("Watch outside Dev: no error")
	}
}
