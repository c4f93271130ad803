// Package jsonwtest helps test hand-written JSON writers (see package
// jsonw) against encoding/json: the reference encodings, and random values
// of any type to compare them on. It is for tests only; the engine never
// imports it.
package jsonwtest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// Std is v as encoding/json writes it with SetEscapeHTML(false), without
// the encoder's trailing newline: the engine's contract.
func Std(t testing.TB, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// StdHTML is v as json.Marshal writes it (HTML escaping on).
func StdHTML(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Check fails t when got is not want, naming what was written.
func Check(t testing.TB, what string, got []byte, want string) {
	t.Helper()
	if string(got) != want {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// pieces are what random strings are made of: what JSON escapes (quotes,
// backslashes, controls, U+2028/9, invalid UTF-8), what HTML escaping
// escapes, and ordinary text.
var pieces = []string{"a", "Origin", "https://app.example.com", "<", ">", "&", `"`, `\`, "\n", "\t", "\x00", "\x1f",
	"\x7f", "\u2028", "\u2029", "\xff", "\xe2\x82", "é", "🎉", "\ufffd", " ", "*", "0"}

// String returns a random string: empty a quarter of the time, else one to
// four pieces.
func String(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return ""
	}
	s := ""
	for n := 1 + r.IntN(4); n > 0; n-- {
		s += pieces[r.IntN(len(pieces))]
	}
	return s
}

// Fill sets every exported field reachable from ptr (a non-nil pointer) to
// a random value, zero values and nil lists, maps and pointers included
// often enough to exercise omitempty and null. Interface values and
// unexported fields are left as they are.
func Fill(r *rand.Rand, ptr any) {
	fill(r, reflect.ValueOf(ptr).Elem(), 0)
}

func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(String(r))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch r.IntN(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(-1 - r.Int64N(100))
		case 2:
			v.SetInt(r.Int64N(1000))
		default:
			v.SetInt(r.Int64N(1 << 31))
		}
	case reflect.Pointer:
		if depth > 6 || r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		switch {
		case depth > 6 || r.IntN(4) == 0:
			v.SetZero()
		case r.IntN(3) == 0:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), 1+r.IntN(3), 3)
			for i := 0; i < s.Len(); i++ {
				fill(r, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(r, v.Index(i), depth+1)
		}
	case reflect.Map:
		switch {
		case depth > 6 || r.IntN(4) == 0:
			v.SetZero()
		case r.IntN(3) == 0:
			v.Set(reflect.MakeMap(v.Type()))
		default:
			m := reflect.MakeMap(v.Type())
			for n := 1 + r.IntN(4); n > 0; n-- {
				k := reflect.New(v.Type().Key()).Elem()
				fill(r, k, depth+1)
				e := reflect.New(v.Type().Elem()).Elem()
				fill(r, e, depth+1)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), depth+1)
			}
		}
	}
}
