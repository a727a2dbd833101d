package config

import (
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// Validate on configs built in Go: rules get their names, errors have no
// line. Only checks that do not need package match are here; see
// validate_match_test.go for the rest.
func TestValidateShape(t *testing.T) {
	redirect := func(src, dest string) Redirect {
		return Redirect{Rule: Rule{Source: src}, Destination: dest, Permanent: ptr(true)}
	}
	tests := []struct {
		name string
		edit func(c *Config)
		want string
	}{
		{"source missing", func(c *Config) { c.Redirects = []Redirect{redirect("", "/b")} },
			`next.config.toml: redirects[0]: source is required`},
		{"destination missing", func(c *Config) { c.Redirects = []Redirect{redirect("/a", "/b"), redirect("/a", "")} },
			`next.config.toml: redirects[1]: destination is required`},
		{"rewrite destination", func(c *Config) {
			c.Rewrites.Fallback = []Rewrite{{Rule: Rule{Source: "/a"}, Destination: "ftp://x"}}
		}, `next.config.toml: rewrites.fallback[0]: destination "ftp://x": must start with "/", "http://" or "https://"`},
		{"rewrite outside basePath", func(c *Config) {
			c.BasePath = "/docs"
			c.Rewrites.BeforeFiles = []Rewrite{{Rule: Rule{Source: "/a", BasePath: ptr(false)}, Destination: "/b"}}
		}, `next.config.toml: rewrites.beforeFiles[0]: basePath = false: needs an http:// or https:// destination`},
		{"locale true", func(c *Config) {
			c.Headers = []HeaderRule{{Rule: Rule{Source: "/a", Locale: ptr(true)}, Headers: []Header{{"x", "1"}}}}
		}, `next.config.toml: headers[0]: locale = true: only false is allowed (to match without a locale prefix)`},
		{"empty header key", func(c *Config) {
			c.Headers = []HeaderRule{{Rule: Rule{Source: "/a"}, Headers: []Header{{"", "1"}}}}
		}, `next.config.toml: headers[0]: headers[0]: key is empty`},
		{"header value CR", func(c *Config) {
			c.Headers = []HeaderRule{{Rule: Rule{Source: "/a"}, Headers: []Header{{"x", "a\rb"}}}}
		}, `next.config.toml: headers[0]: headers[0]: value of "x": must not contain a line break`},
		{"basePath root", func(c *Config) { c.BasePath = "/" },
			`next.config.toml: basePath: "/" is the root already; leave basePath unset`},
		{"basePath relative", func(c *Config) { c.BasePath = "docs" },
			`next.config.toml: basePath: "docs": must start with "/"`},
		{"no page extensions", func(c *Config) { c.PageExtensions = nil },
			`next.config.toml: pageExtensions: must list at least one extension, e.g. ["html", "md"]`},
		{"page extension slash", func(c *Config) { c.PageExtensions = []string{"html", "a/b"} },
			`next.config.toml: pageExtensions: "a/b": write extensions without a dot or slash, e.g. "html"`},
		{"empty page extension", func(c *Config) { c.PageExtensions = []string{""} },
			`next.config.toml: pageExtensions: "" is not an extension`},
		{"i18n without locales", func(c *Config) { c.I18n = &I18n{DefaultLocale: "en"} },
			`next.config.toml: i18n: locales: must list at least one locale`},
		{"i18n without defaultLocale", func(c *Config) { c.I18n = &I18n{Locales: []string{"en"}} },
			`next.config.toml: i18n: defaultLocale is required`},
		{"i18n empty locale", func(c *Config) { c.I18n = &I18n{Locales: []string{"en", ""}, DefaultLocale: "en"} },
			`next.config.toml: i18n: locales: "" is not a locale`},
		{"file name", func(c *Config) { c.File = "app/next.config.toml"; c.BasePath = "x" },
			`app/next.config.toml: basePath: "x": must start with "/"`},
		{"names kept", func(c *Config) {
			c.Redirects = []Redirect{redirect("/a", "/b"), redirect("x", "/b")}
			c.Redirects[1].Name, c.Redirects[1].Line = "redirects[7]", 40
		}, `next.config.toml:40: redirects[7]: source "x": must start with "/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.edit(c)
			err := c.checkShape(c.rules())
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestValidateNamesRules(t *testing.T) {
	c := Default()
	c.Headers = make([]HeaderRule, 2)
	c.Redirects = make([]Redirect, 1)
	c.Rewrites = Rewrites{BeforeFiles: make([]Rewrite, 1), AfterFiles: make([]Rewrite, 2), Fallback: make([]Rewrite, 1)}
	var got []string
	for _, r := range c.rules() {
		got = append(got, r.rule().Name)
	}
	want := "headers[0] headers[1] redirects[0] rewrites.beforeFiles[0] rewrites.afterFiles[0] rewrites.afterFiles[1] rewrites.fallback[0]"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("names %s, want %s", s, want)
	}
	if c.Rewrites.AfterFiles[1].Name != "rewrites.afterFiles[1]" {
		t.Error("rules() did not name the config's own rules")
	}
}

func TestQueryIndex(t *testing.T) {
	tests := []struct {
		source string
		want   int
	}{
		{"/about", -1},
		{"/about?x=1", 6},
		{"/:slug?", -1},
		{"/:slug??x", 7},
		{"/blog/:slug?/edit", -1},
		{`/post/:id(\d+)?`, -1},
		{"/(.*)?", -1},
		{"/((?!api|_next/static).*)", -1},
		{"/{a-:b}?", -1},
		{`/a\?b`, -1},
		{"/:path*?x=1", 7},
		{"/?", 1},
	}
	for _, tt := range tests {
		if got := queryIndex(tt.source); got != tt.want {
			t.Errorf("queryIndex(%q) = %d, want %d", tt.source, got, tt.want)
		}
	}
}

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{
		"x-frame-options": true, "X_Custom.1": true, "a!#$%&'*+-.^`|~z": true,
		"": false, "x y": false, "x:y": false, "x\ny": false, "é": false, "(x)": false,
	} {
		if isToken(s) != want {
			t.Errorf("isToken(%q) = %v", s, !want)
		}
	}
}
