package match

// Destination is a compiled redirect or rewrite destination: a path
// ("/blog/:slug?x=1") or an absolute URL ("https://example.com/:path*").
type Destination struct {
	// TODO(match)
}

// CompileDestination parses dest. available lists the param names the
// rule's source pattern and has conditions provide; a param used in dest but
// not available is an error: `destination uses :id, which the source and has
// do not define`. Params may appear in the path, in query values and in the
// host of an absolute URL.
func CompileDestination(dest string, available []string) (*Destination, error) { panic("TODO") }

// External reports whether the destination is an absolute http(s) URL.
func (d *Destination) External() bool { panic("TODO") }

// AppendURL appends the destination for one request to dst and returns it:
// path (or scheme://host/path), then "?" and the merged query if non-empty.
//
// Params are substituted raw (still percent-encoded, as captured). A
// repeated param (":path*") is written as captured; an absent optional
// param is written as nothing, together with its "/" prefix
// ("/docs/:path*" with no path gives "/docs").
//
// Query merge, as Next.js: reqQuery (raw, without "?") comes first, minus
// the names the destination's own query sets; then the destination's query.
// "/about?x=1" with reqQuery "y=2" gives "/about?y=2&x=1"; with "x=2" gives
// "/about?x=1". When appendParams is set (rewrites) and the destination path
// uses none of the params, every param not already in the query is appended
// as name=value. It does not allocate when dst has room.
func (d *Destination) AppendURL(dst []byte, ps *Params, reqQuery []byte, appendParams bool) []byte {
	panic("TODO")
}
