package main

import (
	"bufio"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// load is what one wrk run measured.
type load struct {
	rps      float64
	p50, p99 time.Duration
	requests int64
	// bad counts responses wrk saw as failures: socket errors and statuses
	// outside 2xx/3xx. Every scenario answers 2xx or 3xx, so any is a fault.
	bad int64
	// cpu is the CPU time the server used during the run, and wall the
	// run's length: cpu/requests is the server's cost per request, which
	// other work on the machine changes much less than req/s, and cpu/wall
	// how busy the server was (near 100% when it, not wrk, is the limit).
	cpu, wall time.Duration
}

// cpuPerRequest is the server's CPU time per request.
func (l load) cpuPerRequest() time.Duration {
	if l.requests == 0 {
		return 0
	}
	return l.cpu / time.Duration(l.requests)
}

// busy is the share of one CPU the server used during the run.
func (l load) busy() float64 {
	if l.wall == 0 {
		return 0
	}
	return float64(l.cpu) / float64(l.wall)
}

// measure runs wrk against s and records the CPU time s used meanwhile.
func measure(s *server, cpu, path string, conns int, d time.Duration) (load, error) {
	before, start := s.cpuTime(), time.Now()
	l, err := wrk(cpu, s.base+path, conns, d)
	l.cpu, l.wall = s.cpuTime()-before, time.Since(start)
	return l, err
}

// wrk drives url with wrk -t1 for d, pinned to cpu when set, and parses
// its report.
func wrk(cpu, url string, conns int, d time.Duration) (load, error) {
	secs := max(1, int(d.Round(time.Second)/time.Second))
	argv := pinned(cpu, "wrk", "-t1", "-c"+strconv.Itoa(conns), "-d"+strconv.Itoa(secs)+"s",
		"--timeout", "5s", "--latency", url)
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		return load{}, fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
	l, err := parseWrk(string(out))
	if err != nil {
		return load{}, fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
	return l, nil
}

// parseWrk reads the lines of a wrk --latency report that the harness uses.
func parseWrk(out string) (load, error) {
	var l load
	var err error
	seen := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			l.rps, err = strconv.ParseFloat(f[1], 64)
			seen++
		case len(f) == 2 && f[0] == "50%":
			l.p50, err = parseWrkDuration(f[1])
			seen++
		case len(f) == 2 && f[0] == "99%":
			l.p99, err = parseWrkDuration(f[1])
			seen++
		case len(f) >= 3 && f[1] == "requests" && f[2] == "in":
			l.requests, err = strconv.ParseInt(f[0], 10, 64)
		case len(f) == 5 && f[0] == "Non-2xx":
			var n int64
			n, err = strconv.ParseInt(f[4], 10, 64)
			l.bad += n
		case len(f) > 2 && f[0] == "Socket" && f[1] == "errors:":
			// "Socket errors: connect 0, read 0, write 0, timeout 0"
			for i := 3; i < len(f); i += 2 {
				n, e := strconv.ParseInt(strings.TrimSuffix(f[i], ","), 10, 64)
				if e == nil {
					l.bad += n
				}
			}
		}
		if err != nil {
			return l, err
		}
	}
	if seen != 3 {
		return l, fmt.Errorf("unexpected wrk output")
	}
	return l, nil
}

// parseWrkDuration reads wrk's "512.00us", "1.20ms", "2.00s", "1.00m".
func parseWrkDuration(s string) (time.Duration, error) {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0, err
			}
			return time.Duration(math.Round(f * float64(u.unit))), nil
		}
	}
	return 0, fmt.Errorf("wrk duration %q", s)
}
