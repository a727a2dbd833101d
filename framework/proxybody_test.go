package framework_test

import (
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/valyala/fasthttp"
)

// TestProxyResponseOutlivesTheRequest: a proxy's direct response must not
// point into the pooled per-request state, which the next request reuses
// while fasthttp may still be writing the first response.
func TestProxyResponseOutlivesTheRequest(t *testing.T) {
	app := framework.New(framework.Options{Dir: t.TempDir(), Quiet: true})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Text(200, "body of "+req.Pathname())
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	h := app.Handler()
	serve := func(path string) *fasthttp.RequestCtx {
		var ctx fasthttp.RequestCtx
		ctx.Request.SetRequestURI(path)
		h(&ctx)
		return &ctx
	}
	first := serve("/first")
	serve("/other")
	if got := string(first.Response.Body()); got != "body of /first" {
		t.Errorf("first response's body is %q after a second request", got)
	}
}
