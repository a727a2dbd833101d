// Command nextfiber serves a conformance fixture with Nextfiber in its
// production configuration (no Dev, Quiet, no per-request log lines), for
// the comparison harness (see bench/README.md):
//
//	GOMAXPROCS=1 taskset -c 0 nextfiber -dir tests/conformance/testdata/a -addr 127.0.0.1:3000
//
// It prints "READY http://ADDR" once it accepts connections and stops on
// SIGINT or SIGTERM. With -cpuprofile it writes a CPU profile of its whole
// run on the way out.
package main

import (
	"flag"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/bench/internal/benchserver"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

func main() {
	dir := flag.String("dir", "tests/conformance/testdata/a", "app folder (pages/, public/, next.config.toml)")
	variant := flag.String("variant", "a", "fixture whose Go code (proxy, loaders, API) to register: a, b, c or plain")
	benchserver.Main("nextfiber", "127.0.0.1:3000", func() (*fiber.App, error) {
		return newServer(*dir, *variant)
	})
}

// newServer prepares the app in dir with the Go code of fixture variant
// and mounts it on Fiber as App.Listen does.
func newServer(dir, variant string) (*fiber.App, error) {
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	if err := fixture.Register(app, variant); err != nil {
		return nil, err
	}
	if err := app.Prepare(); err != nil {
		return nil, err
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Use(app.FiberHandler())
	return srv, nil
}
