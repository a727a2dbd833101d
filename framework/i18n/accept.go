package i18n

import (
	"bytes"
	"math"
	"strconv"

	"github.com/nextfiber/nextfiber/framework/internal/bytesconv"
)

// AcceptLanguage returns the locale an Accept-Language header prefers, or
// -1, negotiated exactly as Next.js 16 does (its accept-header.ts, after
// @hapi/accept):
//
//   - spaces and tabs anywhere are ignored, tags compare ignoring case;
//   - the highest q wins; "q=0" rules a tag out; a q outside 0.001..1 or not
//     a number counts as 1;
//   - among equal q-values a tag that names a locale comes first, in the
//     order of the configured locales, then header order;
//   - a tag selects a locale when it equals the locale ("fr-ca" for
//     "fr-CA") or one of its shorter prefixes ("fr" for "fr-CA"); there is no
//     fallback the other way: "fr-CA" does not select "fr";
//   - "*" selects the first locale (or prefix) that the header does not name;
//   - a malformed header (an empty tag, two parameters, a parameter other
//     than q, a q without value) selects nothing at all.
func (l *Locales) AcceptLanguage(header []byte) int {
	// Strip and lowercase into a buffer that stays on the stack for any
	// header of ordinary size.
	var arr [256]byte
	h := arr[:0]
	for _, c := range header {
		if c != ' ' && c != '\t' {
			h = append(h, lower(c))
		}
	}

	best := selection{locale: -1}
	starQ := 0.0 // the highest q of a "*", 0 when there is none
	for rest := h; len(rest) > 0; {
		var part []byte
		part, rest = cut(rest, ',')
		if len(part) == 0 {
			continue
		}
		tag, param := cut(part, ';')
		if len(tag) == 0 || bytes.IndexByte(param, ';') >= 0 {
			return -1
		}
		q := 1.0
		if len(tag) < len(part) {
			key, value := cut(param, '=')
			value, _ = cut(value, '=')
			if len(value) == 0 || string(key) != "q" {
				return -1
			}
			score, ok := parseFloatPrefix(value)
			if ok && score == 0 {
				continue
			}
			if ok && score >= 0.001 && score <= 1 {
				q = score
			}
		}
		if string(tag) == "*" {
			starQ = max(starQ, q)
			continue
		}
		for _, p := range l.prefs {
			if p.key == string(tag) {
				if s := (selection{q: q, rank: p.pos, locale: p.locale}); best.locale < 0 || s.before(best) {
					best = s
				}
				break
			}
		}
	}
	// "*" has no rank of its own, so it comes before a named locale only
	// with a higher q; when the header names every key it selects nothing
	// and the named locale stands.
	if starQ > 0 && (best.locale < 0 || starQ > best.q) {
		for _, p := range l.prefs {
			if !hasTag(h, p.key) {
				return p.locale
			}
		}
	}
	return best.locale
}

// selection is a header tag that names a locale. Header order needs no
// field: a later tag replaces the best only when strictly before it.
type selection struct {
	q      float64
	rank   int
	locale int
}

func (s selection) before(o selection) bool {
	if s.q != o.q {
		return s.q > o.q
	}
	return s.rank < o.rank
}

// hasTag reports whether the stripped, lowercased header h has a tag
// equal to key, whatever its q.
func hasTag(h []byte, key string) bool {
	for len(h) > 0 {
		var part []byte
		part, h = cut(h, ',')
		if tag, _ := cut(part, ';'); string(tag) == key {
			return true
		}
	}
	return false
}

// cut splits b around the first sep; after is nil when there is none.
func cut(b []byte, sep byte) (before, after []byte) {
	if i := bytes.IndexByte(b, sep); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// parseFloatPrefix parses the longest prefix of b that is a decimal number,
// as JavaScript's parseFloat does ("0.5x" is 0.5); ok is false when there
// is none (parseFloat's NaN).
func parseFloatPrefix(b []byte) (f float64, ok bool) {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(b) && isDigit(b[i]); i++ {
		digits++
	}
	if i < len(b) && b[i] == '.' {
		j := i + 1
		frac := 0
		for ; j < len(b) && isDigit(b[j]); j++ {
			frac++
		}
		if digits+frac > 0 {
			i, digits = j, digits+frac
		}
	}
	if digits == 0 {
		return math.NaN(), false
	}
	if i < len(b) && b[i] == 'e' {
		j := i + 1
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if j < len(b) && isDigit(b[j]) {
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			i = j
		}
	}
	// Out of range gives ±Inf or 0 with an error, as parseFloat gives
	// Infinity or 0: the value is what counts.
	f, _ = strconv.ParseFloat(bytesconv.String(b[:i]), 64)
	return f, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
