package routes

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
)

// node is one level of the route trie: one path segment. Children are kept
// per segment kind, so the match priority is written out once, in match,
// and the print order once, in collect.
//
// New inserts every page and API route, static ones included, because the
// conflict rules span both kinds (an index beside an optional catch-all);
// prune then drops what Dynamic can never return.
type node struct {
	static   map[string]*node // by segment name
	param    *node            // [x]
	catchAll *node            // [...x]
	optional *node            // [[...x]]

	seg   segment // how this node was reached from its parent
	route *Route  // the route that ends here, if any
	by    *Route  // the route that created this node, named in slug conflicts
}

// insert adds r, whose parsed route is segs, failing on the conflicts that
// only show between routes.
func (n *node) insert(r *Route, segs []segment) error {
	for _, s := range segs {
		c, err := n.child(r, s)
		if err != nil {
			return err
		}
		n = c
	}
	if n.optional != nil {
		return sameSpecificity(r, n.optional.route)
	}
	n.route = r
	return nil
}

// child returns n's child for s, creating it for r when it is new.
func (n *node) child(r *Route, s segment) (*node, error) {
	if s.kind == static {
		c := n.static[s.name]
		if c == nil {
			if n.static == nil {
				n.static = make(map[string]*node)
			}
			c = &node{seg: s, by: r}
			n.static[s.name] = c
		}
		return c, nil
	}

	var slot **node
	switch s.kind {
	case param:
		slot = &n.param
	case catchAll:
		// Next.js rejects a required and an optional catch-all side by
		// side: they would match the same paths but one.
		if n.optional != nil {
			return nil, catchAllPair(n.optional, r, s)
		}
		slot = &n.catchAll
	case optional:
		if n.catchAll != nil {
			return nil, catchAllPair(n.catchAll, r, s)
		}
		// "/shop/[[...all]]" matches "/shop", so "/shop" cannot be a
		// route of its own.
		if n.route != nil {
			return nil, sameSpecificity(n.route, r)
		}
		slot = &n.optional
	}
	if *slot == nil {
		*slot = &node{seg: s, by: r}
	} else if (*slot).seg.name != s.name {
		// One place in the path has one name, or a param's value would
		// depend on which file happened to match.
		return nil, fmt.Errorf("different slug names for the same dynamic path ('%s' !== '%s'): %s and %s",
			(*slot).seg.name, s.name, (*slot).by.source(), r.source())
	}
	return *slot, nil
}

func sameSpecificity(index, opt *Route) error {
	return fmt.Errorf("route %s has the same specificity as optional catch-all %s: %s and %s",
		index.Route, opt.Route, index.source(), opt.source())
}

func catchAllPair(old *node, r *Route, s segment) error {
	return fmt.Errorf("required and optional catch-all at the same level (%s and %s): %s and %s",
		old.seg, s, old.by.source(), r.source())
}

// prune drops static routes and the branches that hold nothing else, so
// Dynamic never walks into a branch that cannot match. It reports whether
// anything is left under n.
func (n *node) prune() bool {
	if n.route != nil && !n.route.Dynamic {
		n.route = nil
	}
	for name, c := range n.static {
		if !c.prune() {
			delete(n.static, name)
		}
	}
	// Everything under a param node is dynamic, so only static children
	// can come up empty.
	return n.route != nil || len(n.static) > 0 || n.param != nil || n.catchAll != nil || n.optional != nil
}

// collect appends the routes under n in match order, which is also the
// order of Next.js's sorted route list: n's own route, static children by
// name, then [x], [...x] and [[...x]].
func (n *node) collect(out []*Route) []*Route {
	if n.route != nil {
		out = append(out, n.route)
	}
	for _, name := range slices.Sorted(maps.Keys(n.static)) {
		out = n.static[name].collect(out)
	}
	for _, c := range []*node{n.param, n.catchAll, n.optional} {
		if c != nil {
			out = c.collect(out)
		}
	}
	return out
}

// match finds the first route under n for the rest of path. i is the index
// of the slash before the next segment, or len(path) when none is left.
// It backtracks: when a static child fails deeper down, the param children
// get their turn, as the next entry of Next.js's sorted list would.
func (n *node) match(path []byte, i int, m *Match) *Route {
	if i == len(path) {
		if n.route != nil {
			return n.route
		}
		if n.optional != nil {
			return n.optional.route // matched zero segments: no param to set
		}
		return nil
	}

	end := len(path)
	if j := bytes.IndexByte(path[i+1:], '/'); j >= 0 {
		end = i + 1 + j
	}
	if c := n.static[string(path[i+1:end])]; c != nil {
		if r := c.match(path, end, m); r != nil {
			return r
		}
	}
	if end == i+1 {
		return nil // an empty segment ("//", trailing slash) is no param value
	}
	if c := n.param; c != nil {
		saved := m.N
		m.set(c.seg.name, i+1, end)
		if r := c.match(path, end, m); r != nil {
			return r
		}
		m.N = saved
	}
	// A catch-all is last in its route, so it takes the rest of the path.
	for _, c := range [...]*node{n.catchAll, n.optional} {
		if c != nil && nonEmptySegments(path[i+1:]) {
			m.set(c.seg.name, i+1, len(path))
			return c.route
		}
	}
	return nil
}

// nonEmptySegments reports whether every slash-separated segment of rest
// is non-empty, so a catch-all never captures "a//b" or "a/".
func nonEmptySegments(rest []byte) bool {
	if len(rest) == 0 || rest[0] == '/' || rest[len(rest)-1] == '/' {
		return false
	}
	for k := 1; k < len(rest); k++ {
		if rest[k] == '/' && rest[k-1] == '/' {
			return false
		}
	}
	return true
}
