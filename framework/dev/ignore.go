package dev

import "strings"

// ignored reports whether a file or folder named name (a base name) is
// left out of watching: names starting with "." are never routes, pages,
// partials or public files, and the rest are what editors write beside
// the file they save.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."): // dotfiles, Vim's .x.swp, Emacs's .#x locks
		return true
	case strings.HasSuffix(name, "~"): // backups: x~, Kate's x.kate-swp~
		return true
	case name == "4913": // Vim's test of whether it may write in the folder
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // Emacs auto-save
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"): // Vim swap files outside dot names
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains safe write
		return true
	}
	return false
}
