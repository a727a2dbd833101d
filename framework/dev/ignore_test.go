package dev

import (
	"path/filepath"
	"testing"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"index.html", false},
		{"[slug].html", false},
		{"_app.html", false},
		{"robots.txt", false},
		{"4913.html", false},
		{"a#b", false},
		{".index.html.swp", true}, // Vim
		{".index.html.swx", true},
		{"index.html.swp", true},
		{"index.html~", true}, // backups
		{"4913", true},        // Vim's write test
		{"#index.html#", true},
		{".#index.html", true}, // Emacs lock
		{".DS_Store", true},
		{".git", true},
		{"index.html___jb_tmp___", true},
		{"index.html___jb_old___", true},
	}
	for _, tt := range tests {
		if got := ignored(tt.name); got != tt.want {
			t.Errorf("ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRelevant(t *testing.T) {
	root := filepath.FromSlash("/srv/app")
	w := &Watcher{root: root}
	tests := []struct {
		path string
		want bool
	}{
		{"next.config.toml", true},
		{"pages", true},
		{"pages/index.html", true},
		{"pages/blog/[slug].html", true},
		{"pages/_layouts/post.html", true},
		{"public", true},
		{"public/img/logo.png", true},
		{"main.go", false},
		{"go.mod", false},
		{"next.config.toml~", false},
		{"pagesx/index.html", false},
		{"plugins/cors/cors.go", false},
		{"pages/.index.html.swp", false},
		{"pages/index.html~", false},
		{"pages/4913", false},
		{"pages/.cache/x.html", false},
		{"public/.well-known/x", false},
		{"../other/pages/index.html", false},
	}
	for _, tt := range tests {
		if got := w.relevant(filepath.Join(root, filepath.FromSlash(tt.path))); got != tt.want {
			t.Errorf("relevant(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
