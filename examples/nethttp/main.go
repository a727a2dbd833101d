// Command nethttp is the Custom Server example on net/http: the App is an
// http.Handler, and RenderHTTP renders a page from a user's own handler.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/nextfiber/nextfiber/examples/app"
)

func main() {
	addr := flag.String("addr", "localhost:3000", "address to listen on")
	dir := flag.String("dir", "examples/app", "app directory")
	flag.Parse()
	h, err := newHandler(*dir)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("> Ready on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}

func newHandler(dir string) (http.Handler, error) {
	next, err := app.New(dir, false)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, page := range []string{"/a", "/b"} {
		mux.HandleFunc(page, func(w http.ResponseWriter, r *http.Request) {
			if err := next.RenderHTTP(w, r, page, r.URL.Query()); err != nil {
				log.Printf("Error occurred handling %s: %v", r.URL, err)
			}
		})
	}
	mux.Handle("/", next) // everything else: the App as an http.Handler
	return mux, nil
}
