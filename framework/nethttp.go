package framework

import (
	"cmp"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// ServeHTTP makes the App a net/http Handler, for mounting in a net/http
// server the user owns: http.Handle("/", app). The request is copied into a
// fasthttp request (path and query kept byte for byte) and the answer
// copied back as the built-in server sends it: the same status, headers
// (Content-Length too, on GET and HEAD alike) and body, large files
// streamed from disk, and a request body over the built-in server's limit
// (4 MiB) answered with 413. The fasthttp and Fiber handlers are faster.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	serveVia(w, r, a.Handler())
}

// RenderHTTP is Render for net/http servers. Besides Render's errors it
// returns the one that kept it from reading the request body, after
// answering it with 400, or 413 for a body over the limit
// (fasthttp.ErrBodyTooLarge).
func (a *App) RenderHTTP(w http.ResponseWriter, r *http.Request, page string, query url.Values) error {
	var err error
	if rerr := serveVia(w, r, func(ctx *fasthttp.RequestCtx) { err = a.Render(ctx, page, query) }); rerr != nil {
		return rerr
	}
	return err
}

// maxRequestBody is the largest request body the built-in server reads
// (its Fiber BodyLimit).
var maxRequestBody = int64(cmp.Or(ServerConfig().BodyLimit, fiber.DefaultBodyLimit))

// serveVia runs a fasthttp handler for a net/http request. It returns an
// error only when the request could not be read, which it has answered.
func serveVia(w http.ResponseWriter, r *http.Request, h fasthttp.RequestHandler) error {
	var ctx fasthttp.RequestCtx
	ctx.Init2(connOf(r), log.Default(), true) // fasthttp's default logger writes there too
	if err := readRequest(&ctx.Request, w, r); err != nil {
		return err
	}
	if r.TLS != nil {
		ctx.Request.URI().SetScheme("https")
	}
	h(&ctx)
	writeResponse(w, &ctx.Response, r.Method == http.MethodHead)
	return nil
}

// readRequest copies r into req. When the body cannot be read it answers
// as the built-in server does and returns why.
func readRequest(req *fasthttp.Request, w http.ResponseWriter, r *http.Request) error {
	req.Header.SetMethod(r.Method)
	if r.RequestURI != "" {
		req.Header.SetRequestURI(r.RequestURI)
	} else { // a request made in Go rather than read from a client
		req.Header.SetRequestURI(r.URL.RequestURI())
	}
	req.Header.SetHost(r.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	if r.ContentLength > maxRequestBody {
		answerUnread(w, http.StatusRequestEntityTooLarge)
		return fmt.Errorf("request body of %d bytes: %w", r.ContentLength, fasthttp.ErrBodyTooLarge)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			answerUnread(w, http.StatusRequestEntityTooLarge)
			return fmt.Errorf("request body over %d bytes: %w", maxRequestBody, fasthttp.ErrBodyTooLarge)
		}
		answerUnread(w, http.StatusBadRequest)
		return fmt.Errorf("reading the request body: %w", err)
	}
	req.SetBodyRaw(body)
	return nil
}

// answerUnread answers a request whose body could not be read as Fiber's
// error handler does, and closes the connection as fasthttp does.
func answerUnread(w http.ResponseWriter, status int) {
	msg := http.StatusText(status)
	h := w.Header()
	h.Set(fasthttp.HeaderContentType, "text/plain; charset=utf-8")
	h.Set(fasthttp.HeaderContentLength, strconv.Itoa(len(msg)))
	h.Set(fasthttp.HeaderConnection, "close")
	w.WriteHeader(status)
	io.WriteString(w, msg)
}

