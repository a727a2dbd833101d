// Command nextfiber serves the app in this directory (pages/, public/,
// next.config.toml) the way `next dev` and `next start` do:
//
//	go run .                 # development server on http://localhost:3000
//	go run . start           # production: JSON logs, no error details
//	go run . build           # validate, prerender, print the route table
//	go run . -port 8080      # or PORT=8080; also -hostname, -dir
//
// This file is also where an app registers its Go code: proxies, page
// loaders and API handlers.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("nextfiber", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: go run . [dev|start] [flags]

  dev     development server (default)
  start   production server
  build   validate the config, prerender pages and print the route table

flags:
`)
		fs.PrintDefaults()
	}
	dir := fs.String("dir", ".", "app directory with pages/, public/ and next.config.toml")
	port := fs.Int("port", envPort(), "port to listen on (default $PORT or 3000)")
	hostname := fs.String("hostname", "localhost", "hostname to listen on")
	cmd := "dev"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || (cmd != "dev" && cmd != "start" && cmd != "build") {
		fs.Usage()
		return 2
	}

	app := framework.New(framework.Options{
		Dev:         cmd == "dev",
		Dir:         *dir,
		Hostname:    *hostname,
		Port:        *port,
		LogRequests: true,
	})
	register(app)
	if err := app.Prepare(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if cmd == "build" {
		app.PrintRoutes(os.Stdout)
		return 0
	}
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		app.Shutdown(ctx)
	}()
	if err := app.Listen(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func envPort() int {
	if p, err := strconv.Atoi(os.Getenv("PORT")); err == nil && p > 0 {
		return p
	}
	return 3000
}

// register adds the example app's Go code.
func register(app *framework.App) {
	// A proxy that times every page request and tells the page about it.
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Header.Set("x-powered-by", "nextfiber")
	}, proxy.Matcher{Source: "/((?!api|.*\\.(?:css|png|ico|svg)$).*)"})

	app.API("/api/hello", func(c *framework.Context) error {
		return c.JSON(map[string]string{"hello": "world"})
	})
	app.API("/api/time", func(c *framework.Context) error {
		return c.JSON(map[string]string{"now": time.Now().UTC().Format(time.RFC3339)})
	})
	app.Loader("/blog/[slug]", func(c *framework.Context) (any, error) {
		post, ok := posts[c.Params("slug")]
		if !ok {
			return nil, framework.ErrNotFound
		}
		return post, nil
	})
}

// post is a blog post of the example app.
type post struct {
	Title, Body string
}

var posts = map[string]post{
	"hello-world": {"Hello, world", "Nextfiber serves pages/, public/ and next.config.toml the way Next.js does."},
	"fast-paths":  {"Fast paths", "Static pages are rendered once at start-up and served from memory."},
}
