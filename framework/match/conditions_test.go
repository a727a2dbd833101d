package match

import (
	"strings"
	"testing"
)

func TestConditionsMatch(t *testing.T) {
	level := Condition{Type: "query", Key: "debug", Value: `(?<level>\d)`}
	tests := []struct {
		name         string
		has, missing []Condition
		req          *fakeRequest
		want         string // captures, or "-" for no match
	}{
		{"header present", []Condition{{Type: "header", Key: "x-redirect-me"}}, nil,
			req("header:X-Redirect-Me=1"), "xredirectme=1"},
		{"header absent", []Condition{{Type: "header", Key: "x-redirect-me"}}, nil,
			req(), "-"},
		{"header empty counts as absent", []Condition{{Type: "header", Key: "x-redirect-me"}}, nil,
			req("header:x-redirect-me="), "-"},
		{"param name keeps letters only, header key lowercased", []Condition{{Type: "header", Key: "X-Auth_Token2"}}, nil,
			req("header:x-auth_token2=t"), "xauthtoken=t"},
		{"query key made safe", []Condition{{Type: "query", Key: "user_id"}}, nil,
			req("query:user_id=7"), "userid=7"},
		{"named group", []Condition{level}, nil, req("query:debug=3"), "level=3"},
		{"value is anchored", []Condition{level}, nil, req("query:debug=12"), "-"},
		{"value does not match", []Condition{level}, nil, req("query:debug=x"), "-"},
		{"value but item absent", []Condition{level}, nil, req(), "-"},
		{"query uses the last value", []Condition{level}, nil, req("query:debug=x", "query:debug=4"), "level=4"},
		{"value is case-sensitive", []Condition{{Type: "cookie", Key: "role", Value: "admin"}}, nil,
			req("cookie:role=Admin"), "-"},
		{"anchors are written literally: ^abc|def$", []Condition{{Type: "cookie", Key: "c", Value: "abc|def"}}, nil,
			req("cookie:c=abcxyz"), ""},
		{"anchors are written literally, other side", []Condition{{Type: "cookie", Key: "c", Value: "abc|def"}}, nil,
			req("cookie:c=xyzabc"), "-"},
		{"host", []Condition{{Type: "host", Value: "example.org"}}, nil,
			req("host:example.org"), "host=example.org"},
		{"other host", []Condition{{Type: "host", Value: "example.org"}}, nil,
			req("host:localhost"), "-"},
		{"host with named group", []Condition{{Type: "host", Value: `(?<sub>[a-z]+)\.example\.com`}}, nil,
			req("host:app.example.com"), "sub=app"},
		{"host capture is the match", []Condition{{Type: "host", Value: "a|b"}}, nil,
			req("host:xb"), "host=b"},
		{"missing cookie, absent", nil, []Condition{{Type: "cookie", Key: "seen"}},
			req(), ""},
		{"missing cookie present with any value", nil, []Condition{{Type: "cookie", Key: "seen"}},
			req("cookie:seen=1"), "-"},
		{"missing cookie, empty counts as absent", nil, []Condition{{Type: "cookie", Key: "seen"}},
			req("cookie:seen="), ""},
		{"missing with value, other value", nil, []Condition{{Type: "cookie", Key: "seen", Value: "1"}},
			req("cookie:seen=2"), ""},
		{"missing with value, that value", nil, []Condition{{Type: "cookie", Key: "seen", Value: "1"}},
			req("cookie:seen=1"), "-"},
		{"has holds but missing fails", []Condition{{Type: "header", Key: "x-a"}}, []Condition{{Type: "header", Key: "x-b"}},
			req("header:x-a=1", "header:x-b=1"), "-"},
		{"all has entries must hold", []Condition{{Type: "header", Key: "x-a"}, {Type: "header", Key: "x-b"}}, nil,
			req("header:x-a=1"), "-"},
		{"no conditions", nil, nil, req(), ""},
	}
	for _, tt := range tests {
		c, err := CompileConditions(tt.has, tt.missing)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var ps Params
		ps.Add("path", []byte("kept"))
		got := "-"
		if c.Match(tt.req, &ps) {
			got = strings.TrimPrefix(strings.TrimPrefix(dump(&ps), "path=kept"), " ")
		} else if ps.Len() != 1 {
			t.Errorf("%s: failed match left params %s", tt.name, dump(&ps))
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCompileConditionsErrors(t *testing.T) {
	tests := []struct {
		has, missing []Condition
		want         string
	}{
		{[]Condition{{Type: "heder", Key: "x"}}, nil, `has[0]: unknown type "heder" (want header, cookie, query or host)`},
		{nil, []Condition{{Type: "cookie", Key: "a"}, {Type: "cookie"}}, `missing[1]: key is required for type "cookie"`},
		{[]Condition{{Type: "query", Key: "q", Value: "("}}, nil, `has[0]: value "(": missing closing )`},
		{[]Condition{{Type: "host"}}, nil, `has[0]: host needs a value`},
		{[]Condition{{Type: "header", Key: "x", Value: "(?!a).*"}}, nil, `has[0]: value "(?!a).*": negative lookahead is not supported`},
		{[]Condition{{Type: "header", Key: "x", Value: `(a)\1`}}, nil, `has[0]: value "(a)\\1": backreference is not supported`},
	}
	for _, tt := range tests {
		_, err := CompileConditions(tt.has, tt.missing)
		if err == nil || err.Error() != tt.want {
			t.Errorf("CompileConditions(%v, %v) = %v, want %q", tt.has, tt.missing, err, tt.want)
		}
	}
}

func TestConditionsNames(t *testing.T) {
	c, err := CompileConditions([]Condition{
		{Type: "query", Key: "debug", Value: `(?<level>\d)`},
		{Type: "header", Key: "X-Id"},
		{Type: "host", Value: "example.org"},
		{Type: "host", Value: `(?<sub>.+)\.example\.org`},
		{Type: "cookie", Key: "role", Value: "admin"},
	}, []Condition{{Type: "cookie", Key: "seen"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(c.Names(), " "), "level xid host sub"; got != want {
		t.Errorf("Names() = %q, want %q", got, want)
	}
}

func TestConditionsEmpty(t *testing.T) {
	var none *Conditions
	empty, _ := CompileConditions(nil, nil)
	some, _ := CompileConditions(nil, []Condition{{Type: "cookie", Key: "seen"}})
	if !none.Empty() || !empty.Empty() || some.Empty() {
		t.Errorf("Empty: nil %v, no entries %v, one entry %v; want true, true, false",
			none.Empty(), empty.Empty(), some.Empty())
	}
	var ps Params
	if !none.Match(req(), &ps) {
		t.Error("nil Conditions should match")
	}
}
