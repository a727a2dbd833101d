package conformance_test

import (
	"path/filepath"
	"testing"

	"github.com/nextfiber/nextfiber/tests/conformance"
)

// TestConformanceC replays fixture c: basePath "/app", trailingSlash and
// i18n (en, fr, de) with locale detection.
func TestConformanceC(t *testing.T) {
	addr := serve(t, "c", filepath.Join("testdata", "c"))
	cases, err := conformance.Load(filepath.Join("testdata", "cases", "c.json"))
	if err != nil {
		t.Fatal(err)
	}
	report(t, "c", conformance.Run(addr, cases))
}
