module.exports = {
  basePath: '/docs',
  i18n: { locales: ['en-US', 'fr', 'nl-NL'], defaultLocale: 'en-US' },
  async headers() {
    return [{ source: '/', headers: [{ key: 'x-h-root', value: 'yes' }] }]
  },
  async redirects() {
    return [
      { source: '/old/:slug', destination: '/blog/:slug', permanent: false },
      { source: '/home', destination: '/', permanent: true },
    ]
  },
  async rewrites() {
    return [{ source: '/rwroot', destination: '/' }]
  },
}
