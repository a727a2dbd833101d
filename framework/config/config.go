// Package config loads next.config.toml: it decodes the file (Load), fills
// defaults and validates every rule (Validate), so that a bad config stops
// start-up with one error naming the file, the line, the rule and the
// problem. The keys are those of next.config.js, in camelCase.
//
// Lifecycle: config.Load (decode + validate, which compiles every rule's
// patterns with package match) -> framework builds the plan from the
// compiled rules -> the pipeline serves. Nothing here runs per request.
package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nextfiber/nextfiber/framework/match"
)

// FileName is the config file an app directory is read from.
const FileName = "next.config.toml"

// Config is a decoded, validated next.config.toml.
type Config struct {
	// File is the path the config was read from ("" when built in Go).
	File string `toml:"-"`

	// BasePath mounts the whole app under a path prefix such as "/docs".
	// It must start with "/" and not end with "/". Default "".
	BasePath string `toml:"basePath"`
	// TrailingSlash makes canonical URLs end in "/" (pages redirect to the
	// slashed form). Default false: "/about/" redirects to "/about".
	TrailingSlash bool `toml:"trailingSlash"`
	// UseFileSystemPublicRoutes maps pages/ to routes by file name.
	// Default true. When false, page and API routes are only reachable
	// through App.Render; public files, headers and redirects still apply.
	UseFileSystemPublicRoutes bool `toml:"useFileSystemPublicRoutes"`
	// SkipTrailingSlashRedirect turns off the add/remove trailing-slash redirect.
	SkipTrailingSlashRedirect bool `toml:"skipTrailingSlashRedirect"`
	// SkipProxyURLNormalize gives proxies the URL as received.
	// Written skipMiddlewareUrlNormalize or skipProxyUrlNormalize.
	SkipProxyURLNormalize bool `toml:"skipMiddlewareUrlNormalize"`
	// PageExtensions lists the file extensions (without dot) that are pages.
	// Default ["html", "md"].
	PageExtensions []string `toml:"pageExtensions"`
	// Compress compresses responses as Next.js's compress does, for
	// clients whose Accept-Encoding allows the coding (q=0 refuses it),
	// and only text types and formats that compress like them (JSON, XML,
	// SVG, JavaScript, wasm):
	//
	//   - Responses prepared ahead are kept in brotli and gzip, each
	//     variant only when smaller and with its own ETag, and sent brotli
	//     first: pages without per-request data (rendered at start-up, or
	//     at their first request for a dynamic page without a loader),
	//     pages with Revalidate or StaticPaths (compressed once per
	//     render), the 404 and 500 pages, and public files up to 1 MiB.
	//   - Responses made per request (pages with a loader, API handlers'
	//     answers, Dev's error page) are gzipped at the default level when
	//     the body is 1 KiB or more, the handler set no Content-Encoding
	//     and the body is not a stream; HEAD gets the gzipped length.
	//
	// Compressible responses carry Vary: Accept-Encoding (a prepared one
	// only when it has a variant, an ISR page always). Larger public files,
	// proxies' direct responses and external rewrites are sent as they
	// are. A public file's precompressed sibling (x.css.br, x.css.gz) is
	// sent to clients that accept it whatever Compress says. Default true.
	Compress bool `toml:"compress"`
	// I18n turns on locale-prefixed routing when set.
	I18n *I18n `toml:"i18n"`

	// Headers add response headers to matching requests; every matching
	// rule applies, a later rule overriding an earlier one's key.
	Headers []HeaderRule `toml:"headers"`
	// Redirects answer matching requests with a redirect; first match wins.
	Redirects []Redirect `toml:"redirects"`
	// Rewrites map matching paths to another path or an external URL.
	// A plain array in the file means AfterFiles.
	Rewrites Rewrites `toml:"rewrites"`

	pos positions // where each key starts in File, for Validate's errors
}

// I18n configures locale routing, as next.config.js's i18n.
type I18n struct {
	// Locales lists the supported locales, e.g. ["en", "fr"].
	Locales []string `toml:"locales"`
	// DefaultLocale is served without a prefix; it must be in Locales.
	DefaultLocale string `toml:"defaultLocale"`
	// LocaleDetection redirects "/" by Accept-Language and the NEXT_LOCALE
	// cookie. Default true.
	LocaleDetection bool `toml:"localeDetection"`
}

// Header is one response header a header rule sets. Value may use the
// rule's params (":slug").
type Header struct {
	Key   string `toml:"key"`
	Value string `toml:"value"`
}

// Rule is what headers, redirects and rewrites have in common.
type Rule struct {
	// Source is the path pattern the rule matches ("/blog/:slug").
	Source string `toml:"source"`
	// Has lists conditions that must all hold.
	Has []match.Condition `toml:"has"`
	// Missing lists conditions none of which may hold.
	Missing []match.Condition `toml:"missing"`
	// BasePath, when false, makes the rule ignore the app's basePath.
	BasePath *bool `toml:"basePath"`
	// Locale, when false, makes the rule ignore i18n locale prefixes.
	Locale *bool `toml:"locale"`

	// Line is the line of the file the rule starts on.
	Line int `toml:"-"`
	// Name is the rule's place in the config, e.g. "redirects[3]" or
	// "rewrites.beforeFiles[0]", for error messages and build output.
	Name string `toml:"-"`

	compiled *Compiled // set by Validate
}

// rule gives the decoder and Validate the Rule inside any kind of rule.
func (r *Rule) rule() *Rule { return r }

// HeaderRule adds headers to responses whose request matches Source.
type HeaderRule struct {
	Rule
	Headers []Header `toml:"headers"`
}

// Redirect answers a matching request with a redirect to Destination.
type Redirect struct {
	Rule
	Destination string `toml:"destination"`
	// Permanent selects 308 (true) or 307 (false).
	Permanent *bool `toml:"permanent"`
	// StatusCode overrides the status: 301, 302, 303, 307 or 308.
	StatusCode int `toml:"statusCode"`
}

// Status returns the redirect's HTTP status.
func (r *Redirect) Status() int {
	if r.StatusCode != 0 {
		return r.StatusCode
	}
	if r.Permanent != nil && *r.Permanent {
		return 308
	}
	return 307
}

// Rewrite serves Destination for a request matching Source, keeping the URL.
type Rewrite struct {
	Rule
	Destination string `toml:"destination"`
}

// Rewrites are the three rewrite phases of the pipeline.
type Rewrites struct {
	// BeforeFiles run before public files and pages and can shadow them.
	BeforeFiles []Rewrite `toml:"beforeFiles"`
	// AfterFiles run after public files and static pages, before dynamic routes.
	AfterFiles []Rewrite `toml:"afterFiles"`
	// Fallback run after dynamic routes, before the 404 page.
	Fallback []Rewrite `toml:"fallback"`
}

// Default returns the configuration of an app without next.config.toml.
// A file only changes the keys it sets.
func Default() *Config {
	return &Config{
		UseFileSystemPublicRoutes: true,
		PageExtensions:            []string{"html", "md"},
		Compress:                  true,
	}
}

// Load reads and validates dir/next.config.toml; a missing file gives
// Default(). Errors name the file as filepath.Join(dir, FileName).
func Load(dir string) (*Config, error) {
	name := filepath.Join(dir, FileName)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Parse decodes and validates a config file's bytes; name is used in errors.
// Every error is an *Error.
func Parse(name string, data []byte) (*Config, error) {
	c, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}
