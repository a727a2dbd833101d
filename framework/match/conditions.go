package match

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
	// Header returns the value of header key (case-insensitive) and whether it is present.
	Header(key string) ([]byte, bool)
	// Cookie returns the value of cookie name and whether it is present.
	Cookie(name string) ([]byte, bool)
	// Query returns the last value of query parameter name (decoded) and whether it is present.
	Query(name string) ([]byte, bool)
	// Host returns the request host without port, lowercased.
	Host() []byte
}

// Conditions is a compiled has/missing pair.
type Conditions struct {
	// TODO(match)
}

// CompileConditions validates and compiles a rule's has and missing lists.
// Errors name the entry: `has[0]: unknown type "heder" (want header, cookie,
// query or host)`, `missing[1]: key is required for type "cookie"`,
// `has[0]: value "(": ...regex error...`, `has[0]: host needs a value`.
func CompileConditions(has, missing []Condition) (*Conditions, error) { panic("TODO") }

// Empty reports whether there are no conditions at all (a nil *Conditions is empty).
func (c *Conditions) Empty() bool { panic("TODO") }

// Names returns the param names the has list can provide to a destination:
// the named groups of value regexes, the key of a has entry without value
// (made safe: only [A-Za-z0-9_]), and "host" for a host entry whose value
// has no named group.
func (c *Conditions) Names() []string { panic("TODO") }

// Match reports whether every has entry holds and no missing entry does,
// exactly as Next.js's matchHas: a value regex is anchored as "^"+value+"$"
// (written literally, so "a|b" anchors each side), an empty value counts as
// absent, a missing entry without value counts the item present whatever its
// value. On success captures are appended to ps; on failure ps is left as it
// was. It allocates only when a value regex with named groups matches.
func (c *Conditions) Match(r Request, ps *Params) bool { panic("TODO") }
