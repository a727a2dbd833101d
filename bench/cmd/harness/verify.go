package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"
)

// response is what a server answered, for the checks before a load run.
type response struct {
	status int
	header http.Header
	body   []byte
}

var client = &http.Client{
	Timeout:       10 * time.Second,
	Transport:     &http.Transport{DisableCompression: true, DisableKeepAlives: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func fetch(url string) (response, error) {
	resp, err := client.Get(url)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: body}, err
}

// sameResponse reports how got differs from want in status, headers (all
// but Date) and body: Nextfiber and the Fiber baseline must send the same
// bytes for the comparison to mean anything.
func sameResponse(want, got response) error {
	if want.status != got.status {
		return fmt.Errorf("status %d, want %d", got.status, want.status)
	}
	names := map[string]bool{}
	for k := range want.header {
		names[k] = true
	}
	for k := range got.header {
		names[k] = true
	}
	var diffs []string
	for k := range names {
		if k == "Date" {
			continue
		}
		if w, g := want.header.Values(k), got.header.Values(k); !slices.Equal(w, g) {
			diffs = append(diffs, fmt.Sprintf("%s: %q, want %q", k, g, w))
		}
	}
	slices.Sort(diffs)
	if !bytes.Equal(want.body, got.body) {
		diffs = append(diffs, fmt.Sprintf("body %q, want %q", clip(got.body), clip(want.body)))
	}
	if len(diffs) > 0 {
		return fmt.Errorf("%s", strings.Join(diffs, "; "))
	}
	return nil
}

// sameContent compares a Next.js answer with Nextfiber's the way the
// conformance checker does: status, Location, and the page marker, JSON or
// text of the body. (Next.js pages carry its scripts around the marker.)
func sameContent(want, got response) error {
	if want.status != got.status {
		return fmt.Errorf("status %d, want %d", got.status, want.status)
	}
	if w, g := want.header.Get("Location"), got.header.Get("Location"); w != g {
		return fmt.Errorf("Location %q, want %q", g, w)
	}
	if want.status >= 300 && want.status < 400 {
		return nil
	}
	ct := want.header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "text/html"):
		if w, g := marker(want.body), marker(got.body); w != g {
			return fmt.Errorf("page marker %q, want %q", g, w)
		}
	case strings.Contains(ct, "json"):
		var w, g any
		if err := json.Unmarshal(want.body, &w); err != nil {
			return fmt.Errorf("Nextfiber's JSON: %v", err)
		}
		if err := json.Unmarshal(got.body, &g); err != nil {
			return fmt.Errorf("JSON body: %v", err)
		}
		if !reflect.DeepEqual(w, g) {
			return fmt.Errorf("JSON %s, want %s", got.body, want.body)
		}
	default:
		if !bytes.Equal(want.body, got.body) {
			return fmt.Errorf("body %q, want %q", clip(got.body), clip(want.body))
		}
	}
	return nil
}

// marker returns the text of the first <main id="m">…</main>, unescaped.
func marker(body []byte) string {
	s := string(body)
	i := strings.Index(s, `<main id="m">`)
	if i < 0 {
		return ""
	}
	s = s[i+len(`<main id="m">`):]
	if j := strings.Index(s, "</main>"); j >= 0 {
		s = s[:j]
	}
	return html.UnescapeString(s)
}

func clip(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}
