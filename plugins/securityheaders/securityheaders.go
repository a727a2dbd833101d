// Package securityheaders adds the response headers that tell browsers to
// guard a page: X-Content-Type-Options, Referrer-Policy, X-Frame-Options
// and, when given, a Content-Security-Policy — what Next.js apps set in
// proxy.js (middleware). It registers a proxy func with a matcher, so it
// runs in the pipeline's proxy phase for the paths the matcher selects:
// by default pages, not API routes or public files.
//
// In main.go's register, before the app is prepared and before proxies
// that redirect or answer themselves (a proxy that ends the chain stops
// the ones after it):
//
//	if err := securityheaders.Register(app, securityheaders.Options{
//		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:",
//	}); err != nil {
//		return err
//	}
//
// The headers replace next.config.toml headers of the same name, which
// come earlier in the pipeline.
package securityheaders

import (
	"fmt"
	"strings"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

// Pages is the default matcher's source: every path except API routes
// (/api, /api/...), /_next/... and paths that end in a file extension,
// such as public files ("/robots.txt", "/images/logo.png").
const Pages = `/((?!api/|api$|_next/|.*\.[a-z0-9]+$).*)`

// Options configure the headers. The zero value sends
// X-Content-Type-Options: nosniff, Referrer-Policy:
// strict-origin-when-cross-origin and X-Frame-Options: SAMEORIGIN on
// pages.
type Options struct {
	// Matchers select the requests that get the headers, as for any proxy.
	// Default: {Source: Pages}.
	Matchers []proxy.Matcher
	// FrameOptions is X-Frame-Options: "DENY" (no framing at all) or
	// "SAMEORIGIN" (framing by this site's own pages). Default
	// "SAMEORIGIN".
	FrameOptions string
	// ReferrerPolicy is Referrer-Policy. Default
	// "strict-origin-when-cross-origin": the full URL within the site,
	// only the origin to other sites over HTTPS, nothing over HTTP.
	ReferrerPolicy string
	// ContentSecurityPolicy, when set, is sent as Content-Security-Policy
	// ("default-src 'self'", ...). Default: none.
	ContentSecurityPolicy string
	// ReportOnly sends ContentSecurityPolicy as
	// Content-Security-Policy-Report-Only: browsers report violations
	// and block nothing, to try a policy out.
	ReportOnly bool
}

// Register adds the headers proxy to app. It must be called before
// app.Prepare, which reports matcher errors.
func Register(app *framework.App, opts Options) error {
	if opts.FrameOptions == "" {
		opts.FrameOptions = "SAMEORIGIN"
	}
	if opts.ReferrerPolicy == "" {
		opts.ReferrerPolicy = "strict-origin-when-cross-origin"
	}
	if opts.Matchers == nil {
		opts.Matchers = []proxy.Matcher{{Source: Pages}}
	}
	frame := strings.ToUpper(opts.FrameOptions)
	if frame != "DENY" && frame != "SAMEORIGIN" {
		return fmt.Errorf("securityheaders: FrameOptions %q: must be DENY or SAMEORIGIN", opts.FrameOptions)
	}
	for name, v := range map[string]string{"ReferrerPolicy": opts.ReferrerPolicy, "ContentSecurityPolicy": opts.ContentSecurityPolicy} {
		if strings.ContainsAny(v, "\r\n") {
			return fmt.Errorf("securityheaders: %s %q: must be one line", name, v)
		}
	}
	csp := "Content-Security-Policy"
	if opts.ReportOnly {
		csp = "Content-Security-Policy-Report-Only"
	}
	app.Proxy(func(_ *proxy.Request, res *proxy.Response) {
		res.Header.Set("X-Content-Type-Options", "nosniff")
		res.Header.Set("Referrer-Policy", opts.ReferrerPolicy)
		res.Header.Set("X-Frame-Options", frame)
		if opts.ContentSecurityPolicy != "" {
			res.Header.Set(csp, opts.ContentSecurityPolicy)
		}
	}, opts.Matchers...)
	return nil
}
