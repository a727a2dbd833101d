package paths

import (
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func TestNext(t *testing.T) {
	admin, err := Compile("Paths", []string{"/Admin/"})
	if err != nil {
		t.Fatal(err)
	}
	static, err := Compile("Skip", []string{"/admin/static", "/favicon.ico"})
	if err != nil {
		t.Fatal(err)
	}
	everything, err := Compile("Paths", []string{"/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		only, except Prefixes
		uri          string
		apply        bool
	}{
		{admin, nil, "/admin", true},
		{admin, nil, "/admin/", true},
		{admin, nil, "/admin/users?x=1", true},
		{admin, nil, "/ADMIN/users", true},
		{admin, nil, "/%61dmin/users", true},
		{admin, nil, "/admin%2fusers", true},
		{admin, nil, "/x/../admin/users", true},
		{admin, nil, "//admin/users", true},
		{admin, nil, "//../admin/users", true},
		{admin, nil, "http://example.com/admin/users", true},
		{admin, nil, "/administrator", false},
		{admin, nil, "/", false},
		{admin, nil, "/about/admin", false},
		{admin, static, "/admin/static/app.css", false},
		{admin, static, "/admin/statics", true},
		{nil, static, "/favicon.ico", false},
		{nil, static, "/about", true},
		{everything, nil, "/", true},
		{everything, nil, "/anything/at/all", true},
	}
	app := fiber.New()
	for _, tt := range tests {
		next := Next(tt.only, tt.except)
		var ctx fasthttp.RequestCtx
		ctx.Request.SetRequestURI(tt.uri)
		c := app.AcquireCtx(&ctx)
		if apply := next == nil || !next(c); apply != tt.apply {
			t.Errorf("Next(%v, %v) for %s: applies %v, want %v", tt.only, tt.except, tt.uri, apply, tt.apply)
		}
		app.ReleaseCtx(c)
	}
	if Next(nil, nil) != nil {
		t.Error("Next(nil, nil): want nil, the middleware applies everywhere")
	}
}

func TestCompileErrors(t *testing.T) {
	_, err := Compile("Paths", []string{"/ok", "admin"})
	if want := `Paths[1] "admin": must start with "/"`; err == nil || err.Error() != want {
		t.Errorf("Compile: %v, want %s", err, want)
	}
}
