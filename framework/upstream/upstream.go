// Package upstream reverse-proxies a request to an external URL: the
// pipeline uses it when a rewrite's destination is absolute
// ("http://127.0.0.1:4599/:path*").
//
// The answer is the upstream's own: Serve replaces ctx.Response with the
// upstream status, headers and body, so headers set earlier in the pipeline
// do not reach the client, as in Next.js.
package upstream

import (
	"bytes"
	"errors"
	"time"

	"github.com/valyala/fasthttp"
)

// Options configures a Proxy. Zero values give the defaults.
type Options struct {
	// Timeout bounds the whole upstream exchange. Default 30s.
	Timeout time.Duration
	// MaxConnsPerHost caps connections per upstream host. Default 512.
	MaxConnsPerHost int
}

const (
	defaultTimeout         = 30 * time.Second
	defaultMaxConnsPerHost = 512
)

// Proxy forwards requests to upstream servers with a fasthttp client.
// It is safe for concurrent use; make one per server and Close it on
// shutdown.
type Proxy struct {
	// client is a single fasthttp.Client rather than HostClients of our own:
	// rewrite destinations may name any host, and Client already keeps one
	// pooled HostClient per host and scheme (TLS included) and drops those
	// left idle.
	client  *fasthttp.Client
	timeout time.Duration
}

// New returns a Proxy.
func New(opts Options) *Proxy {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.MaxConnsPerHost <= 0 {
		opts.MaxConnsPerHost = defaultMaxConnsPerHost
	}
	return &Proxy{
		timeout: opts.Timeout,
		client: &fasthttp.Client{
			MaxConnsPerHost: opts.MaxConnsPerHost,
			// When every connection is busy, wait for one instead of failing
			// at once; the wait counts against the request's Timeout.
			MaxConnWaitTimeout: opts.Timeout,
			// The upstream gets the path as written ("/a%20b/../c"), the way
			// Next.js passes it on.
			DisablePathNormalizing: true,
			// Forward the client's User-Agent or none; never invent one.
			NoDefaultUserAgentHeader: true,
		},
	}
}

// Serve forwards ctx's request to target (an absolute http(s) URL with path
// and query) and writes the upstream's answer to ctx.Response.
//
// Failures become a short text/plain answer: 504 Gateway Timeout when the
// upstream did not answer within Options.Timeout, 502 Bad Gateway otherwise
// (target not an absolute http:// or https:// URL, connection refused, a
// malformed answer). Nothing from ctx is kept once Serve returns.
func (p *Proxy) Serve(ctx *fasthttp.RequestCtx, target []byte) {
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseResponse(resp)

	if !buildRequest(req, ctx, target) {
		fail(ctx, fasthttp.StatusBadGateway)
		return
	}
	if err := p.client.DoTimeout(req, resp, p.timeout); err != nil {
		fail(ctx, failureStatus(err))
		return
	}
	copyResponse(ctx, resp)
}

// Close releases idle connections. Requests in flight are not interrupted.
func (p *Proxy) Close() {
	p.client.CloseIdleConnections()
}

// buildRequest fills req with ctx's request aimed at target. It reports
// false when target is not an absolute http(s) URL with a host.
func buildRequest(req *fasthttp.Request, ctx *fasthttp.RequestCtx, target []byte) bool {
	if !hasPrefixFold(target, "http://") && !hasPrefixFold(target, "https://") {
		return false
	}
	// Parsing into req's own URI both validates target and makes it the
	// address and request line the client uses.
	uri := req.URI()
	if err := uri.Parse(nil, target); err != nil || len(uri.Host()) == 0 {
		return false
	}
	uri.DisablePathNormalizing = true
	if len(uri.PathOriginal()) == 0 { // "http://host?q=1"
		uri.SetPath("/")
	}

	ctx.Request.Header.CopyTo(&req.Header)
	dropHopByHop(&req.Header, ctx.Request.Header.PeekAll(fasthttp.HeaderConnection))
	req.Header.SetHostBytes(uri.Host())
	// The upstream connection is ours, whatever the client spoke.
	req.Header.SetProtocol("HTTP/1.1")
	// A body without Content-Type stays without one.
	req.Header.SetNoDefaultContentType(true)
	setForwarded(&req.Header, ctx)
	// No copy: req is released before Serve returns, so it never outlives
	// ctx's body.
	req.SetBodyRaw(ctx.Request.Body())
	return true
}

// copyResponse replaces ctx.Response with resp minus its hop-by-hop headers.
// Framing is recomputed by the server: Content-Length from the body, which
// the client has already de-chunked.
func copyResponse(ctx *fasthttp.RequestCtx, resp *fasthttp.Response) {
	resp.Header.CopyTo(&ctx.Response.Header)
	dropHopByHop(&ctx.Response.Header, resp.Header.PeekAll(fasthttp.HeaderConnection))
	// An answer without Content-Type stays without one.
	ctx.Response.Header.SetNoDefaultContentType(true)
	ctx.Response.SetBody(resp.Body())
}

// fail answers with status and its standard text, which names no upstream
// detail.
func fail(ctx *fasthttp.RequestCtx, status int) {
	ctx.Error(fasthttp.StatusMessage(status), status)
}

// failureStatus maps a client error to a gateway's answer: 504 when the
// upstream was too slow (dialing included), 502 for anything else.
func failureStatus(err error) int {
	var timeout interface{ Timeout() bool }
	if errors.Is(err, fasthttp.ErrDialTimeout) || errors.As(err, &timeout) && timeout.Timeout() {
		return fasthttp.StatusGatewayTimeout
	}
	return fasthttp.StatusBadGateway
}

// hasPrefixFold reports whether b starts with prefix, ignoring ASCII case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
