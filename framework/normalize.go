package framework

import "bytes"

// validPath reports whether a raw request path is acceptable: every "%"
// starts a two-digit hex escape (Next.js answers 400 otherwise) and there is
// no NUL byte, raw or escaped.
func validPath(p []byte) bool {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case 0:
			return false
		case '%':
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return false
			}
			if p[i+1] == '0' && p[i+2] == '0' {
				return false
			}
			i += 2
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// unescapePath appends the percent-decoded p to dst; ok is false on a
// malformed escape.
func unescapePath(dst, p []byte) ([]byte, bool) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' {
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return dst, false
			}
			c = unhex(p[i+1])<<4 | unhex(p[i+2])
			i += 2
		}
		dst = append(dst, c)
	}
	return dst, true
}

// hasDotSegment reports whether p has a "." or ".." segment, plain or
// percent-encoded ("%2e"), which the URL parser resolves.
func hasDotSegment(p []byte) bool {
	for i := 0; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		seg := p[i+1:]
		if j := bytes.IndexByte(seg, '/'); j >= 0 {
			seg = seg[:j]
		}
		if isDot(seg) || isDotDot(seg) {
			return true
		}
	}
	return false
}

func isDot(s []byte) bool {
	return string(s) == "." || len(s) == 3 && s[0] == '%' && s[1] == '2' && s[2]|0x20 == 'e'
}

func isDotDot(s []byte) bool {
	switch len(s) {
	case 2:
		return string(s) == ".."
	case 4:
		return isDot(s[:1]) && isDot(s[1:]) || isDot(s[:3]) && isDot(s[3:])
	case 6:
		return isDot(s[:3]) && isDot(s[3:])
	}
	return false
}

// resolveDots appends p to dst with "." and ".." segments resolved as the
// WHATWG URL parser does: "/a/./b/../c" is "/a/c"; ".." never climbs above
// the root; a trailing dot segment leaves a trailing slash.
func resolveDots(dst, p []byte) []byte {
	dst = append(dst, '/')
	for i := 1; i <= len(p); {
		j := bytes.IndexByte(p[i:], '/')
		end := len(p)
		if j >= 0 {
			end = i + j
		}
		seg := p[i:end]
		last := end == len(p)
		switch {
		case isDot(seg):
			// drop it
		case isDotDot(seg):
			// remove the previous segment
			if len(dst) > 1 {
				k := bytes.LastIndexByte(dst[:len(dst)-1], '/')
				dst = dst[:k+1]
			}
		default:
			dst = append(dst, seg...)
			if !last {
				dst = append(dst, '/')
			}
		}
		i = end + 1
	}
	return dst
}

// collapseSlashes appends p with every run of "/" reduced to one.
func collapseSlashes(dst, p []byte) []byte {
	for i, c := range p {
		if c == '/' && i > 0 && p[i-1] == '/' {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// lastSegmentHasDot reports whether the last segment looks like a file
// ("/file.txt"), which trailingSlash = true leaves without a slash.
func lastSegmentHasDot(p []byte) bool {
	i := bytes.LastIndexByte(p, '/')
	return bytes.IndexByte(p[i+1:], '.') >= 0
}
