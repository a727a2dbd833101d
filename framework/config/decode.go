package config

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// aliases are other names a key may be written under. Next.js 16 renamed
// middleware to proxy and accepts both spellings of this option.
var aliases = map[string]string{"skipProxyUrlNormalize": "skipMiddlewareUrlNormalize"}

// decode turns a file's bytes into a Config without validating it: syntax,
// key names and value types are checked, defaults filled, and every rule
// gets its Name and Line.
//
// The toml package parses the file into a generic tree; the tree is then
// walked here, following Config's toml struct tags. toml.Decode into the
// struct would do much the same, but it matches keys case-insensitively,
// visits keys in random order and reports type errors without the array
// index, so it cannot say "redirects[3]: permanent" on the right line.
func decode(name string, data []byte) (*Config, error) {
	src := string(data)
	var tree map[string]any
	md, err := toml.Decode(src, &tree)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Err: &reworded{"invalid TOML: " + pe.Message, pe}}
		}
		return nil, &Error{File: name, Err: err}
	}

	d := &decoder{file: name, pos: scanPositions(src)}
	c := Default()
	c.File = name
	c.pos = d.pos
	if err := d.table("", tree, reflect.ValueOf(c).Elem()); err != nil {
		return nil, err
	}
	if c.I18n != nil && !md.IsDefined("i18n", "localeDetection") {
		c.I18n.LocaleDetection = true
	}
	for alias, key := range aliases {
		a, aok := tree[alias]
		b, bok := tree[key]
		if aok && bok && !reflect.DeepEqual(a, b) {
			return nil, d.errorf("", alias, "%v conflicts with %s = %v; set only one", a, key, b)
		}
	}
	return c, nil
}

// decoder fills Go values from the generic tree toml.Decode returns.
type decoder struct {
	file string
	pos  positions
}

// errorf reports a problem with key of the table at path. Inside a rule the
// rule is named and the key starts the message; a top-level key is itself
// the setting named.
func (d *decoder) errorf(table, key, format string, args ...any) *Error {
	line := d.line(table, key)
	err := fmt.Errorf(format, args...)
	if table == "" {
		return &Error{File: d.file, Line: line, Rule: key, Err: err}
	}
	return &Error{File: d.file, Line: line, Rule: table, Err: fmt.Errorf("%s: %w", key, err)}
}

// line returns the line of key in the table at path, or else of the table.
func (d *decoder) line(table, key string) int {
	if line := d.pos.line(join(table, key)); line != 0 {
		return line
	}
	return d.pos.line(table)
}

// table fills the struct rv from m, the table at path, in file order.
func (d *decoder) table(path string, m map[string]any, rv reflect.Value) error {
	fields := fieldsOf(rv.Type())
	for _, key := range d.order(path, m) {
		f, ok := fields[key]
		if !ok {
			return &Error{File: d.file, Line: d.line(path, key), Rule: path, Err: unknownKey(key, fields)}
		}
		if err := d.value(path, key, m[key], rv.FieldByIndex(f)); err != nil {
			return err
		}
	}
	if r, ok := rv.Addr().Interface().(anyRule); ok {
		r.rule().Name = path
		r.rule().Line = d.pos.line(path)
	}
	return nil
}

