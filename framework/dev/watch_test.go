package dev

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// quiet is the Quiet period of the watchers under test: long enough that
// a test's writes in a row are one burst on a busy machine.
const quiet = 150 * time.Millisecond

// watch starts a watcher on dir whose OnChange signals changes; it is
// closed when the test ends.
func watch(t *testing.T, dir string) (*Watcher, <-chan struct{}) {
	t.Helper()
	changes := make(chan struct{}, 16)
	w, err := Watch(Options{Dir: dir, Quiet: quiet, MaxDelay: 10 * time.Second,
		OnChange: func() { changes <- struct{}{} },
		OnError:  func(err error) { t.Errorf("watch error: %v", err) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, changes
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantChange waits (at most 5 s) for OnChange.
func wantChange(t *testing.T, changes <-chan struct{}, after string) {
	t.Helper()
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatalf("no change reported after %s", after)
	}
}

// wantNoChange checks that OnChange does not run within three quiet
// periods.
func wantNoChange(t *testing.T, changes <-chan struct{}, after string) {
	t.Helper()
	select {
	case <-changes:
		t.Fatalf("a change was reported after %s", after)
	case <-time.After(3 * quiet):
	}
}

func TestWatcherOneChangePerBurst(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pages/index.html", "v0")
	write(t, dir, "public/a.txt", "a")
	_, changes := watch(t, dir)

	for i := range 5 { // as editors save: several writes in a row
		write(t, dir, "pages/index.html", "v"+string(rune('1'+i)))
	}
	write(t, dir, "public/a.txt", "b")
	wantChange(t, changes, "writing pages/index.html and public/a.txt")

	write(t, dir, "pages/.index.html.swp", "swap")
	write(t, dir, "pages/index.html~", "backup")
	write(t, dir, "pages/4913", "")
	write(t, dir, "main.go", "package main")
	write(t, dir, "pages/.cache/x.html", "x")
	wantNoChange(t, changes, "the burst, and writes to ignored files")

	write(t, dir, "next.config.toml", "basePath = \"/x\"\n")
	wantChange(t, changes, "writing next.config.toml")
}

func TestWatcherNewFolders(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pages/index.html", "home")
	_, changes := watch(t, dir)

	if err := os.MkdirAll(filepath.Join(dir, "pages", "blog", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	wantChange(t, changes, "making pages/blog/2025")
	write(t, dir, "pages/blog/2025/post.html", "post")
	wantChange(t, changes, "writing a file in a folder made after Watch")

	// public/ did not exist when watching started.
	write(t, dir, "public/img/logo.svg", "<svg/>")
	wantChange(t, changes, "making public/")
	write(t, dir, "public/img/logo.svg", "<svg></svg>")
	wantChange(t, changes, "writing a file in public/, made after Watch")
}

func TestWatcherCloseStopsIt(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "pages/index.html", "home")
	before := runtime.NumGoroutine()

	entered, release := make(chan struct{}), make(chan struct{})
	calls := make(chan struct{}, 16)
	w, err := Watch(Options{Dir: dir, Quiet: quiet, OnChange: func() {
		calls <- struct{}{}
		entered <- struct{}{}
		<-release
	}})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "pages/index.html", "v1")
	select {
	case <-entered:
	case <-time.After(5 * time.Second):
		t.Fatal("OnChange did not run")
	}
	closed := make(chan error, 1)
	go func() { closed <- w.Close() }()
	select {
	case <-closed:
		t.Fatal("Close returned while OnChange was running")
	case <-time.After(2 * quiet):
	}
	close(release)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return after OnChange did")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	<-calls

	write(t, dir, "pages/index.html", "v2")
	select {
	case <-calls:
		t.Fatal("OnChange ran after Close")
	case <-time.After(3 * quiet):
	}
	// The watcher's goroutines, and fsnotify's, are gone.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines after Close, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWatchNeedsOnChange(t *testing.T) {
	if _, err := Watch(Options{Dir: t.TempDir()}); err == nil {
		t.Fatal("Watch without OnChange: no error")
	}
}
