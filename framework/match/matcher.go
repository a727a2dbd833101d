package match

import (
	"bytes"
	"sync"
)

// The matcher is a small backtracking engine over a pattern's tokens. It
// tries the alternatives in the order the regexp path-to-regexp builds
// would ("(?:/([^/]+?))?" tries the param before skipping it, "*" tries
// more repetitions first, the default pattern tries short matches first),
// so captures come out as in Next.js.
//
// Backtracking can be polynomial in the path length for patterns with
// several variable parts ("/:a*/:b*/:c*/end" on a long path that fails).
// A work budget proportional to the path catches that; the match is then
// redone with a memo of the (token, position) states known to fail, which
// bounds the work by tokens × positions × candidates. Whether the rest of a
// pattern matches from a state does not depend on the captures made before
// it, which is what makes the memo sound. Work counts steps plus the bytes
// handed to regexps. Even with the memo, several custom patterns that can
// span segments ("/:a(.*)-:b(.*)-:c(.*)/z") cost a regexp run per
// candidate pair; a hard cap (slowCap) turns such a match into a no-match
// rather than let one request burn the CPU. JavaScript's regexp has the
// same blow-up there and no cap.

// matcher is the state of one Match call. It lives on the stack.
type matcher struct {
	toks []token
	path []byte
	ps   *Params

	budget    int  // work left; then the memo, or with the memo, giving up
	exhausted bool // the budget ran out
	memo      []uint64
	width     int // positions per state in memo: len(path)+1
}

// Work budgets, in steps and regexp bytes: the fast attempt, and the cap on
// the memoized one.
func fastBudget(pathLen int) int { return 64 + 16*pathLen }
func slowCap(pathLen int) int    { return 1<<20 + 32*pathLen }

// match is Pattern.Match.
func (p *Pattern) match(path []byte, ps *Params) bool {
	if p.quick != quickNone {
		return p.quickMatch(path, ps)
	}
	return p.matchEngine(path, ps)
}

// matchEngine is match by the backtracking engine alone.
func (p *Pattern) matchEngine(path []byte, ps *Params) bool {
	mark := ps.Len()
	// Set field by field: a composite literal is built in a temporary and
	// copied, and the copy's wide loads stall on the narrow stores just
	// made (store-forwarding), which cost more than the match itself on
	// short paths.
	var m matcher
	m.toks, m.path, m.ps, m.budget = p.tokens, path, ps, fastBudget(len(path))
	if m.match(0, 0) {
		return true
	}
	ps.Truncate(mark)
	if !m.exhausted {
		return false
	}
	return p.matchMemo(path, ps, mark)
}

// matchMemo redoes a match that ran out of budget, with the memo.
func (p *Pattern) matchMemo(path []byte, ps *Params, mark int) bool {
	buf := getMemo(2 * len(p.tokens) * (len(path) + 1))
	defer memoPool.Put(buf)
	var m matcher
	m.toks, m.path, m.ps, m.budget = p.tokens, path, ps, slowCap(len(path))
	m.memo, m.width = *buf, len(path)+1
	if m.match(0, 0) {
		return true
	}
	ps.Truncate(mark)
	return false
}

// quickShape names the pattern shapes that quickMatch handles: fixed
// text alone, or fixed text (or none) then one param that ends the
// pattern, with no suffix.
// They are most patterns in practice: "/blog/:slug", the match-all
// "/:path*" of header rules, the documented proxy matcher
// "/((?!api|_next/static|...).*)".
type quickShape uint8

const (
	quickNone     quickShape = iota
	quickLiteral             // "/about": fixed text only
	quickSegment             // "/blog/:slug": one default-pattern segment
	quickSegments            // "/docs/:path*", "/:path+": a run of them
	quickClass               // "/((?!api).*)", "/:id(\\d+)": a greedy byte-class pattern
)

// quickShape finds the pattern's quickShape.
func (p *Pattern) quickShape() quickShape {
	n := len(p.tokens)
	if n == 0 || n == 1 && p.tokens[0].kind == tokLiteral {
		return quickLiteral
	}
	if n > 2 || n == 2 && p.tokens[0].kind != tokLiteral {
		return quickNone
	}
	t := &p.tokens[n-1]
	if t.kind != tokParam || t.suffix != "" {
		return quickNone
	}
	switch {
	case t.segments:
		return quickSegments
	case t.modifier == 0 && t.wholeSegment:
		return quickSegment
	case t.modifier == 0 && t.param != nil && t.param.class != nil && !t.param.lazy:
		return quickClass
	}
	return quickNone
}

