package jsonw

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
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

// stdUnquote is what json.Unmarshal reads from lit into a string.
func stdUnquote(lit []byte) (string, bool) {
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", false
	}
	return s, true
}

var unquoteCases = []string{
	``, `plain`, `héllo ✓ 🎉`, `\"\\\/\b\f\n\r\t`, `\u0041\u00e9\u2028\uFFFD`, `\ud83c\udf89`,
	`\ud83c`, `\ud83cx`, `\ud83c\u0041`, `\udf89\ud83c`, `\ud83c\ud83c\udf89`, `\u12`, `\u12g4`,
	`\q`, `\'`, `\`, "a\x00b", "tab\there", "\x7f", "a\xffb\xc3(\xe2\x82", `"`, `a"b`, `<>&`,
}

func TestUnquote(t *testing.T) {
	for _, c := range unquoteCases {
		lit := []byte(`"` + c + `"`)
		got, gotOK := Unquote(lit)
		want, wantOK := stdUnquote(lit)
		if got != want || gotOK != wantOK {
			t.Errorf("Unquote(%s) = %q %v, encoding/json reads %q %v", lit, got, gotOK, want, wantOK)
		}
	}
	for _, lit := range []string{``, `"`, `x`, `"a`, `a"`, ` "a"`} {
		if _, ok := Unquote([]byte(lit)); ok {
			t.Errorf("Unquote(%q) accepted it", lit)
		}
	}
}

func FuzzUnquote(f *testing.F) {
	for _, c := range unquoteCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		lit := []byte(`"` + c + `"`)
		got, gotOK := Unquote(lit)
		want, wantOK := stdUnquote(lit)
		if got != want || gotOK != wantOK {
			t.Errorf("Unquote(%s) = %q %v, encoding/json reads %q %v", lit, got, gotOK, want, wantOK)
		}
		// What String writes, Unquote reads back.
		if back, ok := Unquote(String(nil, c)); !ok || utf8.ValidString(c) && back != c {
			t.Errorf("Unquote(String(%q)) = %q %v", c, back, ok)
		}
	})
}

// stdHTML is what json.Marshal writes for s (HTML escaping on).
func stdHTML(t testing.TB, s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStringHTMLAndEscapeHTML(t *testing.T) {
	for _, s := range append(unquoteCases, `<CORSRule a="b">&amp;</CORSRule>`, "\u2028<\u2029>", "a\xff<") {
		want := stdHTML(t, s)
		if got := string(StringHTML(nil, s)); got != want {
			t.Errorf("StringHTML(%q) = %s, json.Marshal writes %s", s, got, want)
		}
		if got := string(EscapeHTML(String(nil, s))); got != want {
			t.Errorf("EscapeHTML(String(%q)) = %s, json.Marshal writes %s", s, got, want)
		}
	}
}

func FuzzStringHTML(f *testing.F) {
	for _, s := range []string{"", "<>&", "a\u2028&\xff", `"<\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := stdHTML(t, s)
		if got := string(StringHTML(nil, s)); got != want {
			t.Errorf("StringHTML(%q) = %s, json.Marshal writes %s", s, got, want)
		}
		if got := string(EscapeHTML(String(nil, s))); got != want {
			t.Errorf("EscapeHTML(String(%q)) = %s, json.Marshal writes %s", s, got, want)
		}
	})
}

func TestPairsIntPtr(t *testing.T) {
	n := -3
	for _, tc := range []struct {
		got  []byte
		want any
	}{
		{Pairs(nil, nil), [][2]string(nil)},
		{Pairs(nil, [][2]string{}), [][2]string{}},
		{Pairs(nil, [][2]string{{"a<", "b\n"}, {"", "\u2029"}}), [][2]string{{"a<", "b\n"}, {"", "\u2029"}}},
		{IntPtr(nil, nil), (*int)(nil)},
		{IntPtr(nil, &n), &n},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(tc.want)
		if string(tc.got) != strings.TrimSuffix(want.String(), "\n") {
			t.Errorf("got %s, want %s", tc.got, want.String())
		}
	}
}

// checkASCII: ASCII(json) is ASCII, is b itself when b was ASCII, and
// reads back (encoding/json) as the same value.
func checkASCII(t *testing.T, doc []byte) {
	t.Helper()
	got := ASCII(doc)
	for i, c := range got {
		if c >= utf8.RuneSelf {
			t.Fatalf("ASCII(%q) has byte %#x at %d", doc, c, i)
		}
	}
	ascii := !bytes.ContainsFunc(doc, func(r rune) bool { return r >= utf8.RuneSelf })
	if ascii && &got[0] != &doc[0] {
		t.Errorf("ASCII(%q) copied an ASCII document", doc)
	}
	var a, b any
	if err := json.Unmarshal(doc, &a); err != nil {
		t.Fatalf("test document %q: %v", doc, err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatalf("ASCII(%q) = %q: %v", doc, got, err)
	}
	if ja, jb := mustJSON(t, a), mustJSON(t, b); !bytes.Equal(ja, jb) {
		t.Errorf("ASCII(%q) = %q: reads back as %s, want %s", doc, got, jb, ja)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestASCII(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{name: "ascii", doc: `{"a":"b\u00e9"}`, want: `{"a":"b\u00e9"}`},
		{name: "two bytes", doc: `{"a":"é"}`, want: `{"a":"\u00e9"}`},
		{name: "three bytes", doc: `["—✓"]`, want: `["\u2014\u2713"]`},
		{name: "astral", doc: `"a😀b"`, want: `"a\ud83d\ude00b"`},
		{name: "in a key", doc: `{"ключ":1}`, want: `{"\u043a\u043b\u044e\u0447":1}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(ASCII([]byte(tc.doc))); got != tc.want {
				t.Errorf("ASCII(%s) = %s, want %s", tc.doc, got, tc.want)
			}
			checkASCII(t, []byte(tc.doc))
		})
	}
}

func FuzzASCII(f *testing.F) {
	for _, s := range []string{"", "é", "a\u2028\U0001F600\uFFFD", `"<\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkASCII(t, String(nil, s))
		checkASCII(t, append(String([]byte(`{"k":[1,`), s), "]}"...))
	})
}
