// Command harness compares Nextfiber with a bare Fiber app and with the
// real Next.js on conformance fixture a, on one machine in one run, and
// measures how the pipeline's cost grows with the number of config rules.
// It writes bench/RESULTS.md. Run it through bench/run.sh, which installs
// wrk and builds it; see bench/README.md.
//
// Each server runs pinned to one CPU (taskset), the Go servers with
// GOMAXPROCS=1, and wrk runs pinned to another, against 127.0.0.1 only,
// for a fixed time per scenario. The servers' answers are checked before
// any load: Nextfiber and Fiber must send the same bytes, Next.js the same
// status and page content.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// options are the harness's flags.
type options struct {
	root, work, out, conformance string
	duration, warmup             time.Duration
	rounds, conns                int
	next                         string
	nextDuration, nextWarmup     time.Duration
	serverCPU, loadCPU           string
	ruleCount                    int
	ruleTime                     time.Duration
	skipRules, profile, quick    bool
	verify                       bool
	only                         string
}

func main() {
	var o options
	flag.StringVar(&o.root, "root", ".", "repository root")
	flag.StringVar(&o.work, "work", "bench/.work", "work folder for binaries, logs and the Next.js app (gitignored)")
	flag.StringVar(&o.out, "out", "bench/RESULTS.md", "results file to write (empty: print only)")
	flag.StringVar(&o.conformance, "conformance", "", "folder with the Next.js fixture apps and package.json (default: $NEXTFIBER_CONFORMANCE, else ../shared/conformance from -root)")
	flag.DurationVar(&o.duration, "duration", time.Second, "length of one load run against a Go server (whole seconds)")
	flag.IntVar(&o.rounds, "rounds", 9, "load runs per scenario and Go server, alternating between the two; the median is reported")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "warm-up run before the first measured run of each scenario on a Go server")
	flag.StringVar(&o.next, "next", "auto", "compare with Next.js: auto (when Node.js and the fixture are there), on, off")
	flag.DurationVar(&o.nextDuration, "next-duration", 5*time.Second, "length of the one load run per scenario against Next.js")
	flag.DurationVar(&o.nextWarmup, "next-warmup", 3*time.Second, "warm-up run per scenario on Next.js (lets V8 compile the hot code)")
	flag.IntVar(&o.conns, "conns", 64, "open connections wrk keeps")
	flag.StringVar(&o.serverCPU, "server-cpu", "0", "CPU the servers are pinned to")
	flag.StringVar(&o.loadCPU, "load-cpu", "1", "CPU wrk is pinned to")
	flag.IntVar(&o.ruleCount, "rule-count", 5, "BenchmarkRuleScaling -count; the median is reported")
	flag.DurationVar(&o.ruleTime, "rule-benchtime", time.Second, "BenchmarkRuleScaling -benchtime")
	flag.BoolVar(&o.skipRules, "skip-rules", false, "do not run BenchmarkRuleScaling")
	flag.BoolVar(&o.verify, "verify", true, "stop when Fiber does not answer exactly as Nextfiber (with false: note it in RESULTS.md and go on)")
	flag.BoolVar(&o.profile, "profile", false, "write CPU profiles of the Go servers to WORK/profiles")
	flag.StringVar(&o.only, "only", "", "comma-separated scenarios to run (default all): "+scenarioNames())
	flag.BoolVar(&o.quick, "quick", false, "a fast smoke run: 2s runs, one round, short warm-ups and rule benchmarks")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if o.quick {
		o.duration, o.rounds, o.warmup = time.Second, 2, time.Second
		o.nextDuration, o.nextWarmup = 2*time.Second, time.Second
		o.ruleCount, o.ruleTime = 1, 200*time.Millisecond
	}
	if o.only != "" {
		var keep []scenario
		for _, name := range strings.Split(o.only, ",") {
			i := slices.IndexFunc(scenarios, func(sc scenario) bool { return sc.name == name })
			if i < 0 {
				fmt.Fprintf(os.Stderr, "harness: unknown scenario %q (want %s)\n", name, scenarioNames())
				os.Exit(2)
			}
			keep = append(keep, scenarios[i])
		}
		scenarios = keep
	}
	if err := run(&o); err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

