package framework

import (
	"bufio"
	"bytes"
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

// Live reload, in Dev. Every HTML page the app renders carries a small
// script (reloadScript) that opens an event stream at reloadPath and
// reloads the page when the server announces a build other than the one
// the page came from. Each Prepare, and each rebuild after a change (see
// Watch), successful or not, is a new build. The page's own build is in
// its script, so a rebuild that finishes between serving the page and its
// script connecting is not missed; builds also name the process, so pages
// open across a server restart reload once it is back.

// reloadPath is where pages listen for builds, under basePath. It is
// served in Dev only, before the pipeline.
const reloadPath = "/_nextfiber/reload"

// reloadScript is the script pages of build carry, listening at
// base+reloadPath. The stream ends after each build it announces (see
// serveEvents), and EventSource reconnects by itself; a stream refused
// (the endpoint gone) is tried again every second.
func reloadScript(base, build string) []byte {
	return []byte(`<script>(()=>{const b="` + template.JSEscapeString(build) +
		`",u="` + template.JSEscapeString(base+reloadPath) + `";` +
		`const c=()=>{const s=new EventSource(u);` +
		`s.onmessage=e=>{if(e.data!==b){s.close();location.reload()}};` +
		`s.onerror=()=>{if(s.readyState===2)setTimeout(c,1000)}};c()})()</script>`)
}

// addReloadScript puts script into the page in buf, before its last
// </body>, or at its end when it has none. A nil script (outside Dev)
// changes nothing.
func addReloadScript(buf *bytes.Buffer, script []byte) {
	if script == nil {
		return
	}
	i := lastBodyEnd(buf.Bytes())
	if i < 0 {
		buf.Write(script)
		return
	}
	tail := bytes.Clone(buf.Bytes()[i:])
	buf.Truncate(i)
	buf.Write(script)
	buf.Write(tail)
}

// lastBodyEnd is the index of the last "</body" in page, in any case, or
// -1.
func lastBodyEnd(page []byte) int {
	const tag = "</body"
	for i := len(page) - len(tag); i >= 0; i-- {
		if page[i] == '<' && bytes.EqualFold(page[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return -1
}

// liveReload announces builds to the pages open in browsers. A nil
// *liveReload, as outside Dev, names no builds and announces nothing.
type liveReload struct {
	process string // tells this process's builds from another's

	mu      sync.Mutex
	n       int           // builds named so far
	build   string        // the build pages should have
	changed chan struct{} // closed when build changes, and by close
	closed  bool
}

func newLiveReload() *liveReload {
	return &liveReload{process: strconv.FormatInt(time.Now().UnixNano(), 36), changed: make(chan struct{})}
}

// next names a new build, for publish to announce once it is built or
// has failed.
func (lr *liveReload) next() string {
	if lr == nil {
		return ""
	}
	lr.mu.Lock()
	defer lr.mu.Unlock()
	lr.n++
	return lr.process + "-" + strconv.Itoa(lr.n)
}

// publish makes build the one pages should have and tells the pages
// listening.
func (lr *liveReload) publish(build string) {
	if lr == nil {
		return
	}
	lr.mu.Lock()
	defer lr.mu.Unlock()
	lr.build = build
	if !lr.closed {
		close(lr.changed)
		lr.changed = make(chan struct{})
	}
}

// close ends every event stream, now and later, so that Shutdown does not
// wait for open pages.
func (lr *liveReload) close() {
	if lr == nil {
		return
	}
	lr.mu.Lock()
	defer lr.mu.Unlock()
	if !lr.closed {
		lr.closed = true
		close(lr.changed)
	}
}

func (lr *liveReload) current() (build string, changed <-chan struct{}, closed bool) {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	return lr.build, lr.changed, lr.closed
}

// pingEvery is how often an idle event stream gets a comment, which finds
// the clients that went away.
const pingEvery = 15 * time.Second

// serveEvents answers at reloadPath with an event stream
// (text/event-stream): the current build at once, then the next one when
// it comes, and there the response ends, as the page reloads anyway. So an
// event also gets through a server that sends a response only once it is
// complete (App.ServeHTTP does). After close, streams end at once.
func (lr *liveReload) serveEvents(ctx *fasthttp.RequestCtx) {
	build, changed, closed := lr.current()
	ctx.SetContentType("text/event-stream; charset=utf-8")
	ctx.Response.Header.Set(fasthttp.HeaderCacheControl, "no-store")
	ctx.SetBodyStreamWriter(func(w *bufio.Writer) {
		w.WriteString("retry: 500\ndata: " + build + "\n\n")
		if w.Flush() != nil || closed {
			return
		}
		ping := time.NewTicker(pingEvery)
		defer ping.Stop()
		for {
			select {
			case <-changed:
				if build, _, closed := lr.current(); !closed {
					w.WriteString("data: " + build + "\n\n")
				}
				return
			case <-ping.C:
				w.WriteString(": ping\n\n")
				if w.Flush() != nil {
					return
				}
			}
		}
	})
}
