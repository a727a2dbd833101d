package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Validate checks every field and rule and fills rule names. It returns
// the first problem as an *Error.
//
// It works in two passes: first the settings and the shape of every rule
// (what is set, what is missing, which values are allowed), then each
// rule's source, has/missing and destination through package match, which
// finds their errors; each rule keeps what was compiled (Rule.Compiled)
// for the server to match with. Within a pass rules are checked in file
// order.
func (c *Config) Validate() error {
	rules := c.rules()
	if err := c.checkShape(rules); err != nil {
		return err
	}
	for _, r := range rules {
		if err := c.compile(r); err != nil {
			return err
		}
	}
	return nil
}

// checkShape is Validate's first pass: everything but package match.
func (c *Config) checkShape(rules []anyRule) error {
	for _, check := range []func() error{c.checkBasePath, c.checkPageExtensions, c.checkI18n} {
		if err := check(); err != nil {
			return err
		}
	}
	for _, r := range rules {
		if err := c.checkRule(r.rule()); err != nil {
			return err
		}
		if err := r.check(c); err != nil {
			return err
		}
	}
	return nil
}

// anyRule is a header rule, a redirect or a rewrite.
type anyRule interface {
	rule() *Rule
	// destination returns the rule's destination; header rules have none.
	destination() (string, bool)
	// check checks what is particular to the kind of rule.
	check(c *Config) error
}

var (
	_ anyRule = (*HeaderRule)(nil)
	_ anyRule = (*Redirect)(nil)
	_ anyRule = (*Rewrite)(nil)
)

// rules lists every rule in file order (kind order for rules built in Go),
// naming those that have no name yet.
func (c *Config) rules() []anyRule {
	var rules []anyRule
	add := func(r anyRule, name string) {
		if r.rule().Name == "" {
			r.rule().Name = name
		}
		rules = append(rules, r)
	}
	for i := range c.Headers {
		add(&c.Headers[i], index("headers", i))
	}
	for i := range c.Redirects {
		add(&c.Redirects[i], index("redirects", i))
	}
	phases := []struct {
		name  string
		rules []Rewrite
	}{
		{"rewrites.beforeFiles", c.Rewrites.BeforeFiles},
		{"rewrites.afterFiles", c.Rewrites.AfterFiles},
		{"rewrites.fallback", c.Rewrites.Fallback},
	}
	for _, p := range phases {
		for i := range p.rules {
			add(&p.rules[i], index(p.name, i))
		}
	}
	slices.SortStableFunc(rules, func(a, b anyRule) int {
		return cmp.Compare(a.rule().Line, b.rule().Line)
	})
	return rules
}

func (c *Config) checkBasePath() error {
	switch bp := c.BasePath; {
	case bp == "":
		return nil
	case bp == "/":
		return c.settingErr("basePath", "", `"/" is the root already; leave basePath unset`)
	case !strings.HasPrefix(bp, "/"):
		return c.settingErr("basePath", "", `%q: must start with "/"`, bp)
	case strings.HasSuffix(bp, "/"):
		return c.settingErr("basePath", "", `%q: must not end with "/"`, bp)
	}
	return nil
}

func (c *Config) checkPageExtensions() error {
	if len(c.PageExtensions) == 0 {
		return c.settingErr("pageExtensions", "", `must list at least one extension, e.g. ["html", "md"]`)
	}
	for i, ext := range c.PageExtensions {
		at := index("pageExtensions", i)
		switch {
		case ext == "":
			return c.settingErr("pageExtensions", at, `"" is not an extension`)
		case strings.ContainsAny(ext, "./"):
			return c.settingErr("pageExtensions", at, `%q: write extensions without a dot or slash, e.g. "html"`, ext)
		}
	}
	return nil
}

