// Package conformance replays the recorded Next.js cases
// (shared/conformance/cases/*.json, copied into testdata/cases) against a
// running server and compares the answers with the README's rules.
package conformance

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Case is one recorded request and what Next.js answered.
type Case struct {
	Name    string  `json:"name"`
	Group   string  `json:"group"`
	Request Request `json:"request"`
	Expect  Expect  `json:"expect"`
	// Documented, when set, says the expectation follows the Next.js
	// documentation rather than the recording.
	Documented string `json:"documented,omitempty"`
}

// Request is the request to send, byte for byte.
type Request struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    *string           `json:"body,omitempty"`
}

// Expect holds the recorded fields; absent ones are not checked.
type Expect struct {
	Status        int             `json:"status"`
	Location      *string         `json:"location,omitempty"`
	ContentType   *string         `json:"content_type,omitempty"`
	Headers       map[string]any  `json:"headers,omitempty"`
	AbsentHeaders []string        `json:"absent_headers,omitempty"`
	Marker        *string         `json:"marker,omitempty"`
	JSON          json.RawMessage `json:"json,omitempty"`
	BodyContains  *string         `json:"body_contains,omitempty"`
}

// Load reads a case file.
func Load(file string) ([]Case, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cs []Case
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return cs, nil
}

// Response is what the server answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Send sends c's request to addr (host:port) over a fresh connection,
// exactly as recorded: the path is not normalized or re-encoded.
func Send(addr string, r Request) (*Response, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", r.Method, r.Path)
	host := addr
	for k, v := range r.Headers {
		if strings.EqualFold(k, "host") {
			host = v
		}
	}
	fmt.Fprintf(&b, "Host: %s\r\n", host)
	for k, v := range r.Headers {
		if !strings.EqualFold(k, "host") {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	b.WriteString("Accept-Encoding: identity\r\nConnection: close\r\n")
	body := ""
	if r.Body != nil {
		body = *r.Body
	}
	switch {
	case r.Body != nil:
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	case r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH":
		b.WriteString("Content-Length: 0\r\n")
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	if _, err := io.WriteString(conn, b.String()); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: r.Method})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// Check compares a response with a case's expectation and returns every
// difference (none means the case passed). addr is the server's host:port,
// used to strip its origin from Location.
func Check(c Case, r *Response, addr string) []string {
	var diffs []string
	e := c.Expect
	if r.Status != e.Status {
		diffs = append(diffs, fmt.Sprintf("status %d, want %d", r.Status, e.Status))
	}
	if e.Location != nil {
		if got := stripOrigin(r.Header.Get("Location"), addr, c.Request.Headers); got != *e.Location {
			diffs = append(diffs, fmt.Sprintf("location %q, want %q", got, *e.Location))
		}
	}
	if e.ContentType != nil {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if strings.ToLower(mt) != *e.ContentType {
			diffs = append(diffs, fmt.Sprintf("content-type %q, want %q", mt, *e.ContentType))
		}
	}
	keys := make([]string, 0, len(e.Headers))
	for k := range e.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want := e.Headers[k]
		vals := r.Header.Values(k)
		if k == "set-cookie" {
			var got []string
			for _, v := range vals {
				nv, _, _ := strings.Cut(v, ";")
				got = append(got, strings.TrimSpace(nv))
			}
			var w []string
			for _, x := range want.([]any) {
				w = append(w, x.(string))
			}
			sort.Strings(got)
			sort.Strings(w)
			if !reflect.DeepEqual(got, w) {
				diffs = append(diffs, fmt.Sprintf("set-cookie %q, want %q", got, w))
			}
			continue
		}
		if len(vals) == 0 {
			diffs = append(diffs, fmt.Sprintf("header %s missing, want %q", k, want))
		} else if got := strings.Join(vals, ", "); got != want {
			diffs = append(diffs, fmt.Sprintf("header %s %q, want %q", k, got, want))
		}
	}
	for _, k := range e.AbsentHeaders {
		if v := r.Header.Values(k); len(v) > 0 {
			diffs = append(diffs, fmt.Sprintf("header %s %q, want absent", k, v))
		}
	}
	switch {
	case e.Marker != nil:
		if got, ok := marker(r.Body); !ok {
			diffs = append(diffs, fmt.Sprintf("no <main id=\"m\"> marker in body %.80q", r.Body))
		} else if got != *e.Marker {
			diffs = append(diffs, fmt.Sprintf("marker %q, want %q", got, *e.Marker))
		}
	case e.JSON != nil:
		var got, want any
		if err := json.Unmarshal(r.Body, &got); err != nil {
			diffs = append(diffs, fmt.Sprintf("body is not JSON: %.80q", r.Body))
		} else if json.Unmarshal(e.JSON, &want); !reflect.DeepEqual(got, want) {
			diffs = append(diffs, fmt.Sprintf("json %s, want %s", r.Body, e.JSON))
		}
	case e.BodyContains != nil:
		if !strings.Contains(string(r.Body), *e.BodyContains) {
			diffs = append(diffs, fmt.Sprintf("body %.80q does not contain %q", r.Body, *e.BodyContains))
		}
	}
	return diffs
}

var markerRE = regexp.MustCompile(`(?s)<main id="m">(.*?)</main>`)

// marker returns the HTML-unescaped text of the first <main id="m">.
func marker(body []byte) (string, bool) {
	m := markerRE.FindSubmatch(body)
	if m == nil {
		return "", false
	}
	return html.UnescapeString(string(m[1])), true
}

// stripOrigin removes the server's own origin from a Location.
func stripOrigin(loc, addr string, reqHeaders map[string]string) string {
	_, port, _ := net.SplitHostPort(addr)
	hosts := []string{"127.0.0.1", "localhost", "[::1]", "0.0.0.0"}
	for k, v := range reqHeaders {
		if strings.EqualFold(k, "host") {
			h := v
			if hh, _, err := net.SplitHostPort(v); err == nil {
				h = hh
			}
			hosts = append(hosts, h)
		}
	}
	for _, scheme := range []string{"http://", "https://"} {
		for _, h := range hosts {
			prefix := scheme + h + ":" + port
			if loc == prefix {
				return "/"
			}
			if strings.HasPrefix(loc, prefix) && (loc[len(prefix)] == '/' || loc[len(prefix)] == '?') {
				return loc[len(prefix):]
			}
		}
	}
	return loc
}

// Result is the outcome of one case.
type Result struct {
	Case  Case
	Diffs []string
	Err   error
}

// Passed reports whether the case passed.
func (r Result) Passed() bool { return r.Err == nil && len(r.Diffs) == 0 }

// Run replays every case against addr.
func Run(addr string, cases []Case) []Result {
	out := make([]Result, 0, len(cases))
	for _, c := range cases {
		resp, err := Send(addr, c.Request)
		res := Result{Case: c, Err: err}
		if err == nil {
			res.Diffs = Check(c, resp, addr)
		}
		out = append(out, res)
	}
	return out
}
