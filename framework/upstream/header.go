package upstream

import (
	"bytes"
	"net"
	"net/netip"
	"sync"

	"github.com/valyala/fasthttp"
)

// hopByHop names the headers that describe one connection and so never
// cross a proxy (RFC 9110 section 7.6.1), plus the non-standard
// Proxy-Connection that old clients still send.
var hopByHop = [...]string{
	fasthttp.HeaderConnection,
	fasthttp.HeaderKeepAlive,
	fasthttp.HeaderProxyAuthenticate,
	fasthttp.HeaderProxyAuthorization,
	"Proxy-Connection",
	fasthttp.HeaderTE,
	fasthttp.HeaderTrailer,
	fasthttp.HeaderTransferEncoding,
	fasthttp.HeaderUpgrade,
}

// headerDeleter is what dropHopByHop needs from fasthttp.RequestHeader and
// fasthttp.ResponseHeader, so one function serves both directions.
type headerDeleter interface {
	Del(key string)
	DelBytes(key []byte)
}

// dropHopByHop deletes from h the hop-by-hop headers and every header named
// in connection, the Connection values as received. They are read from the
// incoming side because h's own Connection header is deleted here too.
func dropHopByHop(h headerDeleter, connection [][]byte) {
	for _, v := range connection {
		for len(v) > 0 {
			var name []byte
			name, v, _ = bytes.Cut(v, []byte{','})
			if name = bytes.TrimSpace(name); len(name) > 0 {
				h.DelBytes(name)
			}
		}
	}
	for _, name := range hopByHop {
		h.Del(name)
	}
}

// setForwarded tells the upstream who asked and how, in the X-Forwarded-*
// headers that Next.js sends: For gains the client's IP after any earlier
// proxies; Host, Proto and Port describe the request as the client sent it.
func setForwarded(h *fasthttp.RequestHeader, ctx *fasthttp.RequestCtx) {
	buf := forwardedForPool.Get().(*[]byte)
	*buf = appendForwardedFor((*buf)[:0], h.PeekAll(fasthttp.HeaderXForwardedFor), ctx.RemoteIP())
	h.SetBytesV(fasthttp.HeaderXForwardedFor, *buf)
	forwardedForPool.Put(buf)

	host := ctx.Request.Header.Host()
	if len(host) > 0 {
		h.SetBytesV(fasthttp.HeaderXForwardedHost, host)
	}
	proto, port := "http", "80"
	if ctx.IsTLS() {
		proto, port = "https", "443"
	}
	h.Set(fasthttp.HeaderXForwardedProto, proto)
	if p := hostPort(host); len(p) > 0 {
		h.SetBytesV("X-Forwarded-Port", p)
	} else {
		h.Set("X-Forwarded-Port", port)
	}
}

// forwardedForPool holds the buffers X-Forwarded-For values are built in.
// SetBytesV copies its value, but escape analysis cannot tell, so a buffer
// on the stack would move to the heap on every request.
var forwardedForPool = sync.Pool{New: func() any { return new([]byte) }}

// appendForwardedFor appends to dst the X-Forwarded-For list made of the
// values already received and then ip.
func appendForwardedFor(dst []byte, prior [][]byte, ip net.IP) []byte {
	for _, v := range prior {
		if len(v) == 0 {
			continue
		}
		if len(dst) > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, v...)
	}
	addr, ok := netip.AddrFromSlice(ip)
	if !ok {
		return dst
	}
	if len(dst) > 0 {
		dst = append(dst, ", "...)
	}
	return addr.Unmap().AppendTo(dst)
}

// hostPort returns the port of a Host header value ("example.com:8080",
// "[::1]:8080"), or nil when there is none ("example.com", "[::1]").
func hostPort(host []byte) []byte {
	i := bytes.LastIndexByte(host, ':')
	if i < 0 || bytes.IndexByte(host[i:], ']') >= 0 {
		return nil
	}
	return host[i+1:]
}
