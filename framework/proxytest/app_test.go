package proxytest_test

import (
	"testing"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/proxytest"
)

// echo is a proxy that reports what it sees of the request URL in
// response headers.
func echo(req *proxy.Request, res *proxy.Response) {
	res.Header.Set("x-pathname", req.Pathname())
	res.Header.Set("x-url", req.URL())
	res.Header.Set("x-locale", req.Locale())
	res.Header.Set("x-basepath", req.BasePath())
}

// seen is what echo reports.
type seen struct{ pathname, url, locale, basePath string }

func seenBy(req *proxytest.Request) seen {
	h := proxytest.Run(echo, req).Header
	return seen{h["x-pathname"], h["x-url"], h["x-locale"], h["x-basepath"]}
}

// i18nConfig is the configuration of app d of tests/testdata/i18n:
// basePath "/app", locales en (default), fr, de.
func i18nConfig(trailingSlash, skipNormalize bool) *config.Config {
	cfg := config.Default()
	cfg.BasePath = "/app"
	cfg.TrailingSlash = trailingSlash
	cfg.SkipProxyURLNormalize = skipNormalize
	cfg.I18n = &config.I18n{Locales: []string{"en", "fr", "de"}, DefaultLocale: "en"}
	return cfg
}

// TestAppRequest checks the request a proxy gets in an app with basePath
// and i18n against Next.js 16.4.6: a proxy.js that echoed request.url and
// request.nextUrl's pathname, locale and basePath, without matcher,
// served by `next start` with the same next.config.js. Next.js writes
// request.url from basePath, locale (left out when it is the default one,
// or before "/api" and a pathname that starts with the locale) and
// pathname; with skipProxyUrlNormalize it is the URL as received.
//
// One difference is deliberate: for a URL under the basePath that names a
// non-default locale ("/app/fr/about/") Next.js 16.4.6 gives the pathname
// "/app/fr/about/" and request.url "/fr/app/fr/about/"; Nextfiber gives
// "/about/" and "/app/fr/about/", as Next.js does for every other URL (see
// tests/testdata/i18n/README.md).
func TestAppRequest(t *testing.T) {
	slash := proxytest.NewApp(i18nConfig(true, false))
	noSlash := proxytest.NewApp(i18nConfig(false, false))
	received := proxytest.NewApp(i18nConfig(true, true))
	tests := []struct {
		app  *proxytest.App
		url  string
		want seen
	}{
		{slash, "/app/", seen{"/", "http://localhost/app/", "en", "/app"}},
		{slash, "/app/about/", seen{"/about/", "http://localhost/app/about/", "en", "/app"}},
		{slash, "/app/en/", seen{"/", "http://localhost/app/", "en", "/app"}},
		{slash, "/app/en/about/", seen{"/about/", "http://localhost/app/about/", "en", "/app"}},
		{slash, "/app/fr/", seen{"/", "http://localhost/app/fr/", "fr", "/app"}},
		{slash, "/app/fr/about/", seen{"/about/", "http://localhost/app/fr/about/", "fr", "/app"}},
		{slash, "/app/FR/about/", seen{"/about/", "http://localhost/app/fr/about/", "fr", "/app"}},
		{slash, "/app/_next/static/x.js", seen{"/_next/static/x.js", "http://localhost/app/_next/static/x.js", "en", "/app"}},
		{slash, "/app/api/x/", seen{"/api/x/", "http://localhost/app/api/x/", "en", "/app"}},
		// Outside the basePath (a proxy without matchers runs there).
		{slash, "/", seen{"/", "http://localhost/", "en", ""}},
		{slash, "/about/", seen{"/about/", "http://localhost/about/", "en", ""}},
		{slash, "/en/about/", seen{"/about/", "http://localhost/about/", "en", ""}},
		{slash, "/fr/about/", seen{"/about/", "http://localhost/fr/about/", "fr", ""}},
		{slash, "/FR/about/", seen{"/about/", "http://localhost/fr/about/", "fr", ""}},
		{slash, "/de/", seen{"/", "http://localhost/de/", "de", ""}},
		{slash, "/fr/api/x/", seen{"/api/x/", "http://localhost/api/x/", "fr", ""}},
		{slash, "/fr/API/x/", seen{"/API/x/", "http://localhost/API/x/", "fr", ""}},
		{slash, "/fr/apix/", seen{"/apix/", "http://localhost/fr/apix/", "fr", ""}},
		{slash, "/fr/fr/x/", seen{"/fr/x/", "http://localhost/fr/x/", "fr", ""}},
		{slash, "/fr/app/about/", seen{"/app/about/", "http://localhost/fr/app/about/", "fr", ""}},
		{slash, "/APP/about/", seen{"/APP/about/", "http://localhost/APP/about/", "en", ""}},
		// Without trailingSlash "/app/" is served as "/app" is.
		{noSlash, "/app", seen{"/", "http://localhost/app", "en", "/app"}},
		{noSlash, "/app/", seen{"/", "http://localhost/app", "en", "/app"}},
		{noSlash, "/app/en", seen{"/", "http://localhost/app", "en", "/app"}},
		{noSlash, "/app/fr", seen{"/", "http://localhost/app/fr", "fr", "/app"}},
		{noSlash, "/app/about?b=2&a=1", seen{"/about", "http://localhost/app/about?b=2&a=1", "en", "/app"}},
		{noSlash, "/app/blog/a%20b", seen{"/blog/a%20b", "http://localhost/app/blog/a%20b", "en", "/app"}},
		// skipProxyUrlNormalize: request.url as received.
		{received, "/app/about/", seen{"/about/", "http://localhost/app/about/", "en", "/app"}},
		{received, "/app/en/about/", seen{"/about/", "http://localhost/app/en/about/", "en", "/app"}},
		{received, "/app/FR/about/", seen{"/about/", "http://localhost/app/FR/about/", "fr", "/app"}},
		{received, "/en/about/", seen{"/about/", "http://localhost/en/about/", "en", ""}},
	}
	for _, tt := range tests {
		if got := seenBy(tt.app.NewRequest("GET", tt.url, nil, nil)); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.url, got, tt.want)
		}
	}
}

