package framework

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nextfiber/nextfiber/framework/config"
)

// TestPlanUsesValidatedRules: the plan matches with what Validate compiled,
// so each pattern, has/missing list and destination is compiled once.
func TestPlanUsesValidatedRules(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"pages", "public"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Parse(config.FileName, []byte(`
[[headers]]
source = "/blog/:slug"
headers = [{ key = "x-slug", value = ":slug" }]

[[redirects]]
source = "/old/:path*"
destination = "/new/:path*?v=:v"
permanent = true
has = [{ type = "query", key = "v" }]

[rewrites]
beforeFiles = [{ source = "/a", destination = "/b" }]
afterFiles = [{ source = "/c", destination = "/d" }]
fallback = [{ source = "/:path*", destination = "https://example.com/:path*" }]
`))
	if err != nil {
		t.Fatal(err)
	}
	app := New(Options{Dir: dir, Conf: cfg, Quiet: true})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	p := app.plan.Load()
	same := func(name string, r rule, d *destination, c *config.Compiled) {
		t.Helper()
		if r.pattern != c.Pattern || r.cond != c.Conditions || d != nil && d.Destination != c.Destination {
			t.Errorf("%s: the plan compiled the rule again", name)
		}
	}
	same("headers[0]", p.headers[0].rule, nil, cfg.Headers[0].Compiled())
	same("redirects[0]", p.redirects[0].rule, p.redirects[0].dest, cfg.Redirects[0].Compiled())
	same("beforeFiles[0]", p.before.rules[0].rule, p.before.rules[0].dest, cfg.Rewrites.BeforeFiles[0].Compiled())
	same("afterFiles[0]", p.after.rules[0].rule, p.after.rules[0].dest, cfg.Rewrites.AfterFiles[0].Compiled())
	same("fallback[0]", p.fallback.rules[0].rule, p.fallback.rules[0].dest, cfg.Rewrites.Fallback[0].Compiled())
	if p.redirects[0].cond == nil || p.headers[0].cond != nil {
		t.Error("conditions: want them on the redirect only")
	}
}
