// Command ssr-cache is the SSR Caching example: pages rendered with
// App.Render are kept by Fiber's cache middleware for a TTL, so a loader
// runs once per URL per TTL. Responses say X-Cache: miss or hit.
package main

import (
	"flag"
	"log"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cache"
	"github.com/nextfiber/nextfiber/examples/app"
	"github.com/nextfiber/nextfiber/framework"
)

func main() {
	addr := flag.String("addr", "localhost:3000", "address to listen on")
	dir := flag.String("dir", "examples/app", "app directory")
	ttl := flag.Duration("ttl", time.Minute, "how long a rendered page is served from the cache")
	flag.Parse()
	srv, err := newServer(*dir, *ttl)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("> Ready on http://%s", *addr)
	log.Fatal(srv.Listen(*addr))
}

func newServer(dir string, ttl time.Duration) (*fiber.App, error) {
	next, err := app.New(dir, false)
	if err != nil {
		return nil, err
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Use(cache.New(cache.Config{
		Expiration: ttl,
		// One entry per path and query: /b?x=1 and /b?x=2 are different pages.
		KeyGenerator: func(c *fiber.Ctx) string { return c.OriginalURL() },
	}))
	render := func(page string) fiber.Handler {
		return func(c *fiber.Ctx) error {
			query, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
			return next.Render(c.Context(), page, query)
		}
	}
	srv.Get("/a", render("/a"))
	srv.Get("/b", render("/b"))
	srv.Use(next.FiberHandler())
	return srv, nil
}
