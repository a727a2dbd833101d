package tests

import (
	"path/filepath"
	"testing"
)

// TestEncodedPaths replays testdata/encoded/a.json, recorded from Next.js
// 16.4.6 on conformance fixture a: pages, API routes and rules are matched
// on the path as sent ("/%61bout" is a 404, not /about, so a proxy matcher
// cannot be sidestepped by escaping a letter), public files on the decoded
// path, and dynamic params are decoded.
func TestEncodedPaths(t *testing.T) {
	replay(t, fixtureA(t), filepath.Join("encoded", "a.json"))
}
