package framework

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
	"github.com/valyala/fasthttp"
)

// static is a response prepared once: a prerendered page, a public file, an
// error page. It carries its validators and, when worth it, its gzip and
// brotli variants, so serving it is choosing bytes, never computing them.
type static struct {
	body        []byte
	contentType string
	etag        string
	// modTime is a public file's modification time (zero for pages), sent
	// as lastModified and compared with If-Modified-Since.
	modTime      time.Time
	lastModified string
	// file is set instead of body for a public file too large to hold in
	// memory: it is read per request.
	file string
	// size is the body's length (the file's, as Prepare saw it).
	size int64
	// br and gzip are the body in those encodings, nil when the client
	// cannot be sent one: compression is off, the type does not compress,
	// or it came out no smaller.
	br, gzip *static
}

const htmlType = "text/html; charset=utf-8"

func newStatic(body []byte, contentType string, mod time.Time) *static {
	s := &static{body: body, contentType: contentType, etag: contentETag(body), size: int64(len(body))}
	s.setModTime(mod)
	return s
}

func (s *static) setModTime(mod time.Time) {
	if !mod.IsZero() {
		s.modTime = mod
		s.lastModified = mod.UTC().Format(http.TimeFormat)
	}
}

// contentETag is a strong validator for body: a hash, so equal bodies get
// equal ETags across restarts and re-renders, and the bytes of a variant
// never share an ETag with those of another (RFC 9110, 8.8.3).
func contentETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// hasVariants reports whether s is sent in more than one encoding, so
// that caches must key it by Accept-Encoding.
func (s *static) hasVariants() bool { return s.br != nil || s.gzip != nil }

// cost is the memory s holds, its variants included.
func (s *static) cost() int {
	n := len(s.body)
	if s.br != nil {
		n += len(s.br.body)
	}
	if s.gzip != nil {
		n += len(s.gzip.body)
	}
	return n
}

// negotiate picks the variant of s that the request's Accept-Encoding
// allows, brotli before gzip, and sets Content-Encoding and Vary.
func negotiate(st *state, s *static) *static {
	if !s.hasVariants() {
		return s
	}
	addVary(&st.ctx.Response.Header, "Accept-Encoding")
	switch chooseCoding(st, s.br != nil, s.gzip != nil) {
	case brotli:
		return s.br
	case gzipped:
		return s.gzip
	}
	return s
}

// coding is a content coding a response is sent in.
type coding uint8

const (
	identity coding = iota
	brotli
	gzipped
)

// chooseCoding picks the coding to send a response in, among identity and
// those it is available in (br, gz): the one the request's Accept-Encoding
// allows, brotli before gzip. It sets Content-Encoding; Vary is the
// caller's.
func chooseCoding(st *state, br, gz bool) coding {
	if !br && !gz {
		return identity
	}
	okBr, okGz := acceptedEncodings(st.requestHeader(hdrAcceptEncoding))
	h := &st.ctx.Response.Header
	switch {
	case br && okBr:
		h.SetContentEncoding("br")
		return brotli
	case gz && okGz:
		h.SetContentEncoding("gzip")
		return gzipped
	}
	return identity
}

// serveStatic answers with s and status in the encoding the client takes
// best; a 200 becomes a 304 when the client's copy is current.
func serveStatic(st *state, s *static, status int) {
	s = negotiate(st, s)
	ctx := st.ctx
	setValidators(ctx, s.etag, s.lastModified)
	if status == fasthttp.StatusOK && notModified(st, s.etag, s.modTime) {
		return
	}
	ctx.Response.Header.SetStatusCode(status)
	ctx.Response.Header.SetContentType(s.contentType)
	ctx.Response.SetBodyRaw(s.body)
}

func setValidators(ctx *fasthttp.RequestCtx, etag, lastModified string) {
	h := &ctx.Response.Header
	h.SetCanonical(keyETag, bytesconv.Bytes(etag))
	if lastModified != "" {
		h.SetCanonical(keyLastModified, bytesconv.Bytes(lastModified))
	}
}

// notModified answers 304 to a GET or HEAD whose If-None-Match names etag
// or, without If-None-Match, whose If-Modified-Since is not before modTime
// (RFC 9110, 13.2.2). The headers set so far stay: a 304 carries what the
// 200 would (ETag, Cache-Control, Vary).
func notModified(st *state, etag string, modTime time.Time) bool {
	ctx := st.ctx
	if !ctx.IsGet() && !ctx.IsHead() {
		return false
	}
	fresh := false
	if inm := st.requestHeader(hdrIfNoneMatch); len(inm) > 0 {
		fresh = etagMatch(inm, etag)
	} else if !modTime.IsZero() {
		if ims := st.requestHeader(hdrIfModifiedSince); len(ims) > 0 {
			t, err := fasthttp.ParseHTTPDate(ims)
			fresh = err == nil && !modTime.Truncate(time.Second).After(t) // HTTP dates have whole seconds
		}
	}
	if !fresh {
		return false
	}
	ctx.Response.ResetBody()
	ctx.Response.Header.SetStatusCode(fasthttp.StatusNotModified)
	return true
}

// etagMatch reports whether an If-None-Match list names etag (weak
// comparison, "*" matches all).
func etagMatch(list []byte, etag string) bool {
	for len(list) > 0 {
		var item []byte
		if i := bytes.IndexByte(list, ','); i >= 0 {
			item, list = list[:i], list[i+1:]
		} else {
			item, list = list, nil
		}
		item = bytes.TrimSpace(item)
		item = bytes.TrimPrefix(item, []byte("W/"))
		if string(item) == etag || string(item) == "*" {
			return true
		}
	}
	return false
}
