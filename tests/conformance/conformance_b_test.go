package conformance_test

import (
	"path/filepath"
	"testing"

	"github.com/nextfiber/nextfiber/tests/conformance"
)

// TestConformanceB replays fixture b through its custom server. Cases with
// a "documented" field follow the Custom Server docs (Render renders the
// page although file-system routes are off), not Next.js 16.4.6.
func TestConformanceB(t *testing.T) {
	addr := serve(t, "b", filepath.Join("testdata", "b"))
	cases, err := conformance.Load(filepath.Join("testdata", "cases", "b.json"))
	if err != nil {
		t.Fatal(err)
	}
	report(t, "b", conformance.Run(addr, cases))
}
