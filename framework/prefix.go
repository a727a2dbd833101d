package framework

import (
	"bytes"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/i18n"
	"github.com/nextfiber/nextfiber/framework/match"
)

// This file holds what basePath and i18n add to every path, the way
// Next.js's router does it:
//
//   - The path the rules and routes see has a locale prefix: a request
//     without one is resolved as if it had the default locale's
//     ("/app/about" as "/app/en/about"). That is why a rule written without
//     prefix applies to every locale, and why a `locale = false` rule that
//     wants the unprefixed root writes "/en".
//   - A rule's source is matched after the basePath (unless the rule sets
//     `basePath = false`) and after the locale segment (unless `locale =
//     false`); its destination gets them back, and a redirect from the
//     default locale goes to the unprefixed path.
//   - Pages and public files are found after the basePath and the locale;
//     public files only without locale or under the default locale's.
//     Rules compare the basePath ignoring case, as all their patterns do;
//     routes compare it exactly.

// prefixes is the app's basePath and i18n configuration, compiled.
type prefixes struct {
	base    string        // basePath, "" when unset
	locales *i18n.Locales // nil without i18n
	detect  bool          // redirect the root to the visitor's locale
	// trailingSlash is config.TrailingSlash; addSlash is whether Next.js
	// restores a trailing slash the locale prefix took away (not with
	// skipProxyUrlNormalize).
	trailingSlash, addSlash bool
	// all is the kind of a rule that opts out of nothing: the prefixes the
	// app has.
	all kind
}

// kind says which prefixes come before a rule's or matcher's source in
// the path: the basePath, the locale segment, both or neither.
type kind uint8

const (
	bare       kind = 0
	withBase   kind = 1
	withLocale kind = 2
	kinds           = 4
)

func newPrefixes(cfg *config.Config) prefixes {
	px := prefixes{
		base:          cfg.BasePath,
		trailingSlash: cfg.TrailingSlash,
		addSlash:      cfg.TrailingSlash && !cfg.SkipProxyURLNormalize,
	}
	if px.base != "" {
		px.all |= withBase
	}
	if cfg.I18n != nil {
		px.locales = i18n.New(cfg.I18n.Locales, cfg.I18n.DefaultLocale)
		px.detect = cfg.I18n.LocaleDetection
		px.all |= withLocale
	}
	return px
}

// ruleKind is the kind of a rule: the app's prefixes, less those it sets
// to false.
func (px *prefixes) ruleKind(r *config.Rule) kind {
	k := px.all
	if r.BasePath != nil && !*r.BasePath {
		k &^= withBase
	}
	if r.Locale != nil && !*r.Locale {
		k &^= withLocale
	}
	return k
}

// localeCount is the number of locales pages are rendered in: 1 without
// i18n (locale "").
func (px *prefixes) localeCount() int {
	if px.locales == nil {
		return 1
	}
	return px.locales.Len()
}

// localeName returns the name of locale i, "" without i18n.
func (px *prefixes) localeName(i int) string {
	if px.locales == nil {
		return ""
	}
	return px.locales.Name(i)
}

// internalPath appends to dst the path Next.js resolves a request for
// path with: with i18n and no locale prefix in path, the default locale's
// is added after the basePath ("/app/about" gives "/app/en/about", "/app/"
// gives "/app/en/" with trailingSlash, else "/app/en"). It appends nothing
// when path is resolved as it is.
func (px *prefixes) internalPath(dst, path []byte) []byte {
	if px.locales == nil {
		return dst
	}
	hadBase := px.base == "" || hasPathPrefix(path, px.base)
	rest := path
	if px.base != "" && hadBase {
		rest = path[len(px.base):]
	}
	if i, _ := px.locales.Split(rest); i >= 0 || bytes.HasPrefix(rest, []byte("/_next/")) {
		return dst
	}
	if hadBase {
		dst = append(dst, px.base...)
	}
	dst = append(dst, '/')
	dst = append(dst, px.locales.Name(px.locales.Default())...)
	if len(rest) > 1 {
		dst = append(dst, rest...)
	} else if len(rest) == 1 && px.addSlash {
		dst = append(dst, '/')
	}
	return dst
}

// slashPath appends to dst the path Next.js matches its trailing-slash
// redirects against, given the internal path: the default locale's prefix
// is taken out again, so "/app/en/about" redirects to "/app/about/" while
// "/app/fr/about" goes to "/app/fr/about/".
func (px *prefixes) slashPath(dst, path []byte) []byte {
	if px.locales == nil {
		return path
	}
	hadSlash := path[len(path)-1] == '/'
	sub, hadBase := path, false
	if px.base != "" && hasPathPrefix(path, px.base) {
		sub, hadBase = path[len(px.base):], true
		if len(sub) == 0 {
			sub = slash
		}
	}
	i, n := px.locales.Split(sub)
	isDefault := i == px.locales.Default()
	switch {
	case isDefault:
		rest := sub[n:]
		if hadBase {
			dst = append(dst, px.base...)
		}
		if len(rest) > 1 || !hadBase {
			if len(rest) == 0 {
				rest = slash
			}
			dst = append(dst, rest...)
		}
	case hadBase:
		dst = append(dst, px.base...)
		if len(sub) > 1 {
			dst = append(dst, sub...)
		}
	default:
		return dst
	}
	if hadSlash && px.addSlash && dst[len(dst)-1] != '/' {
		dst = append(dst, '/')
	}
	return dst
}

var slash = []byte("/")

// hasPathPrefix reports whether path is prefix or starts with prefix and
// "/", as Next.js's pathHasPrefix (case-sensitive).
func hasPathPrefix(path []byte, prefix string) bool {
	return len(path) >= len(prefix) && string(path[:len(prefix)]) == prefix &&
		(len(path) == len(prefix) || path[len(prefix)] == '/')
}