// run is the whole comparison; servers it started are stopped on every
// way out, a SIGINT or SIGTERM included.
func run(o *options) error {
	root, err := filepath.Abs(o.root)
	if err != nil {
		return err
	}
	work := o.work
	if !filepath.IsAbs(work) {
		work = filepath.Join(root, work)
	}
	binDir, logDir := filepath.Join(work, "bin"), filepath.Join(work, "logs")
	for _, d := range []string{binDir, logDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed: run bash bench/run.sh (installs it) or apt-get install wrk")
	}
	r := &results{opts: o, started: time.Now(), loadBefore: loadAvg()}
	if _, err := exec.LookPath("taskset"); err != nil || runtime.NumCPU() < 2 || o.serverCPU == o.loadCPU {
		r.notes = append(r.notes, "Servers and wrk were not pinned to separate CPUs (taskset missing or fewer than 2 CPUs): the figures share one CPU.")
		o.serverCPU, o.loadCPU = "", ""
	}

	// Everything is built first, so that the whole run measures one
	// version of the code.
	step("building the Go servers and the benchmarks")
	builds := [][]string{
		{"go", "build", "-o", filepath.Join(binDir, "nextfiber"), "./bench/cmd/nextfiber"},
		{"go", "build", "-o", filepath.Join(binDir, "fiberbase"), "./bench/cmd/fiberbase"},
	}
	if !o.skipRules {
		builds = append(builds, []string{"go", "test", "-c", "-o", filepath.Join(binDir, "bench.test"), "./bench"})
	}
	for _, argv := range builds {
		build := exec.Command(argv[0], argv[1:]...)
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out)
		}
	}

	var next *nextApp
	if o.next != "off" {
		conf := o.conformance
		if conf == "" {
			conf = os.Getenv("NEXTFIBER_CONFORMANCE")
		}
		if conf == "" {
			conf = filepath.Join(root, "..", "shared", "conformance")
		}
		step("preparing Next.js (npm install, next build) in " + filepath.Join(work, "next-a"))
		next, err = prepareNext(conf, work, filepath.Join(logDir, "next-build.log"))
		if err != nil {
			if o.next == "on" {
				return err
			}
			r.notes = append(r.notes, "Next.js was not measured: "+err.Error())
			fmt.Println("   skipped:", err)
			next = nil
		} else {
			r.nextVersions = next.versions
		}
	}

	fixture := filepath.Join(root, "tests", "conformance", "testdata", "a")
	var servers []*server
	stopAll := func() {
		for _, s := range servers {
			s.stop()
		}
		servers = nil
	}
	defer stopAll()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, "harness: interrupted, stopping the servers")
		stopAll()
		os.Exit(130)
	}()

	step("starting the servers")
	profArgs := func(name string) []string {
		if !o.profile {
			return nil
		}
		dir := filepath.Join(work, "profiles")
		os.MkdirAll(dir, 0o755)
		f := filepath.Join(dir, name+".cpu.pprof")
		r.profiles = append(r.profiles, f)
		return []string{"-cpuprofile", f}
	}
	nf, err := startGo("Nextfiber", filepath.Join(binDir, "nextfiber"), o.serverCPU,
		filepath.Join(logDir, "nextfiber.log"), append([]string{"-dir", fixture}, profArgs("nextfiber")...)...)
	if err != nil {
		return err
	}
	servers = append(servers, nf)
	fb, err := startGo("Fiber", filepath.Join(binDir, "fiberbase"), o.serverCPU,
		filepath.Join(logDir, "fiberbase.log"), append([]string{"-dir", fixture}, profArgs("fiberbase")...)...)
	if err != nil {
		return err
	}
	servers = append(servers, fb)
	var nx *server
	if next != nil {
		if nx, err = startNext(next.dir, o.serverCPU, filepath.Join(logDir, "next-start.log")); err != nil {
			if o.next == "on" {
				return err
			}
			r.notes = append(r.notes, "Next.js was not measured: "+err.Error())
			fmt.Println("   skipped:", err)
		} else {
			servers = append(servers, nx)
		}
	}
	r.servers = []*server{nf, fb}
	if nx != nil {
		r.servers = append(r.servers, nx)
	}
	r.rssStart = map[*server]int64{}
	for _, s := range r.servers {
		fmt.Printf("   %-9s %s\n", s.name, s.base)
		if _, r.rssStart[s], err = s.memory(); err != nil {
			return err
		}
	}

	step("checking the answers")
	if err := r.verify(nf, fb, nx); err != nil {
		return err
	}
	// Next.js keeps working for a while after it answers its first
	// requests; on the shared server CPU that would be charged to the
	// first scenario.
	if !waitIdle(r.servers, 30*time.Second) {
		r.notes = append(r.notes, "the servers were still busy 30 s after start; the first scenario may be skewed")
	}

	r.loads = map[*server]map[string][]load{}
	for _, s := range r.servers {
		r.loads[s] = map[string][]load{}
	}
	for _, sc := range scenarios {
		step(fmt.Sprintf("load: %s (GET %s)", sc.what, sc.path))
		goServers := []*server{nf, fb}
		for round := range o.rounds {
			for _, s := range goServers {
				if round == 0 && o.warmup > 0 {
					if _, err := wrk(o.loadCPU, s.base+sc.path, o.conns, o.warmup); err != nil {
						return err
					}
				}
				l, err := measure(s, o.loadCPU, sc.path, o.conns, o.duration)
				if err != nil {
					return err
				}
				r.loads[s][sc.name] = append(r.loads[s][sc.name], l)
				printLoad(s, l)
			}
			// Alternate who goes first, so that neither always runs
			// right after the other's load.
			goServers[0], goServers[1] = goServers[1], goServers[0]
		}
		if nx != nil {
			if o.nextWarmup > 0 {
				if _, err := wrk(o.loadCPU, nx.base+sc.path, o.conns, o.nextWarmup); err != nil {
					return err
				}
			}
			l, err := measure(nx, o.loadCPU, sc.path, o.conns, o.nextDuration)
			if err != nil {
				return err
			}
			r.loads[nx][sc.name] = append(r.loads[nx][sc.name], l)
			printLoad(nx, l)
		}
	}
	r.rss, r.rssNow = map[*server]int64{}, map[*server]int64{}
	for _, s := range r.servers {
		if r.rss[s], r.rssNow[s], err = s.memory(); err != nil {
			return err
		}
	}
	stopAll()
	r.loadAfterServers = loadAvg()

	if !o.skipRules {
		step("BenchmarkRuleScaling")
		r.scaling, err = runRuleScaling(root, binDir, o.serverCPU, o.ruleCount, o.ruleTime, filepath.Join(logDir, "rule-scaling.txt"))
		if err != nil {
			return err
		}
	}
	r.finished = time.Now()
	r.machine = machineInfo(root)

	report := r.markdown()
	fmt.Println()
	fmt.Print(report)
	if o.out != "" {
		out := o.out
		if !filepath.IsAbs(out) {
			out = filepath.Join(root, out)
		}
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			return err
		}
		fmt.Println("\nwrote", out)
	}
	for _, f := range r.profiles {
		fmt.Printf("profile: go tool pprof -top %s %s\n", filepath.Join(binDir, strings.TrimSuffix(filepath.Base(f), ".cpu.pprof")), f)
	}
	return nil
}

