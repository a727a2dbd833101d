package framework

import "testing"

func TestAcceptedEncodings(t *testing.T) {
	tests := []struct {
		header   string
		br, gzip bool
	}{
		{"", false, false},
		{"identity", false, false},
		{"gzip, deflate, br, zstd", true, true},
		{"gzip", false, true},
		{"x-gzip", false, true},
		{"GZip;q=0.5", false, true},
		{"br;q=0", false, false},
		{"br;q=0.0, gzip;q=0.000", false, false},
		{"br;q=0.01", true, false},
		{"br; q=1.0", true, false},
		{"*", true, true},
		{"*;q=0", false, false},
		{"*, gzip;q=0", true, false},
		{"br;q=0, *", false, true},
		{" br ,gzip ", true, true},
		{"brotli, gzipped", false, false},
	}
	for _, tt := range tests {
		if br, gzip := acceptedEncodings([]byte(tt.header)); br != tt.br || gzip != tt.gzip {
			t.Errorf("%q: br=%v gzip=%v, want br=%v gzip=%v", tt.header, br, gzip, tt.br, tt.gzip)
		}
	}
}

func FuzzAcceptedEncodings(f *testing.F) {
	for _, s := range []string{"gzip, br", "br;q=0, *", "*;q=0.000", ";;,,q="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		acceptedEncodings([]byte(header)) // must not panic
	})
}
