package isr

import (
	"container/list"
	"sync"
)

// Store keeps rendered pages by key. A Store holds a byte budget of its
// own: an entry costs len(key) + e.Size() bytes, and Set makes room by
// evicting, or leaves out an entry that can never fit. Memory is the
// in-process Store; one backed by Redis or another shared cache can take
// its place.
//
// Get is on the hot path of every cached request: an in-process Store
// should answer a hit without allocating.
type Store interface {
	// Get returns the entry stored under key, or nil.
	Get(key []byte) *Entry
	// Set stores e under key, replacing what was there. key is only
	// borrowed for the call (copy it to keep it); e is kept as it is, and
	// nobody changes it after.
	Set(key []byte, e *Entry)
	// Delete removes the entry under key, if any.
	Delete(key []byte)
}

var _ Store = (*Memory)(nil)

// Memory is a Store in process memory, within a byte budget: when a new
// entry does not fit, the least recently used entries are evicted.
type Memory struct {
	mu     sync.Mutex
	budget int64
	size   int64
	items  map[string]*list.Element
	lru    list.List // of *item, most recently used first
}

type item struct {
	key   string
	entry *Entry
}

func (it *item) cost() int64 { return int64(len(it.key)) + it.entry.Size() }

// NewMemory returns an empty Memory store that holds at most budget bytes
// of keys and entries.
func NewMemory(budget int64) *Memory {
	return &Memory{budget: budget, items: map[string]*list.Element{}}
}

// Get returns the entry under key, or nil, and marks it recently used.
// It does not allocate.
func (m *Memory) Get(key []byte) *Entry {
	m.mu.Lock()
	defer m.mu.Unlock()
	el := m.items[string(key)]
	if el == nil {
		return nil
	}
	m.lru.MoveToFront(el)
	return el.Value.(*item).entry
}

// Set stores e under key, evicting the least recently used entries to stay
// within the budget. An entry larger than the whole budget is not stored,
// and the key's previous entry is dropped too: it is out of date.
func (m *Memory) Set(key []byte, e *Entry) {
	it := &item{key: string(key), entry: e}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el := m.items[it.key]; el != nil {
		m.remove(el)
	}
	if it.cost() > m.budget {
		return
	}
	for m.size+it.cost() > m.budget {
		m.remove(m.lru.Back())
	}
	m.items[it.key] = m.lru.PushFront(it)
	m.size += it.cost()
}

// Delete removes the entry under key, if any.
func (m *Memory) Delete(key []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el := m.items[string(key)]; el != nil {
		m.remove(el)
	}
}

func (m *Memory) remove(el *list.Element) {
	it := m.lru.Remove(el).(*item)
	delete(m.items, it.key)
	m.size -= it.cost()
}

// Size returns the bytes held: keys plus entries.
func (m *Memory) Size() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.size
}

// Len returns the number of entries held.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}
