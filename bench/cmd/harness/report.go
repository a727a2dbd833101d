package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// results is everything one harness run measured.
type results struct {
	opts                         *options
	started, finished            time.Time
	loadBefore, loadAfterServers string
	machine                      []string
	nextVersions                 map[string]string
	servers                      []*server // Nextfiber, Fiber, then Next.js when measured
	loads                        map[*server]map[string][]load
	rss, rssNow, rssStart        map[*server]int64 // peak, final and initial resident set size
	scaling                      *scaling
	notes                        []string
	profiles                     []string
}

// typical returns the run with the median throughput of a server on a
// scenario (the lower middle one for an even count), or false.
func (r *results) typical(s *server, scenario string) (load, bool) {
	runs := slices.Clone(r.loads[s][scenario])
	if len(runs) == 0 {
		return load{}, false
	}
	slices.SortFunc(runs, func(a, b load) int {
		switch {
		case a.rps < b.rps:
			return -1
		case a.rps > b.rps:
			return 1
		}
		return 0
	})
	return runs[(len(runs)-1)/2], true
}

// ratio is Nextfiber's throughput over other's on a scenario, or 0. For
// the Fiber baseline, whose runs alternate with Nextfiber's, it is the
// median of the per-round ratios: the two runs of a round are next to each
// other in time, so a slow spell on the machine affects both. Otherwise it
// is the ratio of the median runs.
func (r *results) ratio(other *server, scenario string) float64 {
	if other == nil {
		return 0
	}
	nf := r.loads[r.servers[0]][scenario]
	ot := r.loads[other][scenario]
	if len(nf) == 0 || len(ot) == 0 {
		return 0
	}
	if len(nf) == len(ot) {
		var rs []float64
		for i := range nf {
			if ot[i].rps > 0 {
				rs = append(rs, nf[i].rps/ot[i].rps)
			}
		}
		if len(rs) == 0 {
			return 0
		}
		return median(rs)
	}
	a, _ := r.typical(r.servers[0], scenario)
	b, _ := r.typical(other, scenario)
	if b.rps == 0 {
		return 0
	}
	return a.rps / b.rps
}

// cpuRatio is like ratio, by the servers' CPU time per request instead of
// req/s: other's cost per request over Nextfiber's.
func (r *results) cpuRatio(other *server, scenario string) float64 {
	if other == nil {
		return 0
	}
	nf := r.loads[r.servers[0]][scenario]
	ot := r.loads[other][scenario]
	if len(nf) == 0 || len(ot) == 0 {
		return 0
	}
	per := func(l load) float64 { return float64(l.cpuPerRequest()) }
	if len(nf) == len(ot) {
		var rs []float64
		for i := range nf {
			if per(nf[i]) > 0 {
				rs = append(rs, per(ot[i])/per(nf[i]))
			}
		}
		if len(rs) == 0 {
			return 0
		}
		return median(rs)
	}
	var a []float64
	for _, l := range nf {
		a = append(a, per(l))
	}
	if m := median(a); m > 0 {
		return per(ot[len(ot)/2]) / m
	}
	return 0
}

func (r *results) server(name string) *server {
	for _, s := range r.servers {
		if s.name == name {
			return s
		}
	}
	return nil
}

