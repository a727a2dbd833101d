package match

import (
	"fmt"
	"net/textproto"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// Condition is one has/missing entry of a rule, as written in the config.
type Condition struct {
	// Type is "header", "cookie", "query" or "host".
	Type string
	// Key is the header, cookie or query name; unused for host.
	Key string
	// Value, when set, is a regex the whole value must match. Named groups
	// ((?<level>\d)) become params usable in the destination.
	Value string
}

// Request is what conditions read from a request. The framework's
// per-request state implements it; test code can use a fake.
// Returned slices are only read during the call.
type Request interface {
	// Header returns the value of header key and whether it is present.
	// key is in canonical form ("X-Skip-Proxy"), as net/http and fasthttp
	// store names, whatever case the rule wrote it in.
	Header(key string) ([]byte, bool)
	// Cookie returns the value of cookie name and whether it is present.
	Cookie(name string) ([]byte, bool)
	// Query returns the last value of query parameter name (decoded) and whether it is present.
	Query(name string) ([]byte, bool)
	// Host returns the request host without port, lowercased.
	Host() []byte
}

// Conditions is a compiled has/missing pair. It is immutable and safe for
// concurrent use.
type Conditions struct {
	has, missing []condition
	names        []string
}

// condType is where a condition reads its value.
type condType uint8

const (
	condHeader condType = iota
	condCookie
	condQuery
	condHost
)

// condition is one compiled has or missing entry.
type condition struct {
	typ   condType
	key   string
	param string         // without value: the param the value is captured as
	re    *regexp.Regexp // with value: "^"+value+"$"
	named bool           // re has named groups, which become params
	whole bool           // re can only match the whole value, so no search for the match is needed
}

// CompileConditions validates and compiles a rule's has and missing lists.
// Errors name the entry: `has[0]: unknown type "heder" (want header, cookie,
// query or host)`, `missing[1]: key is required for type "cookie"`,
// `has[0]: value "(": missing closing )`, `has[0]: host needs a value`.
func CompileConditions(has, missing []Condition) (*Conditions, error) {
	c := &Conditions{}
	var err error
	if c.has, err = compileList("has", has); err != nil {
		return nil, err
	}
	if c.missing, err = compileList("missing", missing); err != nil {
		return nil, err
	}
	for _, h := range c.has {
		switch {
		case h.re == nil:
			c.names = append(c.names, h.param)
		case h.named:
			for _, n := range h.re.SubexpNames() {
				if n != "" {
					c.names = append(c.names, n)
				}
			}
		case h.typ == condHost:
			c.names = append(c.names, "host")
		}
	}
	return c, nil
}

func compileList(list string, conds []Condition) ([]condition, error) {
	out := make([]condition, len(conds))
	for i, in := range conds {
		if err := out[i].compile(in); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", list, i, err)
		}
	}
	return out, nil
}

func (c *condition) compile(in Condition) error {
	switch in.Type {
	case "header":
		c.typ = condHeader
	case "cookie":
		c.typ = condCookie
	case "query":
		c.typ = condQuery
	case "host":
		c.typ = condHost
	default:
		return fmt.Errorf("unknown type %q (want header, cookie, query or host)", in.Type)
	}
	c.key = in.Key
	if c.typ == condHeader {
		c.key = textproto.CanonicalMIMEHeaderKey(in.Key)
	}
	if c.typ != condHost && in.Key == "" {
		return fmt.Errorf("key is required for type %q", in.Type)
	}
	if c.typ == condHost && in.Value == "" {
		return fmt.Errorf("host needs a value")
	}
	if in.Value == "" {
		// Next.js reads headers by their lowercased name and names the param
		// after that.
		key := in.Key
		if c.typ == condHeader {
			key = strings.ToLower(key)
		}
		c.param = safeParamName(key)
		return nil
	}
	// Written literally, as Next.js does: "a|b" gives "^a|b$".
	expr := "^" + in.Value + "$"
	if err := checkRegex(expr, lookaheadNever); err != nil {
		return fmt.Errorf("value %q: %w", in.Value, err)
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return fmt.Errorf("value %q: %w", in.Value, err)
	}
	c.re = re
	c.named = slices.ContainsFunc(re.SubexpNames(), func(n string) bool { return n != "" })
	tree, _ := syntax.Parse(expr, syntax.Perl)
	c.whole = anchoredBothEnds(tree)
	return nil
}

