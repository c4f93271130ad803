// Package jsonw appends JSON to byte slices, byte for byte as encoding/json
// writes it with SetEscapeHTML(false), and reads JSON strings as
// encoding/json reads them: the engine's output types write themselves with
// it (AppendJSON next to each type), and each writer's tests compare it with
// encoding/json. It stands in for encoding/json in the WebAssembly engine
// (docs/architecture.md, "Stand-ins for the standard library").
//
// Strings are written as encoding/json writes them: '"', '\\' and the
// control characters below U+0020 escaped (\b, \f, \n, \r, \t by name, the
// rest as \u00XX), U+2028 and U+2029 as \u2028 and \u2029, and each byte of
// invalid UTF-8 as \ufffd. '<', '>' and '&' are written as they are by
// String, and as \u003c, \u003e and \u0026 by StringHTML and EscapeHTML,
// which is what json.Marshal (HTML escaping on) writes.
package jsonw

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// String appends s as a JSON string, as encoding/json writes it with
// SetEscapeHTML(false).
func String(b []byte, s string) []byte { return appendString(b, s, &safe) }

// StringHTML appends s as a JSON string, as json.Marshal writes it: as
// String, with '<', '>' and '&' also escaped.
func StringHTML(b []byte, s string) []byte { return appendString(b, s, &htmlSafe) }

// safe and htmlSafe: the ASCII bytes String and StringHTML copy as they are.
var safe, htmlSafe = func() (s, h [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		s[c] = c != '"' && c != '\\'
		h[c] = s[c] && c != '<' && c != '>' && c != '&'
	}
	return s, h
}()

func appendString(b []byte, s string, safe *[utf8.RuneSelf]bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // other controls, and <, >, & for StringHTML
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// EscapeHTML rewrites JSON written without HTML escaping (String) as
// json.Marshal writes it: every '<', '>' and '&' (they occur only inside
// strings) becomes \u003c, \u003e or \u0026, as json.HTMLEscape does. It
// returns b itself when there is nothing to escape.
func EscapeHTML(b []byte) []byte {
	n := 0
	for _, c := range b {
		if c == '<' || c == '>' || c == '&' {
			n++
		}
	}
	if n == 0 {
		return b
	}
	out := make([]byte, 0, len(b)+5*n)
	start := 0
	for i, c := range b {
		if c == '<' || c == '>' || c == '&' {
			out = append(out, b[start:i]...)
			out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			start = i + 1
		}
	}
	return append(out, b[start:]...)
}

// ASCII rewrites JSON so that it is ASCII: every other character (they
// occur only inside strings) becomes \uXXXX, or two for one beyond U+FFFF,
// the same JSON value. It returns b itself when b is ASCII already.
//
// Why: a JavaScript string decoded from UTF-8 with one non-ASCII character
// in it takes two bytes per character, and in Chromium one of more than
// about 64 KB is allocated outside the young generation, which on the
// machines measured cost 0.5–1 ms for each 32 KB answer of the engine,
// twenty times the ASCII answer's cost.
func ASCII(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	start := 0
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		out = append(out, b[start:i]...)
		r, w := utf8.DecodeRune(b[i:])
		if r > 0xFFFF {
			r1, r2 := utf16.EncodeRune(r)
			out = appendU(appendU(out, r1), r2)
		} else {
			out = appendU(out, r)
		}
		i += w
		start = i
	}
	return append(out, b[start:]...)
}

func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// Strings appends a list of strings; nil is null, as encoding/json writes
// a nil slice.
func Strings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = String(b, s)
	}
	return append(b, ']')
}

// Pairs appends a list of pairs as [["a","b"],…]; nil is null, as
// encoding/json writes a nil [][2]string.
func Pairs(b []byte, ps [][2]string) []byte {
	if ps == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = String(b, p[0])
		b = append(b, ',')
		b = String(b, p[1])
		b = append(b, ']')
	}
	return append(b, ']')
}

// IntPtr appends *p, or null when p is nil.
func IntPtr(b []byte, p *int) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return Int(b, *p)
}

// Int appends n.
func Int(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// Bool appends true or false.
func Bool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// Key appends a member name and its colon, after a comma unless the member
// is the object's first (b ends with '{').
func Key(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}
