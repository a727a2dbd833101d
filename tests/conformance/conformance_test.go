package conformance_test

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/tests/conformance"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

// serve starts the fixture app for variant on 127.0.0.1 and returns its address.
func serve(t *testing.T, variant, dir string) string {
	t.Helper()
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	if err := fixture.Register(app, variant); err != nil {
		t.Fatal(err)
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := fixture.Server(app, variant)
	go srv.Listener(ln)
	t.Cleanup(func() { srv.Shutdown() })
	return ln.Addr().String()
}

func TestConformanceA(t *testing.T) {
	if stop, err := fixture.StartEcho(fixture.EchoAddr); err == nil {
		t.Cleanup(stop)
	} else {
		t.Logf("echo server not started (%v); using the one on %s", err, fixture.EchoAddr)
	}
	addr := serve(t, "a", filepath.Join("testdata", "a"))
	cases, err := conformance.Load(filepath.Join("testdata", "cases", "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	report(t, "a", conformance.Run(addr, cases))
}

// report fails the test for each failed case and prints the tally.
func report(t *testing.T, variant string, results []conformance.Result) {
	t.Helper()
	passed := 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			t.Errorf("%s %s %s: %v", r.Case.Name, r.Case.Request.Method, r.Case.Request.Path, r.Err)
		case len(r.Diffs) > 0:
			t.Errorf("%s %s %s:\n\t%s", r.Case.Name, r.Case.Request.Method, r.Case.Request.Path, strings.Join(r.Diffs, "\n\t"))
		default:
			passed++
		}
	}
	fmt.Printf("conformance-%s: %d passed, %d failed\n", variant, passed, len(results)-passed)
}
