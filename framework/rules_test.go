package framework

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nextfiber/nextfiber/framework/match"
)

// TestRuleIndexCandidates checks that a lookup yields, in rule order,
// every rule that matches the path: the index may only skip rules that
// cannot match. The sources mix shapes so that buckets are built with and
// without a literal map.
func TestRuleIndexCandidates(t *testing.T) {
	sources := []string{"/:path*", "/about", "/blog/:slug", "/Blog/Old-0/"}
	for i := 1; i < 40; i++ {
		sources = append(sources, fmt.Sprintf("/blog/old-%d", i))
		if i%10 == 0 {
			sources = append(sources, "/blog/:slug/edit", "/(.*)")
		}
	}
	sources = append(sources, "/docs/a", "/docs/b", "/blog")
	var rules []*rule
	for _, s := range sources {
		rules = append(rules, &rule{pattern: match.MustCompile(s), kind: bare})
	}
	segments := segmentIndex{}
	segments.add(phaseHeaders, rules[:3], bare) // another phase's rules must not show up
	ix := segments.add(phaseRedirects, rules, bare)
	if b := segments["blog"][phaseRedirects]; b == nil || b.byPath == nil {
		t.Fatal(`bucket "blog" has no literal map`)
	}
	if b := segments["docs"][phaseRedirects]; b == nil || b.byPath != nil {
		t.Fatal(`bucket "docs" should list its two rules`)
	}

	paths := []string{"/", "/about", "/blog", "/blog/", "/BLOG/old-7", "/blog/old-7/", "/blog/old-0",
		"/blog/old-0//", "/blog/old-70", "/blog/x/edit", "/docs/a", "/docs/c", "/nope"}
	for _, path := range paths {
		var want []int32
		for k, r := range rules {
			var ps match.Params
			if r.pattern.Match([]byte(path), &ps) {
				want = append(want, int32(k))
			}
		}
		st := &state{}
		st.sub = []byte(path)
		st.seg = firstSegment(st.seg, st.sub)
		st.segRules = segments[string(st.seg)]
		cur := ix.lookup(st)
		var got []int32
		for k, ok := cur.next(); ok; k, ok = cur.next() {
			got = append(got, k)
		}
		if !slices.IsSorted(got) {
			t.Errorf("%s: candidates out of order: %v", path, got)
		}
		for _, k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("%s: rule %d (%s) matches but is not a candidate", path, k, sources[k])
			}
		}
		if len(got) > 12 {
			t.Errorf("%s: %d candidates: the literal rules were scanned", path, len(got))
		}
	}
}
