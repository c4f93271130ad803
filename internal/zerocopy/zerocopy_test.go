package zerocopy_test

import (
	"testing"

	"corsplay/internal/zerocopy"
)

func TestViews(t *testing.T) {
	tests := []struct {
		name string
		s    string
	}{
		{name: "empty", s: ""},
		{name: "ascii", s: "<CORSConfiguration/>"},
		{name: "utf-8 and invalid", s: "café \xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := zerocopy.Bytes(tt.s)
			if string(b) != tt.s {
				t.Fatalf("Bytes(%q) = %q", tt.s, b)
			}
			if !zerocopy.Same(b, tt.s) {
				t.Errorf("Same(Bytes(s), s) = false")
			}
			if s := zerocopy.String(b); s != tt.s || !zerocopy.Same(b, s) {
				t.Errorf("String(Bytes(s)) = %q, same bytes %v", s, zerocopy.Same(b, s))
			}
			if c := append([]byte(nil), tt.s...); len(c) > 0 && zerocopy.Same(c, tt.s) {
				t.Errorf("Same(copy, s) = true: a copy holds other bytes")
			}
			if zerocopy.Same(b[:len(b)/2], tt.s) && len(b) > 0 {
				t.Errorf("Same(prefix, s) = true")
			}
		})
	}
}