// quickMatch matches a pattern with a quickShape without the backtracking
// engine, with the engine's answer, captures included. Fixed text matches
// itself with an optional trailing "/". For a param the engine would try at
// most two ends, and only the first can work:
//
//   - quickSegment: the segment's end, which must be the path's end or the
//     "/" before it.
//   - quickSegments: the end of the run of non-empty segments, likewise;
//     shorter runs leave more than a trailing "/". Without the run, a "*"
//     param is absent and the rest of the path must be "" or "/".
//   - quickClass: the path's end (for a class that cannot match "/", the
//     segment's, which must again be the end or the "/" before it); one
//     byte less only differs by a trailing "/", which such a class either
//     matches or never reaches.
//
// checkQuick in the tests holds it to the engine.
func (p *Pattern) quickMatch(path []byte, ps *Params) bool {
	if p.quick == quickLiteral {
		lit := ""
		if len(p.tokens) == 1 {
			lit = p.tokens[0].literal
		}
		return hasPrefixFold(path, lit) && (len(path) == len(lit) || len(path) == len(lit)+1 && path[len(lit)] == '/')
	}
	pos := 0
	if len(p.tokens) == 2 {
		lit := p.tokens[0].literal
		if !hasPrefixFold(path, lit) {
			return false
		}
		pos = len(lit)
	}
	t := &p.tokens[len(p.tokens)-1]
	if !hasPrefixFold(path[pos:], t.prefix) {
		return p.quick == quickSegments && t.modifier == '*' && pos == len(path)
	}
	start := pos + len(t.prefix)
	// end is the param's end: the path's end, or one before a trailing "/".
	end := len(path)
	if end > start && path[end-1] == '/' {
		end--
	}
	switch p.quick {
	case quickSegment:
		if end == start || indexSlash(path[start:end]) >= 0 {
			return false
		}
	case quickSegments:
		if !segmentRun(path[start:end]) {
			// The param is absent: what follows pos must be "" or "/".
			return t.modifier == '*' && len(path)-pos <= 1
		}
	case quickClass:
		end = len(path)
		if t.param.noSlash {
			if i := indexSlash(path[start:]); i >= 0 {
				if start+i != len(path)-1 {
					return false
				}
				end = start + i
			}
		}
		pr := t.param
		for i := range pr.lookaheads {
			if !pr.lookaheads[i].allows(path[start:]) {
				return false
			}
		}
		if !pr.class.matches(path[start:end]) {
			return false
		}
	}
	ps.Add(t.name, path[start:end])
	return true
}

// segmentRun reports whether b is one or more non-empty segments joined
// by single slashes.
func segmentRun(b []byte) bool {
	if len(b) == 0 || b[0] == '/' || b[len(b)-1] == '/' {
		return false
	}
	for i := 1; i < len(b); i++ {
		if b[i] == '/' && b[i-1] == '/' {
			return false
		}
	}
	return true
}

// memoPool holds memo bitsets, so that even the slow path does not allocate
// once warm.
var memoPool = sync.Pool{New: func() any { return new([]uint64) }}

// getMemo returns a cleared bitset of at least bits bits.
func getMemo(bits int) *[]uint64 {
	buf := memoPool.Get().(*[]uint64)
	words := (bits + 63) / 64
	if cap(*buf) < words {
		*buf = make([]uint64, words)
	} else {
		*buf = (*buf)[:words]
		clear(*buf)
	}
	return buf
}

// match reports whether tokens ti... match path[pos:] up to the end (with
// one optional trailing "/").
func (m *matcher) match(ti, pos int) bool {
	for ; ti < len(m.toks) && m.toks[ti].kind == tokLiteral; ti++ {
		lit := m.toks[ti].literal
		if !hasPrefixFold(m.path[pos:], lit) {
			return false
		}
		pos += len(lit)
	}
	if ti == len(m.toks) {
		return pos == len(m.path) || pos == len(m.path)-1 && m.path[pos] == '/'
	}
	state := 2 * ti
	if m.failed(state, pos) || !m.spend(1) {
		return false
	}
	var ok bool
	if m.toks[ti].kind == tokGroup {
		ok = m.group(ti, pos)
	} else {
		ok = m.param(ti, pos)
	}
	if !ok {
		m.fail(state, pos)
	}
	return ok
}

