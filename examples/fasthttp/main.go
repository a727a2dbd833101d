// Command fasthttp is the Custom Server example on a bare fasthttp server:
// the closest Go counterpart of the docs' createServer example.
package main

import (
	"flag"
	"log"
	"net/url"

	"github.com/nextfiber/nextfiber/examples/app"
	"github.com/valyala/fasthttp"
)

func main() {
	addr := flag.String("addr", "localhost:3000", "address to listen on")
	dir := flag.String("dir", "examples/app", "app directory")
	flag.Parse()
	srv, err := newServer(*dir)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("> Ready on http://%s", *addr)
	log.Fatal(srv.ListenAndServe(*addr))
}

func newServer(dir string) (*fasthttp.Server, error) {
	next, err := app.New(dir, false)
	if err != nil {
		return nil, err
	}
	handle := next.Handler()
	return &fasthttp.Server{
		ReadBufferSize: 16 << 10,
		Handler: func(ctx *fasthttp.RequestCtx) {
			switch path := string(ctx.Path()); path {
			case "/a", "/b":
				query, _ := url.ParseQuery(string(ctx.QueryArgs().QueryString()))
				if err := next.Render(ctx, path, query); err != nil {
					log.Printf("Error occurred handling %s: %v", ctx.RequestURI(), err)
				}
			default:
				handle(ctx)
			}
		},
	}, nil
}