// hasPathPrefixFold is hasPathPrefix ignoring ASCII case, as rule patterns
// compare.
func hasPathPrefixFold(path []byte, prefix string) bool {
	return len(path) >= len(prefix) && bytes.EqualFold(path[:len(prefix)], []byte(prefix)) &&
		(len(path) == len(prefix) || path[len(prefix)] == '/')
}

// views says, for the current path, where the source of a rule of each
// kind starts (-1: the path lacks the prefixes) and which locale segment
// a rule with a locale matched. It is computed once per path.
type views struct {
	from [kinds]int
	// seg[k] is the locale segment (without "/") for the locale kinds.
	seg   [kinds][]byte
	local [kinds]int // the locale seg names
}

// compute fills v for path.
func (v *views) compute(px *prefixes, path []byte) {
	baseEnd := 0
	if px.base != "" && !hasPathPrefixFold(path, px.base) {
		baseEnd = -1
	} else {
		baseEnd = len(px.base)
	}
	v.from[bare], v.from[withBase] = 0, baseEnd
	v.from[withLocale], v.from[withBase|withLocale] = -1, -1
	if px.locales == nil {
		return
	}
	for _, k := range [...]kind{withLocale, withBase | withLocale} {
		start := v.from[k&^withLocale]
		if start < 0 {
			continue
		}
		if i, n := px.locales.Split(path[start:]); i >= 0 {
			v.from[k] = start + n
			v.seg[k] = path[start+1 : start+n]
			v.local[k] = i
		}
	}
}

// sub returns the part of path a rule of kind k matches its source
// against, and false when path lacks k's prefixes. What is left after a
// prefix can be empty ("/app" for "/app/:path*").
func (v *views) sub(path []byte, k kind) ([]byte, bool) {
	i := v.from[k]
	if i < 0 {
		return nil, false
	}
	return path[i:], true
}

// matcherViews returns the paths proxy matchers see: after the basePath
// and the locale, and after the basePath only (for Locale=false
// matchers); nil when the path lacks those prefixes.
func (st *state) matcherViews() (localized, unlocalized []byte) {
	all := st.plan.prefix.all
	if b, ok := st.views.sub(st.path, all); ok {
		localized = orSlash(b)
	}
	if b, ok := st.views.sub(st.path, all&^withLocale); ok {
		unlocalized = orSlash(b)
	}
	return localized, unlocalized
}

// destination is a redirect's or rewrite's compiled destination with the
// prefixes Next.js writes before it: the basePath (for a rule that has
// it), then the locale segment the request matched (for a rule with a
// locale), except that a redirect leaves out the default locale.
type destination struct {
	*match.Destination
	base        string // "" or the basePath
	locale      kind   // the rule's kind when it has a locale, else 0
	dropDefault bool
	// root is set for the destination "/", which Next.js shortens to the
	// prefix ("/app", "/app/fr") unless trailingSlash keeps its slash.
	root          bool
	trailingSlash bool
}

func newDestination(px *prefixes, d *match.Destination, dest string, k kind, redirect bool) *destination {
	out := &destination{Destination: d, root: dest == "/", trailingSlash: px.trailingSlash}
	if d.External() {
		return out
	}
	if k&withBase != 0 {
		out.base = px.base
	}
	if k&withLocale != 0 {
		out.locale = k
		out.dropDefault = redirect
	}
	return out
}

// appendURL appends the destination for the current request to dst.
func (d *destination) appendURL(dst []byte, st *state, appendParams bool) []byte {
	ps, query := &st.ps, st.query
	if d.External() {
		return d.AppendURL(dst, ps, query, appendParams)
	}
	dst = append(dst, d.base...)
	trim := d.root && d.base != ""
	if d.locale != 0 {
		v := &st.views
		if d.dropDefault && v.local[d.locale] == st.plan.prefix.locales.Default() {
			// Next.js's extra rule for the default locale: the destination
			// with the basePath only, "/" included as is.
			trim = false
		} else {
			dst = append(dst, '/')
			dst = append(dst, v.seg[d.locale]...)
			trim = d.root && !d.trailingSlash
		}
	}
	n := len(dst)
	dst = d.AppendURL(dst, ps, query, appendParams)
	if trim && len(dst) > n && dst[n] == '/' {
		dst = append(dst[:n], dst[n+1:]...)
	}
	return dst
}

// forceLocale appends a proxy's same-origin rewrite target (path and
// query) to dst, with the default locale's prefix after the basePath when
// it has no locale prefix, as Next.js formats the rewrite URL
// ("/app/blog/x" gives "/app/en/blog/x"). API paths get none.
func (px *prefixes) forceLocale(dst, target []byte) []byte {
	if px.locales == nil {
		return append(dst, target...)
	}
	path, query := splitQuery(target)
	rest, hadBase := path, false
	if px.base != "" && hasPathPrefix(path, px.base) {
		rest, hadBase = orSlash(path[len(px.base):]), true
	}
	if i, _ := px.locales.Split(rest); i >= 0 || hasPathPrefixFold(rest, "/api") {
		return append(dst, target...)
	}
	if hadBase {
		dst = append(dst, px.base...)
	}
	dst = append(append(dst, '/'), px.locales.Name(px.locales.Default())...)
	switch {
	case len(rest) > 1:
		dst = append(dst, rest...)
	case string(path) == "/" && px.trailingSlash, len(path) > 1 && path[len(path)-1] == '/':
		// The root keeps the slash it was written with ("/app/"), or
		// trailingSlash's for "/".
		dst = append(dst, '/')
	}
	return appendQuery(dst, query)
}
