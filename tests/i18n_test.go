package tests

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/tests/conformance"
)

// The apps and cases in testdata/i18n were recorded from Next.js 16.4.6
// with shared/conformance/record.mjs (see testdata/i18n/README.md): more
// basePath, trailingSlash and i18n behaviour than fixture c covers.

// TestI18nFixtureC replays extra requests against conformance fixture c:
// the default locale's prefix, case, public files under locales,
// .well-known, Accept-Language and NEXT_LOCALE details, paths outside the
// basePath.
func TestI18nFixtureC(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("conformance", "testdata", "c"), Quiet: true})
	replay(t, app, filepath.Join("i18n", "cases", "c-extra.json"))
}

// TestI18nOptOuts replays app d: `basePath = false` and `locale = false`
// on headers, redirects and rewrites, localeDetection = false, a proxy
// with a `Locale: false` matcher that rewrites, and an API route under
// locales.
func TestI18nOptOuts(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("testdata", "i18n", "d"), Quiet: true})
	locale := false
	app.Proxy(proxyD, append(proxy.Paths("/about", "/prw", "/prw2", "/"),
		proxy.Matcher{Source: "/de/blog/:slug", Locale: &locale})...)
	app.API("/api/hello", func(c *framework.Context) error {
		return c.Status(200).JSON(map[string]string{"hello": "world"})
	})
	replay(t, app, filepath.Join("i18n", "cases", "d.json"))
}

// proxyD is app d's proxy.js.
func proxyD(req *proxy.Request, res *proxy.Response) {
	switch p := req.Pathname(); {
	case strings.HasPrefix(p, "/prw2"):
		res.Rewrite("/app/fr/blog/p2")
	case strings.HasPrefix(p, "/prw"):
		res.Rewrite("/app/blog/p")
	default:
		res.Header.Set("x-proxy-saw", p)
		res.Header.Set("x-proxy-locale", req.Locale())
	}
}

// TestI18nNoTrailingSlash replays app e: basePath without trailingSlash,
// region locales ("en-US", "nl-NL") and Accept-Language prefix matching.
func TestI18nNoTrailingSlash(t *testing.T) {
	app := framework.New(framework.Options{Dir: filepath.Join("testdata", "i18n", "e"), Quiet: true})
	replay(t, app, filepath.Join("i18n", "cases", "e.json"))
}

// replay serves app and checks it against a case file under testdata.
func replay(t *testing.T, app *framework.App, cases string) {
	t.Helper()
	addr := start(t, app)
	cs, err := conformance.Load(filepath.Join("testdata", cases))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range conformance.Run(addr, cs) {
		switch {
		case r.Err != nil:
			t.Errorf("%s %s %s: %v", r.Case.Name, r.Case.Request.Method, r.Case.Request.Path, r.Err)
		case len(r.Diffs) > 0:
			t.Errorf("%s %s %s:\n\t%s", r.Case.Name, r.Case.Request.Method, r.Case.Request.Path, strings.Join(r.Diffs, "\n\t"))
		}
	}
}