// value fills rv from v, found under key (which may carry an index, as in
// "pageExtensions[1]") in the table at path.
func (d *decoder) value(table, key string, v any, rv reflect.Value) error {
	mismatch := func() error {
		return d.errorf(table, key, "must be %s, got %s", describe(rv.Type()), typeOf(v))
	}
	if rv.Type() == reflect.TypeFor[Rewrites]() {
		if _, ok := v.(map[string]any); !ok {
			// A plain array of rewrites means afterFiles, as in next.config.js.
			return d.value(table, key, v, rv.FieldByName("AfterFiles"))
		}
	}

	switch rv.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return mismatch()
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return mismatch()
		}
		rv.SetBool(b)
	case reflect.Int:
		n, ok := v.(int64)
		if !ok {
			return mismatch()
		}
		if rv.OverflowInt(n) {
			return d.errorf(table, key, "%d is out of range", n)
		}
		rv.SetInt(n)
	case reflect.Pointer:
		p := reflect.New(rv.Type().Elem())
		if err := d.value(table, key, v, p.Elem()); err != nil {
			return err
		}
		rv.Set(p)
	case reflect.Slice:
		elems, ok := arrayOf(v)
		if !ok {
			return mismatch()
		}
		s := reflect.MakeSlice(rv.Type(), len(elems), len(elems))
		for i, e := range elems {
			if err := d.value(table, index(key, i), e, s.Index(i)); err != nil {
				return err
			}
		}
		rv.Set(s)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch()
		}
		return d.table(join(table, key), m, rv)
	default:
		return d.errorf(table, key, "cannot decode into %s", rv.Type()) // a bug in Config, not in the file
	}
	return nil
}

// order returns m's keys in the order they appear in the file, so that the
// first problem reported is the first one in the file.
func (d *decoder) order(path string, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	at := func(k string) int {
		if p, ok := d.pos[join(path, k)]; ok {
			return p.offset
		}
		return math.MaxInt // unknown position: last
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(at(a), at(b)), strings.Compare(a, b))
	})
	return keys
}

// fieldsOf maps the keys of a struct type to its fields: the toml tag, or
// the field name starting in lower case (match.Condition's "type", "key",
// "value"). Embedded structs (Rule) contribute their fields, and aliases of
// a key lead to the same field.
func fieldsOf(t reflect.Type) map[string][]int {
	fields := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch {
		case name == "-" || !f.IsExported():
			continue
		case f.Anonymous && name == "":
			for k, idx := range fieldsOf(f.Type) {
				fields[k] = append([]int{i}, idx...)
			}
			continue
		case name == "":
			name = strings.ToLower(f.Name[:1]) + f.Name[1:]
		}
		fields[name] = []int{i}
	}
	for alias, key := range aliases {
		if idx, ok := fields[key]; ok {
			fields[alias] = idx
		}
	}
	return fields
}

// unknownKey says key is not a setting, suggesting the closest one.
func unknownKey(key string, fields map[string][]int) error {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	if s := suggest(key, names); s != "" {
		return fmt.Errorf("unknown key %q (did you mean %q?)", key, s)
	}
	return fmt.Errorf("unknown key %q", key)
}

// arrayOf returns the elements of a TOML array: toml gives []any for
// `a = [...]` and []map[string]any for [[a]] tables.
func arrayOf(v any) ([]any, bool) {
	switch a := v.(type) {
	case []any:
		return a, true
	case []map[string]any:
		elems := make([]any, len(a))
		for i, m := range a {
			elems[i] = m
		}
		return elems, true
	}
	return nil, false
}

// describe says what a key of Go type t accepts, in TOML terms.
func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "an integer"
	case reflect.Pointer:
		return describe(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "an array of strings"
		}
		return "an array of tables"
	}
	if t == reflect.TypeFor[Rewrites]() {
		return "an array of tables or a table of beforeFiles, afterFiles and fallback"
	}
	return "a table"
}

// typeOf names the TOML type of a decoded value, with the value when short.
func typeOf(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			return "a string"
		}
		return fmt.Sprintf("string %q", v)
	case int64:
		return fmt.Sprintf("integer %d", v)
	case float64:
		return fmt.Sprintf("float %v", v)
	case bool:
		return fmt.Sprintf("boolean %v", v)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	case time.Time:
		return "a date/time"
	}
	return fmt.Sprintf("%T", v)
}

// reworded is err with a message of our own, e.g. without a prefix that
// Error.Rule or Error.Line now carries.
type reworded struct {
	msg string
	err error
}

func (e *reworded) Error() string { return e.msg }
func (e *reworded) Unwrap() error { return e.err }
