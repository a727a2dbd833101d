package upstream

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// seen is what the echo upstream received.
type seen struct {
	method, requestURI, host, body string
	transferEncoding               []string
	header                         http.Header
}

// echo stands in for a rewrite destination, like the conformance echo
// server: it answers "upstream method=M path=P query=Q" with x-upstream: 1
// and a set of hop-by-hop headers the proxy must drop. "/created" answers
// 201, "/chunked" streams its body, "/slow" waits until the test ends or
// the proxy hangs up.
type echo struct {
	*httptest.Server
	release chan struct{}

	mu   sync.Mutex
	last seen
}

// upstreamHopByHop are the hop-by-hop headers every echo answer carries.
var upstreamHopByHop = []string{"Connection", "X-Resp-Hop", "Keep-Alive", "Proxy-Authenticate", "Upgrade"}

func startEcho(t *testing.T) *echo {
	t.Helper()
	e := &echo{release: make(chan struct{})}
	e.Server = httptest.NewServer(http.HandlerFunc(e.serve)) // 127.0.0.1:0
	t.Cleanup(func() {
		close(e.release) // let a parked "/slow" return, then wait for it
		e.Close()
	})
	return e
}

func (e *echo) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	e.last = seen{r.Method, r.RequestURI, r.Host, string(body), r.TransferEncoding, r.Header.Clone()}
	e.mu.Unlock()

	if r.URL.Path == "/slow" {
		select {
		case <-e.release:
		case <-r.Context().Done():
		}
		return
	}

	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Upstream", "1")
	h.Set("Connection", "X-Resp-Hop")
	h.Set("X-Resp-Hop", "1")
	h.Set("Keep-Alive", "timeout=5")
	h.Set("Proxy-Authenticate", "Basic")
	h.Set("Upgrade", "h2c")
	status := http.StatusOK
	if r.URL.Path == "/created" {
		status = http.StatusCreated
	}
	w.WriteHeader(status)

	path, query, _ := strings.Cut(r.RequestURI, "?")
	if r.URL.Path == "/chunked" {
		io.WriteString(w, "upstream ")
		w.(http.Flusher).Flush() // no Content-Length from here on
	}
	fmt.Fprintf(w, "upstream method=%s path=%s query=%s", r.Method, path, query)
}

func (e *echo) seen() seen {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

// startFront serves p on 127.0.0.1, sending each request to the target
// computed from it, as the pipeline does once a rewrite matched.
func startFront(t *testing.T, p *Proxy, target func(ctx *fasthttp.RequestCtx) string) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {
		p.Serve(ctx, []byte(target(ctx)))
	}}
	go s.Serve(ln) //nolint:errcheck // returns when Shutdown closes ln
	t.Cleanup(func() {
		s.Shutdown() //nolint:errcheck
		p.Close()
	})
	return ln.Addr().String()
}

