package benchserver

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// TestRun starts a server as the harness does: it waits for the READY
// line, requests the address it names, stops the server with the signal
// and expects a clean exit and a written CPU profile.
func TestRun(t *testing.T) {
	for _, stop := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(stop.String(), func(t *testing.T) {
			app := fiber.New(fiber.Config{DisableStartupMessage: true})
			app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
			profile := filepath.Join(t.TempDir(), "cpu.pprof")
			out, stdout := io.Pipe()
			done := make(chan error, 1)
			go func() {
				err := run(func() (*fiber.App, error) { return app, nil }, "127.0.0.1:0", profile, stdout)
				stdout.Close() // ends the read below if run fails before READY
				done <- err
			}()

			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil {
				t.Fatalf("no READY line; run: %v", <-done)
			}
			if !regexp.MustCompile(`^READY http://127\.0\.0\.1:[0-9]+\n$`).MatchString(line) {
				t.Fatalf("first line %q, want READY http://127.0.0.1:PORT", line)
			}
			resp, err := http.Get(strings.TrimSpace(strings.TrimPrefix(line, "READY ")) + "/")
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(body) != "ok" {
				t.Errorf("GET /: %q, %v; want ok", body, err)
			}

			if err := syscall.Kill(os.Getpid(), stop); err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Errorf("run after %v: %v, want nil", stop, err)
			}
			data, err := os.ReadFile(profile)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) { // pprof profiles are gzipped
				t.Errorf("CPU profile is %d bytes and not gzipped", len(data))
			}
		})
	}
}
