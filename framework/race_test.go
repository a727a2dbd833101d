//go:build race

package framework_test

// raceEnabled reports whether the race detector is on. It drops sync.Pool
// items at random, so allocation counts mean nothing under it.
const raceEnabled = true
