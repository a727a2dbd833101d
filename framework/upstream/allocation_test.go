//go:build !race

// sync.Pool drops items at random under the race detector, so allocation
// counts only mean something without it.

package upstream

import (
	"net"
	"testing"

	"github.com/valyala/fasthttp"
)

// TestAllocations checks that preparing the upstream request and copying the
// answer back reuse the pooled buffers: nothing per request beyond them.
func TestAllocations(t *testing.T) {
	var in fasthttp.Request
	in.Header.SetMethod(fasthttp.MethodPost)
	in.SetRequestURI("/ext-rw/a%20b?q=1")
	in.Header.SetHost("front.test:3000")
	in.Header.Set("Connection", "keep-alive, X-Hop")
	in.Header.Set("X-Hop", "1")
	in.Header.Set("X-Forwarded-For", "10.0.0.1")
	in.Header.Set("Cookie", "a=1")
	in.SetBodyString("hello")
	var ctx fasthttp.RequestCtx
	ctx.Init(&in, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}, nil)

	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)
	resp.SetStatusCode(fasthttp.StatusCreated)
	resp.Header.Set("X-Upstream", "1")
	resp.Header.Set("Connection", "X-Resp-Hop")
	resp.Header.Set("X-Resp-Hop", "1")
	resp.SetBodyString("upstream method=POST")

	target := []byte("http://127.0.0.1:4599/a%20b?q=1")
	allocs := testing.AllocsPerRun(100, func() {
		req := fasthttp.AcquireRequest()
		if !buildRequest(req, &ctx, target) {
			t.Fatal("buildRequest rejected a valid target")
		}
		fasthttp.ReleaseRequest(req)
		copyResponse(&ctx, resp)
	})
	if allocs != 0 {
		t.Errorf("allocs per request = %v, want 0", allocs)
	}
}
