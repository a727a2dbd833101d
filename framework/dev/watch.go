// Package dev watches an app directory for Options.Dev: when pages/,
// public/ or next.config.toml change, it calls back once the burst of
// writes is over, and the framework prepares the app again.
package dev

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/nextfiber/nextfiber/framework/config"
)

// Options configure a Watcher.
type Options struct {
	// Dir is the app directory. Dir/pages and Dir/public are watched with
	// every folder under them, folders made later included, and so is
	// Dir/next.config.toml. Names that ignored rejects (dotfiles, editor
	// backups and swap files) are left out.
	Dir string
	// Quiet is how long the files must stay unchanged before OnChange
	// runs. Default 100ms.
	Quiet time.Duration
	// MaxDelay is the longest a burst that goes on and on puts OnChange
	// off. Default 1s.
	MaxDelay time.Duration
	// OnChange runs once per burst of changes, on the watcher's own
	// goroutine: never twice at once; changes made while it runs make it
	// run again after.
	OnChange func()
	// OnError receives what goes wrong while watching: a folder that
	// cannot be watched, events the system dropped (OnChange runs then
	// too, as anything may have changed). Nil ignores them.
	OnError func(error)
}

// Watcher watches an app directory; see Options.
type Watcher struct {
	opts Options
	root string // Options.Dir, absolute
	fs   *fsnotify.Watcher
	stop chan struct{}
	done chan struct{} // closed when run has returned
	once sync.Once
}

// Watch starts watching opts.Dir. Close stops it.
func Watch(opts Options) (*Watcher, error) {
	if opts.OnChange == nil {
		return nil, errors.New("dev: Options.OnChange is nil")
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 100 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = time.Second
	}
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{opts: opts, root: root, fs: fw, stop: make(chan struct{}), done: make(chan struct{})}
	// The app directory itself is watched for next.config.toml and for
	// pages/ or public/ appearing; it is not walked.
	err = fw.Add(root)
	for _, name := range []string{"pages", "public"} {
		if err == nil {
			err = w.addTree(filepath.Join(root, name))
		}
	}
	if err != nil {
		fw.Close()
		return nil, fmt.Errorf("watching %s: %w", opts.Dir, err)
	}
	go w.run()
	return w, nil
}

// Close stops watching. It waits for an OnChange that is running to
// return; OnChange is not called after Close returns. Close may be called
// more than once.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.stop) })
	<-w.done
	return w.fs.Close()
}

// run reads events until Close, calling OnChange when a burst is over.
func (w *Watcher) run() {
	defer close(w.done)
	b := burst{quiet: w.opts.Quiet, max: w.opts.MaxDelay}
	timer := time.NewTimer(w.opts.Quiet)
	timer.Stop()
	defer timer.Stop()
	var fire <-chan time.Time // timer.C while a burst is pending
	changed := func() {
		b.add(time.Now())
		timer.Reset(time.Until(b.due()))
		fire = timer.C
	}
	for {
		select {
		case <-w.stop:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !w.relevant(ev.Name) {
				continue // attribute changes alone change nothing served
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					// Whatever was written in it before it was watched is
					// read by the rebuild this event brings.
					if err := w.addTree(ev.Name); err != nil {
						w.report(err)
					}
				}
			}
			changed()
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.report(err)
			changed()
		case <-fire:
			fire = nil
			b.clear()
			w.opts.OnChange()
		}
	}
}

// addTree watches dir and every folder under it; a dir that does not
// exist is not an error.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && path == dir && errors.Is(err, fs.ErrNotExist):
			return fs.SkipAll
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case path != dir && ignored(d.Name()):
			return fs.SkipDir
		}
		return w.fs.Add(path)
	})
}

// relevant reports whether a change to path can change what the app
// serves: next.config.toml, or anything under pages/ or public/ that no
// part of its name is ignored for.
func (w *Watcher) relevant(path string) bool {
	rel, err := filepath.Rel(w.root, path)
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch parts[0] {
	case config.FileName:
		return len(parts) == 1
	case "pages", "public":
	default:
		return false
	}
	for _, p := range parts[1:] {
		if ignored(p) {
			return false
		}
	}
	return true
}

func (w *Watcher) report(err error) {
	if w.opts.OnError != nil {
		w.opts.OnError(err)
	}
}
