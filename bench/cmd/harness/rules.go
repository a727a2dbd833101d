package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// scaling is BenchmarkRuleScaling's result: median ns/op and allocs/op per
// request kind and rule count.
type scaling struct {
	requests []string // "miss", "last-rule", in output order
	counts   []int    // 10, 100, ... ascending
	nsPerOp  map[string]map[int]float64
	allocs   map[string]map[int]int64
	command  string
}

var benchLine = regexp.MustCompile(`^BenchmarkRuleScaling/([^/\s]+)/rules=(\d+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+\d+ B/op\s+(\d+) allocs/op`)

// runRuleScaling runs BenchmarkRuleScaling from the bench package's test
// binary in binDir with GOMAXPROCS=1, pinned to cpu when set.
func runRuleScaling(root, binDir, cpu string, count int, benchtime time.Duration, logFile string) (*scaling, error) {
	bin := filepath.Join(binDir, "bench.test")
	args := []string{bin, "-test.run", "^$", "-test.bench", "^BenchmarkRuleScaling$", "-test.benchmem",
		"-test.cpu", "1", "-test.count", strconv.Itoa(count), "-test.benchtime", benchtime.String()}
	argv := pinned(cpu, args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = filepath.Join(root, "bench") // the benchmarks read ../tests/conformance/testdata
	out, err := cmd.CombinedOutput()
	os.WriteFile(logFile, out, 0o644)
	if err != nil {
		return nil, fmt.Errorf("BenchmarkRuleScaling: %v (log: %s)", err, logFile)
	}
	s := &scaling{nsPerOp: map[string]map[int]float64{}, allocs: map[string]map[int]int64{},
		command: fmt.Sprintf("go test -run '^$' -bench '^BenchmarkRuleScaling$' -benchmem -cpu 1 -count %d -benchtime %s ./bench/", count, benchtime)}
	samples := map[string]map[int][]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		req := m[1]
		n, _ := strconv.Atoi(m[2])
		ns, _ := strconv.ParseFloat(m[3], 64)
		allocs, _ := strconv.ParseInt(m[4], 10, 64)
		if samples[req] == nil {
			samples[req] = map[int][]float64{}
			s.allocs[req] = map[int]int64{}
			s.requests = append(s.requests, req)
		}
		samples[req][n] = append(samples[req][n], ns)
		s.allocs[req][n] = max(s.allocs[req][n], allocs)
		if !slices.Contains(s.counts, n) {
			s.counts = append(s.counts, n)
		}
	}
	if len(s.requests) == 0 {
		return nil, fmt.Errorf("BenchmarkRuleScaling printed no results (log: %s)", logFile)
	}
	slices.Sort(s.counts)
	for req, byN := range samples {
		s.nsPerOp[req] = map[int]float64{}
		for n, v := range byN {
			s.nsPerOp[req][n] = median(v)
		}
	}
	return s, nil
}

// growth is ns/op at the largest rule count over ns/op at the smallest.
func (s *scaling) growth(req string) float64 {
	lo, hi := s.counts[0], s.counts[len(s.counts)-1]
	return s.nsPerOp[req][hi] / s.nsPerOp[req][lo]
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
