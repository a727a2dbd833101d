package config

import "strings"

// suggest returns the name closest to key when key looks like a typo of it
// ("redirect" for "redirects", "statuscode" for "statusCode"), or "".
func suggest(key string, names []string) string {
	best, bestDist := "", 0
	for _, name := range names {
		if len(key) > 2*len(name) {
			continue // far off anyway; keeps distance cheap on huge keys
		}
		d := distance(strings.ToLower(key), strings.ToLower(name))
		if d > max(1, len(name)/4) {
			continue
		}
		if best == "" || d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	return best
}

// distance is the number of single-character insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (optimal string
// alignment distance).
func distance(a, b string) int {
	// d[i][j] is the distance between a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
