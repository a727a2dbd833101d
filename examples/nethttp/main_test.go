package main

import (
	"net/http/httptest"
	"testing"

	"github.com/nextfiber/nextfiber/examples/app/apptest"
)

func TestNetHTTPExample(t *testing.T) {
	h, err := newHandler("../app")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // listens on 127.0.0.1
	defer srv.Close()
	apptest.Check(t, srv.URL)
}
