package proxy

import "github.com/nextfiber/nextfiber/framework/internal/bytesconv"

// Header is a small ordered list of header fields that reuses its memory
// between requests. Names are compared case-insensitively.
type Header struct {
	fields []field
	n      int
}

type field struct {
	key, value []byte
	deleted    bool
}

// Set replaces every value of key with value.
func (h *Header) Set(key, value string) {
	if i := h.index(key); i >= 0 {
		h.fields[i].value = append(h.fields[i].value[:0], value...)
		h.fields[i].deleted = false
		return
	}
	h.Add(key, value)
}

// Add appends a value for key, keeping earlier ones.
func (h *Header) Add(key, value string) {
	if h.n == len(h.fields) {
		h.fields = append(h.fields, field{})
	}
	f := &h.fields[h.n]
	f.key = append(f.key[:0], key...)
	f.value = append(f.value[:0], value...)
	f.deleted = false
	h.n++
}

// Del marks key as removed: for request headers it removes the incoming
// header before the request goes on; for response headers it drops the key.
func (h *Header) Del(key string) {
	if i := h.index(key); i >= 0 {
		h.fields[i].deleted = true
		return
	}
	h.Add(key, "")
	h.fields[h.n-1].deleted = true
}

// Get returns the first value of key, or "".
func (h *Header) Get(key string) string {
	if i := h.index(key); i >= 0 && !h.fields[i].deleted {
		return bytesconv.String(h.fields[i].value)
	}
	return ""
}

// Len returns the number of fields, removed ones included.
func (h *Header) Len() int { return h.n }

// At returns the i-th field; deleted reports a Del.
func (h *Header) At(i int) (key, value []byte, deleted bool) {
	f := &h.fields[i]
	return f.key, f.value, f.deleted
}

// Reset empties h, keeping its memory.
func (h *Header) Reset() { h.n = 0 }

func (h *Header) index(key string) int {
	for i := 0; i < h.n; i++ {
		if equalFold(h.fields[i].key, key) {
			return i
		}
	}
	return -1
}

func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if lower(b[i]) != lower(s[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
