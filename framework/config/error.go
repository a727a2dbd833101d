package config

import "fmt"

// Error is a config problem at a place in the file.
type Error struct {
	File string // "next.config.toml" or the path given to Load
	Line int    // 0 when unknown
	Rule string // "redirects[3]", "rewrites.afterFiles[1].has[0]", "basePath"; may be ""
	Err  error  // what is wrong
}

// Error formats as "next.config.toml:12: redirects[3]: source "x": must start with "/"".
func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Rule != "" {
		s += ": " + e.Rule
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the underlying problem.
func (e *Error) Unwrap() error { return e.Err }
