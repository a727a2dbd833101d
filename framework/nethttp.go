package framework

import (
	"io"
	"net"
	"net/http"
	"net/url"

	"github.com/valyala/fasthttp"
)

// ServeHTTP makes the App a net/http Handler, for mounting in a net/http
// server the user owns: http.Handle("/", app). The request is copied into a
// fasthttp request (path and query kept byte for byte) and the answer
// copied back; the fasthttp and Fiber handlers are faster.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	serveVia(w, r, a.Handler())
}

// RenderHTTP is Render for net/http servers.
func (a *App) RenderHTTP(w http.ResponseWriter, r *http.Request, page string, query url.Values) error {
	var err error
	serveVia(w, r, func(ctx *fasthttp.RequestCtx) { err = a.Render(ctx, page, query) })
	return err
}

// serveVia runs a fasthttp handler for a net/http request.
func serveVia(w http.ResponseWriter, r *http.Request, h fasthttp.RequestHandler) {
	var ctx fasthttp.RequestCtx
	var req fasthttp.Request
	req.Header.SetMethod(r.Method)
	req.Header.SetRequestURI(r.RequestURI)
	req.Header.SetHost(r.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if r.Body != nil {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "Bad Request", http.StatusBadRequest)
			return
		}
		req.SetBodyRaw(body)
	}
	var remote net.Addr
	if addr, err := net.ResolveTCPAddr("tcp", r.RemoteAddr); err == nil {
		remote = addr
	}
	ctx.Init(&req, remote, nil)
	if r.TLS != nil {
		ctx.Request.URI().SetScheme("https")
	}
	h(&ctx)

	resp := &ctx.Response
	hdr := w.Header()
	for k, v := range resp.Header.All() {
		key := string(k)
		if key == fasthttp.HeaderContentLength || key == fasthttp.HeaderConnection || key == fasthttp.HeaderServer {
			continue
		}
		hdr.Add(key, string(v))
	}
	w.WriteHeader(resp.StatusCode())
	if r.Method != http.MethodHead {
		resp.BodyWriteTo(w)
	}
}
