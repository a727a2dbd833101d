package config

import "testing"

func TestSuggest(t *testing.T) {
	names := []string{"source", "destination", "permanent", "statusCode", "has", "missing", "basePath", "locale", "redirects", "headers"}
	tests := []struct{ key, want string }{
		{"redirect", "redirects"},
		{"destinaton", "destination"},
		{"permanant", "permanent"},
		{"statuscode", "statusCode"},
		{"Source", "source"},
		{"hsa", "has"},
		{"header", "headers"},
		{"locales", "locale"},
		{"cache", ""},
		{"src", ""},
		{"x", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.key, names); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}
