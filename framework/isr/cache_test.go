package isr

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a test time that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// versions renders "key v1", "key v2", ... and counts its calls.
type versions struct{ n atomic.Int64 }

func (v *versions) render(key string) (*Entry, error) {
	return page(fmt.Sprintf("%s v%d", key, v.n.Add(1))), nil
}

// page is an entry as Render returns it.
func page(body string) *Entry { return &Entry{Body: []byte(body), ETag: `"` + body + `"`} }

func newTestCache(opts Options) (*Cache, *clock) {
	clk := &clock{t: time.Unix(1e9, 0)}
	c := New(NewMemory(1<<20), opts)
	c.now = clk.now
	return c, clk
}

func get(t *testing.T, c *Cache, key string, wantBody string, wantStatus Status) {
	t.Helper()
	e, status, err := c.Get([]byte(key))
	if err != nil || e == nil || string(e.Body) != wantBody || status != wantStatus {
		var body string
		if e != nil {
			body = string(e.Body)
		}
		t.Fatalf("Get(%q) = %q %v %v, want %q %v", key, body, status, err, wantBody, wantStatus)
	}
}

func TestStaleThenFresh(t *testing.T) {
	var v versions
	c, clk := newTestCache(Options{Revalidate: time.Minute, Render: v.render})
	get(t, c, "/a", "/a v1", Miss)
	get(t, c, "/a", "/a v1", Hit)
	clk.add(59 * time.Second)
	get(t, c, "/a", "/a v1", Hit)
	clk.add(time.Second)
	get(t, c, "/a", "/a v1", Stale) // starts the background render
	c.Wait()
	get(t, c, "/a", "/a v2", Hit)
	if n := v.n.Load(); n != 2 {
		t.Errorf("%d renders, want 2", n)
	}
}

func TestNeverStaleWithoutRevalidate(t *testing.T) {
	var v versions
	c, clk := newTestCache(Options{Render: v.render})
	get(t, c, "/a", "/a v1", Miss)
	clk.add(24 * time.Hour)
	get(t, c, "/a", "/a v1", Hit)
}

func TestOneRevalidationUnderLoad(t *testing.T) {
	var v versions
	release := make(chan struct{})
	render := func(key string) (*Entry, error) {
		if v.n.Load() > 0 {
			<-release // the background render waits until every request is in
		}
		return v.render(key)
	}
	c, clk := newTestCache(Options{Revalidate: time.Second, Render: render})
	get(t, c, "/a", "/a v1", Miss)
	clk.add(time.Hour)

	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, status, err := c.Get([]byte("/a"))
			if err != nil || string(e.Body) != "/a v1" || status != Stale {
				t.Errorf("Get during revalidation: %q %v %v, want the stale page", e.Body, status, err)
			}
		}()
	}
	wg.Wait()
	close(release)
	c.Wait()
	if n := v.n.Load(); n != 2 {
		t.Fatalf("%d renders for 50 stale requests, want 1 (plus the first)", n-1)
	}
	get(t, c, "/a", "/a v2", Hit)
}

// waiters returns how many requests wait for the render of key.
func (c *Cache) waiters(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.flights[key]; f != nil {
		return f.waiters
	}
	return 0
}

func TestOneRenderForConcurrentMisses(t *testing.T) {
	var v versions
	var c *Cache
	render := func(key string) (*Entry, error) {
		for c.waiters(key) < 49 {
			runtime.Gosched() // until the other 49 requests wait for this render
		}
		return v.render(key)
	}
	c, _ = newTestCache(Options{Render: render})
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, status, err := c.Get([]byte("/a"))
			if err != nil || string(e.Body) != "/a v1" || status != Miss {
				t.Errorf("Get: %v %v, want the one render", status, err)
			}
		}()
	}
	wg.Wait()
	if n := v.n.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
}

func TestRevalidationErrorKeepsStale(t *testing.T) {
	var v versions
	fail := errors.New("database down")
	var failing atomic.Bool
	render := func(key string) (*Entry, error) {
		if failing.Load() {
			return nil, fail
		}
		return v.render(key)
	}
	var reported []string
	var mu sync.Mutex
	onError := func(key string, err error) {
		mu.Lock()
		reported = append(reported, key+": "+err.Error())
		mu.Unlock()
	}
	c, clk := newTestCache(Options{Revalidate: time.Second, Render: render, OnError: onError})
	get(t, c, "/a", "/a v1", Miss)
	clk.add(time.Hour)
	failing.Store(true)
	get(t, c, "/a", "/a v1", Stale)
	c.Wait()
	if len(reported) != 1 || reported[0] != "/a: database down" {
		t.Fatalf("OnError got %q, want the render's error once", reported)
	}
	get(t, c, "/a", "/a v1", Stale) // still stale: tried again
	c.Wait()
	failing.Store(false)
	get(t, c, "/a", "/a v1", Stale)
	c.Wait()
	get(t, c, "/a", "/a v2", Hit)
	if len(reported) != 2 {
		t.Errorf("OnError called %d times, want 2", len(reported))
	}
}

func TestRemove(t *testing.T) {
	var v versions
	c, _ := newTestCache(Options{Revalidate: time.Minute, Render: v.render})
	get(t, c, "/a", "/a v1", Miss)
	c.Remove([]byte("/a"))
	get(t, c, "/a", "/a v2", Miss)
	get(t, c, "/a", "/a v2", Hit)
}

func TestMissError(t *testing.T) {
	var calls int
	c, _ := newTestCache(Options{Render: func(string) (*Entry, error) {
		calls++
		if calls == 1 {
			return nil, errors.New("boom")
		}
		return page("ok"), nil
	}})
	if e, status, err := c.Get([]byte("/a")); err == nil || e != nil || status != Miss {
		t.Fatalf("failed render: %v %v %v, want a Miss with the error", e, status, err)
	}
	get(t, c, "/a", "ok", Miss) // nothing was cached
}

func TestPanicIsAnError(t *testing.T) {
	errs := make(chan error, 1)
	first := true
	c, clk := newTestCache(Options{
		Revalidate: time.Second,
		Render: func(string) (*Entry, error) {
			if first {
				first = false
				return page("ok"), nil
			}
			panic("template bug")
		},
		OnError: func(_ string, err error) { errs <- err },
	})
	get(t, c, "/a", "ok", Miss)
	clk.add(time.Hour)
	get(t, c, "/a", "ok", Stale)
	if err := <-errs; !strings.Contains(err.Error(), `render of "/a" panicked: template bug`) {
		t.Errorf("OnError got %v", err)
	}
	c.Wait()
	get(t, c, "/a", "ok", Stale)
}

func TestRenderedIsSet(t *testing.T) {
	c, clk := newTestCache(Options{Render: func(string) (*Entry, error) { return page("ok"), nil }})
	e, _, _ := c.Get([]byte("/a"))
	if !e.Rendered.Equal(clk.now()) {
		t.Errorf("Rendered %v, want the render's time %v", e.Rendered, clk.now())
	}
}

func TestNoPageIsAnError(t *testing.T) {
	c, _ := newTestCache(Options{Render: func(string) (*Entry, error) { return nil, nil }})
	if e, _, err := c.Get([]byte("/a")); err == nil || e != nil {
		t.Errorf("Get = %v, %v; want an error for a render that returned no page", e, err)
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{Hit: "HIT", Stale: "STALE", Miss: "MISS"} {
		if s.String() != want {
			t.Errorf("%d: %s, want %s", s, s, want)
		}
	}
}
