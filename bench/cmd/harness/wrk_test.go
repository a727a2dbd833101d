package main

import (
	"testing"
	"time"
)

const wrkReport = `Running 2s test @ http://127.0.0.1:41234/users/me
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.45us  301.10us   9.87ms   91.02%
    Req/Sec    79.12k     2.31k   81.20k    90.00%
  Latency Distribution
     50%  780.00us
     75%  850.00us
     90%    1.01ms
     99%    1.62ms
  158012 requests in 2.00s, 45.21MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  79001.23
Transfer/sec:     22.60MB
`

func TestParseWrk(t *testing.T) {
	l, err := parseWrk(wrkReport)
	if err != nil {
		t.Fatal(err)
	}
	want := load{rps: 79001.23, p50: 780 * time.Microsecond, p99: 1620 * time.Microsecond, requests: 158012, bad: 7}
	if l != want {
		t.Errorf("parseWrk = %+v, want %+v", l, want)
	}
	if _, err := parseWrk("wrk: connection refused\n"); err == nil {
		t.Error("parseWrk accepted a report without figures")
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{fmtInt(1234567), "1,234,567"},
		{fmtInt(999), "999"},
		{fmtRatio(0.8512), "0.85×"},
		{fmtRatio(123.4), "123×"},
		{fmtLatency(612 * time.Microsecond), "612 µs"},
		{fmtLatency(1620 * time.Microsecond), "1.62 ms"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
