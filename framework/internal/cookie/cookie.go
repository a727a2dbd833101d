// Package cookie reads request cookies through fasthttp's parsed cookie
// list, telling "sent with an empty value" apart from "not sent", without
// allocating.
package cookie

import "github.com/valyala/fasthttp"

// Get returns the value of cookie name and whether the request sent it.
func Get(h *fasthttp.RequestHeader, name string) ([]byte, bool) {
	if v := h.Cookie(name); len(v) > 0 {
		return v, true
	}
	for k := range h.Cookies() {
		if string(k) == name {
			return nil, true
		}
	}
	return nil, false
}
