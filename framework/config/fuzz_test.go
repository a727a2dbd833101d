package config

import (
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds every config under testdata to the fuzz corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.toml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzDecode runs decoding and the checks that do not need package match
// on any input: they must never panic. FuzzParse covers the whole of Parse.
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := decode(FileName, data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("decode error %v is a %T", err, err)
			}
			return
		}
		if err := c.checkShape(c.rules()); err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("check error %v is a %T", err, err)
			}
		}
	})
}
