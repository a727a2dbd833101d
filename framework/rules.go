package framework

import (
	"strings"

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

// ruleIndex finds the rules of one phase that can match a path without
// scanning them all. Like Fiber's router, which buckets routes by their
// first bytes, it buckets rules by their first path segment when that
// segment is literal ("/blog/:slug" under "blog"); rules whose first
// segment holds a param ("/:path*") are candidates for every path. A
// lookup merges the path's bucket with the catch-all list in rule order,
// so first-match-wins and later-overrides semantics are kept. The buckets
// of all phases share one map (segmentIndex), looked up once per path.
//
// A bucket with many rules whose whole source is literal ("/blog/old-1",
// "/blog/old-2", ... as a migrated site has) keeps those in a map by path,
// so a request tries only the ones written for its path.
//
// With a basePath or i18n the segment is the first one after those
// prefixes ("/app/fr/blog/x" is under "blog"); the few rules that opt out
// of a prefix (`basePath = false`, `locale = false`) see another first
// segment, so they are candidates for every path.
type ruleIndex struct {
	phase rulePhase
	any   []int32
}

// rulePhase numbers the rule lists that segmentIndex holds buckets for.
type rulePhase int

const (
	phaseHeaders rulePhase = iota
	phaseRedirects
	phaseBeforeFiles
	phaseAfterFiles
	phaseFallback
	phaseCount
)

// segmentIndex maps a first segment to its bucket in each phase.
type segmentIndex map[string]*segmentRules

// segmentRules are the buckets of one first segment, by phase; nil where
// the phase has no rule under it.
type segmentRules [phaseCount]*ruleBucket

// ruleBucket holds the rules under one first segment, in rule order.
// byPath, when set, holds the literal ones by their text, lowercased and
// without trailing slashes; rules then holds the others.
type ruleBucket struct {
	rules  []int32
	byPath map[string][]int32
}

// minLiteralMap is the number of literal rules in a bucket from which
// they are looked up by path: below it, trying each costs less.
const minLiteralMap = 16

// add indexes the rules of phase (numbered by their place in rules) and
// returns the phase's index.
func (si segmentIndex) add(phase rulePhase, rules []*rule, all kind) ruleIndex {
	ix := ruleIndex{phase: phase}
	literals := map[string]int{}
	for i, r := range rules {
		seg := r.pattern.FirstSegment()
		if seg == "" || r.kind != all {
			ix.any = append(ix.any, int32(i))
			continue
		}
		sr := si[seg]
		if sr == nil {
			sr = &segmentRules{}
			si[seg] = sr
		}
		if sr[phase] == nil {
			sr[phase] = &ruleBucket{}
		}
		sr[phase].rules = append(sr[phase].rules, int32(i))
		if _, ok := r.pattern.Literal(); ok {
			literals[seg]++
		}
	}
	for seg, n := range literals {
		if n >= minLiteralMap {
			si[seg][phase].splitLiterals(rules)
		}
	}
	return ix
}

// splitLiterals moves b's literal rules into byPath.
func (b *ruleBucket) splitLiterals(rules []*rule) {
	b.byPath = map[string][]int32{}
	rest := b.rules[:0:0]
	for _, k := range b.rules {
		text, ok := rules[k].pattern.Literal()
		if !ok {
			rest = append(rest, k)
			continue
		}
		key := strings.TrimRight(text, "/")
		b.byPath[key] = append(b.byPath[key], k)
	}
	b.rules = rest
}

// cursor walks three ascending lists of rule numbers as one.
type cursor struct{ a, b, c []int32 }

// lookup returns a cursor over the rules that may match st's current path.
func (ix *ruleIndex) lookup(st *state) cursor {
	var b *ruleBucket
	if st.segRules != nil {
		b = st.segRules[ix.phase]
	}
	if b == nil {
		return cursor{b: ix.any}
	}
	if b.byPath == nil {
		return cursor{a: b.rules, b: ix.any}
	}
	return cursor{a: b.rules, b: ix.any, c: b.byPath[string(st.literalKey())]}
}

// next returns the next rule number in order, or false at the end.
func (c *cursor) next() (int32, bool) {
	l := &c.a
	if len(c.b) > 0 && (len(*l) == 0 || c.b[0] < (*l)[0]) {
		l = &c.b
	}
	if len(c.c) > 0 && (len(*l) == 0 || c.c[0] < (*l)[0]) {
		l = &c.c
	}
	if len(*l) == 0 {
		return 0, false
	}
	k := (*l)[0]
	*l = (*l)[1:]
	return k, true
}

// skipThrough drops every rule numbered k or lower.
func (c *cursor) skipThrough(k int32) {
	for _, l := range [...]*[]int32{&c.a, &c.b, &c.c} {
		for len(*l) > 0 && (*l)[0] <= k {
			*l = (*l)[1:]
		}
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
