package upstream

import (
	"net"
	"testing"
)

func TestHostPort(t *testing.T) {
	tests := []struct{ host, want string }{
		{"example.com", ""},
		{"example.com:8080", "8080"},
		{"example.com:", ""},
		{"127.0.0.1:3000", "3000"},
		{"[::1]", ""},
		{"[::1]:8443", "8443"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(hostPort([]byte(tt.host))); got != tt.want {
			t.Errorf("hostPort(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

func TestAppendForwardedFor(t *testing.T) {
	tests := []struct {
		name  string
		prior []string
		ip    net.IP
		want  string
	}{
		{"first proxy", nil, net.ParseIP("127.0.0.1"), "127.0.0.1"},
		{"appends", []string{"10.0.0.1"}, net.IPv4(127, 0, 0, 1), "10.0.0.1, 127.0.0.1"},
		{"joins repeated headers", []string{"10.0.0.1", "", "10.0.0.2"}, net.ParseIP("::1"), "10.0.0.1, 10.0.0.2, ::1"},
		{"no client ip", []string{"10.0.0.1"}, nil, "10.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var prior [][]byte
			for _, p := range tt.prior {
				prior = append(prior, []byte(p))
			}
			if got := string(appendForwardedFor(nil, prior, tt.ip)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
