package cookie

import "testing"

func TestLookup(t *testing.T) {
	tests := []struct {
		header, name, want string
		ok                 bool
	}{
		{"token=1", "token", "1", true},
		{"a=1; token=abc", "token", "abc", true},
		{"a=1;token=", "token", "", true},
		{"a=1; tok=2", "token", "", false},
		{` seen = "quoted" `, "seen", "quoted", true},
		{"flag", "flag", "", true},
		{"", "token", "", false},
		{"a=1; a=2", "a", "1", true},
	}
	for _, tt := range tests {
		got, ok := Lookup([]byte(tt.header), tt.name)
		if string(got) != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q, %v", tt.header, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLookupAllocs(t *testing.T) {
	h := []byte("a=1; session=xyz; token=abc")
	if n := testing.AllocsPerRun(100, func() { Lookup(h, "token") }); n != 0 {
		t.Fatalf("Lookup allocates %v times", n)
	}
}
