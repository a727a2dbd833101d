package match

import "strings"

// fakeRequest is a Request built from "type:name=value" strings, e.g.
// req("header:x-a=1", "cookie:seen=1", "query:debug=3", "host:example.org").
// Its lookups do not allocate, so allocation tests can use it.
type fakeRequest struct {
	headers, cookies, query []pair
	host                    []byte
}

type pair struct {
	name  string
	value []byte
}

func req(items ...string) *fakeRequest {
	r := &fakeRequest{}
	for _, it := range items {
		typ, rest, _ := strings.Cut(it, ":")
		name, value, _ := strings.Cut(rest, "=")
		p := pair{name, []byte(value)}
		switch typ {
		case "header":
			r.headers = append(r.headers, p)
		case "cookie":
			r.cookies = append(r.cookies, p)
		case "query":
			r.query = append(r.query, p)
		case "host":
			r.host = []byte(rest)
		default:
			panic("fakeRequest: unknown item " + it)
		}
	}
	return r
}

// last returns the last value of name; fold compares names ignoring case.
func last(list []pair, name string, fold bool) ([]byte, bool) {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].name == name || fold && strings.EqualFold(list[i].name, name) {
			return list[i].value, true
		}
	}
	return nil, false
}

func (r *fakeRequest) Header(key string) ([]byte, bool)  { return last(r.headers, key, true) }
func (r *fakeRequest) Cookie(name string) ([]byte, bool) { return last(r.cookies, name, false) }
func (r *fakeRequest) Query(name string) ([]byte, bool)  { return last(r.query, name, false) }
func (r *fakeRequest) Host() []byte                      { return r.host }

var _ Request = (*fakeRequest)(nil)
