package framework

import (
	"bytes"
	"strings"

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
