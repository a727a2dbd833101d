package proxytest_test

import (
	"testing"

	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/proxytest"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

// The matcher of conformance fixture a's proxy.js.
var matchers = []proxy.Matcher{{
	Source:  `/((?!api|_next/static|_next/image|.*\.png$).*)`,
	Missing: []match.Condition{{Type: "header", Key: "x-skip-proxy"}},
}}

func TestDoesProxyMatch(t *testing.T) {
	tests := []struct {
		url     string
		headers map[string]string
		want    bool
	}{
		{"/", nil, true},
		{"/about?x=1", nil, true},
		{"/api/hello", nil, false},
		{"/apiary", nil, false},
		{"/_next/static/chunk.js", nil, false},
		{"/images/dot.png", nil, false},
		{"/images/dot.pngx", nil, true},
		{"/echo", map[string]string{"x-skip-proxy": "1"}, false},
		{"http://example.com/blog/x", nil, true},
	}
	for _, tt := range tests {
		if got := proxytest.DoesProxyMatch(matchers, tt.url, tt.headers, nil); got != tt.want {
			t.Errorf("DoesProxyMatch(%q, %v) = %v, want %v", tt.url, tt.headers, got, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		url     string
		cookies map[string]string
		want    proxytest.Result
	}{
		{"redirect", "GET", "/proxy/redirect?x=1", nil, proxytest.Result{Action: proxy.Redirect, Status: 307, URL: "/about"}},
		{"rewrite", "GET", "/proxy/rewrite", nil, proxytest.Result{Action: proxy.Rewrite, URL: "/blog/from-proxy"}},
		{"json", "GET", "/proxy/json", nil, proxytest.Result{Action: proxy.Respond, Status: 201, ContentType: "application/json", Body: `{"ok":true}`}},
		{"secret without token", "GET", "/secret", nil, proxytest.Result{Action: proxy.Redirect, Status: 307, URL: "/login"}},
		{"secret with token", "GET", "/secret", map[string]string{"token": ""}, proxytest.Result{Action: proxy.Next}},
		{"preflight", "OPTIONS", "/cors/x", nil, proxytest.Result{Action: proxy.Respond, Status: 204}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := proxytest.Run(fixture.ProxyA, proxytest.NewRequest(tt.method, tt.url, nil, tt.cookies))
			if got.Action != tt.want.Action || got.Status != tt.want.Status || got.URL != tt.want.URL ||
				got.ContentType != tt.want.ContentType || got.Body != tt.want.Body {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	got := proxytest.Run(fixture.ProxyA, proxytest.NewRequest("GET", "/blog/a%20b", nil, nil))
	if got.Header["x-proxy-saw"] != "/blog/a%20b" || got.RequestHeader["x-from-proxy"] != "yes" {
		t.Errorf("next: got %+v", got)
	}
	got = proxytest.Run(fixture.ProxyA, proxytest.NewRequest("GET", "/cookie", nil, nil))
	if len(got.Cookies) != 1 || got.Cookies[0] != "visited=1; path=/" {
		t.Errorf("cookie: got %q", got.Cookies)
	}
}
