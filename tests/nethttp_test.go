package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

// midSize is a public file held in memory but too large for net/http to
// size a response by itself.
const midSize = 100 << 10

// netHTTPApp is an app with a page (given a Server header by a header
// rule); public files of 100 KiB and over 1 MiB; proxies answering with
// two cookies, with 204, with a body of no Content-Type, and with where
// the request came from; an API handler echoing the request body's size,
// and one streaming two events, the second only once next is closed.
func netHTTPApp(t *testing.T, next <-chan struct{}) *framework.App {
	t.Helper()
	app := newApp(t, map[string]string{
		"pages/index.html": longPage,
		"next.config.toml": "[[headers]]\nsource = \"/\"\nheaders = [{ key = \"Server\", value = \"nextfiber\" }]\n",
		"public/mid.bin":   strings.Repeat("0123456789abcdef", midSize/16),
		"public/big.txt":   strings.Repeat("0123456789abcde\n", bigSize/16+1),
	})
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.SetCookie(proxy.Cookie{Name: "a", Value: "1", HTTPOnly: true})
		res.SetCookie(proxy.Cookie{Name: "b", Value: "2", MaxAge: 60})
		res.Text(200, "two cookies")
	}, proxy.Paths("/cookies")...)
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Text(200, req.URL()+" from "+req.IP())
	}, proxy.Paths("/whoami")...)
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Header.Set("Access-Control-Allow-Origin", "*")
		res.Status(204)
	}, proxy.Paths("/preflight")...)
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Send(200, "", []byte("<html>no type given</html>"))
	}, proxy.Paths("/untyped")...)
	app.API("/api/echo", func(c *framework.Context) error {
		return c.SendString(strconv.Itoa(len(c.Body())) + " bytes")
	})
	app.API("/api/events", func(c *framework.Context) error {
		c.Set("Content-Type", "text/event-stream")
		c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
			w.WriteString("data: 1\n\n")
			w.Flush()
			<-next
			w.WriteString("data: 2\n\n")
			w.Flush()
		})
		return nil
	})
	return app
}

// wire is a response as it came over the connection.
type wire struct {
	status string   // "HTTP/1.1 200 OK"
	header []string // "Name: value" lines, sorted, without Date (the time)
	body   []byte   // de-chunked
}

func (r *wire) values(name string) []string {
	var vs []string
	for _, line := range r.header {
		if k, v, _ := strings.Cut(line, ": "); strings.EqualFold(k, name) {
			vs = append(vs, v)
		}
	}
	return vs
}

// exchange sends a request over a fresh connection that the server is
// asked to close after answering, and reads the answer to its end. head is
// the request head after the request line (Host and Connection are
// added), body is sent after it.
func exchange(addr, method, path, head, body string) (*wire, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n%s\r\n%s", method, path, addr, head, body)
	raw, err := io.ReadAll(conn)
	if err != nil {
		return nil, err
	}
	top, rest, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
	if !ok {
		return nil, fmt.Errorf("no end of header in %.300q", raw)
	}
	lines := strings.Split(string(top), "\r\n")
	r := &wire{status: lines[0], body: rest}
	for _, line := range lines[1:] {
		if !strings.HasPrefix(strings.ToLower(line), "date:") {
			r.header = append(r.header, line)
		}
	}
	slices.Sort(r.header)
	if slices.Contains(r.values("Transfer-Encoding"), "chunked") {
		if r.body, err = io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(rest))); err != nil {
			return nil, fmt.Errorf("chunked body: %w", err)
		}
	}
	return r, nil
}

