package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestScan(t *testing.T) {
	tests := []struct {
		name             string
		text             string
		space, stringEnd int
		numEnd, numWhole int
		numOK            bool
		kind             string
	}{
		{name: "string", text: `"a\"b" x`, space: 0, stringEnd: 6, numEnd: 0, numWhole: 0, kind: "a string"},
		{name: "string never ends", text: `"a\"`, stringEnd: -1, kind: "a string"},
		{name: "spaces then object", text: " \t\r\n{}", space: 4, stringEnd: -1, kind: "an object"},
		{name: "not a value", text: "x", stringEnd: -1, kind: ""},
		{name: "integer", text: "-120,", stringEnd: -1, numEnd: 4, numWhole: 4, numOK: true, kind: "a number"},
		{name: "fraction and exponent", text: "0.5e+3]", stringEnd: -1, numEnd: 6, numWhole: 1, numOK: true, kind: "a number"},
		{name: "leading zero stops", text: "012", stringEnd: -1, numEnd: 1, numWhole: 1, numOK: true, kind: "a number"},
		{name: "minus alone", text: "-x", stringEnd: -1, numEnd: 1, numWhole: 1, kind: "a number"},
		{name: "dot without digits", text: "1.e5", stringEnd: -1, numEnd: 2, numWhole: 1, kind: "a number"},
		{name: "literal", text: "null", stringEnd: -1, kind: "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.text)
			if got := Space(b, 0); got != tt.space {
				t.Errorf("Space = %d, want %d", got, tt.space)
			}
			if tt.text[tt.space] == '"' {
				if got := StringEnd(b, tt.space); got != tt.stringEnd {
					t.Errorf("StringEnd = %d, want %d", got, tt.stringEnd)
				}
			}
			if c := tt.text[tt.space]; c == '-' || c >= '0' && c <= '9' {
				end, whole, ok := Number(b, tt.space)
				if end != tt.numEnd || whole != tt.numWhole || ok != tt.numOK {
					t.Errorf("Number = %d, %d, %v; want %d, %d, %v", end, whole, ok, tt.numEnd, tt.numWhole, tt.numOK)
				}
			}
			if got := Kind(tt.text[tt.space]); got != tt.kind {
				t.Errorf("Kind = %q, want %q", got, tt.kind)
			}
		})
	}
	if !Literal([]byte("true"), 0, "true") || Literal([]byte("tru"), 0, "true") || Literal([]byte("false"), 1, "alse ") {
		t.Error("Literal")
	}
}

// FuzzNumber checks Number against encoding/json: the text Number takes
// is a valid JSON number, and a valid JSON number is taken whole.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1", "1.5e-3", "01", "-", "1.", "1e", "2E+10", "-0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		end, whole, ok := Number(b, 0)
		if end < 0 || end > len(b) || whole > end {
			t.Fatalf("Number(%q) = %d, %d", s, end, whole)
		}
		if ok && !json.Valid(b[:end]) {
			t.Fatalf("Number(%q) took %q, which is not JSON", s, b[:end])
		}
		// encoding/json takes white space around the value.
		tok := bytes.TrimRight(b, " \t\r\n")
		var n float64
		if len(b) > 0 && Space(b, 0) == 0 && json.Unmarshal(b, &n) == nil && (!ok || end != len(tok)) {
			t.Fatalf("Number(%q) = %d, %v; encoding/json reads it whole", s, end, ok)
		}
	})
}

// FuzzStringEnd checks StringEnd against encoding/json: a JSON string
// ends where StringEnd says.
func FuzzStringEnd(f *testing.F) {
	for _, s := range []string{`""`, `"a\"b"`, `"\\"`, `"abc`, `"\u00e9" ,`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if len(b) == 0 || b[0] != '"' {
			return
		}
		end := StringEnd(b, 0)
		tok := bytes.TrimRight(b, " \t\r\n") // encoding/json takes white space after it
		var v string
		if json.Unmarshal(b, &v) == nil && end != len(tok) {
			t.Fatalf("StringEnd(%q) = %d; encoding/json reads it whole", s, end)
		}
		if end > 0 {
			if _, ok := Unquote(b[:end]); ok && json.Unmarshal(b[:end], &v) != nil {
				t.Fatalf("StringEnd(%q) = %d, and Unquote takes what encoding/json refuses", s, end)
			}
		}
	})
}
