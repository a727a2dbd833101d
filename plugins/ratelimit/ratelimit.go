// Package ratelimit limits how many requests one client may make in a time
// window. Past the limit a client gets 429 Too Many Requests with
// Retry-After (the seconds until its window ends); allowed responses carry
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset. It is
// Fiber's limiter middleware (a fixed window per client), run before the
// Nextfiber pipeline (App.Use).
//
// In main.go's register, before the app is prepared:
//
//	if err := ratelimit.Register(app, ratelimit.Options{
//		Max:    100,
//		Window: time.Minute,
//		Skip:   []string{"/favicon.ico", "/styles.css", "/images"}, // public files
//	}); err != nil {
//		return err
//	}
package ratelimit

import (
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/plugins/internal/paths"
)

// Options configure the limit. The zero value allows 100 requests a
// minute per client IP address, on every path.
type Options struct {
	// Max is how many requests a client may make in one Window. Default 100.
	Max int
	// Window is the period Max applies to, rounded up to whole seconds. A
	// client's window starts with its first request. Default: one minute.
	Window time.Duration
	// Paths limits rate limiting to URL paths under these prefixes ("/api"
	// covers /api and /api/...). Default: every path.
	Paths []string
	// Skip lists URL path prefixes that are never limited or counted, such
	// as public files a page loads with it ("/favicon.ico", "/images").
	Skip []string
	// Key tells clients apart. Default: the IP address the request came
	// from. Behind a load balancer that is the balancer's: return the
	// client address it forwards instead (the header it sets, not one a
	// client could send itself).
	Key func(c *fiber.Ctx) string
	// Storage keeps the counts. Default: in memory, per process; any
	// fiber.Storage (Redis, Memcached, ...) shares them between instances.
	Storage fiber.Storage
}

// Register adds the rate limit to app. It must be called before
// app.Prepare.
func Register(app *framework.App, opts Options) error {
	only, err := paths.Compile("Paths", opts.Paths)
	if err != nil {
		return fmt.Errorf("ratelimit: %w", err)
	}
	skip, err := paths.Compile("Skip", opts.Skip)
	if err != nil {
		return fmt.Errorf("ratelimit: %w", err)
	}
	if opts.Max < 0 || opts.Window < 0 {
		return fmt.Errorf("ratelimit: Max %d, Window %v: must not be negative", opts.Max, opts.Window)
	}
	if opts.Max == 0 {
		opts.Max = 100
	}
	if opts.Window == 0 {
		opts.Window = time.Minute
	}
	var key func(c *fiber.Ctx) string // nil: the limiter's own, c.IP()
	if opts.Key != nil {
		// The limiter keeps keys beyond the request, and strings from a
		// Fiber ctx (c.Get, c.Cookies) share the request's memory.
		key = func(c *fiber.Ctx) string { return strings.Clone(opts.Key(c)) }
	}
	app.Use(limiter.New(limiter.Config{
		Next:         paths.Next(only, skip),
		Max:          opts.Max,
		Expiration:   opts.Window,
		KeyGenerator: key,
		Storage:      opts.Storage,
	}))
	return nil
}
