package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// modTime is the public files' modification time.
var modTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// bigSize is over the 1 MiB a public file may have to be held in memory.
const bigSize = 1<<20 + 1000

// publicApp writes an app whose public/ holds small and large files,
// precompressed siblings, dotfiles and symlinks in and out of public/,
// and serves it.
func publicApp(t *testing.T) (addr string, files map[string][]byte) {
	t.Helper()
	var big bytes.Buffer
	for i := 0; big.Len() < bigSize; i++ {
		fmt.Fprintf(&big, "line %d of a large public file\n", i)
	}
	css := strings.Repeat("body { margin: 0 }\n", 100)
	files = map[string][]byte{
		"file.txt":      []byte("hello from a public file\n"),
		"app.css":       []byte(css),
		"app.css.br":    fasthttp.AppendBrotliBytes(nil, []byte(css)),
		"app.css.gz":    fasthttp.AppendGzipBytes(nil, []byte(css)),
		"script.js":     []byte(strings.Repeat("console.log('hi');\n", 50)),
		"data.json":     []byte(`{"a":1}`),
		"logo.svg":      []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
		"dot.png":       {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0},
		"font.woff2":    []byte("wOF2"),
		"noext":         []byte("plain words"),
		"big.txt":       big.Bytes(),
		"big.txt.gz":    fasthttp.AppendGzipBytes(nil, big.Bytes()),
		"big.bin":       bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7}, bigSize/8),
		"nested/a.txt":  []byte("nested file\n"),
		".env":          []byte("SECRET=public-dotfile"),
		".hidden/x.txt": []byte("SECRET=public-dot-folder"),
	}
	dir := t.TempDir()
	for name, body := range files {
		file := filepath.Join(dir, "public", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, modTime, modTime); err != nil {
			t.Fatal(err)
		}
	}
	writeApp(t, dir, map[string]string{
		"secret.txt":       "SECRET=outside-public",
		"outside/x.txt":    "SECRET=outside-folder",
		"pages/index.html": "<main>home</main>",
	})
	for link, target := range map[string]string{
		"public/link-in.txt":  "nested/a.txt",
		"public/link-out.txt": "../secret.txt",
		"public/link-dir":     "../outside",
		"public/link-abs.txt": filepath.Join(dir, "secret.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	return start(t, appIn(dir)), files
}

func TestPublicContentTypes(t *testing.T) {
	addr, _ := publicApp(t)
	for path, want := range map[string]string{
		"/file.txt":   "text/plain; charset=utf-8",
		"/app.css":    "text/css; charset=utf-8",
		"/script.js":  "text/javascript; charset=utf-8",
		"/data.json":  "application/json; charset=utf-8",
		"/logo.svg":   "image/svg+xml",
		"/dot.png":    "image/png",
		"/font.woff2": "font/woff2",
		"/app.css.gz": "application/gzip",
		"/noext":      "text/plain; charset=utf-8", // sniffed
		"/big.txt":    "text/plain; charset=utf-8",
		"/big.bin":    "application/octet-stream", // sniffed from disk
	} {
		r := get(t, addr, "GET", path)
		wantStatus(t, path, r, 200)
		wantHeader(t, path, r, "Content-Type", want)
	}
}

// TestPublicFiles runs the same requests against a file held in memory
// and one read from disk.
func TestPublicFiles(t *testing.T) {
	addr, files := publicApp(t)
	lastModified := modTime.Format(http.TimeFormat)
	for _, path := range []string{"/file.txt", "/big.bin"} {
		t.Run(path, func(t *testing.T) {
			body := files[path[1:]]
			size := len(body)
			full := get(t, addr, "GET", path)
			wantStatus(t, "GET", full, 200)
			if !bytes.Equal(full.body, body) || full.length != int64(size) {
				t.Fatalf("GET: %d bytes, Content-Length %d; want the file's %d", len(full.body), full.length, size)
			}
			wantHeader(t, "GET", full, "Cache-Control", "public, max-age=0")
			wantHeader(t, "GET", full, "Accept-Ranges", "bytes")
			wantHeader(t, "GET", full, "Last-Modified", lastModified)
			etag := full.header.Get("ETag")
			if !strings.HasPrefix(etag, `"`) {
				t.Fatalf("ETag %q, want a strong one", etag)
			}
			if again := get(t, addr, "GET", path); again.header.Get("ETag") != etag {
				t.Fatalf("ETag changed between requests: %q, %q", etag, again.header.Get("ETag"))
			}
			day := 24 * time.Hour
			tests := []struct {
				name    string
				method  string
				headers []string
				status  int
				body    []byte // nil: none
				crange  string
			}{
				{"If-None-Match", "GET", []string{"If-None-Match", etag}, 304, nil, ""},
				{"If-None-Match list", "GET", []string{"If-None-Match", `"x", ` + etag}, 304, nil, ""},
				{"If-None-Match weak", "GET", []string{"If-None-Match", "W/" + etag}, 304, nil, ""},
				{"If-None-Match other", "GET", []string{"If-None-Match", `"x"`}, 200, body, ""},
				{"If-Modified-Since same", "GET", []string{"If-Modified-Since", lastModified}, 304, nil, ""},
				{"If-Modified-Since later", "GET", []string{"If-Modified-Since", modTime.Add(day).Format(http.TimeFormat)}, 304, nil, ""},
				{"If-Modified-Since earlier", "GET", []string{"If-Modified-Since", modTime.Add(-day).Format(http.TimeFormat)}, 200, body, ""},
				{"If-None-Match wins", "GET", []string{"If-None-Match", `"x"`, "If-Modified-Since", lastModified}, 200, body, ""},
				{"range", "GET", []string{"Range", "bytes=0-4"}, 206, body[:5], fmt.Sprintf("bytes 0-4/%d", size)},
				{"open range", "GET", []string{"Range", "bytes=5-"}, 206, body[5:], fmt.Sprintf("bytes 5-%d/%d", size-1, size)},
				{"suffix range", "GET", []string{"Range", "bytes=-3"}, 206, body[size-3:], fmt.Sprintf("bytes %d-%d/%d", size-3, size-1, size)},
				{"suffix longer than the file", "GET", []string{"Range", fmt.Sprintf("bytes=-%d", size+10)}, 206, body, fmt.Sprintf("bytes 0-%d/%d", size-1, size)},
				{"range past the end, cut", "GET", []string{"Range", fmt.Sprintf("bytes=%d-%d", size-2, size+100)}, 206, body[size-2:], fmt.Sprintf("bytes %d-%d/%d", size-2, size-1, size)},
				{"unsatisfiable", "GET", []string{"Range", fmt.Sprintf("bytes=%d-", size)}, 416, []byte("Range Not Satisfiable"), fmt.Sprintf("bytes */%d", size)},
				{"empty suffix", "GET", []string{"Range", "bytes=-0"}, 416, []byte("Range Not Satisfiable"), fmt.Sprintf("bytes */%d", size)},
				{"several ranges: whole file", "GET", []string{"Range", "bytes=0-1,3-4"}, 200, body, ""},
				{"malformed range: whole file", "GET", []string{"Range", "bytes=abc"}, 200, body, ""},
				{"backwards range: whole file", "GET", []string{"Range", "bytes=4-2"}, 200, body, ""},
				{"other unit: whole file", "GET", []string{"Range", "items=0-1"}, 200, body, ""},
				{"If-Range ETag", "GET", []string{"Range", "bytes=0-4", "If-Range", etag}, 206, body[:5], fmt.Sprintf("bytes 0-4/%d", size)},
				{"If-Range date", "GET", []string{"Range", "bytes=0-4", "If-Range", lastModified}, 206, body[:5], fmt.Sprintf("bytes 0-4/%d", size)},
				{"If-Range changed", "GET", []string{"Range", "bytes=0-4", "If-Range", `"x"`}, 200, body, ""},
				{"If-Range weak", "GET", []string{"Range", "bytes=0-4", "If-Range", "W/" + etag}, 200, body, ""},
				{"HEAD", "HEAD", nil, 200, nil, ""},
				{"HEAD range", "HEAD", []string{"Range", "bytes=0-4"}, 206, nil, fmt.Sprintf("bytes 0-4/%d", size)},
				{"POST", "POST", nil, 405, []byte("Method Not Allowed"), ""},
			}
			for _, tt := range tests {
				r := get(t, addr, tt.method, path, tt.headers...)
				if r.status != tt.status {
					t.Errorf("%s: status %d, want %d", tt.name, r.status, tt.status)
					continue
				}
				switch {
				case tt.status == 405:
					if !bytes.Contains(r.body, tt.body) {
						t.Errorf("%s: body %.100q", tt.name, r.body)
					}
					continue
				case tt.body == nil && len(r.body) > 0:
					t.Errorf("%s: a %d-byte body, want none", tt.name, len(r.body))
				case tt.body != nil && !bytes.Equal(r.body, tt.body):
					t.Errorf("%s: body %d bytes %.40q, want %d bytes %.40q", tt.name, len(r.body), r.body, len(tt.body), tt.body)
				}
				wantHeader(t, tt.name, r, "Content-Range", tt.crange)
				if tt.status == 304 {
					wantHeader(t, tt.name, r, "ETag", etag)
					wantHeader(t, tt.name, r, "Cache-Control", "public, max-age=0")
				}
				if tt.method == "HEAD" {
					want := size
					if tt.status == 206 {
						want = 5
					}
					if r.length != int64(want) {
						t.Errorf("%s: Content-Length %d, want %d", tt.name, r.length, want)
					}
				}
			}
		})
	}
}

func TestPublicPrecompressed(t *testing.T) {
	addr, files := publicApp(t)
	tests := []struct {
		path, accept, encoding string
		body                   []byte // as sent
	}{
		{"/app.css", "", "", files["app.css"]},
		{"/app.css", "br, gzip", "br", files["app.css.br"]}, // the sibling, byte for byte
		{"/app.css", "gzip", "gzip", files["app.css.gz"]},
		{"/app.css.gz", "gzip", "", files["app.css.gz"]}, // the sibling at its own URL: a plain file
		{"/big.txt", "gzip", "gzip", files["big.txt.gz"]},
		{"/big.txt", "br", "", files["big.txt"]}, // large files are not compressed on the fly
		{"/script.js", "br", "br", nil},          // compressed at Prepare: decoded below
		{"/script.js", "gzip", "gzip", nil},
		{"/dot.png", "br, gzip", "", files["dot.png"]}, // compressed already
	}
	for _, tt := range tests {
		r := get(t, addr, "GET", tt.path, "Accept-Encoding", tt.accept)
		what := tt.path + " " + tt.accept
		wantStatus(t, what, r, 200)
		wantHeader(t, what, r, "Content-Encoding", tt.encoding)
		if tt.body != nil && !bytes.Equal(r.body, tt.body) {
			t.Errorf("%s: %d bytes, want %d", what, len(r.body), len(tt.body))
		}
		if got := decode(t, tt.encoding, r.body); !bytes.Equal(got, files[tt.path[1:]]) {
			t.Errorf("%s: decodes to %d bytes, not the file", what, len(got))
		}
		if r.length != int64(len(r.body)) {
			t.Errorf("%s: Content-Length %d for %d bytes", what, r.length, len(r.body))
		}
		if tt.path != "/dot.png" && tt.path != "/app.css.gz" {
			wantHeader(t, what, r, "Vary", "Accept-Encoding")
		}
	}
	css := get(t, addr, "GET", "/app.css")
	wantHeader(t, "/app.css", css, "Content-Type", "text/css; charset=utf-8")
	br := get(t, addr, "GET", "/app.css", "Accept-Encoding", "br")
	wantHeader(t, "/app.css br", br, "Content-Type", "text/css; charset=utf-8")
	if br.header.Get("ETag") == css.header.Get("ETag") {
		t.Errorf("brotli and identity bodies share the ETag %s", css.header.Get("ETag"))
	}
	// A range of a compressed response is a range of its bytes.
	r := get(t, addr, "GET", "/app.css", "Accept-Encoding", "br", "Range", "bytes=0-3")
	wantStatus(t, "br range", r, 206)
	wantHeader(t, "br range", r, "Content-Encoding", "br")
	if !bytes.Equal(r.body, files["app.css.br"][:4]) {
		t.Errorf("br range: %q", r.body)
	}
	wantHeader(t, "br range", r, "Content-Range", "bytes 0-3/"+strconv.Itoa(len(files["app.css.br"])))
}

func TestPublicNeverServesOutside(t *testing.T) {
	addr, files := publicApp(t)
	for _, path := range []string{
		"/.env",
		"/%2eenv",
		"/%2Eenv",
		"/.hidden/x.txt",
		"/%2ehidden/x.txt",
		"/../secret.txt",
		"/../../../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/nested/..%2f..%2fsecret.txt",
		"/nested/%2e%2e/%2e%2e/secret.txt",
		"/nested/..%5c..%5csecret.txt",
		"/public/file.txt",
		"/link-out.txt",
		"/link-abs.txt",
		"/link-dir/x.txt",
		"/secret.txt",
		"/outside/x.txt",
	} {
		r := get(t, addr, "GET", path)
		if r.status != 404 && r.status != 400 {
			t.Errorf("%s: status %d, want 404 (or 400)", path, r.status)
		}
		if bytes.Contains(r.body, []byte("SECRET")) {
			t.Errorf("%s: served a file it must not: %q", path, r.body)
		}
	}
	for path, body := range map[string][]byte{
		"/link-in.txt":            files["nested/a.txt"], // a symlink inside public/ is its target
		"/nested/a.txt":           files["nested/a.txt"],
		"/nested/../file.txt":     files["file.txt"],
		"/nested/%2e%2e/file.txt": files["file.txt"],
	} {
		r := get(t, addr, "GET", path)
		wantStatus(t, path, r, 200)
		if !bytes.Equal(r.body, body) {
			t.Errorf("%s: %q, want %q", path, r.body, body)
		}
	}
}

// TestPublicRangesKeepAlive sends ranges one after another on one
// connection: a body longer than its Content-Length would be read as the
// next response.
func TestPublicRangesKeepAlive(t *testing.T) {
	addr, files := publicApp(t)
	for _, path := range []string{"/file.txt", "/big.bin"} {
		body := files[path[1:]]
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		br := bufio.NewReader(conn)
		for _, tt := range []struct {
			rng  string
			want []byte
		}{
			{"bytes=0-4", body[:5]},
			{"bytes=10-19", body[10:20]},
			{"bytes=-3", body[len(body)-3:]},
		} {
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nRange: %s\r\n\r\n", path, addr, tt.rng)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("%s %s: %v", path, tt.rng, err)
			}
			got, err := io.ReadAll(resp.Body)
			if err != nil || resp.StatusCode != 206 || !bytes.Equal(got, tt.want) {
				t.Fatalf("%s %s: %d, %d bytes (%v); want 206, %d bytes", path, tt.rng, resp.StatusCode, len(got), err, len(tt.want))
			}
		}
	}
}

func TestPublicRangesThroughNetHTTP(t *testing.T) {
	app := newApp(t, map[string]string{"public/big.txt": strings.Repeat("0123456789", bigSize/10+1)})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	for rng, want := range map[string]string{"bytes=10-14": "01234", "bytes=3-5": "345"} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/big.txt", nil)
		r.Header.Set("Range", rng)
		app.ServeHTTP(w, r)
		if w.Code != 206 || w.Body.String() != want {
			t.Errorf("%s: %d, %d bytes %.20q; want 206 %q", rng, w.Code, w.Body.Len(), w.Body.String(), want)
		}
	}
}