func (r *results) markdown() string {
	o := r.opts
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	mode := "full"
	if o.quick {
		mode = "quick (smoke run: too short to judge by)"
	}
	p("# Benchmark results\n\n")
	p("Written by `bash bench/run.sh` (bench/cmd/harness) on %s, mode: %s. See bench/README.md for what is measured and how; rerun to refresh, do not edit by hand.\n\n",
		r.started.UTC().Format("2006-01-02 15:04 MST"), mode)

	p("## Machine and versions\n\n")
	for _, m := range r.machine {
		p("- %s\n", m)
	}
	if len(r.nextVersions) > 0 {
		p("- Next.js %s, React %s, react-dom %s (next start, production build)\n", r.nextVersions["next"], r.nextVersions["react"], r.nextVersions["react-dom"])
	}
	pin := fmt.Sprintf("servers pinned to CPU %s, wrk to CPU %s (taskset)", o.serverCPU, o.loadCPU)
	if o.serverCPU == "" {
		pin = "no CPU pinning"
	}
	p("- Setup: %s; Go servers with GOMAXPROCS=1; `wrk -t1 -c%d --latency` on 127.0.0.1 with keep-alive\n", pin, o.conns)
	p("- Runs: Nextfiber and Fiber %d × %s per scenario, taking turns, after a %s warm-up; the median run is shown, and Nextfiber / Fiber is the median of the per-round ratios. Next.js 1 × %s after a %s warm-up.\n",
		o.rounds, o.duration, o.warmup, o.nextDuration, o.nextWarmup)
	p("- Load average (1, 5, 15 min) before: %s; after the load runs: %s. Other work on the machine skews the figures.\n\n", r.loadBefore, r.loadAfterServers)

	fbs, nxs := r.server("Fiber"), r.server("Next.js")
	p("## Throughput and latency\n\n")
	p("Requests per second (higher is better), and the p50 / p99 latency wrk measured with %d connections.\n\n", o.conns)
	header := "| scenario | request | Nextfiber req/s | p50 / p99 | Fiber req/s | p50 / p99 | Nextfiber / Fiber |"
	sep := "|---|---|--:|--:|--:|--:|--:|"
	if nxs != nil {
		header += " Next.js req/s | p50 / p99 | Nextfiber / Next.js |"
		sep += "--:|--:|--:|"
	}
	p("%s\n%s\n", header, sep)
	for _, sc := range scenarios {
		p("| %s | `GET %s` |", sc.what, sc.path)
		for _, s := range r.servers {
			l, ok := r.typical(s, sc.name)
			if !ok {
				p(" – | – |")
			} else {
				p(" %s | %s / %s |", fmtInt(l.rps), fmtLatency(l.p50), fmtLatency(l.p99))
			}
			if s == fbs {
				p(" **%s** |", fmtRatio(r.ratio(fbs, sc.name)))
			}
			if s == nxs {
				p(" **%s** |", fmtRatio(r.ratio(nxs, sc.name)))
			}
		}
		p("\n")
	}
	p("\n### Server CPU per request\n\n")
	p("CPU time the server used per request (all its threads: /proc/PID/task/*/schedstat) in the run shown above, and how busy it kept its CPU. ")
	p("Other work on the machine moves req/s a lot and CPU per request little, so the ratio of CPU costs cross-checks the throughput ratio; ")
	p("a server well below 100%% busy was held back by the load generator or by other work.\n\n")
	header = "| scenario | Nextfiber µs/req | Fiber µs/req | Nextfiber / Fiber by CPU |"
	sep = "|---|--:|--:|--:|"
	if nxs != nil {
		header += " Next.js µs/req | Nextfiber / Next.js by CPU |"
		sep += "--:|--:|"
	}
	p("%s\n%s\n", header, sep)
	for _, sc := range scenarios {
		p("| %s |", sc.what)
		for _, s := range r.servers {
			if l, ok := r.typical(s, sc.name); ok {
				p(" %.1f (%.0f%% busy) |", float64(l.cpuPerRequest())/float64(time.Microsecond), 100*l.busy())
			} else {
				p(" – |")
			}
			if s == fbs {
				p(" **%s** |", fmtRatio(r.cpuRatio(fbs, sc.name)))
			}
			if s == nxs {
				p(" **%s** |", fmtRatio(r.cpuRatio(nxs, sc.name)))
			}
		}
		p("\n")
	}

	p("\nEvery run, req/s in order:\n\n")
	for _, sc := range scenarios {
		var parts []string
		for _, s := range r.servers {
			var rps []string
			for _, l := range r.loads[s][sc.name] {
				rps = append(rps, fmtInt(l.rps))
				if l.bad > 0 {
					rps[len(rps)-1] += fmt.Sprintf(" (%d failed)", l.bad)
				}
			}
			parts = append(parts, s.name+" "+strings.Join(rps, ", "))
		}
		p("- %s: %s\n", sc.name, strings.Join(parts, "; "))
	}

	p("\n## Memory\n\nPeak resident set size since start (VmHWM from /proc/PID/status, summed over the server's processes) and the resident set size when the server was ready and after the load runs (VmRSS).")
	p("\n\n| server | RSS when ready | peak RSS | RSS after the runs |\n|---|--:|--:|--:|\n")
	mib := func(b int64) float64 { return float64(b) / (1 << 20) }
	for _, s := range r.servers {
		p("| %s | %.1f MiB | **%.1f MiB** | %.1f MiB |\n", s.name, mib(r.rssStart[s]), mib(r.rss[s]), mib(r.rssNow[s]))
	}

	if sc := r.scaling; sc != nil {
		p("\n## Rule-count scaling\n\n")
		p("BenchmarkRuleScaling (bench/rules_test.go): fixture a with N generated header rules, N redirects and N afterFiles rewrites added (`/campaign-i/:path*`, `/landing-i`, `/legacy-i/:slug` → `/blog/:slug`, `/promo-i` → `/about?ref=promo-i`, `/p-i/:id` → `/users/:id`, `/shop-i/:path*` → `/shop/:path*`), so 3N rules in all. In-process through the fasthttp handler, GOMAXPROCS=1, median of %d; `%s`.\n\n", o.ruleCount, sc.command)
		p("| request | ")
		for _, n := range sc.counts {
			p("%s rules | ", fmtInt(float64(n)))
		}
		p("%s / %s |\n|---|", fmtInt(float64(sc.counts[len(sc.counts)-1])), fmtInt(float64(sc.counts[0])))
		for range sc.counts {
			p("--:|")
		}
		p("--:|\n")
		for _, req := range sc.requests {
			what := req
			switch req {
			case "miss":
				what = "miss: `GET /users/me` (no generated rule matches)"
			case "last-rule":
				what = "last-rule: the last generated redirect"
			case "shared-segment":
				what = "shared-segment: `GET /blog/hello` with N redirects `/blog/old-post-i` → `/blog/post-i`, all under one first segment"
			}
			p("| %s | ", what)
			for _, n := range sc.counts {
				p("%.0f ns/op, %d allocs | ", sc.nsPerOp[req][n], sc.allocs[req][n])
			}
			p("**%.2f×** |\n", sc.growth(req))
		}
	}

	p("\n## Acceptance (issue 6)\n\n")
	check := func(what string, got, limit float64, atLeast bool, extra string) {
		switch {
		case got == 0:
			p("- not measured: %s\n", what)
		case atLeast && got >= limit || !atLeast && got <= limit:
			p("- holds: %s: %s%s\n", what, fmtRatio(got), extra)
		default:
			p("- **does not hold**: %s: %s%s\n", what, fmtRatio(got), extra)
		}
	}
	byCPU := func(s *server, scenario string) string {
		if c := r.cpuRatio(s, scenario); c > 0 {
			return fmt.Sprintf(" (by CPU per request: %s)", fmtRatio(c))
		}
		return ""
	}
	check("Nextfiber ≥ 0.85× Fiber throughput on the static page", r.ratio(fbs, "static-page"), 0.85, true, byCPU(fbs, "static-page"))
	check("Nextfiber ≥ 0.85× Fiber throughput on the config redirect", r.ratio(fbs, "config-redirect"), 0.85, true, byCPU(fbs, "config-redirect"))
	check("Nextfiber ≥ 50× Next.js on the SSR page", r.ratio(nxs, "ssr-loader"), 50, true, byCPU(nxs, "ssr-loader"))
	check("Nextfiber ≥ 15× Next.js on the config redirect", r.ratio(nxs, "config-redirect"), 15, true, byCPU(nxs, "config-redirect"))
	if sc := r.scaling; sc != nil {
		for _, req := range sc.requests {
			check(fmt.Sprintf("ns/op at %s rules ≤ 1.5× ns/op at %s rules (%s)", fmtInt(float64(sc.counts[len(sc.counts)-1])), fmtInt(float64(sc.counts[0])), req),
				sc.growth(req), 1.5, false, "")
		}
	} else {
		check("rule scaling", 0, 0, false, "")
	}

	if len(r.notes) > 0 {
		p("\n## Notes\n\n")
		for _, n := range r.notes {
			p("- %s\n", n)
		}
	}
	return b.String()
}

