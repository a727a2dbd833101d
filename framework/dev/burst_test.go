package dev

import (
	"testing"
	"time"
)

func TestBurstDue(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	tests := []struct {
		name   string
		events []int // milliseconds after t0
		due    int
	}{
		{"one event waits the quiet period", []int{0}, 100},
		{"each event restarts the quiet period", []int{0, 30, 60}, 160},
		{"a burst that goes on is due max after its start", []int{0, 90, 180, 270, 360}, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := burst{quiet: 100 * time.Millisecond, max: 300 * time.Millisecond}
			if b.pending() {
				t.Fatal("pending before any event")
			}
			for _, e := range tt.events {
				b.add(ms(e))
			}
			if !b.pending() {
				t.Fatal("not pending after events")
			}
			if got := b.due(); !got.Equal(ms(tt.due)) {
				t.Errorf("due at %v, want %dms", got.Sub(t0), tt.due)
			}
			b.clear()
			if b.pending() {
				t.Error("pending after clear")
			}
			b.add(ms(1000))
			if got := b.due(); !got.Equal(ms(1100)) {
				t.Errorf("after clear, due at %v, want 1100ms: the old burst still counts", got.Sub(t0))
			}
		})
	}
}
