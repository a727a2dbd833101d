module.exports = {
  basePath: '/app',
  trailingSlash: true,
  i18n: { locales: ['en', 'fr', 'de'], defaultLocale: 'en', localeDetection: false },
  async headers() {
    return [
      { source: '/about', headers: [{ key: 'x-h-about', value: 'yes' }] },
      { source: '/:path*', headers: [{ key: 'x-h-all', value: 'yes' }] },
      { source: '/fr/about', locale: false, headers: [{ key: 'x-h-fr-manual', value: 'yes' }] },
      { source: '/:loc/blog/:slug', locale: false, headers: [{ key: 'x-h-loc', value: ':loc-:slug' }] },
      { source: '/about', basePath: false, headers: [{ key: 'x-h-nobase', value: 'yes' }] },
      { source: '/', headers: [{ key: 'x-h-root', value: 'yes' }] },
    ]
  },
  async redirects() {
    return [
      { source: '/old/:slug', destination: '/blog/:slug', permanent: false },
      { source: '/en/legacy', destination: '/about', permanent: false, locale: false },
      { source: '/fr/legacy', destination: '/fr/about', permanent: false, locale: false },
      { source: '/:loc/nl', destination: '/:loc/about', permanent: false, locale: false },
      { source: '/outside', destination: '/app/about', permanent: false, basePath: false },
      { source: '/ext/:p', destination: 'https://example.com/:p', permanent: false },
      { source: '/home', destination: '/', permanent: true },
    ]
  },
  async rewrites() {
    return [
      { source: '/rw/:slug', destination: '/blog/:slug' },
      { source: '/rwq/:slug', destination: '/about' },
      { source: '/fr/manual', destination: '/fr/about', locale: false },
      { source: '/rwroot', destination: '/' },
    ]
  },
}