// machineInfo describes the CPU, memory, OS and toolchain.
func machineInfo(root string) []string {
	var out []string
	cpu, cores := "unknown CPU", runtime.NumCPU()
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.SplitN(string(data), "\n", 2)[0], "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf(", %.0f GiB memory", float64(kb)/(1<<20))
	}
	out = append(out, fmt.Sprintf("CPU: %s, %d CPUs%s", cpu, cores, mem))
	osName := runtime.GOOS
	if data, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
				osName = strings.Trim(v, `"`)
			}
		}
	}
	kernel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	out = append(out, fmt.Sprintf("OS: %s, Linux %s", osName, strings.TrimSpace(string(kernel))))
	goVersion := command(root, "go", "env", "GOVERSION")
	mods := strings.Fields(command(root, "go", "list", "-m", "-f", "{{.Path}}@{{.Version}}", "github.com/gofiber/fiber/v2", "github.com/valyala/fasthttp"))
	out = append(out, fmt.Sprintf("Go: %s; %s", goVersion, strings.Join(mods, ", ")))
	if node := command(root, "node", "--version"); node != "" {
		out = append(out, "Node.js: "+node)
	}
	wrkVersion := strings.SplitN(command(root, "wrk", "-v"), "\n", 2)[0]
	if i := strings.Index(wrkVersion, " Copyright"); i >= 0 {
		wrkVersion = wrkVersion[:i]
	}
	out = append(out, "Load generator: "+wrkVersion)
	return out
}

// command runs a command for its output, trimmed; "" when it fails (wrk -v
// exits 1 after printing its version).
func command(dir string, argv ...string) string {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	return strings.TrimSpace(string(out))
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

func fmtInt(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func fmtRatio(v float64) string {
	switch {
	case v == 0:
		return "–"
	case v >= 10:
		return fmt.Sprintf("%.0f×", v)
	}
	return fmt.Sprintf("%.2f×", v)
}

func fmtLatency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
