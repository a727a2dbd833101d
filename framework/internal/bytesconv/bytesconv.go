// Package bytesconv converts between request bytes and strings without
// copying, for values that are only read while a request is handled.
package bytesconv

import "unsafe"

// String returns b as a string sharing b's memory. The string is valid only
// while b is unchanged: never keep it past the request.
func String(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Bytes returns s as a byte slice sharing s's memory; it must not be written.
func Bytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
