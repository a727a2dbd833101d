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

// appendCanonical appends header name key to dst in canonical form, as
// fasthttp would store it: the first letter and every letter after "-"
// upper case, the others lower case; a name with a byte that cannot be in
// a header name is appended as it is.
func appendCanonical(dst, key []byte) []byte {
	for _, c := range key {
		if !isTokenByte(c) {
			return append(dst, key...)
		}
	}
	upper := true
	for _, c := range key {
		if upper && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		} else if !upper && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
		upper = c == '-'
	}
	return dst
}

// isTokenByte reports whether c may appear in a header name (RFC 9110,
// 5.6.2).
func isTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// addVary adds value to the response's Vary header, keeping any Vary set
// before (by a config rule, a proxy or Fiber middleware).
func addVary(h *fasthttp.ResponseHeader, value string) {
	h.DisableNormalizing()
	h.Add(fasthttp.HeaderVary, value)
	h.EnableNormalizing()
}

// peekCanonical returns request header key, which must be canonical, or
// nil when the request has none.
func peekCanonical(h *fasthttp.RequestHeader, key string) []byte {
	h.DisableNormalizing()
	v := h.Peek(key)
	h.EnableNormalizing()
	return v
}
