package isr

import (
	"strings"
	"testing"
)

func TestMemoryBudget(t *testing.T) {
	entry := func(n int) *Entry { return &Entry{Body: []byte(strings.Repeat("x", n))} }
	m := NewMemory(30) // three entries of 1-byte key + 9-byte body
	steps := []struct {
		op, key string
		size    int // Set: body length
		want    string
	}{
		{"set", "a", 9, "a"},
		{"set", "b", 9, "a b"},
		{"set", "c", 9, "a b c"},
		{"get", "a", 0, "a b c"}, // a is now the most recently used
		{"set", "d", 9, "a c d"}, // evicts b, the least recently used
		{"set", "c", 19, "c d"},  // a grown c makes room by evicting a
		{"set", "e", 40, "c d"},  // larger than the budget: not kept, nothing evicted
		{"set", "d", 40, "c"},    // a too-large replacement drops the old, out-of-date entry
		{"set", "f", 29, "f"},    // fills the budget
		{"delete", "f", 0, ""},
		{"delete", "x", 0, ""},
	}
	for i, s := range steps {
		switch s.op {
		case "set":
			m.Set([]byte(s.key), entry(s.size))
		case "delete":
			m.Delete([]byte(s.key))
		case "get":
			if m.Get([]byte(s.key)) == nil {
				t.Fatalf("step %d: %s missing", i, s.key)
			}
		}
		var held []string
		var size int64
		for _, k := range []string{"a", "b", "c", "d", "e", "f"} {
			if e := m.peek(k); e != nil {
				held = append(held, k)
				size += int64(len(k)) + e.Size()
			}
		}
		if got := strings.Join(held, " "); got != s.want || m.Size() != size || m.Len() != len(held) {
			t.Fatalf("step %d (%s %s): holds %q (%d bytes, %d entries), want %q (%d bytes)", i, s.op, s.key, got, m.Size(), m.Len(), s.want, size)
		}
	}
}

// peek returns the entry under key without marking it used.
func (m *Memory) peek(key string) *Entry {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el := m.items[key]; el != nil {
		return el.Value.(*item).entry
	}
	return nil
}

func TestVariantsCountAgainstTheBudget(t *testing.T) {
	e := &Entry{
		Body: []byte("0123456789"), ETag: `"id"`, // 14
		Br:   &Variant{Body: []byte("0123"), ETag: `"br"`},   // 8
		Gzip: &Variant{Body: []byte("012345"), ETag: `"gz"`}, // 10
	}
	if got := e.Size(); got != 32 {
		t.Fatalf("Size %d, want 32: body, ETag and both variants", got)
	}
	m := NewMemory(32)
	m.Set([]byte("k"), e) // 1 + 32: over the budget
	if m.Len() != 0 {
		t.Errorf("an entry whose variants overflow the budget was kept")
	}
	e.Br = nil
	m.Set([]byte("k"), e)
	if m.Len() != 1 || m.Size() != 25 {
		t.Errorf("holds %d entries, %d bytes; want 1 entry of 1 + 24 bytes", m.Len(), m.Size())
	}
}
