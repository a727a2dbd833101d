package proxy

import (
	"fmt"
	"regexp"

	"github.com/nextfiber/nextfiber/framework/match"
)

// Matcher says which requests a proxy runs for (an entry of
// config.matcher in proxy.js). A proxy with no matchers runs for every
// request; with several it runs when any one matches.
type Matcher struct {
	// Source is the path pattern, path-to-regexp syntax:
	// "/about/:path*", "/((?!api|_next/static|.*\\.png$).*)".
	Source string
	// Regexp, when set, is a Go regular expression the path must also match.
	Regexp string
	// Locale, when false, matches Source against the path with its locale
	// prefix, as Next.js does. With i18n every path has one, the default
	// locale's when the URL has none: Source "/en/about" matches requests
	// for "/about" and "/en/about", "/:locale/about" any locale. By
	// default Source is matched after the locale prefix, for every locale.
	Locale *bool
	// Has lists conditions that must all hold.
	Has []match.Condition
	// Missing lists conditions none of which may hold.
	Missing []match.Condition
}

// Paths is shorthand for matchers that have only a Source:
// proxy.Paths("/about", "/blog/:slug").
func Paths(sources ...string) []Matcher {
	ms := make([]Matcher, len(sources))
	for i, s := range sources {
		ms[i].Source = s
	}
	return ms
}

// Matchers is a compiled matcher list.
type Matchers struct {
	list []compiledMatcher
}

type compiledMatcher struct {
	pattern *match.Pattern
	re      *regexp.Regexp
	cond    *match.Conditions
	locale  bool
}

// CompileMatchers validates and compiles ms. Errors name the entry:
// `matcher[0]: source "about": must start with "/"`.
func CompileMatchers(ms []Matcher) (*Matchers, error) {
	out := &Matchers{list: make([]compiledMatcher, 0, len(ms))}
	for i, m := range ms {
		if len(m.Source) == 0 || m.Source[0] != '/' {
			return nil, fmt.Errorf("matcher[%d]: source %q: must start with \"/\"", i, m.Source)
		}
		p, err := match.Compile(m.Source)
		if err != nil {
			return nil, fmt.Errorf("matcher[%d]: source %q: %w", i, m.Source, err)
		}
		c := compiledMatcher{pattern: p, locale: m.Locale == nil || *m.Locale}
		if m.Regexp != "" {
			if c.re, err = regexp.Compile(m.Regexp); err != nil {
				return nil, fmt.Errorf("matcher[%d]: regexp %q: %w", i, m.Regexp, err)
			}
		}
		if len(m.Has)+len(m.Missing) > 0 {
			if c.cond, err = match.CompileConditions(m.Has, m.Missing); err != nil {
				return nil, fmt.Errorf("matcher[%d]: %w", i, err)
			}
		}
		out.list = append(out.list, c)
	}
	return out, nil
}

// Match reports whether a request with the given path (raw, no query) and
// conditions view should run the proxy. ps is scratch space for captures.
func (m *Matchers) Match(path []byte, r match.Request, ps *match.Params) bool {
	return m.MatchViews(path, path, r, ps)
}

// MatchViews is Match for an app with a basePath or i18n, which matchers
// see after those prefixes: localized is the path after the basePath and
// the locale segment, unlocalized the path after the basePath only (for
// Locale=false matchers); nil when the path lacks the prefix, so matchers
// that need it do not match.
func (m *Matchers) MatchViews(localized, unlocalized []byte, r match.Request, ps *match.Params) bool {
	if m == nil || len(m.list) == 0 {
		return true
	}
	for i := range m.list {
		c := &m.list[i]
		path := localized
		if !c.locale {
			path = unlocalized
		}
		n := ps.Len()
		if path == nil || !c.pattern.Match(path, ps) {
			continue
		}
		if c.re != nil && !c.re.Match(path) {
			ps.Truncate(n)
			continue
		}
		if c.cond != nil && !c.cond.Match(r, ps) {
			ps.Truncate(n)
			continue
		}
		ps.Truncate(n)
		return true
	}
	return false
}
