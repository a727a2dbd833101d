package framework

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/nextfiber/nextfiber/framework/routes"
	"github.com/valyala/fasthttp"
)

// Public files are read at Prepare: those up to maxMemoryFile are held in
// memory with their ETag and compressed variants, larger ones are read
// from disk per request. Either way a request gets the same answers:
// Content-Type by extension, ETag and Last-Modified, 304 to
// If-None-Match or If-Modified-Since, one byte range (206) or 416, HEAD,
// and a precompressed sibling (x.css.br, x.css.gz) when the client accepts
// it. The siblings are public files too and stay reachable at their own
// URLs, as plain files of their own type (Next.js serves them that way);
// only their base file's URL sends them with a Content-Encoding.
//
// Nothing outside public/ can be served: only the files routes.ScanPublic
// listed at Prepare are routes (no dotfiles, symlinks only to files inside
// public/), and a request path is looked up in that table, never joined to
// a directory.

// maxMemoryFile is the largest public file kept in memory.
const maxMemoryFile = 1 << 20

// loadPublic prepares the public file at file: in memory when small, else
// described from its stat for serving from disk.
func loadPublic(file string) (*static, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if fi.Size() <= maxMemoryFile {
		body, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		return newStatic(body, contentType(file, body), fi.ModTime()), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512) // what http.DetectContentType reads
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return fileStatic(file, fi, contentType(file, head[:n])), nil
}

// fileStatic describes a file served from disk. Its ETag is made from its
// size and modification time, which change whenever its bytes do.
func fileStatic(file string, fi fs.FileInfo, contentType string) *static {
	s := &static{file: file, size: fi.Size(), contentType: contentType,
		etag: fmt.Sprintf(`"%x-%x"`, fi.Size(), fi.ModTime().UnixNano())}
	s.setModTime(fi.ModTime())
	return s
}

// addPublicVariants gives each public file its precompressed siblings as
// variants, and, with compress on, compresses what has no sibling (in
// memory only: large files are sent as they are).
func (p *plan) addPublicVariants(compress bool) {
	for _, t := range p.targets {
		if t.route.Kind != routes.Public {
			continue
		}
		s := t.static
		if sib := p.publicFile(t.route.Route + ".br"); sib != nil {
			s.br = sib.encodingOf(s)
		}
		if sib := p.publicFile(t.route.Route + ".gz"); sib != nil {
			s.gzip = sib.encodingOf(s)
		}
		if compress && s.file == "" {
			s.compress(true)
		}
	}
}

// publicFile returns the public file at route, or nil.
func (p *plan) publicFile(route string) *static {
	if r := p.table.Static([]byte(route)); r != nil && r.Kind == routes.Public {
		return p.targets[r.ID].static
	}
	return nil
}

// encodingOf returns the sibling file sib as an encoding of base: its
// bytes and validators with base's type.
func (sib *static) encodingOf(base *static) *static {
	v := *sib
	v.contentType = base.contentType
	v.br, v.gzip = nil, nil
	return &v
}

// servePublic answers a request for a public file.
func (a *App) servePublic(st *state, t *target) {
	ctx := st.ctx
	if !ctx.IsGet() && !ctx.IsHead() {
		methodNotAllowed(ctx)
		return
	}
	h := &ctx.Response.Header
	h.SetCanonical(keyCacheControl, valPublicMaxAge0)
	h.SetCanonical(keyAcceptRanges, valBytes)
	s := negotiate(st, t.static)
	var f *os.File
	if s.file != "" {
		var err error
		if f, s, err = openPublic(s); err != nil {
			// Gone since Prepare.
			ctx.Response.Reset()
			a.notFound(st)
			return
		}
	}
	setValidators(ctx, s.etag, s.lastModified)
	if notModified(st, s.etag, s.modTime) {
		closeFile(f)
		return
	}
	start, end, ok := st.applyRange(s)
	if !ok {
		closeFile(f)
		return
	}
	h.SetContentType(s.contentType)
	switch {
	case f == nil:
		ctx.Response.SetBodyRaw(s.body[start:end])
	case ctx.IsHead():
		// No body to send: the file is not handed to the response, which
		// would keep it open on paths that never write a body.
		closeFile(f)
		h.SetContentLength(int(end - start))
	default:
		if _, err := f.Seek(start, io.SeekStart); err != nil {
			closeFile(f)
			a.serverError(st, err)
			return
		}
		ctx.Response.SetBodyStream(&fileBody{LimitedReader: io.LimitedReader{R: f, N: end - start}, f: f}, int(end-start))
	}
}

