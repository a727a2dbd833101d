// Package benchserver starts the Go servers of the comparison harness
// (bench/cmd/nextfiber and bench/cmd/fiberbase) the way the harness drives
// them: it prints "READY http://ADDR" once the server accepts connections,
// stops it gracefully on SIGINT or SIGTERM and, with -cpuprofile, writes a
// CPU profile of the whole run on the way out. Both servers use it, so the
// harness's start-up protocol is written once.
package benchserver

import (
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/gofiber/fiber/v2"
)

// Main is the whole of a bench server's main function. It adds -addr
// (defaulting to addr) and -cpuprofile to the flags the command has
// defined, parses the command line, builds the server with build and serves
// it until SIGINT or SIGTERM. It exits with status 2 on a usage error and
// with status 1, after printing "name: error" to standard error, when
// build or serving fails.
func Main(name, addr string, build func() (*fiber.App, error)) {
	flag.StringVar(&addr, "addr", addr, "address to listen on (port 0 picks one)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(build, addr, *cpuprofile, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// run builds the server before it starts the profile, so that the profile
// holds serving rather than start-up, and returns once the server has
// stopped and the profile is written.
func run(build func() (*fiber.App, error), addr, cpuprofile string, stdout io.Writer) error {
	app, err := build()
	if err != nil {
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
	// Subscribed before READY is printed: a signal sent as soon as the
	// harness reads the line must already stop the server gracefully.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-sig:
			app.Shutdown()
		case <-stopped:
		}
	}()
	fmt.Fprintf(stdout, "READY http://%s\n", ln.Addr())
	return app.Listener(ln)
}
