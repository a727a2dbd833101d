package framework

import (
	"bytes"
	"strings"

	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
	"github.com/valyala/fasthttp"
)

// acceptedEncodings reads an Accept-Encoding header: whether brotli and
// gzip may be sent. A coding is refused with q=0; "*" stands for the
// codings the header does not name. The q-values are not ranked otherwise:
// brotli, when allowed, is sent before gzip, as browsers want.
func acceptedEncodings(header []byte) (br, gzip bool) {
	const unnamed, refused, allowed = 0, 1, 2
	var brState, gzState, star int
	for len(header) > 0 {
		var item []byte
		item, header = cut(header, ',')
		name, params := cut(item, ';')
		name = bytes.TrimSpace(name)
		state := allowed
		if zeroQ(params) {
			state = refused
		}
		switch {
		case bytes.EqualFold(name, []byte("br")):
			brState = state
		case bytes.EqualFold(name, []byte("gzip")), bytes.EqualFold(name, []byte("x-gzip")):
			gzState = state
		case string(name) == "*":
			star = state
		}
	}
	br = brState == allowed || brState == unnamed && star == allowed
	gzip = gzState == allowed || gzState == unnamed && star == allowed
	return br, gzip
}

// cut splits b at the first sep.
func cut(b []byte, sep byte) (before, after []byte) {
	if i := bytes.IndexByte(b, sep); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// zeroQ reports whether the parameters of an Accept-Encoding item hold
// q=0 ("q=0", "q=0.0", "q=0.000").
func zeroQ(params []byte) bool {
	for len(params) > 0 {
		var p []byte
		p, params = cut(params, ';')
		p = bytes.TrimSpace(p)
		if len(p) < 2 || p[0]|0x20 != 'q' || p[1] != '=' {
			continue
		}
		v := bytes.TrimSpace(p[2:])
		if len(v) == 0 || v[0] != '0' {
			return false
		}
		rest := bytes.TrimRight(v[1:], "0")
		return len(rest) == 0 || string(rest) == "."
	}
	return false
}

// minGzip is the smallest body gzipped per request: the threshold of the
// compression middleware Next.js uses (1 KiB), below which the gzip
// framing eats most of the gain.
const minGzip = 1 << 10

// compressResponse gzips a response made for this request (a page with a
// loader, an API handler's answer, Dev's error page) once its body is
// complete, as Next.js does with compress on: when its type compresses,
// the body has minGzip bytes or more, no Content-Encoding was set, it is
// not a stream and Accept-Encoding allows gzip. HEAD is answered as GET
// is, so its Content-Length is the gzipped body's. A response whose type
// compresses gets Vary: Accept-Encoding whatever the outcome, since the
// same URL may be answered gzipped to another request.
//
// Only gzip, at the default level: brotli at a level worth sending costs
// several times as much, per request. Responses prepared ahead carry
// brotli too (see static.compress).
//
// The compressed bytes are written into st.render, free once the body is
// in the response, and copied into the response's own buffer: nothing of
// the response points into st after the handler returns.
func (st *state) compressResponse() {
	if !st.plan.cfg.Compress {
		return
	}
	resp := &st.ctx.Response
	h := &resp.Header
	if resp.IsBodyStream() || !compressible(bytesconv.String(h.ContentType())) {
		return
	}
	addVaryOnce(h)
	body := resp.Body()
	if len(body) < minGzip || len(h.ContentEncoding()) > 0 || chooseCoding(st, false, true) != gzipped {
		return
	}
	st.render.Reset()
	fasthttp.WriteGzipLevel(&st.render, body, fasthttp.CompressDefaultCompression)
	if n := st.render.Len(); n == 0 || n >= len(body) {
		// Not compressed (fasthttp gives up under extreme load) or no
		// smaller: sent as it is.
		h.SetContentEncoding("")
		return
	}
	resp.SetBody(st.render.Bytes())
}

// addVaryOnce adds Accept-Encoding to the response's Vary unless it is
// named there already (by a handler, a config rule or a proxy) or Vary is
// "*".
func addVaryOnce(h *fasthttp.ResponseHeader) {
	h.DisableNormalizing() // the names below are canonical
	if !variesOnEncoding(h.PeekAll(fasthttp.HeaderVary)) {
		h.Add(fasthttp.HeaderVary, hdrAcceptEncoding)
	}
	h.EnableNormalizing()
}

// variesOnEncoding reports whether Vary values name Accept-Encoding or
// are "*".
func variesOnEncoding(vary [][]byte) bool {
	for _, v := range vary {
		for len(v) > 0 {
			var item []byte
			item, v = cut(v, ',')
			item = bytes.TrimSpace(item)
			if string(item) == "*" || bytes.EqualFold(item, []byte(hdrAcceptEncoding)) {
				return true
			}
		}
	}
	return false
}

// Compression levels. At Prepare a body is compressed once and served for
// the life of the process, so it gets the best levels; brotli's best runs
// at about 1 MB/s, so bodies over bestBrotliMax get a faster one to keep
// start-up short. Pages compressed on their first request (memoized
// dynamic pages) get the default levels, which cost about what rendering
// does.
const (
	bestBrotliMax = 128 << 10
	brotliFast    = 6
)

// compress adds s's brotli and gzip variants when its type compresses,
// keeping each only when it is smaller than the body.
func (s *static) compress(atPrepare bool) {
	if !compressible(s.contentType) || len(s.body) == 0 {
		return
	}
	brLevel, gzLevel := fasthttp.CompressBrotliDefaultCompression, fasthttp.CompressDefaultCompression
	if atPrepare {
		brLevel, gzLevel = fasthttp.CompressBrotliBestCompression, fasthttp.CompressBestCompression
		if len(s.body) > bestBrotliMax {
			brLevel = brotliFast
		}
	}
	if s.br == nil {
		s.br = s.variant(fasthttp.AppendBrotliBytesLevel(nil, s.body, brLevel))
	}
	if s.gzip == nil {
		s.gzip = s.variant(fasthttp.AppendGzipBytesLevel(nil, s.body, gzLevel))
	}
}

// variant returns body as an encoding of s, or nil when it is no smaller.
func (s *static) variant(body []byte) *static {
	if len(body) >= len(s.body) {
		return nil
	}
	return newStatic(body, s.contentType, s.modTime)
}

// compressible reports whether a response of type contentType gets
// smaller compressed: text, and the text formats of other types. Images,
// fonts (but SVG) and archives are compressed already.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	for _, suffix := range []string{"json", "xml", "javascript", "wasm"} {
		if strings.HasSuffix(mt, suffix) {
			return true
		}
	}
	return false
}
