// Package proxy is the Go shape of Next.js's proxy.js (formerly middleware):
// a Func sees the request (Request, the NextRequest analogue) before any
// route runs and decides through Response (the NextResponse analogue) to
// continue, redirect, rewrite or answer directly.
//
// In the pipeline proxies run after next.config headers and redirects and
// before rewrites and routes. Registered funcs form a chain in registration
// order, each filtered by its own Matcher: a func that leaves the Response
// at Next passes on to the next func; a redirect, rewrite or direct answer
// ends the chain.
//
//	app.Proxy(func(req *proxy.Request, res *proxy.Response) {
//		if req.Pathname() == "/secret" && !req.HasCookie("token") {
//			res.Redirect("/login", 307)
//			return
//		}
//		res.RequestHeader.Set("x-from-proxy", "yes")
//		res.Header.Set("x-proxy-saw", req.Pathname())
//	}, proxy.Matcher{Source: "/((?!api|_next/static|.*\\.png$).*)"})
//
// Strings a Request returns share the request's memory, as in Fiber: they
// are valid only during the call; copy them (strings.Clone) to keep them.
package proxy

// Func is a proxy: it inspects req and sets res. Leaving res untouched
// means "next".
type Func func(req *Request, res *Response)
