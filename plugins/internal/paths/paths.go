// Package paths selects the requests a plugin's Fiber middleware applies
// to, by URL path prefix.
//
// Such middleware runs before the pipeline, on the request as received, so
// a prefix is matched against the request path as fasthttp normalizes it
// (percent-decoded, "." and ".." segments resolved, repeated slashes
// collapsed; the path of an absolute-form target), ignoring ASCII case.
// Every spelling the pipeline may serve as /admin ("/%61dmin",
// "/x/../admin", "//admin") is then under "/admin", and protecting
// "/admin" cannot be sidestepped by writing the path another way.
package paths

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// Prefixes is a compiled list of path prefixes. "/admin" covers /admin and
// everything under /admin/, not /administrator; "/" covers every path.
type Prefixes []string

// Compile checks and compiles prefixes; field names them in errors:
// `Paths[0] "admin": must start with "/"`.
func Compile(field string, prefixes []string) (Prefixes, error) {
	out := make(Prefixes, 0, len(prefixes))
	for i, p := range prefixes {
		if !strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("%s[%d] %q: must start with \"/\"", field, i, p)
		}
		// "/" becomes "", which covers everything.
		out = append(out, lowerASCII(strings.TrimRight(p, "/")))
	}
	return out, nil
}

// Contains reports whether path is one of the prefixes or under one.
func (ps Prefixes) Contains(path []byte) bool {
	for _, p := range ps {
		if hasPrefixFold(path, p) && (len(path) == len(p) || path[len(p)] == '/') {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether path starts with prefix (lowercase),
// ignoring ASCII case.
func hasPrefixFold(path []byte, prefix string) bool {
	if len(path) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := path[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Next returns the Next func of a Fiber middleware config (true: skip the
// middleware) that applies it to requests under only (all requests when
// only is empty) and not under except. It returns nil when the middleware
// applies to every request.
func Next(only, except Prefixes) func(c *fiber.Ctx) bool {
	if len(only) == 0 && len(except) == 0 {
		return nil
	}
	return func(c *fiber.Ctx) bool {
		// The request's own URI() would take "//admin" for a host when
		// the request has no Host header; parsed with one, the target is
		// a path, as the pipeline reads it.
		u := fasthttp.AcquireURI()
		defer fasthttp.ReleaseURI(u)
		if u.Parse(anyHost, c.Request().Header.RequestURI()) != nil {
			return false // not a path the pipeline serves: apply
		}
		path := u.Path()
		return (len(only) > 0 && !only.Contains(path)) || except.Contains(path)
	}
}

var anyHost = []byte("localhost")
