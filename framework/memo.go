package framework

import (
	"sync"
	"time"
)

var zeroTime time.Time

// memo keeps the HTML of dynamic pages that have no loader, keyed by
// route, path, query and locale: such a page is a pure function of its URL,
// so it is rendered once per URL (Next.js's automatic static optimization,
// done lazily). The cache holds at most budget bytes; beyond that, entries
// are dropped in map order to make room.
type memo struct {
	mu     sync.RWMutex
	m      map[string]*static
	size   int
	budget int
}

// maxMemoEntry is the largest page the memo keeps.
const maxMemoEntry = 1 << 20

func newMemo(budget int) *memo {
	return &memo{m: map[string]*static{}, budget: budget}
}

func (m *memo) get(key []byte) *static {
	m.mu.RLock()
	s := m.m[string(key)]
	m.mu.RUnlock()
	return s
}

func (m *memo) put(key []byte, s *static) {
	n := len(key) + s.cost()
	if n > maxMemoEntry || n > m.budget {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.m[string(key)]; ok {
		return
	}
	for k, old := range m.m {
		if m.size+n <= m.budget {
			break
		}
		m.size -= len(k) + old.cost()
		delete(m.m, k)
	}
	m.m[string(key)] = s
	m.size += n
}
