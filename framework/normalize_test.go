package framework

import "testing"

func TestValidPath(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
	}{
		{"/", true},
		{"/blog/hello%20world", true},
		{"/a%2Fb", true},
		{"/bad%", false},
		{"/bad%2", false},
		{"/bad%zz", false},
		{"/nul%00", false},
		{"/nul\x00", false},
	}
	for _, tt := range tests {
		if got := validPath([]byte(tt.path)); got != tt.ok {
			t.Errorf("validPath(%q) = %v, want %v", tt.path, got, tt.ok)
		}
	}
}

func TestResolveDots(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/a/./b", "/a/b"},
		{"/a/../b", "/b"},
		{"/../../etc/passwd", "/etc/passwd"},
		{"/a/%2e%2E/b", "/b"},
		{"/a/.%2e/b", "/b"},
		{"/a/b/..", "/a/"},
		{"/a/b/.", "/a/b/"},
		{"/..", "/"},
		{"/a/..b/c", "/a/..b/c"},
	}
	for _, tt := range tests {
		if !hasDotSegment([]byte(tt.in)) && tt.in != tt.want {
			t.Errorf("hasDotSegment(%q) = false", tt.in)
		}
		if got := string(resolveDots(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("resolveDots(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollapseSlashes(t *testing.T) {
	if got := string(collapseSlashes(nil, []byte("//blog///hello/"))); got != "/blog/hello/" {
		t.Errorf("got %q", got)
	}
}

func TestUnescapePath(t *testing.T) {
	got, ok := unescapePath(nil, []byte("/hello%20world%2Etxt"))
	if !ok || string(got) != "/hello world.txt" {
		t.Errorf("got %q, %v", got, ok)
	}
	if _, ok := unescapePath(nil, []byte("/x%4")); ok {
		t.Error("want failure on a truncated escape")
	}
}

func TestCursorMergesInRuleOrder(t *testing.T) {
	c := cursor{a: []int32{1, 4, 7}, b: []int32{0, 2, 8}}
	var got []int32
	for k, ok := c.next(); ok; k, ok = c.next() {
		got = append(got, k)
	}
	want := []int32{0, 1, 2, 4, 7, 8}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	c = cursor{a: []int32{1, 4, 7}, b: []int32{0, 2, 8}}
	c.skipThrough(4)
	if k, _ := c.next(); k != 7 {
		t.Errorf("after skipThrough(4) next = %d, want 7", k)
	}
}

func TestCompileValue(t *testing.T) {
	parts := compileValue("v=:slug;:other:x", []string{"slug", "x"})
	want := []valuePart{{literal: "v="}, {param: "slug"}, {literal: ";:other"}, {param: "x"}}
	if len(parts) != len(want) {
		t.Fatalf("got %+v", parts)
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Fatalf("got %+v, want %+v", parts, want)
		}
	}
}
