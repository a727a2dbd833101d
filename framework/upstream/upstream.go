// Package upstream reverse-proxies a request to an external URL: the
// pipeline uses it when a rewrite's destination is absolute
// ("http://127.0.0.1:4599/:path*").
package upstream

import (
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

// Proxy forwards requests to upstream servers with a fasthttp client.
type Proxy struct {
	// TODO(upstream)
}

// New returns a Proxy.
func New(opts Options) *Proxy { panic("TODO") }

// Serve forwards ctx's request to target (an absolute http(s) URL with path
// and query) and writes the upstream's answer to ctx.Response.
func (p *Proxy) Serve(ctx *fasthttp.RequestCtx, target []byte) { panic("TODO") }

// Close releases idle connections.
func (p *Proxy) Close() { panic("TODO") }
