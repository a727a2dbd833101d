package proxytest

import (
	"bytes"

	"github.com/nextfiber/nextfiber/framework/config"
	"github.com/nextfiber/nextfiber/framework/i18n"
	"github.com/nextfiber/nextfiber/framework/match"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

// App holds the settings of an app's next.config.toml that change what
// its proxies see: basePath, i18n locales, trailingSlash and
// skipProxyUrlNormalize. With an App, DoesProxyMatch and NewRequest take
// URLs as a browser sends them ("/app/fr/about/") and treat them as the
// server does:
//
//   - Matchers are applied after the basePath and the locale segment, for
//     every locale, the default one included when the URL has none: "/about"
//     selects "/app/about/" and "/app/fr/about/". A matcher with
//     Locale=false sees the locale segment, the default locale's when the
//     URL has none ("/en/about/" for "/app/about/"). URLs outside the
//     basePath are selected only by a proxy without matchers.
//   - The Request has Pathname "/about/", Locale "fr", BasePath "/app" and
//     URL "http://localhost/app/fr/about/".
//
// Pass URLs in the form the app serves them: a URL the server redirects
// first (the trailing-slash redirect, a config redirect) never reaches a
// proxy, whatever the matchers say.
//
// The zero App is an app with none of these settings, which is what the
// package-level DoesProxyMatch and NewRequest use.
type App struct {
	base    string
	locales *i18n.Locales // nil without i18n
	// addSlash: a root the default locale is added to keeps its slash
	// ("/app/" is resolved as "/app/en/"), as with trailingSlash.
	addSlash bool
	// received: proxies get the URL as received (skipProxyUrlNormalize).
	received bool
}

// NewApp returns the App for cfg; nil means the default configuration.
func NewApp(cfg *config.Config) *App {
	a := &App{}
	if cfg == nil {
		return a
	}
	a.base = cfg.BasePath
	a.addSlash = cfg.TrailingSlash && !cfg.SkipProxyURLNormalize
	a.received = cfg.SkipProxyURLNormalize
	if cfg.I18n != nil && len(cfg.I18n.Locales) > 0 {
		a.locales = i18n.New(cfg.I18n.Locales, cfg.I18n.DefaultLocale)
	}
	return a
}

// LoadApp reads dir/next.config.toml as the app does at start-up and
// returns its App, or the config's error.
func LoadApp(dir string) (*App, error) {
	cfg, err := config.Load(dir)
	if err != nil {
		return nil, err
	}
	return NewApp(cfg), nil
}

// DoesProxyMatch reports whether a proxy registered with matchers would
// run for url in this app; see the package-level DoesProxyMatch.
func (a *App) DoesProxyMatch(matchers []proxy.Matcher, url string, headers, cookies map[string]string) bool {
	m, err := proxy.CompileMatchers(matchers)
	if err != nil {
		panic(err)
	}
	req := a.NewRequest("GET", url, headers, cookies)
	var ps match.Params
	return m.MatchViews(req.localized, req.unlocalized, (*view)(req), &ps)
}

// resolve fills r's proxy view of path (percent-encoded, no query) the
// way the framework's pipeline does for a request: the pathname after the
// basePath and the locale segment, the locale, what URL puts back, and
// the paths matchers see.
func (a *App) resolve(r *Request, path []byte) {
	rest := path
	if a.base != "" && hasPathPrefix(path, a.base) {
		rest = path[len(a.base):]
		r.prefixes.BasePath = a.base
	}
	internal := path
	if a.locales != nil {
		def := a.locales.Default()
		r.prefixes.DefaultLocale = a.locales.Name(def)
		if i, n := a.locales.Split(rest); i >= 0 {
			r.locale, rest = a.locales.Name(i), rest[n:]
		} else {
			r.locale = a.locales.Name(def)
			internal = a.internalPath(path)
		}
	}
	r.pathname = orSlash(rest)
	r.prefixes.TrailingSlash = internal[len(internal)-1] == '/'
	if a.received {
		r.prefixes.Received = path
	}
	r.localized, r.unlocalized = a.matcherViews(internal)
}

// internalPath returns the path the server resolves a request for path
// without locale prefix with: the default locale's prefix added after the
// basePath ("/app/about/" gives "/app/en/about/"). Paths under "/_next/"
// keep theirs.
func (a *App) internalPath(path []byte) []byte {
	hadBase := a.base == "" || hasPathPrefix(path, a.base)
	rest := path
	if a.base != "" && hadBase {
		rest = path[len(a.base):]
	}
	if bytes.HasPrefix(rest, []byte("/_next/")) {
		return path
	}
	var dst []byte
	if hadBase {
		dst = append(dst, a.base...)
	}
	dst = append(append(dst, '/'), a.locales.Name(a.locales.Default())...)
	if len(rest) > 1 {
		dst = append(dst, rest...)
	} else if len(rest) == 1 && a.addSlash {
		dst = append(dst, '/')
	}
	return dst
}

// matcherViews returns the paths matchers see in the internal path: after
// the basePath (compared ignoring case, as all patterns are) and the
// locale segment, and after the basePath only (Locale=false matchers);
// nil when the path lacks those prefixes.
func (a *App) matcherViews(internal []byte) (localized, unlocalized []byte) {
	rest := internal
	if a.base != "" {
		if !hasPathPrefixFold(internal, a.base) {
			return nil, nil
		}
		rest = internal[len(a.base):]
	}
	unlocalized = orSlash(rest)
	if a.locales == nil {
		return unlocalized, unlocalized
	}
	if i, n := a.locales.Split(rest); i >= 0 {
		localized = orSlash(rest[n:])
	}
	return localized, unlocalized
}

// hasPathPrefix reports whether path is prefix or starts with prefix and
// "/".
func hasPathPrefix(path []byte, prefix string) bool {
	return len(path) >= len(prefix) && string(path[:len(prefix)]) == prefix &&
		(len(path) == len(prefix) || path[len(prefix)] == '/')
}

// hasPathPrefixFold is hasPathPrefix ignoring ASCII case.
func hasPathPrefixFold(path []byte, prefix string) bool {
	return len(path) >= len(prefix) && bytes.EqualFold(path[:len(prefix)], []byte(prefix)) &&
		(len(path) == len(prefix) || path[len(prefix)] == '/')
}

func orSlash(path []byte) []byte {
	if len(path) == 0 {
		return []byte("/")
	}
	return path
}