// TestAppDoesProxyMatch shows how matchers read in an app with basePath
// "/app" and locales en (default), fr, de: after the basePath and the
// locale, or with the locale segment for Locale=false.
func TestAppDoesProxyMatch(t *testing.T) {
	app := proxytest.NewApp(i18nConfig(true, false))
	noLocale := false
	tests := []struct {
		matcher proxy.Matcher
		url     string
		want    bool
	}{
		{proxy.Matcher{Source: "/about"}, "/app/about/", true},
		{proxy.Matcher{Source: "/about"}, "/app/en/about/", true},
		{proxy.Matcher{Source: "/about"}, "/app/fr/about/", true},
		{proxy.Matcher{Source: "/about"}, "/about/", false},
		{proxy.Matcher{Source: "/about"}, "/fr/about/", false},
		{proxy.Matcher{Source: "/app/about"}, "/app/about/", false},
		{proxy.Matcher{Source: "/"}, "/app/", true},
		{proxy.Matcher{Source: "/"}, "/app/de/", true},
		{proxy.Matcher{Source: "/fr/about", Locale: &noLocale}, "/app/fr/about/", true},
		{proxy.Matcher{Source: "/fr/about", Locale: &noLocale}, "/app/about/", false},
		{proxy.Matcher{Source: "/en/about", Locale: &noLocale}, "/app/about/", true},
		{proxy.Matcher{Source: "/about", Locale: &noLocale}, "/app/about/", false},
		{proxy.Matcher{Source: "/:locale/blog/:slug", Locale: &noLocale}, "/app/de/blog/x/", true},
		{proxy.Matcher{Source: "/:locale/blog/:slug", Locale: &noLocale}, "/app/blog/x/", true},
	}
	for _, tt := range tests {
		if got := app.DoesProxyMatch([]proxy.Matcher{tt.matcher}, tt.url, nil, nil); got != tt.want {
			t.Errorf("%+v on %s: got %v, want %v", tt.matcher, tt.url, got, tt.want)
		}
	}
	if !app.DoesProxyMatch(nil, "/elsewhere", nil, nil) {
		t.Error("a proxy without matchers must run for every URL")
	}
}

func TestLoadApp(t *testing.T) {
	app, err := proxytest.LoadApp("../../tests/testdata/i18n/d")
	if err != nil {
		t.Fatal(err)
	}
	want := seen{"/about/", "http://localhost/app/fr/about/", "fr", "/app"}
	if got := seenBy(app.NewRequest("GET", "/app/fr/about/", nil, nil)); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if _, err := proxytest.LoadApp("testdata/missing"); err != nil {
		t.Errorf("a directory without next.config.toml is an app with the defaults: %v", err)
	}
}