// verify fetches every scenario from each server before any load: Fiber
// must answer exactly as Nextfiber does, Next.js with the same status and
// content. A Next.js difference is reported, not fatal: it is the reference
// the conformance suite checks Nextfiber against, not the harness.
func (r *results) verify(nf, fb, nx *server) error {
	for _, sc := range scenarios {
		want, err := fetch(nf.base + sc.path)
		if err != nil {
			return fmt.Errorf("Nextfiber GET %s: %w", sc.path, err)
		}
		if want.status != sc.status {
			return fmt.Errorf("Nextfiber GET %s: status %d, want %d", sc.path, want.status, sc.status)
		}
		got, err := fetch(fb.base + sc.path)
		if err != nil {
			return fmt.Errorf("Fiber GET %s: %w", sc.path, err)
		}
		if err := sameResponse(want, got); err != nil {
			err = fmt.Errorf("Fiber GET %s does not answer as Nextfiber does: %w", sc.path, err)
			if r.opts.verify {
				return fmt.Errorf("%w\n(bench/cmd/fiberbase must send what Nextfiber sends; -verify=false measures anyway)", err)
			}
			r.notes = append(r.notes, err.Error())
			fmt.Println("  ", err)
		}
		if nx != nil {
			got, err := fetch(nx.base + sc.path)
			if err == nil {
				err = sameContent(want, got)
			}
			if err != nil {
				r.notes = append(r.notes, fmt.Sprintf("Next.js GET %s differs from Nextfiber: %v", sc.path, err))
				fmt.Printf("   Next.js GET %s differs: %v\n", sc.path, err)
			}
		}
	}
	return nil
}

func step(s string) { fmt.Printf("== %s\n", s) }

func printLoad(s *server, l load) {
	fmt.Printf("   %-9s %8.0f req/s  p50 %-9s p99 %-9s  CPU %5.1f µs/req, %3.0f%% busy\n", s.name, l.rps,
		fmtLatency(l.p50), fmtLatency(l.p99), float64(l.cpuPerRequest())/float64(time.Microsecond), 100*l.busy())
}
