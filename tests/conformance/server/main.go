// Command server serves a conformance fixture folder with the Go
// equivalents of its Next.js code, for replaying recorded cases:
//
//	go run ./tests/conformance/server -variant a -dir tests/conformance/testdata/a -addr 127.0.0.1:3100
//
// -variant b serves fixture b through its custom server (server.js in Go).
// -variant plain serves any fixture folder from its next.config.toml,
// pages and public files alone. The upstream echo server that fixture a's
// external rewrite needs is started on 127.0.0.1:4599 with -echo.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/tests/conformance/fixture"
)

func main() {
	variant := flag.String("variant", "a", "fixture variant: a, b (the custom server), c or plain")
	dir := flag.String("dir", "", "fixture folder (pages/, public/, next.config.toml)")
	addr := flag.String("addr", "127.0.0.1:3100", "address to listen on")
	echo := flag.Bool("echo", false, "also start the upstream echo server on "+fixture.EchoAddr)
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*variant, *dir, *addr, *echo); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

func run(variant, dir, addr string, echo bool) error {
	app := framework.New(framework.Options{Dir: dir, Quiet: true})
	if err := fixture.Register(app, variant); err != nil {
		return err
	}
	if err := app.Prepare(); err != nil {
		return err
	}
	if echo {
		stop, err := fixture.StartEcho(fixture.EchoAddr)
		if err != nil {
			return fmt.Errorf("echo server: %w", err)
		}
		defer stop()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := fixture.Server(app, variant)
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		srv.Shutdown()
	}()
	fmt.Printf("READY %s http://%s\n", variant, ln.Addr())
	return srv.Listener(ln)
}
