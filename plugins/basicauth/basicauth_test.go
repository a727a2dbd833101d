package basicauth_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/plugins/basicauth"
	"github.com/nextfiber/nextfiber/plugins/internal/plugintest"
)

func credentials(user, password string) map[string]string {
	return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))}
}

func TestProtectsPaths(t *testing.T) {
	app := plugintest.NewApp(t)
	err := basicauth.Register(app, basicauth.Options{
		Paths: []string{"/admin", "/api/admin"},
		Users: map[string]string{"admin": "s3cret"},
	})
	if err != nil {
		t.Fatal(err)
	}
	app.API("/api/admin/whoami", func(c *framework.Context) error {
		return c.SendString("signed in as " + basicauth.Username(c.Context()))
	})
	base := plugintest.Serve(t, app)

	good, wrong := credentials("admin", "s3cret"), credentials("admin", "guess")
	tests := []struct {
		path     string
		header   map[string]string
		status   int
		contains string
	}{
		{"/admin", nil, 401, "Unauthorized"},
		{"/admin", wrong, 401, "Unauthorized"},
		{"/admin", credentials("root", "s3cret"), 401, "Unauthorized"},
		{"/admin", map[string]string{"Authorization": "Bearer s3cret"}, 401, "Unauthorized"},
		{"/admin", good, 200, "<h1>admin</h1>"},
		{"/admin/users", nil, 401, "Unauthorized"},
		{"/admin/users", good, 200, "<h1>users</h1>"},
		{"/api/admin/whoami", nil, 401, "Unauthorized"},
		{"/api/admin/whoami", good, 200, "signed in as admin"},
		// Other spellings of a protected path are protected too.
		{"/%61dmin/users", nil, 401, "Unauthorized"},
		// Signed in, it is the path Next.js would answer: an escaped letter
		// makes another path, which no page has.
		{"/%61dmin/users", good, 404, "could not be found"},
		{"/x/../admin/users", nil, 401, "Unauthorized"},
		{"/ADMIN/users", nil, 401, "Unauthorized"},
		// Other paths are not.
		{"/", nil, 200, "<h1>home</h1>"},
		{"/api/hello", nil, 200, `{"hello":"world"}`},
		{"/administrator", nil, 404, "could not be found"},
	}
	for _, tt := range tests {
		resp, body := plugintest.Do(t, "GET", base+tt.path, tt.header)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s %v: %d %.80q; want %d containing %q", tt.path, tt.header, resp.StatusCode, body, tt.status, tt.contains)
		}
		challenge := resp.Header.Get("WWW-Authenticate")
		if want := `Basic realm="Restricted", charset="UTF-8"`; tt.status == 401 && challenge != want {
			t.Errorf("GET %s: WWW-Authenticate %q, want %q", tt.path, challenge, want)
		}
	}
}

func TestAuthorizerOnEveryPath(t *testing.T) {
	app := plugintest.NewApp(t)
	err := basicauth.Register(app, basicauth.Options{
		Authorizer: func(user, password string) bool { return user == "staging" && password == "preview" },
		Realm:      "Staging",
	})
	if err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)
	for _, path := range []string{"/", "/about", "/robots.txt", "/api/hello", "/nope"} {
		resp, _ := plugintest.Do(t, "GET", base+path, nil)
		if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") != `Basic realm="Staging", charset="UTF-8"` {
			t.Errorf("GET %s without credentials: %d %q, want 401 for realm Staging", path, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
	}
	if resp, body := plugintest.Do(t, "GET", base+"/about", credentials("staging", "preview")); resp.StatusCode != 200 || !strings.Contains(body, "<h1>about</h1>") {
		t.Errorf("GET /about with credentials: %d %.80q, want the page", resp.StatusCode, body)
	}
}

func TestRegisterErrors(t *testing.T) {
	users := map[string]string{"admin": "s3cret"}
	for _, tt := range []struct {
		opts basicauth.Options
		want string
	}{
		{basicauth.Options{Paths: []string{"/admin"}}, "basicauth: no Users and no Authorizer"},
		{basicauth.Options{Users: users, Paths: []string{"admin"}}, `basicauth: Paths[0] "admin": must start with "/"`},
		{basicauth.Options{Users: users, Realm: `say "hi"`}, `basicauth: Realm "say \"hi\"": must not contain quotes`},
	} {
		if err := basicauth.Register(plugintest.NewApp(t), tt.opts); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Register(%+v): %v, want %s", tt.opts, err, tt.want)
		}
	}
}
