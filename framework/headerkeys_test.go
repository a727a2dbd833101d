package framework

import (
	"testing"

	"github.com/valyala/fasthttp"
)

// TestAppendCanonical checks appendCanonical against fasthttp's own
// normalization, which it stands in for.
func TestAppendCanonical(t *testing.T) {
	for _, k := range []string{"x-proxy-saw", "X-PROXY-SAW", "content-type", "etag", "x", "-x-", "a--b", "x_y", "x.y~z",
		"bad key", "bad\x7fkey", "x-é", "Access-Control-Allow-Origin", "1-a"} {
		want := string(fasthttp.AppendNormalizedHeaderKey(nil, k))
		if got := string(appendCanonical(nil, []byte(k))); got != want {
			t.Errorf("appendCanonical(%q) = %q, fasthttp gives %q", k, got, want)
		}
	}
}

// TestSpecialRequestHeader checks the names fasthttp keeps outside its
// header list, in any case.
func TestSpecialRequestHeader(t *testing.T) {
	for _, k := range []string{"host", "Cookie", "TRAILER", "user-agent", "Connection", "content-type", "Content-Length", "transfer-encoding"} {
		if !specialRequestHeader([]byte(k)) {
			t.Errorf("%s: not special", k)
		}
	}
	for _, k := range []string{"x-host", "Cookies", "Accept", "X-From-Proxy", ""} {
		if specialRequestHeader([]byte(k)) {
			t.Errorf("%s: special", k)
		}
	}
}

func TestEqualFoldKey(t *testing.T) {
	for _, tt := range []struct {
		k, s string
		want bool
	}{
		{"content-type", "Content-Type", true},
		{"X-FROM-PROXY", "x-from-proxy", true},
		{"x-a^b", "x-a~b", false},
		{"x-@", "x-`", false},
		{"x-a", "x-ab", false},
	} {
		if got := equalFoldKey([]byte(tt.k), tt.s); got != tt.want {
			t.Errorf("equalFoldKey(%q, %q) = %v, want %v", tt.k, tt.s, got, tt.want)
		}
	}
}