// safeParamName is Next.js's getSafeParamName: the key with every byte
// that is not an ASCII letter removed ("x-user-id" gives "xuserid").
func safeParamName(key string) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		if c := key[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// anchoredBothEnds reports whether re is a concatenation that starts with
// "^" and ends with "$", so that any match is the whole input.
func anchoredBothEnds(re *syntax.Regexp) bool {
	return re.Op == syntax.OpConcat && len(re.Sub) >= 2 &&
		re.Sub[0].Op == syntax.OpBeginText && re.Sub[len(re.Sub)-1].Op == syntax.OpEndText
}

// Empty reports whether there are no conditions at all (a nil *Conditions is empty).
func (c *Conditions) Empty() bool {
	return c == nil || len(c.has) == 0 && len(c.missing) == 0
}

// Names returns the param names the has list can provide to a destination:
// the named groups of value regexes, the key of a has entry without value
// (made safe as Next.js does: only ASCII letters kept, header keys
// lowercased), and "host" for a host entry whose value has no named group.
func (c *Conditions) Names() []string {
	if c == nil {
		return nil
	}
	return slices.Clone(c.names)
}

// Match reports whether every has entry holds and no missing entry does,
// exactly as Next.js's matchHas: a value regex is anchored as "^"+value+"$"
// (written literally, so "a|b" anchors each side), an empty value counts as
// absent, a missing entry without value counts the item present whatever its
// value. On success captures are appended to ps; on failure ps is left as it
// was. It allocates only when a value regex with named groups matches, or
// for a host value whose match is not necessarily the whole host.
func (c *Conditions) Match(r Request, ps *Params) bool {
	if c == nil {
		return true
	}
	mark := ps.Len()
	for i := range c.has {
		if !c.has[i].holds(r, ps) {
			ps.Truncate(mark)
			return false
		}
	}
	for i := range c.missing {
		if c.missing[i].holds(r, nil) {
			ps.Truncate(mark)
			return false
		}
	}
	return true
}

// holds reports whether the entry matches r, adding its captures to ps
// unless ps is nil.
func (c *condition) holds(r Request, ps *Params) bool {
	v, ok := c.value(r)
	if !ok || len(v) == 0 {
		return false
	}
	switch {
	case c.re == nil:
		if ps != nil {
			ps.Add(c.param, v)
		}
		return true
	case ps == nil || !c.named && c.typ != condHost:
		return c.re.Match(v)
	case c.named:
		loc := c.re.FindSubmatchIndex(v)
		if loc == nil {
			return false
		}
		for i, name := range c.re.SubexpNames() {
			if name != "" && loc[2*i] >= 0 {
				ps.Add(name, v[loc[2*i]:loc[2*i+1]])
			}
		}
		return true
	case c.whole:
		if !c.re.Match(v) {
			return false
		}
		ps.Add("host", v)
		return true
	default:
		loc := c.re.FindIndex(v)
		if loc == nil {
			return false
		}
		if loc[1] > loc[0] {
			ps.Add("host", v[loc[0]:loc[1]])
		}
		return true
	}
}

// value reads the entry's item from r.
func (c *condition) value(r Request) ([]byte, bool) {
	switch c.typ {
	case condHeader:
		return r.Header(c.key)
	case condCookie:
		return r.Cookie(c.key)
	case condQuery:
		return r.Query(c.key)
	default:
		h := r.Host()
		return h, len(h) > 0
	}
}
