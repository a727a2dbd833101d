package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestDefault(t *testing.T) {
	want := &Config{UseFileSystemPublicRoutes: true, PageExtensions: []string{"html", "md"}, Compress: true}
	if got := Default(); !reflect.DeepEqual(got, want) {
		t.Errorf("Default() = %+v, want %+v", got, want)
	}
	Default().PageExtensions[0] = "changed"
	if Default().PageExtensions[0] != "html" {
		t.Error("Default() shares its PageExtensions")
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("Default().Validate() = %v", err)
	}
}

func TestLoad(t *testing.T) {
	t.Run("missing file", func(t *testing.T) {
		c, err := Load(t.TempDir())
		if err != nil || !reflect.DeepEqual(c, Default()) {
			t.Errorf("Load = %+v, %v; want Default()", c, err)
		}
	})
	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, FileName), "basePath = \"/docs\"\n")
		c, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if c.BasePath != "/docs" || c.File != filepath.Join(dir, FileName) {
			t.Errorf("Load = %+v", c)
		}
	})
	t.Run("error names the path", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, FileName), "\nbasePath = \"docs\"\n")
		_, err := Load(dir)
		want := filepath.Join(dir, FileName) + `:2: basePath: "docs": must start with "/"`
		if err == nil || err.Error() != want {
			t.Errorf("Load error %v, want %s", err, want)
		}
	})
	t.Run("read error", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
			t.Fatal(err)
		}
		var e *Error
		if _, err := Load(dir); err == nil || errors.As(err, &e) {
			t.Errorf("Load of a directory: %v, want the read error", err)
		}
	})
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
