package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// nextApp is fixture a built as a Next.js app.
type nextApp struct {
	dir      string
	versions map[string]string // next, react, react-dom as installed
}

// prepareNext copies fixture a's Next.js app (conformance/a) and the pinned
// package.json/package-lock.json into workDir, installs the packages with
// npm and runs `next build`. workDir is the harness's own folder
// (gitignored): node_modules and .next stay there, and a second run reuses
// node_modules. Output goes to logFile.
func prepareNext(conformance, workDir, logFile string) (*nextApp, error) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%s is not installed", tool)
		}
	}
	src := filepath.Join(conformance, "a")
	if _, err := os.Stat(filepath.Join(src, "next.config.js")); err != nil {
		return nil, fmt.Errorf("no Next.js fixture at %s (set -conformance): %w", src, err)
	}
	dir := filepath.Join(workDir, "next-a")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// Start from a clean copy; keep node_modules, which npm install checks.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() != "node_modules" {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	if err := copyTree(src, dir); err != nil {
		return nil, err
	}
	for _, f := range []string{"package.json", "package-lock.json"} {
		if err := copyFile(filepath.Join(conformance, f), filepath.Join(dir, f)); err != nil {
			return nil, err
		}
	}

	log, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	defer log.Close()
	run := func(env []string, argv ...string) error {
		fmt.Fprintf(log, "$ %s\n", strings.Join(argv, " "))
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, log, log
		cmd.Env = append(os.Environ(), env...)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w (log: %s)", strings.Join(argv, " "), err, logFile)
		}
		return nil
	}
	// npm install, not npm ci: the lock file lacks the optional platform
	// packages of other systems, which npm ci insists on.
	if err := run(nil, "npm", "install", "--no-audit", "--no-fund"); err != nil {
		return nil, err
	}
	next := filepath.Join("node_modules", "next", "dist", "bin", "next")
	if err := run([]string{"NEXT_TELEMETRY_DISABLED=1"}, "node", next, "build"); err != nil {
		return nil, err
	}
	app := &nextApp{dir: dir, versions: map[string]string{}}
	for _, pkg := range []string{"next", "react", "react-dom"} {
		data, err := os.ReadFile(filepath.Join(dir, "node_modules", pkg, "package.json"))
		if err != nil {
			return nil, err
		}
		var meta struct{ Version string }
		if err := json.Unmarshal(data, &meta); err != nil {
			return nil, err
		}
		app.versions[pkg] = meta.Version
	}
	return app, nil
}

// copyTree copies the files under src into dst, writable (the fixture is
// read-only).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
