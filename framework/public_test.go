package framework

import "testing"

func TestByteRange(t *testing.T) {
	const size = 100
	tests := []struct {
		header          string
		start, end      int64
		ok, satisfiable bool
	}{
		{"bytes=0-9", 0, 10, true, true},
		{"bytes=10-", 10, 100, true, true},
		{"bytes=-10", 90, 100, true, true},
		{"bytes=-1000", 0, 100, true, true},
		{"bytes=90-1000", 90, 100, true, true},
		{"Bytes= 5 - 6 ", 5, 7, true, true},
		{"bytes=99-99", 99, 100, true, true},
		{"bytes=100-", 0, 0, true, false},
		{"bytes=100-200", 0, 0, true, false},
		{"bytes=-0", 0, 0, true, false},
		{"bytes=0-1,5-6", 0, 0, false, false},
		{"bytes=0-1,", 0, 0, false, false},
		{"bytes=5-1", 0, 0, false, false},
		{"bytes=a-b", 0, 0, false, false},
		{"bytes=5", 0, 0, false, false},
		{"bytes=-", 0, 0, false, false},
		{"bytes=", 0, 0, false, false},
		{"items=0-1", 0, 0, false, false},
		{"bytes=99999999999999999999-", 0, 0, false, false},
	}
	for _, tt := range tests {
		start, end, ok, satisfiable := byteRange([]byte(tt.header), size)
		if ok != tt.ok || satisfiable != tt.satisfiable || (satisfiable && (start != tt.start || end != tt.end)) {
			t.Errorf("%q: [%d, %d) ok=%v satisfiable=%v, want [%d, %d) ok=%v satisfiable=%v",
				tt.header, start, end, ok, satisfiable, tt.start, tt.end, tt.ok, tt.satisfiable)
		}
	}
	if _, _, ok, satisfiable := byteRange([]byte("bytes=0-"), 0); !ok || satisfiable {
		t.Errorf("a range of an empty body: ok=%v satisfiable=%v, want true false", ok, satisfiable)
	}
}

func FuzzByteRange(f *testing.F) {
	for _, s := range []string{"bytes=0-9", "bytes=-5", "bytes=3-", "bytes=0-1,2-3", "bytes=9-2"} {
		f.Add(s, int64(10))
	}
	f.Fuzz(func(t *testing.T, header string, size int64) {
		if size < 0 {
			size = -size
		}
		start, end, ok, satisfiable := byteRange([]byte(header), size)
		if ok && satisfiable && !(0 <= start && start < end && end <= size) {
			t.Fatalf("%q on %d bytes: [%d, %d)", header, size, start, end)
		}
	})
}
