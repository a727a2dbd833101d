// Package match compiles the path patterns, has/missing conditions and
// destinations of next.config.toml rules and proxy matchers, and matches them
// against request bytes without allocating.
//
// Patterns use the path-to-regexp dialect Next.js uses for custom routes:
// named params (/blog/:slug), modifiers (? * +), a custom regex per param
// (/post/:id(\d{1,})), unnamed groups (/(.*)), {groups} with prefix and
// suffix, and the documented negative lookahead
// /((?!api|_next/static|_next/image|.*\.png$).*). Matching is
// case-insensitive and allows one optional trailing slash, as Next.js does.
//
// In the pipeline (see package framework) match is used three times per rule
// kind: Pattern decides whether a rule applies to the path, Conditions
// checks its has/missing list, and Destination writes the redirect Location
// or rewrite target from the captured Params.
package match
