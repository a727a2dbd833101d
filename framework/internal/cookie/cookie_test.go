package cookie

import (
	"testing"

	"github.com/valyala/fasthttp"
)

func TestGet(t *testing.T) {
	tests := []struct {
		header, name, want string
		ok                 bool
	}{
		{"token=1", "token", "1", true},
		{"a=1; token=abc", "token", "abc", true},
		{"a=1;token=", "token", "", true},
		{"a=1; tok=2", "token", "", false},
		{"", "token", "", false},
		{"a=1; a=2", "a", "1", true},
	}
	for _, tt := range tests {
		var h fasthttp.RequestHeader
		if tt.header != "" {
			h.Set("Cookie", tt.header)
		}
		got, ok := Get(&h, tt.name)
		if string(got) != tt.want || ok != tt.ok {
			t.Errorf("Get(%q, %q) = %q, %v; want %q, %v", tt.header, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGetAllocs(t *testing.T) {
	var h fasthttp.RequestHeader
	h.Set("Cookie", "a=1; session=xyz; token=abc")
	if n := testing.AllocsPerRun(100, func() { Get(&h, "token"); Get(&h, "missing") }); n != 0 {
		t.Fatalf("Get allocates %v times", n)
	}
}