// TestNetHTTPMatchesFiber serves one app through the built-in server and
// through ServeHTTP and checks that both send the same status line,
// headers and body, and the status and Content-Length a spec of the
// built-in server expects (-1: no Content-Length).
func TestNetHTTPMatchesFiber(t *testing.T) {
	app := netHTTPApp(t, nil)
	fiberAddr := start(t, app)
	srv := httptest.NewServer(app)
	defer srv.Close()
	netAddr := srv.Listener.Addr().String()

	page := len(get(t, fiberAddr, "GET", "/").body)
	etag := get(t, fiberAddr, "GET", "/mid.bin").header.Get("Etag")
	if etag == "" {
		t.Fatal("/mid.bin has no ETag")
	}
	tests := []struct {
		name, method, path, head, body string
		status, length                 int
	}{
		{"small page", "GET", "/", "", "", 200, page},
		{"small page, HEAD", "HEAD", "/", "", "", 200, page},
		{"100 KiB file", "GET", "/mid.bin", "", "", 200, midSize},
		{"100 KiB file, HEAD", "HEAD", "/mid.bin", "", "", 200, midSize},
		{"file over 1 MiB", "GET", "/big.txt", "", "", 200, bigSize/16*16 + 16},
		{"file over 1 MiB, HEAD", "HEAD", "/big.txt", "", "", 200, bigSize/16*16 + 16},
		{"range of a file over 1 MiB", "GET", "/big.txt", "Range: bytes=1000-\r\n", "", 206, bigSize/16*16 + 16 - 1000},
		{"range of a 100 KiB file", "GET", "/mid.bin", "Range: bytes=16-99999\r\n", "", 206, 99984},
		{"range, HEAD", "HEAD", "/big.txt", "Range: bytes=0-99999\r\n", "", 206, 100000},
		{"If-None-Match", "GET", "/mid.bin", "If-None-Match: " + etag + "\r\n", "", 304, -1},
		{"If-None-Match, HEAD", "HEAD", "/mid.bin", "If-None-Match: " + etag + "\r\n", "", 304, -1},
		{"proxy response with two cookies", "GET", "/cookies", "", "", 200, len("two cookies")},
		{"proxy response without a body", "OPTIONS", "/preflight", "", "", 204, -1},
		{"proxy response of no type", "GET", "/untyped", "", "", 200, len("<html>no type given</html>")},
		{"redirect", "GET", "/somewhere/", "", "", 308, 0},
		{"request body", "POST", "/api/echo", "Content-Length: 5\r\n", "hello", 200, len("5 bytes")},
		{"request body over 4 MiB", "POST", "/api/echo", "Content-Length: 5000000\r\n", "", 413, len("Request Entity Too Large")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := exchange(fiberAddr, tt.method, tt.path, tt.head, tt.body)
			if err != nil {
				t.Fatalf("built-in server: %v", err)
			}
			got, err := exchange(netAddr, tt.method, tt.path, tt.head, tt.body)
			if err != nil {
				t.Fatalf("net/http: %v", err)
			}
			wantLength := []string{strconv.Itoa(tt.length)}
			if tt.length < 0 {
				wantLength = nil
			}
			if !strings.Contains(want.status, " "+strconv.Itoa(tt.status)+" ") || !slices.Equal(want.values("Content-Length"), wantLength) {
				t.Fatalf("built-in server: %s, Content-Length %q; want %d, %q", want.status, want.values("Content-Length"), tt.status, wantLength)
			}
			if got.status != want.status {
				t.Errorf("status line %q, built-in server %q", got.status, want.status)
			}
			if !slices.Equal(got.header, want.header) {
				t.Errorf("headers differ:\nnet/http:        %q\nbuilt-in server: %q", got.header, want.header)
			}
			if !bytes.Equal(got.body, want.body) {
				t.Errorf("body: %d bytes %.40q, built-in server %d bytes %.40q", len(got.body), got.body, len(want.body), want.body)
			}
		})
	}
	r, err := exchange(netAddr, "GET", "/cookies", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if c := r.values("Set-Cookie"); len(c) != 2 {
		t.Errorf("Set-Cookie %q, want two headers", c)
	}
}

// TestNetHTTPStreamsEvents checks that a body streamed with no size set
// reaches the client a piece at a time: the second event is only written
// once the client has read the first.
func TestNetHTTPStreamsEvents(t *testing.T) {
	next := make(chan struct{})
	app := netHTTPApp(t, next)
	fiberAddr := start(t, app)
	srv := httptest.NewServer(app)
	defer srv.Close()
	defer func() {
		select {
		case <-next:
		default:
			close(next)
		}
	}()
	for _, tt := range []struct{ server, addr string }{
		{"built-in server", fiberAddr},
		{"net/http", srv.Listener.Addr().String()},
	} {
		conn, err := net.Dial("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(conn, "GET /api/events HTTP/1.1\r\nHost: %s\r\n\r\n", tt.addr)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.server, err)
		}
		if !slices.Equal(resp.TransferEncoding, []string{"chunked"}) || resp.Header.Get("Content-Type") != "text/event-stream" {
			t.Errorf("%s: Transfer-Encoding %q, Content-Type %q; want chunked text/event-stream", tt.server, resp.TransferEncoding, resp.Header.Get("Content-Type"))
		}
		first := make([]byte, len("data: 1\n\n"))
		if _, err := io.ReadFull(resp.Body, first); err != nil || string(first) != "data: 1\n\n" {
			t.Fatalf("%s: first event %q (%v), want it before the second is written", tt.server, first, err)
		}
		if tt.server == "built-in server" {
			continue // next stays open for the second server
		}
		close(next)
		rest, err := io.ReadAll(resp.Body)
		if err != nil || string(rest) != "data: 2\n\n" {
			t.Errorf("%s: second event %q (%v)", tt.server, rest, err)
		}
	}
}

// TestNetHTTPOverTLS checks that a request over TLS is one to the app
// (an https URL for proxies, X-Forwarded-Proto for upstreams), and that
// the client's address comes through.
func TestNetHTTPOverTLS(t *testing.T) {
	app := netHTTPApp(t, nil)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(app)
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/whoami?x=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/whoami?x=1 from 127.0.0.1"; string(body) != want {
		t.Errorf("proxy saw %q, want %q", body, want)
	}
}

// TestRenderHTTPBodyTooLarge checks that RenderHTTP reports a request
// body it did not read, after answering 413 as ServeHTTP does.
func TestRenderHTTPBodyTooLarge(t *testing.T) {
	app := netHTTPApp(t, nil)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/custom", strings.NewReader(strings.Repeat("x", 5<<20)))
	r.ContentLength = -1 // read to find out, as for a chunked body
	err := app.RenderHTTP(w, r, "/", nil)
	if err == nil || w.Code != 413 || w.Body.String() != "Request Entity Too Large" {
		t.Errorf("RenderHTTP: %v, %d %.40q; want an error and 413", err, w.Code, w.Body.String())
	}
}
