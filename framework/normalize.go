package framework

import (
	"bytes"

	"github.com/nextfiber/nextfiber/framework/internal/cookie"
	"github.com/valyala/fasthttp"
)

// pathShape is what one scan of a raw request path finds.
type pathShape struct {
	// valid: every "%" starts a two-digit hex escape (Next.js answers 400
	// otherwise) and there is no NUL byte, raw or escaped.
	valid bool
	// dots: a "." or ".." segment, plain or percent-encoded ("%2e"),
	// which the URL parser resolves.
	dots bool
	// slashes: a run of two or more "/".
	slashes bool
}

// scanPath reads a raw request path once for what normalize must know.
func scanPath(p []byte) pathShape {
	var s pathShape
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case 0:
			return s
		case '%':
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return s
			}
			if p[i+1] == '0' && p[i+2] == '0' {
				return s
			}
			i += 2
		case '/':
			if i+1 < len(p) {
				switch p[i+1] {
				case '/':
					s.slashes = true
				case '.', '%':
					s.dots = s.dots || dotSegmentAt(p, i+1)
				}
			}
		}
	}
	s.valid = true
	return s
}

// onlyNeededEscapes reports whether every escape in p stands for a byte
// a URL path must escape: not a letter, digit, "-", ".", "_", "~" or "/".
func onlyNeededEscapes(p []byte) bool {
	for i := 0; i+2 < len(p); i++ {
		if p[i] != '%' {
			continue
		}
		c := unhex(p[i+1])<<4 | unhex(p[i+2])
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return false
		}
		i += 2
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// unescapePath appends the percent-decoded p to dst; ok is false on a
// malformed escape.
func unescapePath(dst, p []byte) ([]byte, bool) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' {
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return dst, false
			}
			c = unhex(p[i+1])<<4 | unhex(p[i+2])
			i += 2
		}
		dst = append(dst, c)
	}
	return dst, true
}

// dotSegmentAt reports whether the segment of p starting at i is "." or
// "..", plain or percent-encoded.
func dotSegmentAt(p []byte, i int) bool {
	seg := p[i:]
	if j := bytes.IndexByte(seg, '/'); j >= 0 {
		seg = seg[:j]
	}
	return isDot(seg) || isDotDot(seg)
}

func isDot(s []byte) bool {
	return string(s) == "." || len(s) == 3 && s[0] == '%' && s[1] == '2' && s[2]|0x20 == 'e'
}

func isDotDot(s []byte) bool {
	switch len(s) {
	case 2:
		return string(s) == ".."
	case 4:
		return isDot(s[:1]) && isDot(s[1:]) || isDot(s[:3]) && isDot(s[3:])
	case 6:
		return isDot(s[:3]) && isDot(s[3:])
	}
	return false
}

// resolveDots appends p to dst with "." and ".." segments resolved as the
// WHATWG URL parser does: "/a/./b/../c" is "/a/c"; ".." never climbs above
// the root; a trailing dot segment leaves a trailing slash.
func resolveDots(dst, p []byte) []byte {
	dst = append(dst, '/')
	for i := 1; i <= len(p); {
		j := bytes.IndexByte(p[i:], '/')
		end := len(p)
		if j >= 0 {
			end = i + j
		}
		seg := p[i:end]
		last := end == len(p)
		switch {
		case isDot(seg):
			// drop it
		case isDotDot(seg):
			// remove the previous segment
			if len(dst) > 1 {
				k := bytes.LastIndexByte(dst[:len(dst)-1], '/')
				dst = dst[:k+1]
			}
		default:
			dst = append(dst, seg...)
			if !last {
				dst = append(dst, '/')
			}
		}
		i = end + 1
	}
	return dst
}

