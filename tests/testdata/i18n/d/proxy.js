import { NextResponse } from 'next/server'

export function proxy(request) {
  const p = request.nextUrl.pathname
  if (p.startsWith('/prw2')) {
    return NextResponse.rewrite(new URL('/app/fr/blog/p2', request.url))
  }
  if (p.startsWith('/prw')) {
    return NextResponse.rewrite(new URL('/app/blog/p', request.url))
  }
  const res = NextResponse.next()
  res.headers.set('x-proxy-saw', p)
  res.headers.set('x-proxy-locale', String(request.nextUrl.locale))
  return res
}

export const config = {
  matcher: ['/about', '/prw', '/prw2', '/', { source: '/de/blog/:slug', locale: false }],
}
