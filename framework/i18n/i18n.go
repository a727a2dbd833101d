// Package i18n holds the locale rules of Next.js's i18n routing as
// Nextfiber applies them: which locale prefix a path starts with, and which
// locale a visitor of the root prefers, from the NEXT_LOCALE cookie and the
// Accept-Language header.
//
// In the pipeline (package framework) Split runs on every request of an app
// with i18n configured, to find or add the locale prefix the rules and
// routes are matched with; Detect runs only for the root path, to redirect
// it to the preferred locale. Both work on request bytes without
// allocating, and everything they need is built once by New.
package i18n

// Locales is a compiled i18n configuration. Locales are reported by index
// into the configured list; Name gives the configured spelling. It is
// immutable and safe for concurrent use.
type Locales struct {
	names []string // as configured
	lower []string // lowercased, for case-insensitive comparison
	def   int      // index of the default locale

	// prefs is the table Accept-Language is matched against, built as
	// Next.js builds it: every locale lowercased, each followed by its
	// shorter prefixes ("en-us" adds "en") unless they are there already. A
	// header tag must equal a key exactly: "fr-ca" does not find "fr", but
	// "fr" finds "fr-CA".
	prefs []pref
	rank  int // the next pref's pos
}

// pref is one Accept-Language key, the locale it selects and its rank
// among equal q-values (lower first).
type pref struct {
	key         string
	locale, pos int
}

// New compiles locales; defaultLocale must be one of them (package config
// validates that).
func New(locales []string, defaultLocale string) *Locales {
	l := &Locales{names: append([]string(nil), locales...)}
	for i, name := range locales {
		low := lowerString(name)
		l.lower = append(l.lower, low)
		if name == defaultLocale {
			l.def = i
		}
		l.addPref(low, i, true)
		for j := len(low) - 1; j > 0; j-- {
			if low[j] == '-' {
				l.addPref(low[:j], i, false)
			}
		}
	}
	return l
}

// addPref adds key to prefs with the next rank. A locale's own name
// replaces a prefix entry of an earlier locale in place (a JavaScript Map
// set: new value, old position); a prefix never replaces anything.
func (l *Locales) addPref(key string, locale int, replace bool) {
	for i := range l.prefs {
		if l.prefs[i].key == key {
			if replace {
				l.prefs[i].locale, l.prefs[i].pos = locale, l.rank
				l.rank++
			}
			return
		}
	}
	l.prefs = append(l.prefs, pref{key: key, locale: locale, pos: l.rank})
	l.rank++
}

// Len returns the number of locales.
func (l *Locales) Len() int { return len(l.names) }

// Name returns the configured spelling of locale i ("en-US").
func (l *Locales) Name(i int) string { return l.names[i] }

// Default returns the index of the default locale.
func (l *Locales) Default() int { return l.def }

// Index returns the locale named name, compared ignoring ASCII case, or -1.
func (l *Locales) Index(name []byte) int {
	for i, low := range l.lower {
		if equalFold(name, low) {
			return i
		}
	}
	return -1
}

// Split finds the locale that path's first segment names, ignoring case
// as Next.js does ("/FR/about" is French). It returns the locale and the
// length of the prefix ("/fr", 3), or -1 and 0 when the first segment is
// no locale.
func (l *Locales) Split(path []byte) (locale, n int) {
	if len(path) < 2 || path[0] != '/' {
		return -1, 0
	}
	end := len(path)
	for i := 1; i < len(path); i++ {
		if path[i] == '/' {
			end = i
			break
		}
	}
	if i := l.Index(path[1:end]); i >= 0 {
		return i, end
	}
	return -1, 0
}

// Detect picks the locale for a visit to the root, as Next.js does before
// it redirects "/" to the visitor's locale: the NEXT_LOCALE cookie when it
// names a locale, else the Accept-Language header's preference, else the
// default locale. cookie is the cookie's value (nil when not sent).
func (l *Locales) Detect(cookie, acceptLanguage []byte) int {
	if len(cookie) > 0 {
		if i := l.Index(cookie); i >= 0 {
			return i
		}
	}
	if i := l.AcceptLanguage(acceptLanguage); i >= 0 {
		return i
	}
	return l.def
}

func lowerString(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold reports whether b equals the lowercase s ignoring ASCII case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if lower(b[i]) != s[i] {
			return false
		}
	}
	return true
}
