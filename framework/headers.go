package framework

import (
	"fmt"
	"strings"

	"github.com/nextfiber/nextfiber/framework/match"
)

// headerRule is a compiled `[[headers]]` rule.
type headerRule struct {
	rule
	headers []headerField
}

// headerField is one header a rule sets; its value may use the rule's
// params (":slug"), substituted raw as Next.js does. key is canonical
// ("X-Global"), ready for SetCanonical.
type headerField struct {
	key   []byte
	value []valuePart
}

// valuePart is a literal or, when param is set, a param reference.
type valuePart struct {
	literal string
	param   string
}

// compileValue splits a header value into literals and references to the
// names params provides. A ":name" that is not a param stays literal.
func compileValue(v string, params []string) []valuePart {
	var parts []valuePart
	lit := strings.Builder{}
	for i := 0; i < len(v); {
		if v[i] == ':' {
			j := i + 1
			for j < len(v) && isNameByte(v[j]) {
				j++
			}
			if name := v[i+1 : j]; name != "" && contains(params, name) {
				if lit.Len() > 0 {
					parts = append(parts, valuePart{literal: lit.String()})
					lit.Reset()
				}
				parts = append(parts, valuePart{param: name})
				i = j
				continue
			}
		}
		lit.WriteByte(v[i])
		i++
	}
	if lit.Len() > 0 || len(parts) == 0 {
		parts = append(parts, valuePart{literal: lit.String()})
	}
	return parts
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// appendValue appends the field's value for one request to dst. A param
// can hold a line break (a decoded query value): it becomes a space, as
// fasthttp does for the values it is given, so no value can end the header.
func (f *headerField) appendValue(dst []byte, ps *match.Params) []byte {
	for _, p := range f.value {
		if p.param == "" {
			dst = append(dst, p.literal...)
		} else if v, ok := ps.Get(p.param); ok {
			for _, c := range v {
				if c == '\r' || c == '\n' {
					c = ' '
				}
				dst = append(dst, c)
			}
		}
	}
	return dst
}

func newHeaderField(key, value string, params []string) (headerField, error) {
	if strings.ContainsAny(value, "\r\n") {
		return headerField{}, fmt.Errorf("header %q: value must not contain a line break", key)
	}
	return headerField{key: []byte(canonicalKey(key)), value: compileValue(value, params)}, nil
}
