// Package isr is Incremental Static Regeneration: a page with a revalidate
// period is rendered once and served from a cache; once the render is
// older than the period, the next request still gets the stale page while
// one render in the background replaces it, as Next.js does for
// getStaticProps with revalidate.
//
// The pipeline keeps one Cache per page route with a revalidate period,
// all sharing one Store (so one byte budget), and asks the Cache for the
// page on each request:
//
//	store := isr.NewMemory(64 << 20)
//	blog := isr.New(store, isr.Options{
//		Revalidate: time.Minute,
//		Render:     renderBlogPost, // func(key string) (*isr.Entry, error)
//		OnError:    logRevalidateError,
//	})
//	e, status, err := blog.Get(key) // key: route ID + path + locale, in a pooled buffer
//	// status is HIT, STALE or MISS, as Next.js's x-nextjs-cache header says;
//	// err is set only for a MISS whose render failed.
//
// A fresh hit does not allocate. Renders of one key never overlap:
// concurrent misses wait for the one render, and a stale key has at most
// one background render at a time. A failed background render keeps the
// stale page (OnError hears about it) and the next request tries again.
package isr

import (
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Entry is one rendered page.
type Entry struct {
	// Body is the page's HTML.
	Body []byte
	// ETag is Body's strong validator, quoted: `"..."`.
	ETag string
	// Br and Gzip are Body compressed with brotli and gzip, made once per
	// render so that requests only choose among them; nil when the page
	// is not kept in that encoding.
	Br, Gzip *Variant
	// Rendered is when Body was rendered.
	Rendered time.Time
}

// Variant is a page in a content coding. It has an ETag of its own: its
// bytes are another representation of the page (RFC 9110, 8.8.3), so a
// client's copy in one coding is not current for another.
type Variant struct {
	Body []byte
	ETag string
}

// Size is what the entry counts against a Store's byte budget, its
// variants included.
func (e *Entry) Size() int64 {
	return int64(len(e.Body)+len(e.ETag)) + e.Br.size() + e.Gzip.size()
}

func (v *Variant) size() int64 {
	if v == nil {
		return 0
	}
	return int64(len(v.Body) + len(v.ETag))
}

// Status says where a page came from, in the words of Next.js's
// x-nextjs-cache response header.
type Status uint8

const (
	// Hit is a fresh page from the cache.
	Hit Status = iota
	// Stale is a page older than the revalidate period, served while a
	// background render replaces it.
	Stale
	// Miss is a page rendered for this request (or for one it waited on).
	Miss
)

// String returns "HIT", "STALE" or "MISS".
func (s Status) String() string {
	switch s {
	case Hit:
		return "HIT"
	case Stale:
		return "STALE"
	}
	return "MISS"
}

// Options configure a Cache.
type Options struct {
	// Revalidate is how long a render stays fresh; after it the page is
	// stale and re-rendered in the background. Zero or less: a page stays
	// fresh until the Store evicts it.
	Revalidate time.Duration
	// Render renders the page stored under key, from the key alone, and
	// returns its entry: Body, ETag and the variants worth keeping (the
	// Cache sets Rendered). It runs on a request's goroutine for a miss,
	// and in the background to revalidate, where there is no request. A
	// panic is turned into an error.
	Render func(key string) (*Entry, error)
	// OnError, when set, hears about every failed background render; the
	// stale page stays in the cache. It runs on the render's goroutine.
	OnError func(key string, err error)
}

// Cache serves pages from a Store and renders them when missing or stale.
// Its methods may be called concurrently.
type Cache struct {
	store Store
	opts  Options
	now   func() time.Time // time.Now; tests move it

	mu      sync.Mutex
	flights map[string]*flight // renders under way, by key
	bg      sync.WaitGroup     // background renders
}

// flight is one render of a key; requests that need the same key wait
// for it rather than render again.
type flight struct {
	done    chan struct{} // closed when entry or err is set
	entry   *Entry
	err     error
	waiters int
}

// New returns a Cache over store. Caches may share a Store, as long as
// their keys do not collide (prefix them with the route).
func New(store Store, opts Options) *Cache {
	return &Cache{store: store, opts: opts, now: time.Now, flights: map[string]*flight{}}
}

// Get returns the page for key (the key is only read during the call).
// A fresh page is a Hit and does not allocate. A stale page is returned
// at once, as Stale, and a background render replaces it unless one is
// already under way. A missing page is rendered now, or waited for when
// another request is rendering it: a Miss, with the render's error if it
// failed (then nothing is cached).
func (c *Cache) Get(key []byte) (*Entry, Status, error) {
	if e := c.store.Get(key); e != nil {
		if c.fresh(e) {
			return e, Hit, nil
		}
		c.revalidate(key)
		return e, Stale, nil
	}
	c.mu.Lock()
	if f := c.flights[string(key)]; f != nil {
		f.waiters++
		c.mu.Unlock()
		<-f.done
		return f.entry, Miss, f.err
	}
	if e := c.store.Get(key); e != nil {
		// A render finished since the first look.
		c.mu.Unlock()
		return e, Hit, nil
	}
	f := c.start(key)
	c.mu.Unlock()
	c.run(string(key), f)
	return f.entry, Miss, f.err
}

// Remove drops the page for key, so that the next request renders it
// again: on-demand revalidation, or a page whose data is gone (a failed
// background render keeps the stale page otherwise). A render already
// under way still stores its result.
func (c *Cache) Remove(key []byte) { c.store.Delete(key) }

// Wait blocks until the background renders under way are done, for a
// graceful shutdown.
func (c *Cache) Wait() { c.bg.Wait() }

func (c *Cache) fresh(e *Entry) bool {
	return c.opts.Revalidate <= 0 || c.now().Sub(e.Rendered) < c.opts.Revalidate
}

// revalidate starts a background render of key unless one is under way
// or the page was re-rendered since the caller looked.
func (c *Cache) revalidate(key []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.flights[string(key)] != nil {
		return
	}
	if e := c.store.Get(key); e != nil && c.fresh(e) {
		return
	}
	f := c.start(key)
	k := string(key)
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		c.run(k, f)
		if f.err != nil && c.opts.OnError != nil {
			c.opts.OnError(k, f.err)
		}
	}()
}

// start registers a render of key; c.mu is held.
func (c *Cache) start(key []byte) *flight {
	f := &flight{done: make(chan struct{})}
	c.flights[string(key)] = f
	return f
}

// run renders key for f, stores the page, and ends the flight: the page is
// in the store before the flight is gone, so no later request renders it
// again.
func (c *Cache) run(key string, f *flight) {
	e, err := c.render(key)
	if err == nil {
		e.Rendered = c.now()
		f.entry = e
		c.store.Set([]byte(key), e)
	}
	f.err = err
	c.mu.Lock()
	delete(c.flights, key)
	c.mu.Unlock()
	close(f.done)
}

func (c *Cache) render(key string) (e *Entry, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("isr: render of %q panicked: %v\n%s", key, r, debug.Stack())
		}
	}()
	if e, err = c.opts.Render(key); e == nil && err == nil {
		err = fmt.Errorf("isr: render of %q returned no page", key)
	}
	return e, err
}