// group matches a {group} without param: its text, optional or repeated.
func (m *matcher) group(ti, pos int) bool {
	t := &m.toks[ti]
	if t.modifier == '?' {
		if hasPrefixFold(m.path[pos:], t.literal) && m.match(ti+1, pos+len(t.literal)) {
			return true
		}
		return m.match(ti+1, pos)
	}
	// "(?:text)*" is greedy: take every copy there is, then give them back.
	n := 0
	for hasPrefixFold(m.path[pos+n*len(t.literal):], t.literal) {
		n++
	}
	least := 0
	if t.modifier == '+' {
		least = 1
	}
	for ; n >= least; n-- {
		if m.match(ti+1, pos+n*len(t.literal)) {
			return true
		}
	}
	return false
}

// param matches a param token at pos: "(?:prefix(P)suffix)" with its
// modifier, where a repeated P is "P(?:suffix prefix P)*".
func (m *matcher) param(ti, pos int) bool {
	t := &m.toks[ti]
	start, prefixed := pos+len(t.prefix), hasPrefixFold(m.path[pos:], t.prefix)
	if t.modifier == 0 || t.modifier == '?' {
		if prefixed && m.once(ti, start) {
			return true
		}
		return t.modifier == '?' && m.match(ti+1, pos)
	}
	if prefixed {
		if t.segments && m.memo == nil {
			if m.segments(ti, start) {
				return true
			}
		} else if m.repeat(ti, start, start, true) {
			return true
		}
	}
	switch {
	case t.modifier == '+':
		return false
	case t.prefix == "" && t.suffix == "":
		// "((?:P)*)" matched zero times: the param is there, and empty.
		return m.capture(ti, pos, pos, pos)
	default:
		return m.match(ti+1, pos)
	}
}

// once tries every end of a single P starting at start.
func (m *matcher) once(ti, start int) bool {
	t := &m.toks[ti]
	if t.param != nil && !m.lookaheadsAllow(t, start) {
		return false
	}
	lo, hi := m.ends(t, start)
	if t.tail >= 0 {
		// Only fixed text follows: at most two ends can work.
		lo = max(lo, len(m.path)-t.tail-1)
		hi = min(hi, len(m.path)-t.tail)
	}
	for i := 0; i <= hi-lo && m.spend(1); i++ {
		e := m.nth(t, lo, hi, i)
		if m.canLeave(t, e) && m.accepts(t, start, e) && m.capture(ti, start, e, e+len(t.suffix)) {
			return true
		}
	}
	return false
}

// repeat tries every end of one repetition of P starting at cur, in a
// repeated param whose capture starts at start. first is set for the first
// repetition, which may match empty under "+" or when the param has a
// prefix or suffix ("(?:/(P(?:/P)*))"), but not otherwise: like JavaScript,
// a quantified group may not repeat an empty match.
func (m *matcher) repeat(ti, start, cur int, first bool) bool {
	t := &m.toks[ti]
	if t.param != nil && !m.lookaheadsAllow(t, cur) {
		return false
	}
	emptyOK := t.sep != "" || first && t.modifier == '+'
	lo, hi := m.ends(t, cur)
	for i := 0; i <= hi-lo && m.spend(1); i++ {
		e := m.nth(t, lo, hi, i)
		if e == cur && !emptyOK {
			continue
		}
		again := hasPrefixFold(m.path[e:], t.sep)
		leave := m.canLeave(t, e)
		if !again && !leave || !m.accepts(t, cur, e) {
			continue
		}
		if again && m.repeatAgain(ti, start, e+len(t.sep)) {
			return true
		}
		if leave && m.capture(ti, start, e, e+len(t.suffix)) {
			return true
		}
	}
	return false
}

// segments is repeat for a token with segments set ("/:path*"): P is the
// default pattern and only ever ends where its segment does, so the
// repetitions from start are the run of non-empty segments there, and the
// ends repeat would leave at are the ends of those segments, deepest first
// (a repetition tries to repeat again before it leaves). One scan finds
// the run; the ends are then tried from the last one back. The work is
// spent per segment as repeat would, so a pattern that makes it run out
// takes the memoized path, which uses repeat and its memo.
func (m *matcher) segments(ti, start int) bool {
	t := &m.toks[ti]
	last := -1 // end of the run's last segment
	for cur := start; m.spend(1); {
		end := len(m.path)
		if i := indexSlash(m.path[cur:]); i >= 0 {
			end = cur + i
		}
		if end == cur {
			break // an empty segment: [^/]+? cannot match it
		}
		last = end
		if end == len(m.path) {
			break
		}
		cur = end + 1
	}
	// With only fixed text after the token, no end before the one that
	// leaves tail bytes (or tail+1, before a trailing "/") can work.
	least := start + 1
	if t.tail >= 0 {
		least = max(least, len(m.path)-t.tail-1)
	}
	for e := last; e >= least; {
		if !m.spend(1) {
			return false
		}
		if m.canLeave(t, e) && m.capture(ti, start, e, e) {
			return true
		}
		i := bytes.LastIndexByte(m.path[start:e], '/')
		if i < 0 {
			break
		}
		e = start + i
	}
	return false
}