func (c *Config) checkI18n() error {
	i := c.I18n
	if i == nil {
		return nil
	}
	if len(i.Locales) == 0 {
		return c.settingErr("i18n", "i18n.locales", "locales: must list at least one locale")
	}
	for n, l := range i.Locales {
		at := index("i18n.locales", n)
		if l == "" {
			return c.settingErr("i18n", at, `locales: "" is not a locale`)
		}
		// Locale prefixes match case-insensitively, so "en-US" and "en-us" clash.
		if slices.ContainsFunc(i.Locales[:n], func(p string) bool { return strings.EqualFold(p, l) }) {
			return c.settingErr("i18n", at, "locales: %q is listed twice", l)
		}
	}
	switch {
	case i.DefaultLocale == "":
		return c.settingErr("i18n", "", "defaultLocale is required")
	case !slices.Contains(i.Locales, i.DefaultLocale):
		return c.settingErr("i18n", "i18n.defaultLocale", "defaultLocale %q: not in locales %q", i.DefaultLocale, i.Locales)
	}
	return nil
}

// checkRule checks what all kinds of rules have in common, short of
// compiling the source.
func (c *Config) checkRule(r *Rule) error {
	switch {
	case r.Source == "":
		return c.ruleErr(r, "", "source is required")
	case !strings.HasPrefix(r.Source, "/"):
		return c.ruleErr(r, "source", `source %q: must start with "/"`, r.Source)
	}
	if q := queryIndex(r.Source); q >= 0 {
		return c.ruleErr(r, "source", "source %q: cannot match a query string; %s", r.Source, queryHint(r.Source[q+1:]))
	}
	if r.BasePath != nil && *r.BasePath {
		return c.ruleErr(r, "basePath", "basePath = true: only false is allowed (to match outside the app's basePath)")
	}
	if r.Locale != nil && *r.Locale {
		return c.ruleErr(r, "locale", "locale = true: only false is allowed (to match without a locale prefix)")
	}
	if r.Locale != nil && c.I18n == nil {
		return c.ruleErr(r, "locale", "locale = false: needs i18n to be configured")
	}
	return nil
}

func (h *HeaderRule) destination() (string, bool) { return "", false }

func (h *HeaderRule) check(c *Config) error {
	if len(h.Headers) == 0 {
		return c.ruleErr(&h.Rule, "headers", "headers: must list at least one { key, value }")
	}
	for i, hd := range h.Headers {
		at := index("headers", i)
		switch {
		case hd.Key == "":
			return c.ruleErr(&h.Rule, at, "%s: key is empty", at)
		case !isToken(hd.Key):
			return c.ruleErr(&h.Rule, at, "%s: key %q: not a valid header name", at, hd.Key)
		case strings.ContainsAny(hd.Value, "\r\n"):
			return c.ruleErr(&h.Rule, at, "%s: value of %q: must not contain a line break", at, hd.Key)
		}
	}
	return nil
}

func (r *Redirect) destination() (string, bool) { return r.Destination, true }

func (r *Redirect) check(c *Config) error {
	if err := c.checkDestination(&r.Rule, r.Destination); err != nil {
		return err
	}
	switch {
	case r.Permanent == nil && r.StatusCode == 0:
		return c.ruleErr(&r.Rule, "", "set permanent = true/false or statusCode")
	case r.Permanent != nil && r.StatusCode != 0:
		return c.ruleErr(&r.Rule, "statusCode", "set permanent or statusCode, not both")
	case r.StatusCode != 0 && !slices.Contains([]int{301, 302, 303, 307, 308}, r.StatusCode):
		return c.ruleErr(&r.Rule, "statusCode", "statusCode %d: must be 301, 302, 303, 307 or 308", r.StatusCode)
	}
	return nil
}

func (r *Rewrite) destination() (string, bool) { return r.Destination, true }

func (r *Rewrite) check(c *Config) error {
	if err := c.checkDestination(&r.Rule, r.Destination); err != nil {
		return err
	}
	if r.BasePath != nil && !external(r.Destination) {
		// Outside basePath there is no app to rewrite to, only another server.
		return c.ruleErr(&r.Rule, "basePath", "basePath = false: needs an http:// or https:// destination")
	}
	return nil
}

