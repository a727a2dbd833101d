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
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/gofiber/fiber/v2"
	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

func main() {
	dir := flag.String("dir", "tests/conformance/testdata/a", "app folder (pages/, public/, next.config.toml)")
	variant := flag.String("variant", "a", "fixture whose Go code (proxy, loaders, API) to register: a, b, c or plain")
	addr := flag.String("addr", "127.0.0.1:3000", "address to listen on (port 0 picks one)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *variant, *addr, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "nextfiber:", err)
		os.Exit(1)
	}
}

func run(dir, variant, addr, cpuprofile string) error {
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	if err := fixture.Register(app, variant); err != nil {
		return err
	}
	if err := app.Prepare(); err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := fiber.New(framework.ServerConfig())
	srv.Use(app.FiberHandler())
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		srv.Shutdown()
	}()
	fmt.Printf("READY http://%s\n", ln.Addr())
	return srv.Listener(ln)
}
