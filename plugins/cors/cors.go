// Package cors lets browsers call the app from other origins: it answers
// CORS preflight requests (OPTIONS with Access-Control-Request-Method,
// 204) and adds Access-Control-Allow-Origin and the related headers to
// other responses. It is Fiber's cors middleware, run before the
// Nextfiber pipeline (App.Use).
//
// In main.go's register, before the app is prepared:
//
//	if err := cors.Register(app, cors.Options{
//		Paths:   []string{"/api"},
//		Origins: []string{"https://app.example.com"},
//	}); err != nil {
//		return err
//	}
//
// A preflight is answered before config headers, redirects and proxies,
// as it must be: a redirect or a 401 to an OPTIONS preflight fails the
// browser's request.
package cors

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/plugins/internal/paths"
)

// Options configure CORS. The zero value allows any origin, without
// credentials, on every path.
type Options struct {
	// Paths limits CORS to URL paths under these prefixes ("/api" covers
	// /api and /api/...). Default: every path.
	Paths []string
	// Origins may read responses: "https://example.com",
	// "https://*.example.com" (its subdomains), or "*" for any.
	// Default: "*".
	Origins []string
	// Methods a preflight allows. Default: GET, POST, HEAD, PUT, DELETE,
	// PATCH.
	Methods []string
	// Headers a preflight allows the request to send. Default: those the
	// preflight asks for.
	Headers []string
	// ExposeHeaders lists response headers scripts may read beyond the
	// CORS-safelisted ones.
	ExposeHeaders []string
	// Credentials lets requests carry cookies and HTTP authentication
	// (Access-Control-Allow-Credentials: true). Browsers refuse it with
	// the "*" origin, so Origins must name the origins.
	Credentials bool
	// MaxAge is how long browsers may cache a preflight's answer, rounded
	// up to whole seconds. Default: not sent (browsers then keep it 5
	// seconds).
	MaxAge time.Duration
}

// Register adds CORS to app. It must be called before app.Prepare.
func Register(app *framework.App, opts Options) error {
	only, err := paths.Compile("Paths", opts.Paths)
	if err != nil {
		return fmt.Errorf("cors: %w", err)
	}
	if opts.Credentials && (len(opts.Origins) == 0 || slices.Contains(opts.Origins, "*")) {
		return fmt.Errorf("cors: Credentials needs Origins to list the origins: browsers refuse credentials with the \"*\" origin")
	}
	h, err := newHandler(fibercors.Config{
		Next:             paths.Next(only, nil),
		AllowOrigins:     strings.Join(opts.Origins, ","),
		AllowMethods:     strings.Join(opts.Methods, ","),
		AllowHeaders:     strings.Join(opts.Headers, ","),
		ExposeHeaders:    strings.Join(opts.ExposeHeaders, ","),
		AllowCredentials: opts.Credentials,
		MaxAge:           int((opts.MaxAge + time.Second - 1) / time.Second),
	})
	if err != nil {
		return err
	}
	app.Use(h)
	return nil
}

// newHandler returns Fiber's cors middleware for cfg. Fiber panics on an
// origin it cannot parse; here that is an error, like any bad option.
func newHandler(cfg fibercors.Config) (h fiber.Handler, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cors: Origins: %v", r)
		}
	}()
	return fibercors.New(cfg), nil
}
