package proxytest_test

import (
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/proxytest"
	"github.com/valyala/fasthttp"
)

var localeFalse = false

// chain is a proxy chain whose matchers cover the ways basePath and i18n
// change what a matcher sees. Every proxy lets the request go on, so the
// pipeline runs each one its matchers select.
var chain = []struct {
	name     string
	matchers []proxy.Matcher
}{
	{"all", nil},
	{"about", proxy.Paths("/about")},
	{"root", proxy.Paths("/")},
	{"blog", proxy.Paths("/blog/:slug")},
	{"not-api", proxy.Paths(`/((?!api|_next/static|.*\.png$).*)`)},
	{"regexp", []proxy.Matcher{{Source: "/:path*", Regexp: `^/(about|fr)`}}},
	{"fr-about", []proxy.Matcher{{Source: "/fr/about", Locale: &localeFalse}}},
	{"en-about", []proxy.Matcher{{Source: "/en/about", Locale: &localeFalse}}},
	{"locale-blog", []proxy.Matcher{{Source: "/:locale/blog/:slug", Locale: &localeFalse}}},
	{"not-skipped", []proxy.Matcher{{Source: "/:path*", Missing: []match.Condition{{Type: "header", Key: "x-skip"}}}}},
}

// record is the proxy of chain entry name: it reports what it saw in a
// response header.
func record(name string) proxy.Func {
	return func(req *proxy.Request, res *proxy.Response) {
		res.Header.Set("x-ran-"+name, req.Pathname()+" "+req.URL()+" "+req.Locale()+" "+req.BasePath())
	}
}

func withConfig(edit func(cfg *config.Config)) *config.Config {
	cfg := config.Default()
	edit(cfg)
	return cfg
}

// TestAgreesWithPipeline serves URLs through the framework's pipeline with
// the proxies of chain, and checks proxytest against it for each proxy:
// App.DoesProxyMatch says it runs exactly when the pipeline ran it, and Run
// with App.NewRequest gives it the request the pipeline gave it (pathname,
// URL, locale, basePath). Each URL is served with and without the header
// x-skip. The URLs are written as each app serves them: one the pipeline
// answers before proxies (a trailing-slash redirect) fails the test.
func TestAgreesWithPipeline(t *testing.T) {
	apps := []struct {
		name string
		cfg  *config.Config
		urls []string
	}{
		{"plain", config.Default(), []string{
			"/", "/about", "/about?x=1", "/blog/x", "/blog/a%20b", "/api/x", "/apiary", "/img/a.png",
			"/_next/static/x.js", "/fr/about", "/en/about", "/de/blog/x",
		}},
		{"basePath", withConfig(func(c *config.Config) { c.BasePath = "/docs" }), []string{
			"/docs", "/docs/about", "/docs/blog/x", "/docs/api/x", "/docs/img/a.png", "/docs/en/about",
			"/about", "/", "/DOCS/about", "/docsx/about",
		}},
		{"basePath, trailingSlash, i18n", withConfig(func(c *config.Config) {
			c.BasePath, c.TrailingSlash = "/app", true
			c.I18n = &config.I18n{Locales: []string{"en", "fr", "de"}, DefaultLocale: "en"}
		}), []string{
			"/app/", "/app/about/", "/app/about/?x=1", "/app/en/", "/app/en/about/", "/app/fr/", "/app/fr/about/",
			"/app/FR/about/", "/app/de/", "/app/blog/x/", "/app/de/blog/x/", "/app/fr/blog/a%20b/",
			"/app/api/x/", "/app/fr/api/x/", "/app/_next/static/x.js", "/app/img/a.png", "/app/fr/img/a.png",
			"/app/xx/about/", "/app/fr/fr/x/", "/", "/about/", "/fr/about/", "/en/about/", "/APP/about/",
		}},
		{"basePath, i18n", withConfig(func(c *config.Config) {
			c.BasePath = "/docs"
			c.I18n = &config.I18n{Locales: []string{"en-US", "fr", "nl-NL"}, DefaultLocale: "en-US"}
		}), []string{
			"/docs", "/docs/", "/docs/about", "/docs/en-US", "/docs/en-US/about", "/docs/fr", "/docs/fr/about",
			"/docs/nl-nl/about", "/docs/blog/x", "/docs/fr/blog/x", "/docs/en-us/blog/x", "/docs/api/x",
			"/about", "/fr/about",
		}},
		{"i18n", withConfig(func(c *config.Config) {
			c.I18n = &config.I18n{Locales: []string{"en", "fr"}, DefaultLocale: "en"}
		}), []string{
			"/", "/about", "/en", "/fr", "/fr/about", "/en/about", "/EN/about", "/fr/blog/x", "/blog/x",
			"/api/x", "/fr/api/x", "/_next/static/x.js", "/img/a.png",
		}},
		{"skipProxyUrlNormalize", withConfig(func(c *config.Config) {
			c.BasePath, c.TrailingSlash, c.SkipProxyURLNormalize = "/app", true, true
			c.I18n = &config.I18n{Locales: []string{"en", "fr", "de"}, DefaultLocale: "en"}
		}), []string{
			"/app/about/", "/app/en/about/", "/app/FR/about/", "/app/de/blog/x/", "/en/about/",
		}},
	}
	for _, a := range apps {
		t.Run(a.name, func(t *testing.T) {
			served := framework.New(framework.Options{Dir: t.TempDir(), Conf: a.cfg, Quiet: true})
			for _, c := range chain {
				served.Proxy(record(c.name), c.matchers...)
			}
			if err := served.Prepare(); err != nil {
				t.Fatal(err)
			}
			app := proxytest.NewApp(a.cfg)
			for _, url := range a.urls {
				for _, headers := range []map[string]string{nil, {"x-skip": "1"}} {
					res := serve(served.Handler(), url, headers)
					if len(res.Header.Peek("x-ran-all")) == 0 {
						t.Errorf("%s: answered with %d before proxies ran; list the URL as the app serves it", url, res.StatusCode())
						continue
					}
					for _, c := range chain {
						saw := string(res.Header.Peek("x-ran-" + c.name))
						ran := saw != ""
						if m := app.DoesProxyMatch(c.matchers, url, headers, nil); m != ran {
							t.Errorf("%s %v, proxy %q: DoesProxyMatch %v, pipeline ran it: %v", url, headers, c.name, m, ran)
							continue
						}
						if !ran {
							continue
						}
						got := proxytest.Run(record(c.name), app.NewRequest("GET", url, headers, nil))
						if v := got.Header["x-ran-"+c.name]; v != saw {
							t.Errorf("%s, proxy %q: proxytest gives it %q, the pipeline %q", url, c.name, v, saw)
						}
					}
				}
			}
		})
	}
}

// serve runs handler on a GET for target, as the server would, and
// returns the response.
func serve(handler fasthttp.RequestHandler, target string, headers map[string]string) *fasthttp.Response {
	var req fasthttp.Request
	req.SetRequestURI(target)
	req.Header.SetHost("localhost")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, nil, nil)
	handler(&ctx)
	res := &fasthttp.Response{}
	ctx.Response.CopyTo(res)
	return res
}
