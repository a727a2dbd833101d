package framework

import "testing"

func TestScanPath(t *testing.T) {
	tests := []struct {
		path string
		want pathShape
	}{
		{"/", pathShape{valid: true}},
		{"/blog/hello%20world", pathShape{valid: true}},
		{"/a%2Fb", pathShape{valid: true}},
		{"/bad%", pathShape{}},
		{"/bad%2", pathShape{}},
		{"/bad%zz", pathShape{}},
		{"/nul%00", pathShape{}},
		{"/nul\x00", pathShape{}},
		{"//a", pathShape{valid: true, slashes: true}},
		{"/a//b/", pathShape{valid: true, slashes: true}},
		{"/a/b//", pathShape{valid: true, slashes: true}},
		{"/a/./b", pathShape{valid: true, dots: true}},
		{"/a/..", pathShape{valid: true, dots: true}},
		{"/a/%2E%2e/b", pathShape{valid: true, dots: true}},
		{"/a/.%2e", pathShape{valid: true, dots: true}},
		{"/a/..b/.c/%2ex", pathShape{valid: true}},
		{"/a/%2Fb", pathShape{valid: true}},
		{"/.well-known/x", pathShape{valid: true}},
		{"/a/.//b", pathShape{valid: true, dots: true, slashes: true}},
	}
	for _, tt := range tests {
		if got := scanPath([]byte(tt.path)); got != tt.want {
			t.Errorf("scanPath(%q) = %+v, want %+v", tt.path, got, tt.want)
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
		if !scanPath([]byte(tt.in)).dots && tt.in != tt.want {
			t.Errorf("scanPath(%q).dots = false", tt.in)
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
