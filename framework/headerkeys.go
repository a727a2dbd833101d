package framework

import "github.com/valyala/fasthttp"

// fasthttp normalizes a header name ("if-none-match" to "If-None-Match")
// on every Peek and Set, which costs more than the lookup itself. The hot
// path names headers in canonical form once, here or at Prepare, and uses
// the calls below, which skip that work. fasthttp stores received names in
// canonical form unless header-name normalization is turned off (Fiber's
// DisableHeaderNormalizing), which Nextfiber does not support.

// Canonical names of the headers the pipeline writes.
var (
	keyETag          = []byte("Etag")
	keyLastModified  = []byte("Last-Modified")
	keyLocation      = []byte("Location")
	keyRefresh       = []byte("Refresh")
	keyCacheControl  = []byte("Cache-Control")
	keyAcceptRanges  = []byte("Accept-Ranges")
	keyContentRange  = []byte("Content-Range")
	keyNextjsCache   = []byte("X-Nextjs-Cache")
	valPublicMaxAge0 = []byte("public, max-age=0")
	valBytes         = []byte("bytes")
)

// Canonical names of the request headers the pipeline reads.
const (
	hdrAcceptEncoding  = "Accept-Encoding"
	hdrAcceptLanguage  = "Accept-Language"
	hdrIfNoneMatch     = "If-None-Match"
	hdrIfModifiedSince = "If-Modified-Since"
	hdrIfRange         = "If-Range"
	hdrRange           = "Range"
	hdrNextjsData      = "X-Nextjs-Data"
)

// canonicalKey returns name as fasthttp stores it ("x-global" becomes
// "X-Global").
func canonicalKey(name string) string {
	return string(fasthttp.AppendNormalizedHeaderKey(nil, name))
}

// peekCanonical returns request header key, which must be canonical, or
// nil when the request has none.
func peekCanonical(h *fasthttp.RequestHeader, key string) []byte {
	h.DisableNormalizing()
	v := h.Peek(key)
	h.EnableNormalizing()
	return v
}
