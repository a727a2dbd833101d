package cors_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/plugins/cors"
	"github.com/nextfiber/nextfiber/plugins/internal/plugintest"
)

func preflight(origin string) map[string]string {
	return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-token"}
}

func TestDefaults(t *testing.T) {
	app := plugintest.NewApp(t)
	if err := cors.Register(app, cors.Options{}); err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)

	resp, body := plugintest.Do(t, "OPTIONS", base+"/api/hello", preflight("https://elsewhere.example"))
	if resp.StatusCode != 204 || body != "" {
		t.Errorf("preflight: %d %q, want 204 and no body", resp.StatusCode, body)
	}
	for name, want := range map[string]string{
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Methods": "GET,POST,HEAD,PUT,DELETE,PATCH",
		"Access-Control-Allow-Headers": "x-token",
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("preflight: %s %q, want %q", name, got, want)
		}
	}

	for _, path := range []string{"/api/hello", "/about", "/robots.txt"} {
		resp, body = plugintest.Do(t, "GET", base+path, map[string]string{"Origin": "https://elsewhere.example"})
		if resp.StatusCode != 200 || body == "" {
			t.Errorf("GET %s: %d %q, want 200 from the app", path, resp.StatusCode, body)
		}
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q, want *", path, got)
		}
	}
}

func TestOriginsPathsAndCredentials(t *testing.T) {
	app := plugintest.NewApp(t)
	err := cors.Register(app, cors.Options{
		Paths:         []string{"/api"},
		Origins:       []string{"https://app.example.com", "https://*.preview.example.com"},
		Credentials:   true,
		ExposeHeaders: []string{"x-total"},
		MaxAge:        90 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)

	tests := []struct {
		method, path, origin string
		status               int
		allowOrigin          string
		credentials          string
		header               string // "name: value" also wanted
	}{
		{"OPTIONS", "/api/hello", "https://app.example.com", 204, "https://app.example.com", "true", "Access-Control-Max-Age: 90"},
		{"OPTIONS", "/api/hello", "https://pr-7.preview.example.com", 204, "https://pr-7.preview.example.com", "true", ""},
		{"OPTIONS", "/api/hello", "https://evil.example", 204, "", "", ""},
		{"GET", "/api/hello", "https://app.example.com", 200, "https://app.example.com", "true", "Access-Control-Expose-Headers: x-total"},
		{"GET", "/api/hello", "https://evil.example", 200, "", "", "Vary: Origin"},
		// Outside Paths the app answers alone: no CORS headers, and
		// OPTIONS on a page gets Next.js's 400.
		{"GET", "/about", "https://app.example.com", 200, "", "", ""},
		{"OPTIONS", "/about", "https://app.example.com", 400, "", "", ""},
	}
	for _, tt := range tests {
		h := map[string]string{"Origin": tt.origin}
		if tt.method == "OPTIONS" {
			h = preflight(tt.origin)
		}
		resp, _ := plugintest.Do(t, tt.method, base+tt.path, h)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s from %s: status %d, want %d", tt.method, tt.path, tt.origin, resp.StatusCode, tt.status)
		}
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.allowOrigin {
			t.Errorf("%s %s from %s: Access-Control-Allow-Origin %q, want %q", tt.method, tt.path, tt.origin, got, tt.allowOrigin)
		}
		if got := resp.Header.Get("Access-Control-Allow-Credentials"); got != tt.credentials {
			t.Errorf("%s %s from %s: Access-Control-Allow-Credentials %q, want %q", tt.method, tt.path, tt.origin, got, tt.credentials)
		}
		if name, value, ok := strings.Cut(tt.header, ": "); ok && resp.Header.Get(name) != value {
			t.Errorf("%s %s from %s: %s %q, want %q", tt.method, tt.path, tt.origin, name, resp.Header.Get(name), value)
		}
	}
}

func TestRegisterErrors(t *testing.T) {
	for _, tt := range []struct {
		opts cors.Options
		want string
	}{
		{cors.Options{Credentials: true}, "cors: Credentials needs Origins to list the origins"},
		{cors.Options{Credentials: true, Origins: []string{"*"}}, "cors: Credentials needs Origins to list the origins"},
		{cors.Options{Origins: []string{"app.example.com"}}, "cors: Origins: [CORS] Invalid origin format in configuration: app.example.com"},
		{cors.Options{Paths: []string{"api"}}, `cors: Paths[0] "api": must start with "/"`},
	} {
		err := cors.Register(plugintest.NewApp(t), tt.opts)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Register(%+v): %v, want %s", tt.opts, err, tt.want)
		}
	}
}
