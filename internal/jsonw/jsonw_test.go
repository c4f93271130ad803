package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
)

// stdString is what encoding/json writes for s with SetEscapeHTML(false).
func stdString(t testing.TB, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		name, in string
	}{
		{name: "empty", in: ""},
		{name: "plain", in: "https://app.example.com"},
		{name: "markup is not escaped", in: `<CORSRule a="b">&amp;</CORSRule>`},
		{name: "quote and backslash", in: `say "hi" \ bye`},
		{name: "named controls", in: "\b\f\n\r\t"},
		{name: "other controls", in: "\x00\x01\x1f\x7f"},
		{name: "line separators", in: "a\u2028b\u2029c"},
		{name: "multibyte", in: "héllo ✓ 🎉"},
		{name: "invalid UTF-8", in: "a\xffb\xc3(\xe2\x82"},
		{name: "replacement char itself", in: "\ufffd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := string(String(nil, tc.in)), stdString(t, tc.in); got != want {
				t.Errorf("String(%q) = %s, encoding/json writes %s", tc.in, got, want)
			}
		})
	}
}

func TestStringsIntBoolKey(t *testing.T) {
	b := []byte{'{'}
	b = Key(b, "a")
	b = Strings(b, nil)
	b = Key(b, "b")
	b = Strings(b, []string{})
	b = Key(b, "c")
	b = Strings(b, []string{"x", "y\n"})
	b = Key(b, "d")
	b = Int(b, -42)
	b = Key(b, "e")
	b = Bool(b, true)
	b = append(b, '}')
	want := `{"a":null,"b":[],"c":["x","y\n"],"d":-42,"e":true}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a", "\u2028", "\xff", `"\`, "<>&", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(String(nil, s)), stdString(t, s); got != want {
			t.Errorf("String(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}

func BenchmarkString(b *testing.B) {
	s := "No match: origin not allowed; method PUT not allowed; header x-amz-date not allowed."
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = String(buf[:0], s)
	}
}