// roundTrip writes raw to addr on a fresh connection and reads the answer.
func roundTrip(t *testing.T, addr, raw string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second)) //nolint:errcheck
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	method, _, _ := strings.Cut(raw, " ")
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestServe(t *testing.T) {
	up := startEcho(t)
	upHost := strings.TrimPrefix(up.URL, "http://")
	front := startFront(t, New(Options{}), func(ctx *fasthttp.RequestCtx) string {
		return up.URL + string(ctx.RequestURI())
	})

	tests := []struct {
		name    string
		request string // raw HTTP/1.1 sent to the front

		// What the upstream received.
		method, requestURI, body string
		sent                     map[string]string // header: exact value
		notSent                  []string

		// What the client got.
		status     int
		respHeader map[string]string
		respBody   string
	}{{
		name:       "GET",
		request:    "GET /a/b?q=1 HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/a/b?q=1",
		status:     200,
		respHeader: map[string]string{"X-Upstream": "1", "Content-Type": "text/plain; charset=utf-8"},
		respBody:   "upstream method=GET path=/a/b query=q=1",
	}, {
		name:       "POST with body",
		request:    "POST /form HTTP/1.1\r\nHost: front.test\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
		method:     "POST",
		requestURI: "/form",
		body:       "hello",
		sent:       map[string]string{"Content-Type": "text/plain", "Content-Length": "5"},
		status:     200,
		respBody:   "upstream method=POST path=/form query=",
	}, {
		name:       "chunked POST is re-framed",
		request:    "POST /form HTTP/1.1\r\nHost: front.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		method:     "POST",
		requestURI: "/form",
		body:       "hello",
		sent:       map[string]string{"Content-Length": "5"},
		notSent:    []string{"Content-Type"},
		status:     200,
		respBody:   "upstream method=POST path=/form query=",
	}, {
		name:       "HEAD has no body",
		request:    "HEAD /a HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "HEAD",
		requestURI: "/a",
		status:     200,
		respHeader: map[string]string{"X-Upstream": "1"},
	}, {
		name:       "path and query pass unchanged",
		request:    "GET /a%20b/c?q=1&x=%2F HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/a%20b/c?q=1&x=%2F",
		status:     200,
		respBody:   "upstream method=GET path=/a%20b/c query=q=1&x=%2F",
	}, {
		name:       "path is not normalized",
		request:    "GET /a//b/../c HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/a//b/../c",
		status:     200,
		respBody:   "upstream method=GET path=/a//b/../c query=",
	}, {
		name: "hop-by-hop request headers dropped",
		request: "GET /h HTTP/1.1\r\nHost: front.test\r\n" +
			"Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\n" +
			"Proxy-Authorization: Basic eDp5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\n" +
			"Trailer: X-T\r\nUpgrade: websocket\r\nX-Kept: 1\r\nUser-Agent: test/1\r\nCookie: a=1\r\n\r\n",
		method:     "GET",
		requestURI: "/h",
		sent:       map[string]string{"X-Kept": "1", "User-Agent": "test/1", "Cookie": "a=1"},
		notSent: []string{"Connection", "X-Hop", "Keep-Alive", "Proxy-Authorization",
			"Proxy-Connection", "Te", "Trailer", "Upgrade"},
		status:   200,
		respBody: "upstream method=GET path=/h query=",
	}, {
		name:       "X-Forwarded-* from a Host with port",
		request:    "GET /f HTTP/1.1\r\nHost: front.test:8443\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n",
		method:     "GET",
		requestURI: "/f",
		sent: map[string]string{
			"X-Forwarded-For":   "10.0.0.1, 127.0.0.1",
			"X-Forwarded-Host":  "front.test:8443",
			"X-Forwarded-Proto": "http",
			"X-Forwarded-Port":  "8443",
		},
		status:   200,
		respBody: "upstream method=GET path=/f query=",
	}, {
		name:       "X-Forwarded-* defaults",
		request:    "GET /f HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/f",
		sent: map[string]string{
			"X-Forwarded-For":   "127.0.0.1",
			"X-Forwarded-Host":  "front.test",
			"X-Forwarded-Proto": "http",
			"X-Forwarded-Port":  "80",
		},
		notSent:  []string{"User-Agent"},
		status:   200,
		respBody: "upstream method=GET path=/f query=",
	}, {
		name:       "upstream status and headers copied",
		request:    "GET /created HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/created",
		status:     201,
		respHeader: map[string]string{"X-Upstream": "1"},
		respBody:   "upstream method=GET path=/created query=",
	}, {
		name:       "chunked answer is re-framed",
		request:    "GET /chunked HTTP/1.1\r\nHost: front.test\r\n\r\n",
		method:     "GET",
		requestURI: "/chunked",
		status:     200,
		respHeader: map[string]string{"Content-Length": "49"},
		respBody:   "upstream upstream method=GET path=/chunked query=",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := roundTrip(t, front, tt.request)

			got := up.seen()
			if got.method != tt.method || got.requestURI != tt.requestURI || got.body != tt.body {
				t.Errorf("upstream got %s %s body %q, want %s %s body %q",
					got.method, got.requestURI, got.body, tt.method, tt.requestURI, tt.body)
			}
			if got.host != upHost {
				t.Errorf("upstream Host = %q, want %q", got.host, upHost)
			}
			if len(got.transferEncoding) > 0 {
				t.Errorf("upstream Transfer-Encoding = %q, want none", got.transferEncoding)
			}
			for k, want := range tt.sent {
				if v := got.header.Values(k); len(v) != 1 || v[0] != want {
					t.Errorf("upstream %s = %q, want %q", k, v, want)
				}
			}
			for _, k := range tt.notSent {
				if v, ok := got.header[http.CanonicalHeaderKey(k)]; ok {
					t.Errorf("upstream got %s: %q, want none", k, v)
				}
			}

			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			for k, want := range tt.respHeader {
				if v := resp.Header.Values(k); len(v) != 1 || v[0] != want {
					t.Errorf("answer %s = %q, want %q", k, v, want)
				}
			}
			for _, k := range upstreamHopByHop {
				if v, ok := resp.Header[k]; ok {
					t.Errorf("answer has %s: %q, want none", k, v)
				}
			}
			if len(resp.TransferEncoding) > 0 {
				t.Errorf("answer Transfer-Encoding = %q, want none", resp.TransferEncoding)
			}
			if body != tt.respBody {
				t.Errorf("body = %q, want %q", body, tt.respBody)
			}
		})
	}
}

func TestServeFailure(t *testing.T) {
	up := startEcho(t)
	upHost := strings.TrimPrefix(up.URL, "http://")
	const timeout = 50 * time.Millisecond

	tests := []struct {
		name   string
		target string
		status int
	}{
		{"connection refused", "http://" + closedAddr(t) + "/x", 502},
		{"slow upstream", up.URL + "/slow", 504},
		{"relative target", "/x", 502},
		{"scheme-relative target", "//" + upHost + "/x", 502},
		{"other scheme", "ftp://" + upHost + "/x", 502},
		{"no host", "http:///x", 502},
		{"empty target", "", 502},
		{"control byte", up.URL + "/a\x01b", 502},
	}
	// One front for the table: the request path picks the case's target.
	front := startFront(t, New(Options{Timeout: timeout}), func(ctx *fasthttp.RequestCtx) string {
		i, _ := strconv.Atoi(string(ctx.Path()[1:]))
		return tests[i].target
	})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			resp, body := roundTrip(t, front, fmt.Sprintf("GET /%d HTTP/1.1\r\nHost: front.test\r\n\r\n", i))
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if want := fasthttp.StatusMessage(tt.status); body != want {
				t.Errorf("body = %q, want %q", body, want)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type = %q, want text/plain", ct)
			}
			if took := time.Since(start); took > 10*timeout {
				t.Errorf("took %v with Timeout %v", took, timeout)
			}
		})
	}
}

// closedAddr returns a 127.0.0.1 address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
