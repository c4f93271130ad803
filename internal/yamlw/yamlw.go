// Package yamlw writes YAML scalars that any YAML 1.1 or 1.2 reader
// (CloudFormation's, go-yaml) reads back as the same string.
//
// Scalar writes a string plainly when it is made of letters, digits and
// "-._/:" (not first; ':' not last), and would not be read as a boolean,
// null or number;
// otherwise Quote writes it double-quoted: '"' and '\' escaped, tab, line
// feed and carriage return by name, and every other character YAML does
// not allow in a stream (C0 and C1 controls, DEL, U+FFFE/U+FFFF, surrogate
// halves, invalid UTF-8 bytes as U+FFFD) as \xXX or \uXXXX.
package yamlw

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Scalar is s as a plain or double-quoted scalar.
func Scalar(s string) string {
	if s == "" {
		return `""`
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && strings.IndexByte("-._/:", c) >= 0) {
			return Quote(s)
		}
	}
	if s[len(s)-1] == ':' {
		return Quote(s) // "a:" would start a mapping
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return Quote(s)
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil || s[0] == '0' {
		return Quote(s)
	}
	return s
}

// Quote is s in YAML's double-quoted style.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case printable(r):
			b.WriteRune(r)
		case r <= 0xff:
			b.WriteString(`\x` + hex(int(r), 2))
		default:
			b.WriteString(`\u` + hex(int(r), 4))
		}
	}
	b.WriteByte('"')
	return b.String()
}

// printable is YAML 1.2's c-printable, less U+0085 and the line and
// paragraph separators, which YAML 1.1 reads as line breaks.
func printable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == utf8.RuneError:
		return false // an invalid byte: written as \uFFFD
	case r >= 0xa0 && r <= 0xd7ff && r != 0x2028 && r != 0x2029, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

func hex(v, width int) string {
	h := strconv.FormatInt(int64(v), 16)
	return strings.Repeat("0", width-len(h)) + strings.ToUpper(h)
}