// collapseSlashes appends p with every run of "/" reduced to one.
func collapseSlashes(dst, p []byte) []byte {
	for i, c := range p {
		if c == '/' && i > 0 && p[i-1] == '/' {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// setRequestPath sets the path the pipeline resolves for the request path
// (normalized): the internal path with the default locale added when the
// request has none, its locale, and the pathname proxies see.
func (st *state) setRequestPath(path []byte) {
	px := &st.plan.prefix
	st.proxyPath = path
	if px.all == bare {
		st.setPath(path)
		return
	}
	if px.base != "" && hasPathPrefix(path, px.base) {
		st.proxyPath = path[len(px.base):]
	}
	if px.locales != nil {
		if i, n := px.locales.Split(st.proxyPath); i >= 0 {
			st.proxyPath = st.proxyPath[n:]
			st.explicitLocale = true
		}
	}
	if len(st.proxyPath) == 0 {
		st.proxyPath = slash
	}
	st.ipath = px.internalPath(st.ipath[:0], path)
	if len(st.ipath) > 0 {
		path = st.ipath
	}
	st.setPath(path)
}

// redirectLocale answers a visit to the root ("/", "/index", under the
// basePath or not) with a 307 to the visitor's locale, when the
// NEXT_LOCALE cookie or Accept-Language picks one other than the default
// (i18n.localeDetection). Next.js does it before anything else, so no
// config header comes with it. The query is kept.
func (a *App) redirectLocale(st *state, path []byte) bool {
	px := &st.plan.prefix
	p := path
	if px.base != "" && hasPathPrefix(p, px.base) {
		p = p[len(px.base):]
	}
	switch string(p) {
	case "", "/", "/index", "/index/":
	default:
		return false
	}
	h := &st.ctx.Request.Header
	c, _ := cookie.Get(h, "NEXT_LOCALE")
	i := px.locales.Detect(c, peekCanonical(h, hdrAcceptLanguage))
	if i == px.locales.Default() {
		return false
	}
	st.loc = append(append(append(st.loc[:0], px.base...), '/'), px.locales.Name(i)...)
	if px.trailingSlash {
		st.loc = append(st.loc, '/')
	}
	st.loc = appendQuery(st.loc, st.query)
	res := &st.ctx.Response.Header
	res.SetStatusCode(fasthttp.StatusTemporaryRedirect)
	res.SetCanonical(keyLocation, st.loc)
	return true
}

// redirectTrailingSlash answers with Next.js's trailing-slash redirects
// (308, not with skipTrailingSlashRedirect). Unlike config rules they
// apply outside the basePath too ("/about" of an app under "/app"), and
// they are decided on the path without the default locale's prefix (see
// prefixes.slashPath), in this order:
//
//   - trailingSlash: the bare basePath gets its slash ("/app" to "/app/");
//     a file path loses its slash ("/file.txt/" to "/file.txt"); any
//     other path without a dot in its last segment gets one ("/about" to
//     "/about/"). Paths starting with "/.well-known" are left alone (at
//     the root only: "/app/.well-known/x" is redirected).
//   - otherwise: "/app/" goes to "/app" and any "/path/" to "/path".
func (a *App) redirectTrailingSlash(st *state) bool {
	cfg := st.plan.cfg
	if cfg.SkipTrailingSlashRedirect {
		return false
	}
	px := &st.plan.prefix
	p := st.path
	if px.locales != nil {
		if st.cpath = px.slashPath(st.cpath[:0], p); len(st.cpath) > 0 {
			p = st.cpath
		}
	}
	loc := st.loc[:0]
	switch {
	case px.trailingSlash && px.base != "" && bytes.EqualFold(p, []byte(px.base)):
		loc = append(append(loc, px.base...), '/')
	case px.trailingSlash && isFileWithSlash(p) && len(peekCanonical(&st.ctx.Request.Header, hdrNextjsData)) == 0:
		loc = append(loc, p[:len(p)-1]...)
	case px.trailingSlash && isPageWithoutSlash(p):
		loc = append(append(loc, p...), '/')
	case px.trailingSlash:
		return false
	case px.base != "" && len(p) == len(px.base)+1 && hasPathPrefixFold(p, px.base) && p[len(p)-1] == '/':
		loc = append(loc, px.base...)
	case len(p) > 1 && p[len(p)-1] == '/':
		loc = append(loc, p[:len(p)-1]...)
	default:
		return false
	}
	st.loc = appendQuery(loc, st.query)
	st.permanentRedirect(st.loc)
	return true
}

// isFileWithSlash reports whether p is a file path with a trailing slash
// ("/a/file.txt/"): its last segment has a dot with word characters after
// it and something before it. It is Next.js's source
// "/:file((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/]+\.\w+)/".
func isFileWithSlash(p []byte) bool {
	if len(p) < 3 || p[len(p)-1] != '/' || wellKnown(p) {
		return false
	}
	seg := p[bytes.LastIndexByte(p[:len(p)-1], '/')+1 : len(p)-1]
	dot := bytes.LastIndexByte(seg, '.')
	if dot < 1 || dot == len(seg)-1 {
		return false
	}
	for _, c := range seg[dot+1:] {
		if !isWordByte(c) {
			return false
		}
	}
	return true
}

// isPageWithoutSlash reports whether p lacks a trailing slash and its last
// segment has no dot ("/about", not "/file.txt"): Next.js's source
// "/:notfile((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/\.]+)".
func isPageWithoutSlash(p []byte) bool {
	if len(p) < 2 || p[len(p)-1] == '/' || wellKnown(p) {
		return false
	}
	return bytes.IndexByte(p[bytes.LastIndexByte(p, '/')+1:], '.') < 0
}

// wellKnown reports whether p starts with "/.well-known", any case.
func wellKnown(p []byte) bool {
	const w = "/.well-known"
	return len(p) >= len(w) && bytes.EqualFold(p[:len(w)], []byte(w))
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
