package main

import (
	"net"
	"testing"

	"github.com/nextfiber/nextfiber/examples/app/apptest"
)

func TestFasthttpExample(t *testing.T) {
	srv, err := newServer("../app")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Shutdown()
	apptest.Check(t, "http://"+ln.Addr().String())
}
