package config

import (
	"os"
	"reflect"
	"testing"
)

// ruleSummary is what the conformance tests check of each rule.
type ruleSummary struct {
	Name   string
	Line   int
	Source string
	Status int // redirects only
}

func summarize(c *Config) []ruleSummary {
	var s []ruleSummary
	for _, h := range c.Headers {
		s = append(s, ruleSummary{h.Name, h.Line, h.Source, 0})
	}
	for _, r := range c.Redirects {
		s = append(s, ruleSummary{r.Name, r.Line, r.Source, r.Status()})
	}
	for _, phase := range [][]Rewrite{c.Rewrites.BeforeFiles, c.Rewrites.AfterFiles, c.Rewrites.Fallback} {
		for _, r := range phase {
			s = append(s, ruleSummary{r.Name, r.Line, r.Source, 0})
		}
	}
	return s
}

func decodeFile(t *testing.T, file string) *Config {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := decode(FileName, data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The conformance apps' configs (copied from shared/conformance/*/) decode
// to the values, rule names and lines below. Parsing them with validation
// is tested in validate_match_test.go.
func TestDecodeConformanceA(t *testing.T) {
	c := decodeFile(t, "testdata/good/a.toml")
	want := []ruleSummary{
		{"headers[0]", 5, "/:path*", 0},
		{"headers[1]", 9, "/about", 0},
		{"headers[2]", 16, "/blog/:slug", 0},
		{"headers[3]", 20, "/:path*", 0},
		{"headers[4]", 25, "/about", 0},
		{"redirects[0]", 31, "/old-blog/:slug", 308},
		{"redirects[1]", 36, "/temp", 307},
		{"redirects[2]", 41, "/legacy-301", 301},
		{"redirects[3]", 46, `/post/:id(\d{1,})`, 307},
		{"redirects[4]", 51, "/legacy/:path*", 308},
		{"redirects[5]", 56, "/ext/:path*", 307},
		{"redirects[6]", 61, "/has-header", 307},
		{"redirects[7]", 67, "/host-only", 307},
		{"redirects[8]", 73, "/with-query", 307},
		{"redirects[9]", 78, "/proxy/shadowed", 307},
		{"rewrites.beforeFiles[0]", 86, "/about", 0},
		{"rewrites.afterFiles[0]", 89, "/about", 0},
		{"rewrites.afterFiles[1]", 90, "/rw/:slug", 0},
		{"rewrites.afterFiles[2]", 91, "/rw-query", 0},
		{"rewrites.afterFiles[3]", 92, "/rw-public", 0},
		{"rewrites.afterFiles[4]", 93, "/blog/shadowed", 0},
		{"rewrites.afterFiles[5]", 94, "/ext-rw/:path*", 0},
		{"rewrites.fallback[0]", 97, "/fb/:path*", 0},
	}
	if got := summarize(c); !reflect.DeepEqual(got, want) {
		t.Errorf("rules:\n got %v\nwant %v", got, want)
	}

	if got := c.Headers[1].Headers; !reflect.DeepEqual(got, []Header{{"x-about", "a"}, {"x-global", "overridden"}}) {
		t.Errorf("headers[1].headers = %v", got)
	}
	if h := c.Headers[3].Has; len(h) != 1 || h[0].Type != "query" || h[0].Key != "debug" || h[0].Value != `(?<level>\d)` {
		t.Errorf("headers[3].has = %+v", h)
	}
	if m := c.Headers[4].Missing; len(m) != 1 || m[0].Type != "cookie" || m[0].Key != "seen" {
		t.Errorf("headers[4].missing = %+v", m)
	}
	if h := c.Redirects[7].Has; len(h) != 1 || h[0].Type != "host" || h[0].Value != "example.org" {
		t.Errorf("redirects[7].has = %+v", h)
	}
	if d := c.Rewrites.AfterFiles[5].Destination; d != "http://127.0.0.1:4599/:path*" {
		t.Errorf("rewrites.afterFiles[5].destination = %q", d)
	}
	if !c.UseFileSystemPublicRoutes || !c.Compress || c.I18n != nil || c.BasePath != "" {
		t.Errorf("settings are not the defaults: %+v", c)
	}
}

func TestDecodeConformanceB(t *testing.T) {
	c := decodeFile(t, "testdata/good/b.toml")
	if c.UseFileSystemPublicRoutes {
		t.Error("useFileSystemPublicRoutes = false was not decoded")
	}
	want := []ruleSummary{
		{"headers[0]", 5, "/:path*", 0},
		{"redirects[0]", 9, "/old-a", 307},
	}
	if got := summarize(c); !reflect.DeepEqual(got, want) {
		t.Errorf("rules:\n got %v\nwant %v", got, want)
	}
}

func TestDecodeConformanceC(t *testing.T) {
	c := decodeFile(t, "testdata/good/c.toml")
	if c.BasePath != "/app" || !c.TrailingSlash {
		t.Errorf("basePath %q, trailingSlash %v", c.BasePath, c.TrailingSlash)
	}
	wantI18n := &I18n{Locales: []string{"en", "fr", "de"}, DefaultLocale: "en", LocaleDetection: true}
	if !reflect.DeepEqual(c.I18n, wantI18n) {
		t.Errorf("i18n = %+v, want %+v", c.I18n, wantI18n)
	}
	want := []ruleSummary{
		{"redirects[0]", 10, "/old/:slug", 307},
		{"rewrites[0]", 16, "/rw/:slug", 0}, // a plain [[rewrites]] array is afterFiles
	}
	if got := summarize(c); !reflect.DeepEqual(got, want) {
		t.Errorf("rules:\n got %v\nwant %v", got, want)
	}
	if len(c.Rewrites.AfterFiles) != 1 {
		t.Errorf("afterFiles = %v", c.Rewrites.AfterFiles)
	}
}

func TestDecodePlainRewrites(t *testing.T) {
	for _, src := range []string{
		"[[rewrites]]\nsource = \"/a\"\ndestination = \"/b\"\n\n[[rewrites]]\nsource = \"/c\"\ndestination = \"/d\"\n",
		"rewrites = [\n  { source = \"/a\", destination = \"/b\" },\n  \n  { source = \"/c\", destination = \"/d\" },\n]\n",
	} {
		c, err := decode(FileName, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := []ruleSummary{{"rewrites[0]", 1, "/a", 0}, {"rewrites[1]", 5, "/c", 0}}
		if c.Rewrites.AfterFiles[0].Line == 2 { // the inline form starts one line later
			want = []ruleSummary{{"rewrites[0]", 2, "/a", 0}, {"rewrites[1]", 4, "/c", 0}}
		}
		if got := summarize(c); !reflect.DeepEqual(got, want) {
			t.Errorf("%s\n got %v\nwant %v", src, got, want)
		}
		if len(c.Rewrites.BeforeFiles)+len(c.Rewrites.Fallback) != 0 {
			t.Errorf("plain rewrites went to beforeFiles or fallback: %+v", c.Rewrites)
		}
	}
}

// Booleans that default to true are false only when the file says so.
func TestDecodeDefaults(t *testing.T) {
	tests := []struct {
		src  string
		want func(c *Config) bool
	}{
		{"", func(c *Config) bool {
			return reflect.DeepEqual(c.PageExtensions, []string{"html", "md"}) && c.Compress && c.UseFileSystemPublicRoutes
		}},
		{"compress = false", func(c *Config) bool { return !c.Compress && c.UseFileSystemPublicRoutes }},
		{"useFileSystemPublicRoutes = false", func(c *Config) bool { return c.Compress && !c.UseFileSystemPublicRoutes }},
		{"pageExtensions = [\"gohtml\"]", func(c *Config) bool { return reflect.DeepEqual(c.PageExtensions, []string{"gohtml"}) }},
		{"[i18n]\nlocales = [\"en\"]", func(c *Config) bool { return c.I18n.LocaleDetection }},
		{"i18n = { locales = [\"en\"], localeDetection = false }", func(c *Config) bool { return !c.I18n.LocaleDetection }},
		{"skipProxyUrlNormalize = true", func(c *Config) bool { return c.SkipProxyURLNormalize }},
		{"skipMiddlewareUrlNormalize = true", func(c *Config) bool { return c.SkipProxyURLNormalize }},
		{"skipMiddlewareUrlNormalize = true\nskipProxyUrlNormalize = true", func(c *Config) bool { return c.SkipProxyURLNormalize }},
		{"skipTrailingSlashRedirect = true", func(c *Config) bool { return c.SkipTrailingSlashRedirect && !c.SkipProxyURLNormalize }},
	}
	for _, tt := range tests {
		c, err := decode(FileName, []byte(tt.src))
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if !tt.want(c) {
			t.Errorf("%q decoded to %+v", tt.src, c)
		}
	}
}

// Decoding errors that the golden files do not show.
func TestDecodeErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"basePath = 1", `x.toml:1: basePath: must be a string, got integer 1`},
		{"pageExtensions = [\"html\", 2]", `x.toml:1: pageExtensions[1]: must be a string, got integer 2`},
		{"i18n = [\"en\"]", `x.toml:1: i18n: must be a table, got an array`},
		{"[i18n]\nlocales = \"en\"", `x.toml:2: i18n: locales: must be an array of strings, got string "en"`},
		{"[i18n]\nlocale = [\"en\"]", `x.toml:2: i18n: unknown key "locale" (did you mean "locales"?)`},
		{"rewrites = 1", `x.toml:1: rewrites: must be an array of tables, got integer 1`},
		{"[[redirects]]\nstatusCode = 99999999999999999999", `x.toml:2: invalid TOML: 99999999999999999999 is out of range for int64`},
		{"[[redirects]]\nstatusCode = 1.5", `x.toml:2: redirects[0]: statusCode: must be an integer, got float 1.5`},
		{"[[redirects]]\nhas = [1]", `x.toml:2: redirects[0]: has[0]: must be a table, got integer 1`},
		{"[[redirects]]\nhas = [{ type = \"host\", vaule = \"x\" }]", `x.toml:2: redirects[0].has[0]: unknown key "vaule" (did you mean "value"?)`},
		{"[[redirects]]\n[redirects.missing]\ntype = \"x\"", `x.toml:2: redirects[0]: missing: must be an array of tables, got a table`},
		{"[[headers]]\nheaders = [{ key = \"a\", value = 1 }]", `x.toml:2: headers[0].headers[0]: value: must be a string, got integer 1`},
		{"Compress = false", `x.toml:1: unknown key "Compress" (did you mean "compress"?)`},
		{"skipProxyUrlNormalize = 1", `x.toml:1: skipProxyUrlNormalize: must be true or false, got integer 1`},
		{"when = 2024-01-01", `x.toml:1: unknown key "when"`},
		{"trailingSlash = 2024-01-01", `x.toml:1: trailingSlash: must be true or false, got a date/time`},
	}
	for _, tt := range tests {
		_, err := decode("x.toml", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}
