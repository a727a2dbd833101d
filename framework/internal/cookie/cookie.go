// Package cookie reads cookies from a raw Cookie request header without
// allocating.
package cookie

// Lookup returns the value of the first cookie called name in header (the
// raw value of a Cookie request header) and whether it is present.
func Lookup(header []byte, name string) ([]byte, bool) {
	for len(header) > 0 {
		var pair []byte
		if i := indexByte(header, ';'); i >= 0 {
			pair, header = header[:i], header[i+1:]
		} else {
			pair, header = header, nil
		}
		pair = trimSpace(pair)
		k, v := pair, []byte(nil)
		if i := indexByte(pair, '='); i >= 0 {
			k, v = trimSpace(pair[:i]), trimSpace(pair[i+1:])
		}
		if string(k) == name {
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			return v, true
		}
	}
	return nil, false
}

// Visit calls fn for every name=value pair of header, in order.
func Visit(header []byte, fn func(name, value []byte)) {
	for len(header) > 0 {
		var pair []byte
		if i := indexByte(header, ';'); i >= 0 {
			pair, header = header[:i], header[i+1:]
		} else {
			pair, header = header, nil
		}
		pair = trimSpace(pair)
		if len(pair) == 0 {
			continue
		}
		k, v := pair, []byte(nil)
		if i := indexByte(pair, '='); i >= 0 {
			k, v = trimSpace(pair[:i]), trimSpace(pair[i+1:])
		}
		fn(k, v)
	}
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
