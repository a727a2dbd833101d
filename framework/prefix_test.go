package framework

import (
	"testing"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/valyala/fasthttp"
)

// testPrefixes is fixture c's setup: basePath "/app", trailingSlash,
// locales en (default), fr, de.
func testPrefixes(trailingSlash bool) prefixes {
	cfg := config.Default()
	cfg.BasePath = "/app"
	cfg.TrailingSlash = trailingSlash
	cfg.I18n = &config.I18n{Locales: []string{"en", "fr", "de"}, DefaultLocale: "en"}
	return newPrefixes(cfg)
}

func TestInternalPath(t *testing.T) {
	tests := []struct {
		path, want    string // want "" when the path is resolved as it is
		trailingSlash bool
	}{
		{"/app/about", "/app/en/about", true},
		{"/app/about/", "/app/en/about/", true},
		{"/app/", "/app/en/", true},
		{"/app/", "/app/en", false},
		{"/app", "/app/en", true},
		{"/about", "/en/about", true},
		{"/", "/en/", true},
		{"/appx/y", "/en/appx/y", true},
		{"/APP/about", "/en/APP/about", true}, // the basePath is matched exactly
		{"/app/fr/about", "", true},
		{"/app/FR", "", true},
		{"/fr/about", "", true},
		{"/app/_next/static/x.js", "", true},
	}
	for _, tt := range tests {
		px := testPrefixes(tt.trailingSlash)
		if got := string(px.internalPath(nil, []byte(tt.path))); got != tt.want {
			t.Errorf("internalPath(%q, trailingSlash=%v) = %q, want %q", tt.path, tt.trailingSlash, got, tt.want)
		}
	}
}

func TestSlashPath(t *testing.T) {
	tests := []struct {
		internal, want string // want "" for the internal path itself
		trailingSlash  bool
	}{
		{"/app/en/about", "/app/about", true},
		{"/app/en/about/", "/app/about/", true},
		{"/app/EN/about", "/app/about", true},
		{"/app/en", "/app", true},
		{"/app/en/", "/app/", true},
		{"/app/en/", "/app", false}, // so "/app/" is not redirected without trailingSlash
		{"/app/fr/about", "/app/fr/about", true},
		{"/en/about", "/about", true},
		{"/en", "/", true},
		{"/fr/about", "", true},
	}
	for _, tt := range tests {
		px := testPrefixes(tt.trailingSlash)
		if got := string(px.slashPath(nil, []byte(tt.internal))); got != tt.want {
			t.Errorf("slashPath(%q, trailingSlash=%v) = %q, want %q", tt.internal, tt.trailingSlash, got, tt.want)
		}
	}
}

func TestForceLocale(t *testing.T) {
	tests := []struct {
		target, want  string
		trailingSlash bool
	}{
		{"/app/blog/x", "/app/en/blog/x", true},
		{"/app/blog/x?q=1", "/app/en/blog/x?q=1", true},
		{"/app/fr/blog/x", "/app/fr/blog/x", true},
		{"/app", "/app/en", true},
		{"/app/", "/app/en/", false},
		{"/", "/en/", true},
		{"/", "/en", false},
		{"/blog/x", "/en/blog/x", true},
		{"/app/api/hello", "/app/api/hello", true},
	}
	for _, tt := range tests {
		px := testPrefixes(tt.trailingSlash)
		if got := string(px.forceLocale(nil, []byte(tt.target))); got != tt.want {
			t.Errorf("forceLocale(%q) = %q, want %q", tt.target, got, tt.want)
		}
	}
}

func TestTrailingSlashPaths(t *testing.T) {
	tests := []struct {
		path         string
		file, noFile bool
	}{
		{"/file.txt/", true, false},
		{"/a/b.c.json/", true, false},
		{"/a.b/c/", false, false},
		{"/foo./", false, false},
		{"/.env/", false, false},
		{"/x.tar-gz/", false, false},
		{"/.well-known/x.json/", false, false},
		{"/about", false, true},
		{"/a.b/about", false, true},
		{"/v1.2", false, false},
		{"/.well-known/x", false, false},
		{"/.WELL-KNOWN/x", false, false},
		{"/app/.well-known/x", false, true},
		{"/", false, false},
	}
	for _, tt := range tests {
		p := []byte(tt.path)
		if got := isFileWithSlash(p); got != tt.file {
			t.Errorf("isFileWithSlash(%q) = %v", tt.path, got)
		}
		if got := isPageWithoutSlash(p); got != tt.noFile {
			t.Errorf("isPageWithoutSlash(%q) = %v", tt.path, got)
		}
	}
}

func TestViews(t *testing.T) {
	px := testPrefixes(true)
	var v views
	tests := []struct {
		path string
		sub  [kinds]string // "-" when the path lacks the prefixes
	}{
		{"/app/fr/about/", [kinds]string{"/app/fr/about/", "/fr/about/", "-", "/about/"}},
		{"/APP/EN", [kinds]string{"/APP/EN", "/EN", "-", ""}},
		{"/en/about", [kinds]string{"/en/about", "-", "/about", "-"}},
		{"/appx/fr", [kinds]string{"/appx/fr", "-", "-", "-"}},
	}
	for _, tt := range tests {
		v.compute(&px, []byte(tt.path))
		for k := range kinds {
			got := "-"
			if b, ok := v.sub([]byte(tt.path), kind(k)); ok {
				got = string(b)
			}
			if got != tt.sub[k] {
				t.Errorf("%q: view %d = %q, want %q", tt.path, k, got, tt.sub[k])
			}
		}
	}
}

func TestDestinationPrefixes(t *testing.T) {
	tests := []struct {
		name     string
		dest     string
		kind     kind
		redirect bool
		trailing bool
		path     string // the internal path the rule matched
		want     string
	}{
		{"rewrite keeps the locale", "/blog/x", withBase | withLocale, false, true, "/app/en/rw", "/app/en/blog/x"},
		{"redirect drops the default locale", "/blog/x", withBase | withLocale, true, true, "/app/en/old", "/app/blog/x"},
		{"redirect keeps another locale as written", "/blog/x", withBase | withLocale, true, true, "/app/FR/old", "/app/FR/blog/x"},
		{"root under a locale, trailingSlash", "/", withBase | withLocale, true, true, "/app/fr/home", "/app/fr/"},
		{"root under a locale", "/", withBase | withLocale, true, false, "/app/fr/home", "/app/fr"},
		{"root, default locale", "/", withBase | withLocale, true, false, "/app/en/home", "/app/"},
		{"root, basePath only", "/", withBase, true, false, "/app/home", "/app"},
		{"locale = false", "/fr/about", withBase, true, true, "/app/en/x", "/app/fr/about"},
		{"basePath = false", "/app/about", withLocale, true, true, "/fr/outside", "/fr/app/about"},
		{"external", "https://example.com/x", withBase | withLocale, true, true, "/app/fr/ext", "https://example.com/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := testPrefixes(tt.trailing)
			md, err := match.CompileDestination(tt.dest, nil)
			if err != nil {
				t.Fatal(err)
			}
			d := newDestination(&px, md, tt.dest, tt.kind, tt.redirect)
			st := &state{plan: &plan{prefix: px}, ctx: &fasthttp.RequestCtx{}}
			st.setPath([]byte(tt.path))
			if got := string(d.appendURL(nil, st, false)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
