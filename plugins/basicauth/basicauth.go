// Package basicauth puts part of the app, or all of it, behind HTTP Basic
// authentication: without valid credentials a request gets 401 with
// WWW-Authenticate, and the browser asks for a user name and password. It
// is Fiber's basicauth middleware, run before the Nextfiber pipeline
// (App.Use).
//
// In main.go's register, before the app is prepared:
//
//	if err := basicauth.Register(app, basicauth.Options{
//		Paths: []string{"/admin", "/api/admin"},
//		Users: map[string]string{"admin": os.Getenv("ADMIN_PASSWORD")},
//	}); err != nil {
//		return err
//	}
//
// Loaders and API handlers behind it can ask who signed in:
// basicauth.Username(c.Context()).
//
// It selects requests by path prefix, before the pipeline, rather than as
// a proxy with a matcher: the check comes first, so nothing under a
// protected path answers without credentials (config redirects included),
// and the prefix is matched on the decoded, normalized path, so "/%61dmin"
// or "/x/../admin" cannot slip past a check for "/admin". What it guards
// are URL paths as requested: a rewrite from an unprotected path to a
// protected page serves that page, so protect such sources too; with a
// basePath or i18n, list the paths as requested ("/docs/admin",
// "/fr/admin").
package basicauth

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	fiberbasicauth "github.com/gofiber/fiber/v2/middleware/basicauth"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/plugins/internal/paths"
	"github.com/valyala/fasthttp"
)

// Options configure the protection. Users or Authorizer is required.
type Options struct {
	// Paths are the URL path prefixes to protect ("/admin" covers /admin
	// and /admin/..., not /administrator). Default: every path.
	Paths []string
	// Users maps user names to passwords. Passwords are compared in
	// constant time.
	Users map[string]string
	// Authorizer, when set, decides instead of Users.
	Authorizer func(user, password string) bool
	// Realm names the protected area in the browser's prompt. Default
	// "Restricted".
	Realm string
}

// Register protects opts.Paths of app. It must be called before
// app.Prepare.
func Register(app *framework.App, opts Options) error {
	only, err := paths.Compile("Paths", opts.Paths)
	if err != nil {
		return fmt.Errorf("basicauth: %w", err)
	}
	if len(opts.Users) == 0 && opts.Authorizer == nil {
		return fmt.Errorf("basicauth: no Users and no Authorizer: nobody could sign in")
	}
	if opts.Realm == "" {
		opts.Realm = "Restricted"
	}
	if strings.ContainsAny(opts.Realm, "\"\\\r\n") {
		return fmt.Errorf("basicauth: Realm %q: must not contain quotes, backslashes or line breaks", opts.Realm)
	}
	challenge := `Basic realm="` + opts.Realm + `", charset="UTF-8"`
	app.Use(fiberbasicauth.New(fiberbasicauth.Config{
		Next:       paths.Next(only, nil),
		Users:      opts.Users,
		Authorizer: opts.Authorizer,
		Unauthorized: func(c *fiber.Ctx) error {
			c.Set(fiber.HeaderWWWAuthenticate, challenge)
			return c.SendStatus(fiber.StatusUnauthorized)
		},
		ContextUsername: usernameKey{},
		ContextPassword: passwordKey{},
	}))
	return nil
}

// The request user values the middleware sets; keys of their own types
// so no other code's values collide with them.
type (
	usernameKey struct{}
	passwordKey struct{}
)

// Username returns the user name a request signed in with, "" when it
// went through no check (a path outside Paths).
func Username(ctx *fasthttp.RequestCtx) string {
	s, _ := ctx.UserValue(usernameKey{}).(string)
	return s
}
