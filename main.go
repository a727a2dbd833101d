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
	"embed"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nextfiber/nextfiber/framework"
	"github.com/nextfiber/nextfiber/framework/proxy"
	"github.com/nextfiber/nextfiber/framework/render"
	"github.com/nextfiber/nextfiber/plugins/securityheaders"
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
	if err := register(app); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
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

// register adds the example app's Go code: plugins, a proxy, the loaders
// of the blog and docs pages, and API routes.
func register(app *framework.App) error {
	// Security headers on pages, from plugins/securityheaders.
	// X-Frame-Options stays DENY, as next.config.toml sets it for every
	// path.
	if err := securityheaders.Register(app, securityheaders.Options{FrameOptions: "DENY"}); err != nil {
		return err
	}

	// A proxy that marks every page response.
	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
		res.Header.Set("x-powered-by", "nextfiber")
	}, proxy.Matcher{Source: "/((?!api|.*\\.(?:css|png|ico|svg)$).*)"})

	// The blog: pages/blog/index.html lists the posts, and
	// pages/blog/[slug].html shows one.
	app.Loader("/blog", func(c *framework.Context) (any, error) {
		s, err := content()
		if err != nil {
			return nil, err
		}
		return s.posts, nil
	})
	app.Loader("/blog/[slug]", func(c *framework.Context) (any, error) {
		s, err := content()
		if err != nil {
			return nil, err
		}
		p, ok := s.post[c.Params("slug")]
		if !ok {
			return nil, framework.ErrNotFound
		}
		return p, nil
	})

	// The docs: one catch-all page, pages/docs/[...path].html, for every
	// Markdown file under pages/_docs.
	app.Loader("/docs/[...path]", func(c *framework.Context) (any, error) {
		s, err := content()
		if err != nil {
			return nil, err
		}
		path := c.Params("path")
		d, ok := s.doc[path]
		if !ok {
			return nil, framework.ErrNotFound
		}
		return docPage{Path: path, Doc: d.Markdown, Nav: s.docs}, nil
	})

	app.API("/api/posts", func(c *framework.Context) error {
		s, err := content()
		if err != nil {
			return err
		}
		return c.JSON(s.posts)
	})
	app.API("/api/hello", func(c *framework.Context) error {
		return c.JSON(map[string]string{"hello": "world"})
	})
	app.API("/api/time", func(c *framework.Context) error {
		return c.JSON(map[string]string{"now": time.Now().UTC().Format(time.RFC3339)})
	})
	return nil
}

// The blog posts and docs are Markdown files with front matter. They live
// in "_" folders of pages/, so they are not routes themselves, and are
// built into the binary.
//
//go:embed pages/_posts/*.md pages/_docs
var contentFiles embed.FS

// content parses contentFiles once, on first use.
var content = sync.OnceValues(func() (*siteContent, error) { return loadContent(contentFiles) })

// siteContent is the example app's Markdown content.
type siteContent struct {
	posts []*post          // newest first
	post  map[string]*post // by slug
	docs  []*doc           // in their "order"
	doc   map[string]*doc  // by path under pages/_docs, without ".md"
}

// post is a blog post: pages/_posts/<Slug>.md.
type post struct {
	Slug        string        `json:"slug"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Date        string        `json:"date"`
	HTML        template.HTML `json:"-"`
}

// doc is a page of the docs: pages/_docs/<Path>.md.
type doc struct {
	Path, Title string
	*render.Markdown
}

// docPage is what the docs page renders.
type docPage struct {
	Path string // the doc shown
	Doc  *render.Markdown
	Nav  []*doc
}

func loadContent(fsys fs.FS) (*siteContent, error) {
	s := &siteContent{post: map[string]*post{}, doc: map[string]*doc{}}
	err := fs.WalkDir(fsys, "pages", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		m, err := render.ParseMarkdown(file, src)
		if err != nil {
			return err
		}
		if slug, ok := strings.CutPrefix(file, "pages/_posts/"); ok {
			p := &post{Slug: strings.TrimSuffix(slug, ".md"), Title: m.Title, Description: m.Description, Date: m.Meta["date"], HTML: m.HTML}
			s.posts = append(s.posts, p)
			s.post[p.Slug] = p
		} else {
			dc := &doc{Path: strings.TrimSuffix(strings.TrimPrefix(file, "pages/_docs/"), ".md"), Title: m.Title, Markdown: m}
			s.docs = append(s.docs, dc)
			s.doc[dc.Path] = dc
		}
		return nil
	})
	slices.SortFunc(s.posts, func(a, b *post) int { return strings.Compare(b.Date, a.Date) })
	order := func(d *doc) int { n, _ := strconv.Atoi(d.Meta["order"]); return n }
	slices.SortFunc(s.docs, func(a, b *doc) int { return order(a) - order(b) })
	return s, err
}
