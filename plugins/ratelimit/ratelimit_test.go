package ratelimit_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/plugins/internal/plugintest"
	"github.com/nextfiber/nextfiber/plugins/ratelimit"
)

// TestLimitAndWindow uses a 2s window: the limiter's clock ticks in whole
// seconds, so that leaves at least one second for the first four requests.
func TestLimitAndWindow(t *testing.T) {
	app := plugintest.NewApp(t)
	if err := ratelimit.Register(app, ratelimit.Options{Max: 3, Window: 2 * time.Second, Skip: []string{"/robots.txt"}}); err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)

	for i := 1; i <= 3; i++ {
		resp, body := plugintest.Do(t, "GET", base+"/", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "<h1>home</h1>") {
			t.Fatalf("request %d: %d %q, want the page", i, resp.StatusCode, body)
		}
		if got, want := resp.Header.Get("X-RateLimit-Remaining"), strconv.Itoa(3-i); got != want {
			t.Errorf("request %d: X-RateLimit-Remaining %q, want %q", i, got, want)
		}
		if got := resp.Header.Get("X-RateLimit-Limit"); got != "3" {
			t.Errorf("request %d: X-RateLimit-Limit %q, want 3", i, got)
		}
	}
	resp, body := plugintest.Do(t, "GET", base+"/about", nil)
	if resp.StatusCode != 429 || body != "Too Many Requests" {
		t.Fatalf("request 4: %d %q, want 429", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Retry-After"); got != "1" && got != "2" {
		t.Errorf("request 4: Retry-After %q, want the seconds left of the window, 1 or 2", got)
	}

	// Skipped paths are neither limited nor counted.
	for i := 0; i < 5; i++ {
		if resp, _ := plugintest.Do(t, "GET", base+"/robots.txt", nil); resp.StatusCode != 200 {
			t.Fatalf("GET /robots.txt: %d, want 200: it is skipped", resp.StatusCode)
		}
	}

	// A new window starts once this one is over.
	deadline := time.Now().Add(4 * time.Second)
	for {
		resp, _ := plugintest.Do(t, "GET", base+"/", nil)
		if resp.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %d 4s after a 2s window", resp.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestPathsAndKey(t *testing.T) {
	app := plugintest.NewApp(t)
	err := ratelimit.Register(app, ratelimit.Options{
		Max:   2,
		Paths: []string{"/api"},
		Key:   func(c *fiber.Ctx) string { return c.Get("X-Client") },
	})
	if err != nil {
		t.Fatal(err)
	}
	base := plugintest.Serve(t, app)

	tests := []struct {
		client, path string
		status       int
	}{
		{"a", "/api/hello", 200},
		{"a", "/api/hello", 200},
		{"a", "/api/hello", 429},
		{"b", "/api/hello", 200}, // b has its own count
		{"a", "/about", 200},     // outside Paths
		{"a", "/about", 200},
		{"a", "/about", 200},
	}
	for i, tt := range tests {
		resp, _ := plugintest.Do(t, "GET", base+tt.path, map[string]string{"X-Client": tt.client})
		if resp.StatusCode != tt.status {
			t.Errorf("request %d, client %s, %s: %d, want %d", i, tt.client, tt.path, resp.StatusCode, tt.status)
		}
	}
}

func TestRegisterErrors(t *testing.T) {
	for _, tt := range []struct {
		opts ratelimit.Options
		want string
	}{
		{ratelimit.Options{Max: -1}, "ratelimit: Max -1, Window 0s: must not be negative"},
		{ratelimit.Options{Skip: []string{"/ok", "favicon.ico"}}, `ratelimit: Skip[1] "favicon.ico": must start with "/"`},
	} {
		if err := ratelimit.Register(plugintest.NewApp(t), tt.opts); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Register(%+v): %v, want %s", tt.opts, err, tt.want)
		}
	}
}
