package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is one server under test, started by the harness in its own
// process group so that stopping it ends everything it started and nothing
// else.
type server struct {
	name string // as shown in RESULTS.md
	base string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
}

// pinned returns argv prefixed with taskset when cpu is set.
func pinned(cpu string, argv ...string) []string {
	if cpu == "" {
		return argv
	}
	return append([]string{"taskset", "-c", cpu}, argv...)
}

func newCmd(argv []string, dir string, env []string, logFile string) (*exec.Cmd, *os.File, error) {
	log, err := os.Create(logFile)
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, log, nil
}

// startGo starts one of the Go servers (bench/cmd/nextfiber or fiberbase)
// with GOMAXPROCS=1 on port 0, and waits for its "READY http://ADDR" line.
func startGo(name, bin, cpu, logFile string, args ...string) (*server, error) {
	argv := pinned(cpu, append([]string{bin, "-addr", "127.0.0.1:0"}, args...)...)
	cmd, log, err := newCmd(argv, "", []string{"GOMAXPROCS=1"}, logFile)
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &server{name: name, cmd: cmd, log: log, done: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(log, line)
			if url, ok := strings.CutPrefix(line, "READY "); ok {
				ready <- url
			}
		}
		io.Copy(log, out)
	}()
	go func() { cmd.Wait(); close(s.done) }()
	select {
	case url := <-ready:
		s.base = url
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("%s exited before it was ready (log: %s)", name, logFile)
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, fmt.Errorf("%s not ready after 60s (log: %s)", name, logFile)
	}
}

// startNext runs `next start` in dir on a free loopback port and waits
// until it answers.
func startNext(dir, cpu, logFile string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	next := filepath.Join("node_modules", "next", "dist", "bin", "next")
	argv := pinned(cpu, "node", next, "start", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd, log, err := newCmd(argv, dir, []string{"NODE_ENV=production", "NEXT_TELEMETRY_DISABLED=1"}, logFile)
	if err != nil {
		return nil, err
	}
	cmd.Stdout = log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("next start: %w", err)
	}
	s := &server{name: "Next.js", cmd: cmd, log: log, done: make(chan struct{}),
		base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(s.base + "/users/me")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("next start exited before it was ready (log: %s)", logFile)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("next start not ready after 90s (log: %s)", logFile)
		}
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// stop ends the server's process group: SIGTERM, then SIGKILL after 10s.
func (s *server) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	pgid := s.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
	}
	s.log.Close()
}

// memory returns the peak resident set size (VmHWM) and the current one
// (VmRSS) of the server's process and every process below it, each summed.
func (s *server) memory() (peak, now int64, err error) {
	for _, pid := range processTree(s.cmd.Process.Pid) {
		hwm, rss, err := procMemory(pid)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // exited meanwhile
			}
			return 0, 0, err
		}
		peak, now = peak+hwm, now+rss
	}
	return peak, now, nil
}

// procMemory reads VmHWM and VmRSS, in bytes, from /proc/PID/status.
func procMemory(pid int) (hwm, rss int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	kb := func(v string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		return n * 1024
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwm = kb(v)
		} else if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = kb(v)
		}
	}
	if hwm == 0 {
		return 0, 0, fmt.Errorf("/proc/%d/status: no VmHWM", pid)
	}
	return hwm, rss, nil
}

// cpuTime returns the CPU time the server's processes have used so far:
// the sum over their threads of /proc/PID/task/TID/schedstat's first field
// (nanoseconds on a CPU).
// waitIdle waits until the servers together use under 2% of a CPU over a
// quarter second, or until limit; it reports whether they got there.
func waitIdle(servers []*server, limit time.Duration) bool {
	const window = 250 * time.Millisecond
	total := func() (d time.Duration) {
		for _, s := range servers {
			d += s.cpuTime()
		}
		return d
	}
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); {
		before := total()
		time.Sleep(window)
		if total()-before < window/50 {
			return true
		}
	}
	return false
}

func (s *server) cpuTime() time.Duration {
	var total time.Duration
	for _, pid := range processTree(s.cmd.Process.Pid) {
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		for _, t := range tasks {
			data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
			if err != nil {
				continue
			}
			if f := strings.Fields(string(data)); len(f) > 0 {
				if ns, err := strconv.ParseInt(f[0], 10, 64); err == nil {
					total += time.Duration(ns)
				}
			}
		}
	}
	return total
}

// processTree lists root and its descendants, from /proc/*/stat.
func processTree(root int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold spaces and parens.
		i := strings.LastIndexByte(string(stat), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 2 {
			continue
		}
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			children[ppid] = append(children[ppid], pid)
		}
	}
	var out []int
	var walk func(int)
	walk = func(pid int) {
		out = append(out, pid)
		for _, c := range children[pid] {
			walk(c)
		}
	}
	walk(root)
	return out
}
