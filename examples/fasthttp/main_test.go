package main

import (
	"testing"

	"github.com/nextfiber/nextfiber/examples/app/apptest"
)

func TestFasthttpExample(t *testing.T) {
	srv, err := newServer("../app")
	if err != nil {
		t.Fatal(err)
	}
	apptest.Check(t, apptest.Serve(t, srv.Serve, srv.Shutdown))
}
