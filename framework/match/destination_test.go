package match

import (
	"strings"
	"testing"
)

// params builds Params from "name=value" strings, and lists their names;
// a bare "name" is available but absent (an optional param that matched
// nothing).
func params(items ...string) (ps *Params, names []string) {
	ps = new(Params)
	for _, it := range items {
		name, value, ok := strings.Cut(it, "=")
		if ok {
			ps.Add(name, []byte(value))
		}
		names = append(names, name)
	}
	return ps, names
}

func TestAppendURL(t *testing.T) {
	tests := []struct {
		dest    string
		params  []string // name=value; their names are the available ones
		query   string   // the request's raw query
		rewrite bool     // appendParams
		want    string
	}{
		{"/blog/:slug", []string{"slug=hello"}, "", false, "/blog/hello"},
		{"/blog/:slug", []string{"slug=hello%20world"}, "", false, "/blog/hello%20world"},
		{"/blog/:slug", []string{"slug=hello"}, "y=1", false, "/blog/hello?y=1"},
		{"/about", nil, "", false, "/about"},

		// Query merge: request first, minus what the destination sets.
		{"/about?x=1", nil, "", false, "/about?x=1"},
		{"/about?x=1", nil, "y=2", false, "/about?y=2&x=1"},
		{"/about?x=1", nil, "x=2", false, "/about?x=1"},
		{"/about?x=1", nil, "x=2&y=3&x=4", false, "/about?y=3&x=1"},
		{"/about?x=1&x=2", nil, "&&y=3&", false, "/about?y=3&x=1&x=2"},
		{"/search?q=:term&t=12:30", []string{"term=go"}, "", false, "/search?q=go&t=12:30"},
		{"/echo?from=rewrite", nil, "from=user", true, "/echo?from=rewrite"},

		// Optional and repeated params.
		{"/docs/:path*", []string{"path=a/b"}, "", false, "/docs/a/b"},
		{"/docs/:path*", []string{"path"}, "", false, "/docs"},
		{"/:path*", []string{"path"}, "", false, "/"},
		{"/docs/:path*", []string{"path"}, "q=1", false, "/docs?q=1"},
		{"/docs/:path+", []string{"path=a"}, "", false, "/docs/a"},

		// Absolute URLs.
		{"https://example.com/:path*", []string{"path=foo/bar"}, "q=1", false, "https://example.com/foo/bar?q=1"},
		{"https://example.com/:path*", []string{"path"}, "", false, "https://example.com"},
		{"http://127.0.0.1:4599/:path*", []string{"path=a/b"}, "q=1", true, "http://127.0.0.1:4599/a/b?q=1"},
		{"https://:sub.example.com/x", []string{"sub=app"}, "", false, "https://app.example.com/x"},
		{"http://[::1]:3000/:p", []string{"p=v"}, "", false, "http://[::1]:3000/v"},
		{"https://user:pw@example.com", nil, "", false, "https://user:pw@example.com"},

		// Rewrites append params the destination path does not use.
		{"/news", []string{"slug=x"}, "", true, "/news?slug=x"},
		{"/news", []string{"slug=x"}, "", false, "/news"},
		{"/news", []string{"slug=x"}, "slug=y&z=1", true, "/news?z=1&slug=x"},
		{"/news?slug=fixed", []string{"slug=x"}, "", true, "/news?slug=fixed"},
		{"/news", []string{"0=abc", "slug=x"}, "0=q", true, "/news?0=q&slug=x"},
		{"/news", []string{"slug=x", "level=3", "slug=y"}, "", true, "/news?level=3&slug=y"},
		{"/blog/:slug", []string{"slug=x", "level=3"}, "", true, "/blog/x"},

		// Fragment.
		{"/a?x=1#:sec", []string{"sec=top"}, "y=2", false, "/a?y=2&x=1#top"},
		{`/a\:b`, nil, "", false, "/a:b"},
	}
	for _, tt := range tests {
		ps, names := params(tt.params...)
		d, err := CompileDestination(tt.dest, names)
		if err != nil {
			t.Errorf("CompileDestination(%q): %v", tt.dest, err)
			continue
		}
		got := string(d.AppendURL([]byte("prefix:"), ps, []byte(tt.query), tt.rewrite))
		if got != "prefix:"+tt.want {
			t.Errorf("%q with %v, query %q, rewrite %v: got %q, want %q",
				tt.dest, tt.params, tt.query, tt.rewrite, strings.TrimPrefix(got, "prefix:"), tt.want)
		}
	}
}

func TestExternal(t *testing.T) {
	for dest, want := range map[string]bool{
		"/about":                   false,
		"https://example.com/x":    true,
		"HTTP://example.com":       true,
		"http://127.0.0.1:4599/:p": true,
	} {
		d, err := CompileDestination(dest, []string{"p"})
		if err != nil {
			t.Fatalf("CompileDestination(%q): %v", dest, err)
		}
		if d.External() != want {
			t.Errorf("External(%q) = %v, want %v", dest, d.External(), want)
		}
	}
}

func TestCompileDestinationErrors(t *testing.T) {
	tests := []struct{ dest, want string }{
		{"/blog/:id", `destination uses ":id", which neither source nor has defines`},
		{"https://:host.example.com/", `destination uses ":host", which neither source nor has defines`},
		{"/x?y=:z", `destination uses ":z", which neither source nor has defines`},
		{"/x#:z", `destination uses ":z", which neither source nor has defines`},
		{"about", `destination must start with "/" or be an absolute http(s) URL`},
		{"ftp://example.com/", `destination must start with "/" or be an absolute http(s) URL`},
		{"https://", "destination URL has no host"},
		{`/x/(\d+)`, `destination path "/x/(\\d+)": unnamed group at 3: a destination can only use named params`},
		{"/x/:", `destination path "/x/:": missing parameter name after ":" at 3`},
		{"/x/{a}", `destination path "/x/{a}": {group} without a param at 3`},
	}
	for _, tt := range tests {
		_, err := CompileDestination(tt.dest, []string{"slug"})
		if err == nil || err.Error() != tt.want {
			t.Errorf("CompileDestination(%q) = %v, want %q", tt.dest, err, tt.want)
		}
	}
}