// repeatAgain is repeat for the second and later repetitions, with the
// memo: whether they can succeed from cur does not depend on start.
func (m *matcher) repeatAgain(ti, start, cur int) bool {
	state := 2*ti + 1
	if m.failed(state, cur) || !m.spend(1) {
		return false
	}
	if m.repeat(ti, start, cur, false) {
		return true
	}
	m.fail(state, cur)
	return false
}

// capture records path[start:end] as the param of token ti and matches the
// rest of the pattern from next, undoing the capture if that fails.
func (m *matcher) capture(ti, start, end, next int) bool {
	mark := m.ps.Len()
	m.ps.Add(m.toks[ti].name, m.path[start:end])
	if m.match(ti+1, next) {
		return true
	}
	m.ps.Truncate(mark)
	return false
}

// ends returns the range of ends a match of t's P starting at start may
// have. The default pattern, [^/]+?, takes at least one byte and stays in
// the segment; so does a custom pattern that cannot match "/".
func (m *matcher) ends(t *token, start int) (lo, hi int) {
	lo, hi = start, len(m.path)
	if t.param == nil {
		lo++
	}
	if t.param == nil || t.param.noSlash {
		if i := indexSlash(m.path[start:]); i >= 0 {
			hi = start + i
		}
	}
	if t.wholeSegment {
		lo = max(lo, hi)
	}
	return lo, hi
}

// indexSlash is bytes.IndexByte(b, '/'), quicker on the short segments of
// paths: the assembly routine costs a call and setup that a segment of a
// dozen bytes does not repay.
func indexSlash(b []byte) int {
	const short = 16
	for i := 0; i < len(b) && i < short; i++ {
		if b[i] == '/' {
			return i
		}
	}
	if len(b) <= short {
		return -1
	}
	if i := bytes.IndexByte(b[short:], '/'); i >= 0 {
		return short + i
	}
	return -1
}

// nth returns the i-th end to try in [lo, hi]: shortest first for lazy
// patterns (the default one included), longest first for greedy ones.
func (m *matcher) nth(t *token, lo, hi, i int) int {
	if t.param == nil || t.param.lazy {
		return lo + i
	}
	return hi - i
}

// canLeave reports whether the rest of the pattern could follow a P that
// ends at e, judging only by fixed text.
func (m *matcher) canLeave(t *token, e int) bool {
	if !hasPrefixFold(m.path[e:], t.follow) {
		return false
	}
	if t.tail >= 0 {
		rest := len(m.path) - e - t.tail
		return rest == 0 || rest == 1 && m.path[len(m.path)-1] == '/'
	}
	return true
}

// accepts reports whether path[start:end] is a whole match of t's P. The
// default pattern needs no check: ends already keeps it in the segment.
func (m *matcher) accepts(t *token, start, end int) bool {
	pr := t.param
	switch {
	case pr == nil:
		return true
	case pr.class != nil:
		return m.spend(1+end-start) && pr.class.matches(m.path[start:end])
	}
	return m.spend(1+end-start) && pr.re.Match(m.path[start:end])
}

// lookaheadsAllow reports whether t's lookaheads let P start at pos.
func (m *matcher) lookaheadsAllow(t *token, pos int) bool {
	if t.param == nil {
		return true
	}
	for i := range t.param.lookaheads {
		if !m.spend(1+len(m.path)-pos) || !t.param.lookaheads[i].allows(m.path[pos:]) {
			return false
		}
	}
	return true
}

// spend counts work against the budget and reports whether matching may
// go on.
func (m *matcher) spend(work int) bool {
	m.budget -= work
	if m.budget < 0 {
		m.exhausted = true
	}
	return !m.exhausted
}

// failed reports whether the memo knows state fails at pos.
func (m *matcher) failed(state, pos int) bool {
	if m.memo == nil {
		return false
	}
	bit := state*m.width + pos
	return m.memo[bit/64]&(1<<(bit%64)) != 0
}

// fail records that state fails at pos, if a memo is kept. (A failure due
// to the budget running out may be false, but then the match is over.)
func (m *matcher) fail(state, pos int) {
	if m.memo == nil {
		return
	}
	bit := state*m.width + pos
	m.memo[bit/64] |= 1 << (bit % 64)
}
