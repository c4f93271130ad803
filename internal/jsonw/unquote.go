package jsonw

import (
	"unicode/utf16"
	"unicode/utf8"

	"corsplay/internal/zerocopy"
)

// Unquote reads lit, one JSON string literal with its quotes and nothing
// around it, as json.Unmarshal reads it into a string: the escapes of RFC
// 8259 (\" \\ \/ \b \f \n \r \t \uXXXX), a \u surrogate pair as one
// character and a lone surrogate as U+FFFD, each byte of invalid UTF-8 as
// U+FFFD. It reports false where json.Unmarshal fails: no quotes, a control
// character below U+0020, any other escape, a short \u escape, or an
// unescaped '"' inside (FuzzUnquote checks it against encoding/json).
func Unquote(lit []byte) (string, bool) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", false
	}
	s := lit[1 : len(lit)-1]
	// The usual case: nothing to unescape or replace.
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !safe[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	if i == len(s) {
		return string(s), true
	}
	out := make([]byte, 0, len(s)+utf8.UTFMax)
	out = append(out, s[:i]...)
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return "", false
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair is one character; anything else after a
					// surrogate is read on its own (a second \u escape
					// that is not its pair included).
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if r2, ok := hex4(s, i+2); ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								out = utf8.AppendRune(out, d)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", false
			}
			i += 2
		case c == '"' || c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && n == 1 {
				out = append(out, "\uFFFD"...)
			} else {
				out = append(out, s[i:i+n]...)
			}
			i += n
		}
	}
	// out is this call's own buffer and is never written again: the
	// string can share it (a 64 KB configuration is copied once).
	return zerocopy.String(out), true
}

// hex4 reads the four hexadecimal digits at s[i:].
func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
