package main

import (
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/examples/app"
	"github.com/nextfiber/nextfiber/examples/app/apptest"
)

func TestSSRCacheExample(t *testing.T) {
	srv, err := newServer("../app", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	base := apptest.Serve(t, srv.Listener, srv.Shutdown)
	apptest.Check(t, base)

	// A new URL renders once; the next requests for it come from the cache.
	before := app.Renders.Load()
	r1, b1 := apptest.Get(t, base+"/b?x=cache")
	r2, b2 := apptest.Get(t, base+"/b?x=cache")
	if got := app.Renders.Load() - before; got != 1 {
		t.Errorf("loader ran %d times for two requests, want 1", got)
	}
	if r1.Header.Get("X-Cache") != "miss" || r2.Header.Get("X-Cache") != "hit" {
		t.Errorf("X-Cache %q then %q, want miss then hit", r1.Header.Get("X-Cache"), r2.Header.Get("X-Cache"))
	}
	if b1 != b2 || !strings.Contains(b2, "x") {
		t.Errorf("cached body differs from the rendered one:\n%s\n%s", b1, b2)
	}
}
