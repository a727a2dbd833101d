package match

// Path patterns compare case-insensitively like Next.js's regexps (flag
// "i"). Paths are percent-encoded ASCII, so folding ASCII letters is enough,
// and unlike strings.ToLower it never changes a string's length, which the
// matcher relies on.

// lowerASCII returns s with ASCII letters lowercased.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperByte(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// hasPrefixFold reports whether b starts with lower, ignoring ASCII case in
// b. lower must already be lowercased.
func hasPrefixFold(b []byte, lower string) bool {
	if len(b) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if lowerByte(b[i]) != lower[i] {
			return false
		}
	}
	return true
}
