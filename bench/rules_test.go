package bench

import (
	"fmt"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
	"github.com/valyala/fasthttp"
)

// ruleCounts are the config sizes BenchmarkRuleScaling measures.
var ruleCounts = []int{10, 100, 1_000, 10_000}

// BenchmarkRuleScaling serves the same requests from fixture a with n
// generated header rules, n generated redirects and n generated afterFiles
// rewrites appended to its next.config.toml, for each n in ruleCounts. The
// pipeline indexes rules by their first path segment, so ns/op must stay
// near flat as n grows:
//
//   - miss: the static page /users/me, which no generated rule matches; it
//     still goes through every phase (headers, redirects, proxy,
//     beforeFiles, files).
//   - last-rule: the path of the last generated redirect.
//
// shared-segment is n redirects under one first segment
// (/blog/old-post-i -> /blog/post-i, as a migrated blog has) and a request
// in that segment that none of them matches (the dynamic page
// /blog/hello): the index looks literal sources up by path, so this too
// stays flat.
//
// Run it with
//
//	go test -run '^$' -bench BenchmarkRuleScaling -benchmem ./bench/
func BenchmarkRuleScaling(b *testing.B) {
	for _, n := range ruleCounts {
		h := newScaledHandler(b, n, addGeneratedRules)
		for _, sc := range []scenario{
			{name: "miss", uri: "/users/me", status: 200, want: "route=/users/me"},
			lastRuleScenario(n),
		} {
			b.Run(fmt.Sprintf("%s/rules=%d", sc.name, n), func(b *testing.B) {
				runScenario(b, h, sc)
			})
		}
	}
	for _, n := range ruleCounts {
		h := newScaledHandler(b, n, addBlogRedirects)
		sc := scenario{name: "shared-segment", uri: "/blog/hello", status: 200, want: "route=/blog/[slug]"}
		b.Run(fmt.Sprintf("%s/rules=%d", sc.name, n), func(b *testing.B) {
			runScenario(b, h, sc)
		})
	}
}

// newScaledHandler prepares fixture a with n rules added by add.
func newScaledHandler(b *testing.B, n int, add func(*config.Config, int)) fasthttp.RequestHandler {
	b.Helper()
	cfg, err := config.Load(fixtureDir)
	if err != nil {
		b.Fatal(err)
	}
	add(cfg, n)
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	app := framework.New(framework.Options{Dir: fixtureDir, Conf: cfg, Quiet: true})
	if err := fixture.Register(app, "a"); err != nil {
		b.Fatal(err)
	}
	if err := app.Prepare(); err != nil {
		b.Fatal(err)
	}
	return app.Handler()
}

// addGeneratedRules appends n rules of each kind in the shapes a large
// site's config takes after a few migrations and campaigns, alternating two
// shapes per kind. The fixture's own rules stay first.
func addGeneratedRules(cfg *config.Config, n int) {
	permanent, temporary := true, false
	for i := range n {
		var h config.HeaderRule
		if i%2 == 0 {
			h.Source = fmt.Sprintf("/campaign-%d/:path*", i)
			h.Headers = []config.Header{{Key: "x-campaign", Value: fmt.Sprintf("c%d", i)}}
		} else {
			h.Source = fmt.Sprintf("/landing-%d", i)
			h.Headers = []config.Header{{Key: "cache-control", Value: fmt.Sprintf("public, max-age=%d", i)}}
		}
		h.Name = fmt.Sprintf("headers[%d]", len(cfg.Headers))
		cfg.Headers = append(cfg.Headers, h)

		var r config.Redirect
		if i%2 == 0 {
			r.Source, r.Destination, r.Permanent = fmt.Sprintf("/legacy-%d/:slug", i), "/blog/:slug", &permanent
		} else {
			r.Source, r.Destination, r.Permanent = fmt.Sprintf("/promo-%d", i), fmt.Sprintf("/about?ref=promo-%d", i), &temporary
		}
		r.Name = fmt.Sprintf("redirects[%d]", len(cfg.Redirects))
		cfg.Redirects = append(cfg.Redirects, r)

		var rw config.Rewrite
		if i%2 == 0 {
			rw.Source, rw.Destination = fmt.Sprintf("/p-%d/:id", i), "/users/:id"
		} else {
			rw.Source, rw.Destination = fmt.Sprintf("/shop-%d/:path*", i), "/shop/:path*"
		}
		rw.Name = fmt.Sprintf("rewrites.afterFiles[%d]", len(cfg.Rewrites.AfterFiles))
		cfg.Rewrites.AfterFiles = append(cfg.Rewrites.AfterFiles, rw)
	}
}

// addBlogRedirects appends n redirects that share the first segment "blog",
// as a blog migration leaves behind.
func addBlogRedirects(cfg *config.Config, n int) {
	permanent := true
	for i := range n {
		var r config.Redirect
		r.Source, r.Destination, r.Permanent = fmt.Sprintf("/blog/old-post-%d", i), fmt.Sprintf("/blog/post-%d", i), &permanent
		r.Name = fmt.Sprintf("redirects[%d]", len(cfg.Redirects))
		cfg.Redirects = append(cfg.Redirects, r)
	}
}

// lastRuleScenario is a request that the last generated redirect answers.
func lastRuleScenario(n int) scenario {
	last := n - 1
	if last%2 == 0 {
		return scenario{name: "last-rule", uri: fmt.Sprintf("/legacy-%d/hello", last), status: 308, want: "/blog/hello"}
	}
	return scenario{name: "last-rule", uri: fmt.Sprintf("/promo-%d", last), status: 307,
		want: fmt.Sprintf("/about?ref=promo-%d", last)}
}
