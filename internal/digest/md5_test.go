package digest

import (
	"crypto/md5"
	"strings"
	"testing"
)

func TestMD5(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{name: "empty", in: ""},
		{name: "RFC 1321 a", in: "a"},
		{name: "RFC 1321 abc", in: "abc"},
		{name: "55 bytes: padding fits one block", in: strings.Repeat("x", 55)},
		{name: "56 bytes: padding needs a second block", in: strings.Repeat("x", 56)},
		{name: "64 bytes", in: strings.Repeat("y", 64)},
		{name: "a CORS configuration", in: `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`},
		{name: "64 KB", in: strings.Repeat("0123456789abcdef", 4096)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := MD5([]byte(tt.in)), md5.Sum([]byte(tt.in)); got != want {
				t.Errorf("MD5 = %x, want %x", got, want)
			}
		})
	}
}

func FuzzMD5(f *testing.F) {
	f.Add([]byte("abc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := MD5(b), md5.Sum(b); got != want {
			t.Fatalf("MD5(%q) = %x, want %x", b, got, want)
		}
	})
}
