// Command fiber is the Custom Server example on Fiber (the Express
// integration of the Next.js docs): Fiber routes first, Nextfiber for the rest.
package main

import (
	"flag"
	"log"
	"net/url"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/examples/app"
	"github.com/nextfiber/nextfiber/framework"
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
	log.Fatal(srv.Listen(*addr))
}

func newServer(dir string) (*fiber.App, error) {
	next, err := app.New(dir, false)
	if err != nil {
		return nil, err
	}
	srv := fiber.New(framework.ServerConfig())
	render := func(page string) fiber.Handler {
		return func(c *fiber.Ctx) error {
			query, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
			return next.Render(c.Context(), page, query)
		}
	}
	srv.Get("/a", render("/a"))
	srv.Get("/b", render("/b"))
	srv.Use(next.FiberHandler()) // everything else: Next's request handler
	return srv, nil
}
