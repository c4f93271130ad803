package yamlw

import (
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FuzzRoundTrip reads what Scalar writes with go-yaml, as the value of a
// mapping key: the same string comes back (invalid UTF-8 as U+FFFD).
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "GET", "https://a.example.com", "*", "yes", "0x10", "1e3", "a: b", "# c", "'q'", "\"", "\\", "\x7f", "\u0085", "\u2028", "\x80", "\t\n\r", "é", "\U0001F600", "~", "-", "null"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Scalar(s)
		var got map[string]string
		if err := yaml.Unmarshal([]byte("k: "+out+"\n"), &got); err != nil {
			t.Fatalf("Scalar(%q) = %s: %v", s, out, err)
		}
		want := s
		if !utf8.ValidString(s) {
			want = ""
			for _, r := range s {
				want += string(r)
			}
		}
		if got["k"] != want {
			t.Fatalf("Scalar(%q) = %s, read back as %q", s, out, got["k"])
		}
	})
}