func (c *Config) checkDestination(r *Rule, dest string) error {
	switch {
	case dest == "":
		return c.ruleErr(r, "", "destination is required")
	case !strings.HasPrefix(dest, "/") && !external(dest):
		return c.ruleErr(r, "destination", `destination %q: must start with "/", "http://" or "https://"`, dest)
	}
	return nil
}

// conditionErr attributes an error of match.CompileConditions to its entry:
// match starts the message with it ("has[0]: ..."), Error.Rule takes it
// over ("redirects[6].has[0]").
func (c *Config) conditionErr(r *Rule, err error) error {
	entry, msg, ok := strings.Cut(err.Error(), ": ")
	if !ok || !isEntry(entry, "has") && !isEntry(entry, "missing") {
		return c.ruleErr(r, "", "%w", err)
	}
	name := r.Name + "." + entry
	line := c.pos.line(name)
	if line == 0 {
		line = r.Line
	}
	return &Error{File: c.file(), Line: line, Rule: name, Err: &reworded{msg, err}}
}

// isEntry reports whether s is list[n].
func isEntry(s, list string) bool {
	n, ok := strings.CutPrefix(s, list+"[")
	n, ok2 := strings.CutSuffix(n, "]")
	return ok && ok2 && n != "" && strings.Trim(n, "0123456789") == ""
}

// ruleErr reports a problem with field of rule r ("source", "headers[1]",
// or "" for the rule as a whole), on the field's line when it is known.
func (c *Config) ruleErr(r *Rule, field, format string, args ...any) *Error {
	line := 0
	if field != "" {
		line = c.pos.line(r.Name + "." + field)
	}
	if line == 0 {
		line = r.Line
	}
	return &Error{File: c.file(), Line: line, Rule: r.Name, Err: fmt.Errorf(format, args...)}
}

// settingErr reports a problem with a top-level setting, on the line of
// path (e.g. "i18n.defaultLocale") when that is known.
func (c *Config) settingErr(setting, path, format string, args ...any) *Error {
	line := c.pos.line(path)
	if line == 0 {
		line = c.pos.line(setting)
	}
	return &Error{File: c.file(), Line: line, Rule: setting, Err: fmt.Errorf(format, args...)}
}

// file is the name errors give for the config.
func (c *Config) file() string {
	if c.File == "" {
		return FileName
	}
	return c.File
}

// external reports whether dest is an absolute http(s) URL.
func external(dest string) bool {
	return strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "https://")
}

// queryIndex returns the index of a "?" that starts a query string in a
// source pattern, or -1. Not every "?" does: after a param name, ")" or
// "}" it makes that part optional ("/:slug?"), and inside a param's regex
// it is regex syntax ("(?!api)").
func queryIndex(source string) int {
	depth := 0          // inside (...) when > 0
	inName := false     // after ":" reading a param name
	modifiable := false // a "?" here would be a modifier
	for i := 0; i < len(source); i++ {
		c := source[i]
		if c == '\\' {
			i++
			modifiable = false
			continue
		}
		if depth > 0 {
			switch c {
			case '(':
				depth++
			case ')':
				depth--
				modifiable = depth == 0
			}
			continue
		}
		switch {
		case c == '(':
			depth++
		case c == ':':
			inName, modifiable = true, false
		case inName && isNameChar(c):
			modifiable = true
		case c == '}':
			inName, modifiable = false, true
		case c == '?' && !modifiable:
			return i
		default:
			inName, modifiable = false, false
		}
	}
	return -1
}

// queryHint says how to match the query string that follows a source's "?".
func queryHint(query string) string {
	key, _, _ := strings.Cut(query, "=")
	key, _, _ = strings.Cut(key, "&")
	if key == "" {
		return `use has = [{ type = "query", key = "..." }]`
	}
	return fmt.Sprintf(`use has = [{ type = "query", key = %q }]`, key)
}

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isToken reports whether s is a valid HTTP header name (RFC 9110 token).
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isNameChar(c) && !strings.ContainsRune("!#$%&'*+-.^`|~", rune(c)) {
			return false
		}
	}
	return s != ""
}
