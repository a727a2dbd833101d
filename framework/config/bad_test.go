package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/*.err with the errors Parse gives")

// TestBadConfigs parses each testdata/bad/*.toml and wants exactly the
// error in the sibling .err file. Cases named match-*.toml need package
// match and run in validate_match_test.go.
func TestBadConfigs(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) < 16 {
		t.Fatalf("found %d bad configs, want at least 16", len(files))
	}
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "match-") {
			continue
		}
		testBadConfig(t, file)
	}
}

func testBadConfig(t *testing.T, file string) {
	t.Run(strings.TrimSuffix(filepath.Base(file), ".toml"), func(t *testing.T) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(FileName, data)
		if err == nil {
			t.Fatalf("Parse succeeded: %+v", c)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse error %v is a %T, want *Error", err, err)
		}
		if e.File != FileName || e.Line == 0 {
			t.Errorf("Error has File %q, Line %d; want %q and a line", e.File, e.Line, FileName)
		}

		golden := strings.TrimSuffix(file, ".toml") + ".err"
		if *update {
			if err := os.WriteFile(golden, []byte(err.Error()+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, rerr := os.ReadFile(golden)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if got := err.Error(); got != strings.TrimSpace(string(want)) {
			t.Errorf("error:\n got %s\nwant %s", got, want)
		}
	})
}
