package match

import (
	"strings"
	"testing"
)

// The matching hot path must not allocate (see "Hot path rules" in the
// design): Match, Conditions.Match without named groups, AppendURL into a
// buffer with room.

func TestMatchDoesNotAllocate(t *testing.T) {
	tests := []struct {
		pattern, path string
		// pooled: the memoized path takes its memo from a sync.Pool, which a
		// GC may empty; allow the rare refill, but not one per match.
		pooled bool
	}{
		{"/blog/:slug", "/blog/hello", false},
		{"/blog/:slug", "/nope/x", false},
		{"/:path*", "/a/b/c/d", false},
		{`/post/:id(\d{1,})`, "/post/123", false},
		{lookaheadMatcher, "/blog/hello", false},
		{lookaheadMatcher, "/api/hello", false},
		{"/:a*/:b*/:c*/end", strings.Repeat("/x", 200), true}, // takes the memoized path
	}
	for _, tt := range tests {
		p := MustCompile(tt.pattern)
		path := []byte(tt.path)
		var ps Params
		p.Match(path, &ps) // warm up regexp and memo pools
		allocs := testing.AllocsPerRun(100, func() {
			ps.Reset()
			p.Match(path, &ps)
		})
		if allocs != 0 && !(tt.pooled && allocs < 0.5) {
			t.Errorf("Match(%q, %q): %v allocs, want 0", tt.pattern, tt.path, allocs)
		}
	}
}

func TestConditionsMatchDoesNotAllocate(t *testing.T) {
	c, err := CompileConditions(
		[]Condition{
			{Type: "header", Key: "x-redirect-me"},
			{Type: "cookie", Key: "token", Value: "[a-z]+"},
			{Type: "query", Key: "debug", Value: `\d`},
			{Type: "host", Value: "example.org"},
		},
		[]Condition{{Type: "cookie", Key: "seen"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	r := req("header:x-redirect-me=1", "cookie:token=abc", "query:debug=3", "host:example.org")
	var ps Params
	if !c.Match(r, &ps) {
		t.Fatal("conditions should match")
	}
	allocs := testing.AllocsPerRun(100, func() {
		ps.Reset()
		c.Match(r, &ps)
	})
	if allocs != 0 {
		t.Errorf("Conditions.Match: %v allocs, want 0", allocs)
	}
}

func TestAppendURLDoesNotAllocate(t *testing.T) {
	tests := []struct {
		dest    string
		rewrite bool
	}{
		{"/blog/:slug?x=1", false},
		{"https://example.com/:path*", false},
		{"/news", true},
	}
	ps, names := params("slug=hello", "path=a/b/c")
	query := []byte("y=2&x=3")
	buf := make([]byte, 0, 256)
	for _, tt := range tests {
		d, err := CompileDestination(tt.dest, names)
		if err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(100, func() {
			buf = d.AppendURL(buf[:0], ps, query, tt.rewrite)
		})
		if allocs != 0 {
			t.Errorf("AppendURL(%q): %v allocs, want 0", tt.dest, allocs)
		}
	}
}
