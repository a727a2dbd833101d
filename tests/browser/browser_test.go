package browser

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework"
)

// chromium is Debian's Chromium, as .ci/run installs it.
const chromium = "/usr/bin/chromium"

// newBrowser starts headless Chromium with a fresh profile and returns a
// context for chromedp actions, bounded by timeout.
func newBrowser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		msg := "no Chromium at " + chromium + " (apt-get install chromium): browser tests not run"
		if os.Getenv("NEXTFIBER_BROWSER_TESTS") == "1" {
			t.Fatal(msg + ", and NEXTFIBER_BROWSER_TESTS=1 requires them")
		}
		t.Skip(msg + "; set NEXTFIBER_BROWSER_TESTS=1 to make this a failure")
	}
	// The profile is removed after Chromium is gone; its helper processes
	// may still be writing to it for a moment after the browser exits,
	// which t.TempDir's cleanup reports as a failure.
	profile, err := os.MkdirTemp("", "nextfiber-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeEventually(t, profile) })
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	return ctx
}

// removeEventually removes dir, retrying for a few seconds while another
// process finishes writing to it.
func removeEventually(t *testing.T, dir string) {
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
	}
	t.Logf("leaving %s: %v", dir, err)
}

// serveExampleApp serves the example app (the repository root) on
// 127.0.0.1 and returns its base URL. It registers none of main.go's Go
// code: the pages tested here need none.
func serveExampleApp(t *testing.T) string {
	t.Helper()
	app := framework.New(framework.Options{Dir: "../..", Quiet: true})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Use(app.FiberHandler())
	go srv.Listener(ln)
	t.Cleanup(func() { srv.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

func TestHomePageScreenshot(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	base := serveExampleApp(t)

	var title, heading, font string
	var shot []byte
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible("main h1", chromedp.ByQuery),
		chromedp.Title(&title),
		chromedp.Text("main h1", &heading, chromedp.ByQuery),
		// The stylesheet from public/ applied: the body has its font.
		chromedp.Evaluate(`getComputedStyle(document.body).fontFamily`, &font),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Nextfiber") || heading != "Next.js conventions, Go speed" {
		t.Errorf("title %q, heading %q: want the home page", title, heading)
	}
	if !strings.Contains(font, "system-ui") {
		t.Errorf("body font %q: /styles.css was not applied", font)
	}

	file := filepath.Join(t.TempDir(), "home.png")
	if dir := os.Getenv("NEXTFIBER_SCREENSHOT_DIR"); dir != "" {
		file = filepath.Join(dir, "home.png")
	}
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", file, len(shot))
	checkScreenshot(t, shot, 1280, 900)
}

// checkScreenshot fails unless png is a w×h PNG with more than a page's
// background in it: text, a button, borders.
func checkScreenshot(t *testing.T, shot []byte, w, h int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	if n := colors(img); n < 32 {
		t.Errorf("screenshot has %d colors: a blank or unstyled page", n)
	}
}

// colors counts the distinct colors of img, up to 1000.
func colors(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			if seen[[4]uint32{r, g, bl, a}] = true; len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}
