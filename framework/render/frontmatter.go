package render

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// frontMatter is the "---" block a page may start with.
type frontMatter struct {
	// meta holds every key with its value, unquoted.
	meta map[string]string
	// lines is how many lines the block takes, both "---" lines included:
	// the body starts on line lines+1.
	lines int
}

// splitFrontMatter cuts the front matter off src. Without one it returns a
// nil *frontMatter and src unchanged. file is for errors.
func splitFrontMatter(file string, src []byte) (*frontMatter, []byte, error) {
	first, rest, ok := cutLine(src)
	if !ok || string(first) != "---" {
		return nil, src, nil
	}
	fm := &frontMatter{meta: map[string]string{}, lines: 1}
	errf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: front matter: %s", file, fm.lines, fmt.Sprintf(format, args...))
	}
	for {
		var line []byte
		if line, rest, ok = cutLine(rest); !ok {
			fm.lines = 1
			return nil, nil, errf(`no closing "---" line`)
		}
		fm.lines++
		if string(line) == "---" {
			return fm, rest, nil
		}
		text := string(line)
		if t := strings.TrimSpace(text); t == "" || t[0] == '#' {
			continue
		}
		key, value, found := strings.Cut(text, ":")
		key = strings.TrimRight(key, " \t")
		if !found || key == "" || strings.ContainsAny(key, " \t") {
			return nil, nil, errf(`want "key: value", got %q (lists and nesting are not supported)`, text)
		}
		if _, dup := fm.meta[key]; dup {
			return nil, nil, errf("%q given twice", key)
		}
		v, err := unquote(strings.TrimSpace(value))
		if err != nil {
			return nil, nil, errf("%s: %v", key, err)
		}
		fm.meta[key] = v
	}
}

// cutLine returns src's first line without its "\n" or "\r\n" and trailing
// spaces, and what follows it. ok is false when src has no complete line.
func cutLine(src []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(src, '\n')
	if i < 0 {
		return nil, src, false
	}
	return bytes.TrimRight(src[:i], " \t\r"), src[i+1:], true
}

// unquote removes YAML-style quotes: double quotes with Go escapes, or
// single quotes in which a doubled single quote stands for one. Unquoted
// values are returned as they are.
func unquote(v string) (string, error) {
	switch {
	case len(v) < 2:
		return v, nil
	case v[0] == '"' && v[len(v)-1] == '"':
		return strconv.Unquote(v)
	case v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'"), nil
	}
	return v, nil
}