// fileBody is a byte range of an open file as a response body stream. It
// stops at the range's end (fasthttp, and the net/http bridge, copy a
// stream to EOF) and closes the file once sent. WriteTo keeps the copy on
// sendfile where the connection allows it: net.TCPConn.ReadFrom sends a
// file's LimitedReader with it.
type fileBody struct {
	io.LimitedReader
	f *os.File
}

func (b *fileBody) WriteTo(w io.Writer) (int64, error) { return io.Copy(w, &b.LimitedReader) }

func (b *fileBody) Close() error { return b.f.Close() }

// applyRange reads the request's Range for s and returns the bytes to
// send, [start, end): a range with 206 and Content-Range, or all of s. ok
// is false when it answered 416 instead, for a range past the end.
func (st *state) applyRange(s *static) (start, end int64, ok bool) {
	ctx := st.ctx
	rng := st.requestHeader(hdrRange)
	if len(rng) == 0 || !st.ifRange(s) {
		return 0, s.size, true
	}
	start, end, isRange, satisfiable := byteRange(rng, s.size)
	h := &ctx.Response.Header
	switch {
	case !isRange:
		return 0, s.size, true
	case !satisfiable:
		st.crange = itoa(append(st.crange[:0], "bytes */"...), int(s.size))
		h.SetCanonical(keyContentRange, st.crange)
		h.SetStatusCode(fasthttp.StatusRequestedRangeNotSatisfiable)
		ctx.SetContentType("text/plain; charset=utf-8")
		ctx.SetBodyString("Range Not Satisfiable")
		return 0, 0, false
	}
	b := append(st.crange[:0], "bytes "...)
	b = append(itoa(b, int(start)), '-')
	b = append(itoa(b, int(end-1)), '/')
	st.crange = itoa(b, int(s.size))
	h.SetCanonical(keyContentRange, st.crange)
	h.SetStatusCode(fasthttp.StatusPartialContent)
	return start, end, true
}

// openPublic opens a public file served from disk. When the file changed
// since Prepare, the validators and size come from what it is now.
func openPublic(s *static) (*os.File, *static, error) {
	f, err := os.Open(s.file)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fs.ErrNotExist
	}
	if fi.Size() != s.size || !fi.ModTime().Equal(s.modTime) {
		s = fileStatic(s.file, fi, s.contentType)
	}
	return f, s, nil
}

func closeFile(f *os.File) {
	if f != nil {
		f.Close()
	}
}

// ifRange reports whether a Range request may be answered with a range:
// without If-Range, or when If-Range names the current representation, by
// a strong ETag or its exact Last-Modified date (RFC 9110, 13.1.5).
func (st *state) ifRange(s *static) bool {
	v := st.requestHeader(hdrIfRange)
	switch {
	case len(v) == 0:
		return true
	case v[0] == '"':
		return string(v) == s.etag
	case len(v) > 1 && v[0] == 'W' && v[1] == '/':
		return false // weak validators never match here
	}
	return s.lastModified != "" && string(v) == s.lastModified
}

// byteRange reads a Range header for a body of size bytes. ok is false
// when the whole body is to be sent instead: the header is malformed, is
// not in bytes, or asks for several ranges (RFC 9110, 14.2 lets a server
// ignore Range; Next.js does the same). Otherwise [start, end) is the one
// range asked for, cut to the body, or satisfiable is false when it lies
// past its end (or the body is empty).
func byteRange(header []byte, size int64) (start, end int64, ok, satisfiable bool) {
	spec, found := cutPrefixFold(header, "bytes=")
	if !found {
		return 0, 0, false, false
	}
	if _, more := cut(spec, ','); more != nil {
		return 0, 0, false, false
	}
	first, last := cut(trimSpace(spec), '-')
	if last == nil {
		return 0, 0, false, false // no "-"
	}
	first, last = trimSpace(first), trimSpace(last)
	if len(first) == 0 { // "-n": the last n bytes
		n, ok := parseSize(last)
		switch {
		case !ok:
			return 0, 0, false, false
		case n == 0 || size == 0:
			return 0, 0, true, false
		}
		return max(size-n, 0), size, true, true
	}
	start, ok = parseSize(first)
	if !ok {
		return 0, 0, false, false
	}
	end = size
	if len(last) > 0 {
		e, ok := parseSize(last)
		if !ok || e < start {
			return 0, 0, false, false
		}
		end = min(e+1, size)
	}
	if start >= size {
		return 0, 0, true, false
	}
	return start, end, true, true
}

// parseSize parses a non-negative decimal of at most 18 digits.
func parseSize(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func cutPrefixFold(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) {
		return nil, false
	}
	for i := 0; i < len(prefix); i++ {
		if b[i]|0x20 != prefix[i]|0x20 {
			return nil, false
		}
	}
	return b[len(prefix):], true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
