package bench

import (
	"bytes"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
	"github.com/valyala/fasthttp"
)

// scenario is one request of BenchmarkPipeline and how to tell it worked.
type scenario struct {
	name    string
	method  string
	uri     string
	headers [][2]string
	status  int
	want    string // in the body or in Location
}

var scenarios = []scenario{
	{name: "static-page", uri: "/users/me", status: 200, want: "route=/users/me"},
	{name: "public-file", uri: "/file.txt", status: 200, want: "public file"},
	{name: "redirect", uri: "/old-blog/hello", status: 308, want: "/blog/hello"},
	{name: "header-rule", uri: "/about", status: 200, want: "x-first-visit"},
	{name: "proxy-next", uri: "/secret", headers: [][2]string{{"Cookie", "token=1"}}, status: 200, want: "x-proxy-saw"},
	{name: "rewrite-dynamic", uri: "/rw/hello", status: 200, want: "route=/blog/[slug]"},
	// An ISR page (Revalidate + StaticPaths), fresh in the cache.
	{name: "isr-hit", uri: "/users/42", status: 200, want: "x-nextjs-cache: hit"},
}

// fixtureDir is conformance fixture a, which every benchmark here serves.
const fixtureDir = "../tests/conformance/testdata/a"

// computed are the harness scenarios whose answer is made per request by
// the app's Go code (a loader and a template, an API handler, a proxy's
// JSON). They allocate, so they are kept out of BenchmarkPipeline's
// zero-allocation set.
var computed = []scenario{
	{name: "ssr-loader", uri: "/echo?x=1", status: 200, want: "route=/echo"},
	{name: "api-json", uri: "/api/hello", status: 200, want: `{"hello":"world"}`},
	{name: "proxy-response", uri: "/proxy/json", status: 201, want: `{"ok":true}`},
}

func newHandler(b *testing.B) fasthttp.RequestHandler {
	b.Helper()
	app := framework.New(framework.Options{Dir: fixtureDir, Quiet: true})
	if err := fixture.Register(app, "a"); err != nil {
		b.Fatal(err)
	}
	app.Revalidate("/users/[id]", time.Hour)
	app.StaticPaths("/users/[id]", func() ([]string, error) { return []string{"/users/42"}, nil })
	if err := app.Prepare(); err != nil {
		b.Fatal(err)
	}
	return app.Handler()
}

func BenchmarkPipeline(b *testing.B) {
	h := newHandler(b)
	for _, sc := range scenarios {
		b.Run(sc.name, func(b *testing.B) { runScenario(b, h, sc) })
	}
}

// BenchmarkComputed times the scenarios in computed.
func BenchmarkComputed(b *testing.B) {
	h := newHandler(b)
	for _, sc := range computed {
		b.Run(sc.name, func(b *testing.B) { runScenario(b, h, sc) })
	}
}

// runScenario times h answering sc's request, checking the answer before
// and after.
func runScenario(b *testing.B, h fasthttp.RequestHandler, sc scenario) {
	var req fasthttp.Request
	req.Header.SetMethod(orGET(sc.method))
	req.SetRequestURI(sc.uri)
	req.Header.SetHost("localhost")
	for _, kv := range sc.headers {
		req.Header.Set(kv[0], kv[1])
	}
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, nil, nil)
	h(&ctx)
	check(b, sc, &ctx)

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// What the server does per request: a fresh request, an
		// empty response. (ctx.Init would also allocate a fake conn.)
		req.CopyTo(&ctx.Request)
		ctx.Response.Reset()
		h(&ctx)
	}
	b.StopTimer()
	check(b, sc, &ctx)
}

func orGET(m string) string {
	if m == "" {
		return fasthttp.MethodGet
	}
	return m
}

// check fails the benchmark when a scenario does not take the path it names.
func check(b *testing.B, sc scenario, ctx *fasthttp.RequestCtx) {
	b.Helper()
	if got := ctx.Response.StatusCode(); got != sc.status {
		b.Fatalf("%s: status %d, want %d", sc.name, got, sc.status)
	}
	resp := ctx.Response.String()
	if !bytes.Contains(bytes.ToLower([]byte(resp)), bytes.ToLower([]byte(sc.want))) {
		b.Fatalf("%s: response does not contain %q:\n%s", sc.name, sc.want, resp)
	}
}
