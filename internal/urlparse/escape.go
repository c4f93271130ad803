package urlparse

import "strings"

// context is a part of a URL, which decides which bytes stand for
// themselves there and which are written as %XX.
type context uint8

const (
	inPath     context = iota
	inSegment          // one path segment (PathUnescape)
	inUser             // a user name or password
	inFragment         // after '#'
	inHost             // a host name or IP address
	inZone             // an IPv6 zone, after "%25"
)

// byteSet is a set of bytes.
type byteSet [4]uint64

func setOf(s string) (b byteSet) {
	for i := 0; i < len(s); i++ {
		b[s[i]>>6] |= 1 << (s[i] & 63)
	}
	return b
}

func inSet(c byte, b byteSet) bool { return b[c>>6]&(1<<(c&63)) != 0 }

const unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"

var (
	// plain[c] is the set of bytes that stand for themselves in c:
	// everything else is escaped by escape. (A host keeps the bytes of an
	// IP literal and sub-delimiters, and '<', '>' and '"', as net/url
	// does.)
	plain = [...]byteSet{
		inPath:     setOf(unreserved + "$&+,/:;=@"),
		inSegment:  setOf(unreserved + "$&+:=@"),
		inUser:     setOf(unreserved + "$&+,;="),
		inFragment: setOf(unreserved + "$&+,/:;=?@!()*"),
		inHost:     setOf(unreserved + "!$&'()*+,;=:[]<>\""),
		inZone:     setOf(unreserved + "!$&'()*+,;=:[]<>\""),
	}
	// alwaysValid are the bytes a written path or fragment may hold
	// whatever escape would write for them.
	alwaysValid = setOf("!$&'()*+,;=:@[]%")
	// userinfoBytes are what RFC 3986 §3.2.1 allows in user information,
	// and '@'.
	userinfoBytes = setOf(unreserved + ":!$&'()*+,;=%@")
)

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func hexValue(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// unescape decodes s's %XX escapes. Every '%' must start one. In a host,
// an escape may only stand for a byte from 0x80 up (or be "%25"), and a
// byte that a host cannot hold is an InvalidHostError; in a zone, an
// escape may stand for any byte a host could hold, or a space.
func unescape(s string, c context) (string, error) {
	escapes := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			if (c == inHost || c == inZone) && s[i] < 0x80 && !inSet(s[i], plain[c]) {
				return "", InvalidHostError(s[i : i+1])
			}
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", EscapeError(s[i:min(i+3, len(s))])
		}
		esc := s[i : i+3]
		v := hexValue(s[i+1])<<4 | hexValue(s[i+2])
		switch {
		case esc == "%25":
		case c == inHost && v < 0x80:
			return "", EscapeError(esc)
		case c == inZone && v != ' ' && !inSet(v, plain[inHost]):
			return "", EscapeError(esc)
		}
		escapes++
		i += 2
	}
	if escapes == 0 {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s) - 2*escapes)
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			b.WriteByte(hexValue(s[i+1])<<4 | hexValue(s[i+2]))
			i += 2
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String(), nil
}

// escape writes every byte of s that does not stand for itself in c as
// %XX (upper-case hex).
func escape(s string, c context) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !inSet(s[i], plain[c]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if ch := s[i]; inSet(ch, plain[c]) {
			b = append(b, ch)
		} else {
			b = append(b, '%', hex[ch>>4], hex[ch&15])
		}
	}
	return string(b)
}

// validEscaping: s, as written, needs no escape that escape would add in
// c (so it can be written back as it is).
func validEscaping(s string, c context) bool {
	for i := 0; i < len(s); i++ {
		if !inSet(s[i], alwaysValid) && !inSet(s[i], plain[c]) {
			return false
		}
	}
	return true
}
