package framework

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
)

// Pages with a revalidate period or static paths (see App.Revalidate and
// App.StaticPaths) are served from an isr.Cache per page, all sharing one
// in-memory isr.Store of isrBudget bytes. A page is cached per path and
// locale: its key is "<route ID> <locale index> <path>", all a render needs
// to rebuild the page with no request (see renderOffline). With compress
// on, each render is kept in brotli and gzip too (see cachedEntry), and
// requests choose among them as among a static page's variants.

// isrBudget is the bytes the ISR store holds; beyond, the least recently
// used pages are dropped and rendered again when next asked for.
const isrBudget = 64 << 20

// year is Next.js's default expireTime, in seconds: how long a CDN may
// serve a static page stale while it revalidates.
const year = 365 * 24 * 60 * 60

// cacheControl is a cached page's Cache-Control, as Next.js 16 sends it:
// fresh at CDNs for the revalidate period (in whole seconds, rounded up),
// then stale-while-revalidate for the rest of a year; without a period,
// fresh for a year.
func cacheControl(revalidate time.Duration) string {
	if revalidate <= 0 {
		return "s-maxage=" + strconv.Itoa(year)
	}
	n := int((revalidate + time.Second - 1) / time.Second)
	if n >= year {
		return "s-maxage=" + strconv.Itoa(n)
	}
	return fmt.Sprintf("s-maxage=%d, stale-while-revalidate=%d", n, year-n)
}

func appendISRKey(dst []byte, id, loc int, path []byte) []byte {
	dst = itoa(dst, id)
	dst = append(dst, ' ')
	dst = itoa(dst, loc)
	dst = append(dst, ' ')
	return append(dst, path...)
}

func parseISRKey(key string) (loc int, path string, ok bool) {
	_, rest, ok1 := strings.Cut(key, " ")
	l, path, ok2 := strings.Cut(rest, " ")
	loc, err := strconv.Atoi(l)
	return loc, path, ok1 && ok2 && err == nil
}

// serveCached answers with a cached page: fresh (HIT), stale while one
// background render replaces it (STALE), or rendered now (MISS).
func (a *App) serveCached(st *state, t *target) {
	st.key = appendISRKey(st.key[:0], t.route.ID, st.localeIdx, st.pagePath())
	e, status, err := t.isr.Get(st.key)
	if err != nil {
		a.loaderFailed(st, t, err)
		return
	}
	ctx := st.ctx
	h := &ctx.Response.Header
	h.SetCanonical(keyNextjsCache, bytesconv.Bytes(status.String()))
	h.SetCanonical(keyCacheControl, bytesconv.Bytes(t.cacheControl))
	body, etag := e.Body, e.ETag
	if st.plan.cfg.Compress {
		// Vary even when this render has no variant: the next one may.
		addVary(h, "Accept-Encoding")
		switch chooseCoding(st, e.Br != nil, e.Gzip != nil) {
		case brotli:
			body, etag = e.Br.Body, e.Br.ETag
		case gzipped:
			body, etag = e.Gzip.Body, e.Gzip.ETag
		}
	}
	setValidators(ctx, etag, "")
	if notModified(st, etag, zeroTime) {
		return
	}
	h.SetContentType(htmlType)
	ctx.Response.SetBodyRaw(body)
}

// revalidateFailed handles a failed background render of a cached page.
// A page the loader now says is gone or elsewhere is dropped, so the next
// request renders it and answers with the 404 page or the redirect, as
// Next.js does; any other error keeps the stale page and is logged.
func (a *App) revalidateFailed(t *target, key string, err error) {
	var rd *RedirectError
	if errors.Is(err, ErrNotFound) || errors.As(err, &rd) {
		t.isr.Remove([]byte(key))
		return
	}
	_, path, _ := parseISRKey(key)
	ev := a.log.Error().Str("route", t.route.Route).Str("path", path)
	if !a.opts.Quiet {
		ev = ev.Err(err)
	}
	ev.Msg("revalidating a page failed; serving the stale page")
}

// waitRenders waits for the background renders of cached pages.
func (p *plan) waitRenders() {
	for _, t := range p.targets {
		if t.isr != nil {
			t.isr.Wait()
		}
	}
}