// writeResponse sends resp with the headers fasthttp's Response.Write
// gives it on the built-in server: Content-Length for a body in memory or
// a stream of known size, on HEAD too, where the body is skipped as for
// 1xx, 204 and 304 (which get a Content-Length only from a stream of known
// size, as there); Content-Type only with a body or when the handler set
// one; the server's own Date. A stream of unknown size goes out chunked,
// each piece as the handler writes it.
func writeResponse(w http.ResponseWriter, resp *fasthttp.Response, head bool) {
	rh := &resp.Header
	status := resp.StatusCode()
	stream := resp.BodyStream()
	skipBody := head || resp.SkipBody || status < 200 || status == http.StatusNoContent || status == http.StatusNotModified
	switch {
	case stream != nil:
		// fasthttp takes the size of a plain io.LimitedReader when none was given.
		if lr, ok := stream.(*io.LimitedReader); ok && rh.ContentLength() < 0 && lr.N <= math.MaxInt {
			rh.SetContentLength(int(lr.N))
		}
	case !skipBody || len(resp.Body()) > 0:
		rh.SetContentLength(len(resp.Body())) // a no-op for 1xx, 204 and 304
	}
	sendType := rh.ContentLength() != 0 || ownContentType(rh)

	hdr := w.Header()
	for k, v := range rh.All() {
		switch string(k) {
		case fasthttp.HeaderDate, fasthttp.HeaderTransferEncoding:
			continue // net/http writes its own Date and chunks by itself
		case fasthttp.HeaderContentType:
			if !sendType {
				continue
			}
		}
		hdr.Add(string(k), string(v))
	}
	if _, ok := hdr[fasthttp.HeaderContentType]; !ok {
		hdr[fasthttp.HeaderContentType] = nil // and none sniffed from the body
	}
	w.WriteHeader(status)
	switch {
	case skipBody:
		resp.CloseBodyStream()
	case stream == nil:
		w.Write(resp.Body())
	case rh.ContentLength() >= 0:
		// A file goes out with sendfile: fileBody's WriteTo hands it to
		// the connection through the ResponseWriter's ReadFrom.
		resp.BodyWriteTo(w)
	default:
		resp.BodyWriteTo(flushWriter{w, http.NewResponseController(w)})
	}
}

// ownContentType reports whether the handler set a Content-Type, rather
// than leaving fasthttp's default to apply.
func ownContentType(h *fasthttp.ResponseHeader) bool {
	if len(h.ContentType()) == 0 {
		return false
	}
	h.SetNoDefaultContentType(true)
	own := len(h.ContentType()) > 0
	// Back to what it was, or, with a Content-Type set, to what makes no
	// difference.
	h.SetNoDefaultContentType(false)
	return own
}

// flushWriter sends each write on at once, as fasthttp sends each piece of
// a stream of unknown size as a chunk of its own: what a handler streams
// (SetBodyStreamWriter, server-sent events) reaches the client as written.
type flushWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

func (f flushWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err == nil {
		if ferr := f.rc.Flush(); !errors.Is(ferr, http.ErrNotSupported) {
			err = ferr
		}
	}
	return n, err
}

// bridgeConn stands for the client's connection in the fasthttp
// RequestCtx: handlers ask it for addresses (RemoteIP, LocalAddr) and,
// through IsTLS, whether the request came over TLS. Nothing reads or
// writes it.
type bridgeConn struct {
	net.Conn
	local, remote net.Addr
}

func (c *bridgeConn) LocalAddr() net.Addr  { return c.local }
func (c *bridgeConn) RemoteAddr() net.Addr { return c.remote }

// tlsConn is the bridgeConn of a request that came over TLS; fasthttp's
// IsTLS and TLSConnectionState look for these two methods.
type tlsConn struct {
	bridgeConn
	state *tls.ConnectionState
}

func (c *tlsConn) Handshake() error                     { return nil }
func (c *tlsConn) ConnectionState() tls.ConnectionState { return *c.state }

// zeroAddr is the address fasthttp reports when it has none.
var zeroAddr = &net.TCPAddr{IP: net.IPv4zero}

// connOf returns the bridgeConn for r. Its addresses are parsed, never
// looked up.
func connOf(r *http.Request) net.Conn {
	c := bridgeConn{local: zeroAddr, remote: zeroAddr}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		c.remote = net.TCPAddrFromAddrPort(ap)
	}
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		c.local = addr
	}
	if r.TLS != nil {
		return &tlsConn{bridgeConn: c, state: r.TLS}
	}
	return &c
}
