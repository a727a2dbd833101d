package securityheaders_test

import (
	"strings"
	"testing"

	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/proxytest"
	"github.com/nextfiber/nextfiber/plugins/internal/plugintest"
	"github.com/nextfiber/nextfiber/plugins/securityheaders"
)

func TestPagesMatcher(t *testing.T) {
	pages := []proxy.Matcher{{Source: securityheaders.Pages}}
	for path, want := range map[string]bool{
		"/":                    true,
		"/about":               true,
		"/blog/hello-world":    true,
		"/apiary":              true,
		"/docs/api":            true,
		"/api":                 false,
		"/api/hello":           false,
		"/robots.txt":          false,
		"/images/logo.PNG":     false,
		"/_next/static/app.js": false,
	} {
		if got := proxytest.DoesProxyMatch(pages, path, nil, nil); got != want {
			t.Errorf("Pages matches %s: %v, want %v", path, got, want)
		}
	}
}

func TestDefaults(t *testing.T) {
	app := plugintest.NewApp(t)
	if err := securityheaders.Register(app, securityheaders.Options{}); err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)
	want := map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "SAMEORIGIN",
		"Content-Security-Policy": "",
	}
	for _, tt := range []struct {
		path    string
		status  int
		headers bool
	}{
		{"/", 200, true},
		{"/about", 200, true},
		{"/admin/users", 200, true},
		{"/nope", 404, true}, // the 404 page is a page too
		{"/api/hello", 200, false},
		{"/robots.txt", 200, false},
	} {
		resp, _ := plugintest.Do(t, "GET", base+tt.path, nil)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		for name, value := range want {
			if !tt.headers {
				value = ""
			}
			if got := resp.Header.Get(name); got != value {
				t.Errorf("GET %s: %s %q, want %q", tt.path, name, got, value)
			}
		}
	}
}

func TestOptions(t *testing.T) {
	app := plugintest.NewApp(t)
	err := securityheaders.Register(app, securityheaders.Options{
		Matchers:              proxy.Paths("/admin/:path*"),
		FrameOptions:          "deny",
		ReferrerPolicy:        "no-referrer",
		ContentSecurityPolicy: "default-src 'self'",
		ReportOnly:            true,
	})
	if err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)

	resp, _ := plugintest.Do(t, "GET", base+"/admin/users", nil)
	for name, value := range map[string]string{
		"X-Content-Type-Options":              "nosniff",
		"Referrer-Policy":                     "no-referrer",
		"X-Frame-Options":                     "DENY",
		"Content-Security-Policy-Report-Only": "default-src 'self'",
		"Content-Security-Policy":             "",
	} {
		if got := resp.Header.Get(name); got != value {
			t.Errorf("GET /admin/users: %s %q, want %q", name, got, value)
		}
	}
	resp, _ = plugintest.Do(t, "GET", base+"/about", nil)
	for _, name := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy-Report-Only"} {
		if got := resp.Header.Get(name); got != "" {
			t.Errorf("GET /about, outside the matcher: %s %q, want none", name, got)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tt := range []struct {
		opts securityheaders.Options
		want string
	}{
		{securityheaders.Options{FrameOptions: "ALLOW-FROM https://example.com"}, `securityheaders: FrameOptions "ALLOW-FROM https://example.com": must be DENY or SAMEORIGIN`},
		{securityheaders.Options{ContentSecurityPolicy: "default-src 'self'\r\nSet-Cookie: x=1"}, `securityheaders: ContentSecurityPolicy "default-src 'self'\r\nSet-Cookie: x=1": must be one line`},
	} {
		if err := securityheaders.Register(plugintest.NewApp(t), tt.opts); err == nil || err.Error() != tt.want {
			t.Errorf("Register(%+v): %v, want %s", tt.opts, err, tt.want)
		}
	}

	// A bad matcher fails Prepare, as any proxy's does.
	app := plugintest.NewApp(t)
	if err := securityheaders.Register(app, securityheaders.Options{Matchers: proxy.Paths("admin")}); err != nil {
		t.Fatal(err)
	}
	if err := app.Prepare(); err == nil || !strings.Contains(err.Error(), `source "admin": must start with "/"`) {
		t.Errorf("Prepare: %v, want the matcher error", err)
	}
}
