package framework

import (
	"github.com/nextfiber/nextfiber/framework/match"
)

// rule is a compiled next.config.toml rule: where it is, what path it
// matches and under which conditions.
type rule struct {
	name    string // "redirects[3]"
	line    int
	pattern *match.Pattern
	cond    *match.Conditions
	// kind says which prefixes (basePath, locale) the path must have before
	// the source; see prefix.go.
	kind kind
	// rootSlash is set for the source "/" under a locale with
	// trailingSlash: Next.js matches it as "/:locale/", which "/app/fr"
	// (without slash) does not match.
	rootSlash bool
}

// matches reports whether r applies to the current path; its captures are
// appended to ps.
func (r *rule) matches(st *state, ps *match.Params) bool {
	path, ok := st.views.sub(st.path, r.kind)
	switch {
	case !ok:
		return false
	case len(path) == 0:
		if r.rootSlash {
			return false
		}
		path = slash
	}
	n := ps.Len()
	if !r.pattern.Match(path, ps) {
		return false
	}
	if r.cond != nil && !r.cond.Match(st, ps) {
		ps.Truncate(n)
		return false
	}
	return true
}

// ruleIndex finds the rules that can match a path without scanning them
// all. Like Fiber's router, which buckets routes by their first bytes, it
// buckets rules by their first path segment when that segment is literal
// ("/blog/:slug" under "blog"); rules whose first segment holds a param
// ("/:path*") are candidates for every path. A lookup merges the path's
// bucket with the catch-all list in rule order, so first-match-wins and
// later-overrides semantics are kept.
//
// With a basePath or i18n the segment is the first one after those
// prefixes ("/app/fr/blog/x" is under "blog"); the few rules that opt out
// of a prefix (`basePath = false`, `locale = false`) see another first
// segment, so they are candidates for every path.
type ruleIndex struct {
	bySegment map[string][]int32
	any       []int32
}

func newRuleIndex(rules []*rule, all kind) ruleIndex {
	ix := ruleIndex{bySegment: map[string][]int32{}}
	for i, r := range rules {
		if seg := r.pattern.FirstSegment(); seg != "" && r.kind == all {
			ix.bySegment[seg] = append(ix.bySegment[seg], int32(i))
		} else {
			ix.any = append(ix.any, int32(i))
		}
	}
	return ix
}

// cursor walks two ascending lists of rule numbers as one.
type cursor struct{ a, b []int32 }

// lookup returns a cursor over the rules that may match a path whose first
// segment, lowercased, is seg.
func (ix *ruleIndex) lookup(seg []byte) cursor {
	return cursor{a: ix.bySegment[string(seg)], b: ix.any}
}

// next returns the next rule number in order, or false at the end.
func (c *cursor) next() (int32, bool) {
	switch {
	case len(c.a) > 0 && (len(c.b) == 0 || c.a[0] < c.b[0]):
		k := c.a[0]
		c.a = c.a[1:]
		return k, true
	case len(c.b) > 0:
		k := c.b[0]
		c.b = c.b[1:]
		return k, true
	}
	return 0, false
}

// skipThrough drops every rule numbered k or lower.
func (c *cursor) skipThrough(k int32) {
	for len(c.a) > 0 && c.a[0] <= k {
		c.a = c.a[1:]
	}
	for len(c.b) > 0 && c.b[0] <= k {
		c.b = c.b[1:]
	}
}

// firstSegment appends the first segment of path, lowercased, to dst.
func firstSegment(dst, path []byte) []byte {
	dst = dst[:0]
	for i := 1; i < len(path) && path[i] != '/'; i++ {
		c := path[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
