// Package app is the Nextfiber app the custom-server examples serve: its
// pages are in pages/, and New registers its Go code.
package app

import (
	"sync/atomic"

	"github.com/nextfiber/nextfiber/framework"
)

// Renders counts how often page b's loader ran (the SSR cache example shows
// it does not run on a cache hit).
var Renders atomic.Int64

// New returns the example app for dir, prepared.
func New(dir string, dev bool) (*framework.App, error) {
	app := framework.New(framework.Options{Dir: dir, Dev: dev})
	app.Loader("/b", func(c *framework.Context) (any, error) {
		Renders.Add(1)
		return map[string]any{"query": c.AllQuery(), "render": Renders.Load()}, nil
	})
	return app, app.Prepare()
}
