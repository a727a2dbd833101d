package tests

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/rs/zerolog"
)

// response is what a server answered to send.
type response struct {
	status int
	header http.Header
	body   []byte
	length int64 // Content-Length, -1 when absent
}

// send sends one request over a fresh connection, the path byte for byte
// and only the headers given (name, value, name, value...): unlike
// conformance.Send it leaves Accept-Encoding to the caller.
func send(addr, method, path string, headers ...string) (*response, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", method, path, addr)
	for i := 0; i+1 < len(headers); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", headers[i], headers[i+1])
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body, length: resp.ContentLength}, nil
}

// get is send that fails the test on a transport error.
func get(t *testing.T, addr, method, path string, headers ...string) *response {
	t.Helper()
	r, err := send(addr, method, path, headers...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// writeApp writes files (slash-separated path under dir: content) and
// returns dir.
func writeApp(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newApp returns a quiet app, logging nowhere, over a new directory
// holding files.
func newApp(t *testing.T, files map[string]string) *framework.App {
	t.Helper()
	return appIn(writeApp(t, t.TempDir(), files))
}

// appIn returns a quiet app, logging nowhere, over dir.
func appIn(dir string) *framework.App {
	log := zerolog.Nop()
	return framework.New(framework.Options{Dir: dir, Quiet: true, Logger: &log})
}

// wantStatus fails the test when r's status is not status.
func wantStatus(t *testing.T, what string, r *response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; headers %v; body %.200q", what, r.status, status, r.header, r.body)
	}
}

// wantHeader fails the test when r's header name is not value.
func wantHeader(t *testing.T, what string, r *response, name, value string) {
	t.Helper()
	if got := strings.Join(r.header.Values(name), ", "); got != value {
		t.Errorf("%s: %s %q, want %q", what, name, got, value)
	}
}
