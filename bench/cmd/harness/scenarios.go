package main

import "strings"

// scenario is one request the harness loads every server with.
type scenario struct {
	name   string // short id, used in RESULTS.md
	what   string // what the request exercises
	path   string // request target
	status int    // the status every server must answer with
}

// scenarios are the hot paths of fixture a that the harness compares. They
// are the same for the three servers; fiberbase answers exactly these paths.
var scenarios = []scenario{
	{"static-page", "static page (prerendered)", "/users/me", 200},
	{"ssr-loader", "SSR page with a loader", "/echo?x=1", 200},
	{"public-file", "public file", "/file.txt", 200},
	{"config-redirect", "config redirect", "/old-blog/hello", 308},
	{"rewrite-dynamic", "rewrite to a dynamic page", "/rw/hello", 200},
	{"proxy-response", "proxy-answered response", "/proxy/json", 201},
	{"api-json", "API JSON", "/api/hello", 200},
}

func scenarioNames() string {
	var names []string
	for _, sc := range scenarios {
		names = append(names, sc.name)
	}
	return strings.Join(names, ", ")
}
