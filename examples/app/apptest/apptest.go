// Package apptest checks a running custom-server example over real HTTP.
package apptest

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// Serve runs a server on a free loopback port for the rest of the test and
// returns its base URL ("http://127.0.0.1:PORT") for Check. serve is the
// server's method that serves a listener (fiber.App.Listener,
// fasthttp.Server.Serve) and shutdown its Shutdown, called when the test
// ends; the test fails if either returns an error.
func Serve(t *testing.T, serve func(net.Listener) error, shutdown func() error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- serve(ln) }()
	t.Cleanup(func() {
		if err := shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		ln.Close() // ends serve even if shutdown came before serve took ln
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// Get fetches url and returns the response and its body.
func Get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// Check asserts what every example serves at base ("http://127.0.0.1:PORT"):
// /a and /b?x=1 rendered by the custom server, / and a 404 by the app's own
// handler, all with the config's header rule.
func Check(t *testing.T, base string) {
	t.Helper()
	tests := []struct {
		path     string
		status   int
		contains string
	}{
		{"/a", 200, "Page A, rendered by the custom server"},
		{"/b?x=1", 200, `Page B. Props: {&#34;query&#34;:{&#34;x&#34;:[&#34;1&#34;]}`},
		{"/", 200, "Home, served by Nextfiber"},
		{"/missing", 404, "could not be found"},
	}
	for _, tt := range tests {
		resp, body := Get(t, base+tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s: %d %.200q; want %d containing %q", tt.path, resp.StatusCode, body, tt.status, tt.contains)
		}
		if got := resp.Header.Get("X-Example"); got != "custom-server" {
			t.Errorf("GET %s: X-Example %q, want the config header rule's value", tt.path, got)
		}
	}
}
