package isr

import (
	"testing"
	"time"
)

func TestFreshHitDoesNotAllocate(t *testing.T) {
	c := New(NewMemory(1<<20), Options{Revalidate: time.Hour, Render: func(key string) (*Entry, error) { return page("<p>page</p>"), nil }})
	key := []byte("3 /blog/hello#en")
	if _, status, _ := c.Get(key); status != Miss {
		t.Fatal("want the first Get to render")
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if _, status, _ := c.Get(key); status != Hit {
			t.Fatal("want a fresh hit")
		}
	})
	if allocs != 0 {
		t.Errorf("a fresh hit allocates %v times, want 0", allocs)
	}
}

func BenchmarkGetFresh(b *testing.B) {
	c := New(NewMemory(1<<20), Options{Revalidate: time.Hour, Render: func(key string) (*Entry, error) { return page("<p>page</p>"), nil }})
	key := []byte("3 /blog/hello#en")
	c.Get(key)
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.Get(key)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				c.Get(key)
			}
		})
	})
}
