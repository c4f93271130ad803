// Package header holds what corsplay's packages share about HTTP headers: a
// header list as the JSON contract writes it, and RFC 9110's token grammar
// for header names and methods.
//
// A List is given in JSON either as an object {"Name": "value"} or, to keep
// order and repeated names, as a list of ["Name", "value"] pairs; it is
// written back as an object when its names are unique (compared
// case-insensitively), else as pairs. Get compares names case-insensitively,
// as HTTP does.
package header

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"corsplay/internal/jsonw"
)

// List is a request's or response's headers, in order.
type List [][2]string

// Get returns the first value of the named header and whether it is there.
func (l List) Get(name string) (string, bool) {
	for _, kv := range l {
		if strings.EqualFold(kv[0], name) {
			return kv[1], true
		}
	}
	return "", false
}

// UnmarshalJSON takes an object or a list of pairs. It reads what
// encoding/json hands it (one whole, well-formed JSON value) by hand, as
// json.Unmarshal would read it into a [][]string or string by string
// (TestUnmarshalMatchesStd), so that the WebAssembly engine does not link
// encoding/json.
func (l *List) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*l = nil
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		pairs, ok := readPairs(b)
		if !ok {
			return errors.New(`headers: a list must hold ["name", "value"] pairs`)
		}
		out := make(List, 0, len(pairs))
		for _, p := range pairs {
			if len(p) != 2 {
				return errors.New(`headers: each pair must be ["name", "value"]`)
			}
			out = append(out, [2]string{p[0], p[1]})
		}
		*l = out
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return errors.New("headers must be an object of name: value, or a list of [name, value] pairs")
	}
	// b is one whole JSON value (encoding/json checked its syntax before
	// calling us): walk its members in order by hand, which keeps their
	// order.
	var out List
	i := 1
	for {
		i = skipSpace(b, i)
		if i < len(b) && b[i] == '}' {
			break
		}
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
		k, next, err := jsonString(b, i)
		if err != nil {
			return err
		}
		i = skipSpace(b, next)
		if i >= len(b) || b[i] != ':' {
			return errors.New("headers: expected ':' after a name")
		}
		i = skipSpace(b, i+1)
		if i >= len(b) || b[i] != '"' {
			return errors.New("headers: the value of " + strconv.Quote(k) + " must be a string")
		}
		v, next, err := jsonString(b, i)
		if err != nil {
			return err
		}
		out = append(out, [2]string{k, v})
		i = next
	}
	*l = out
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonString reads the JSON string starting at b[i] and returns it and the
// offset after it.
func jsonString(b []byte, i int) (string, int, error) {
	if i >= len(b) || b[i] != '"' {
		return "", i, errors.New("headers: expected a string")
	}
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			// Without escapes and with valid UTF-8 the text is the string;
			// otherwise jsonw.Unquote reads it, invalid UTF-8 becoming
			// U+FFFD as encoding/json reads it.
			if !escaped && utf8.Valid(b[i+1:j]) {
				return string(b[i+1 : j]), j + 1, nil
			}
			s, ok := jsonw.Unquote(b[i : j+1])
			if !ok {
				return "", j + 1, errors.New("headers: invalid string " + string(b[i:j+1]))
			}
			return s, j + 1, nil
		}
	}
	return "", len(b), errors.New("headers: unterminated string")
}

// readPairs reads b, a JSON array, as json.Unmarshal reads it into a
// [][]string: each item an array of strings or null (a nil pair), each
// string or null ("") in it; anything else, or text after the array, is
// not a list of pairs.
func readPairs(b []byte) ([][]string, bool) {
	var pairs [][]string
	i, ok := readArray(b, 0, func(i int) (int, bool) {
		if bytes.HasPrefix(b[i:], []byte("null")) {
			pairs = append(pairs, nil)
			return i + 4, true
		}
		pair := []string{}
		i, ok := readArray(b, i, func(i int) (int, bool) {
			if bytes.HasPrefix(b[i:], []byte("null")) {
				pair = append(pair, "")
				return i + 4, true
			}
			end := stringEnd(b, i)
			if end < 0 {
				return i, false
			}
			s, ok := jsonw.Unquote(b[i:end])
			pair = append(pair, s)
			return end, ok
		})
		pairs = append(pairs, pair)
		return i, ok
	})
	return pairs, ok && skipSpace(b, i) == len(b)
}

// readArray reads the array starting at b[i], calling item at each item's
// first byte; item returns the offset after the item. It returns the offset
// after the array.
func readArray(b []byte, i int, item func(int) (int, bool)) (int, bool) {
	if i >= len(b) || b[i] != '[' {
		return i, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, true
	}
	for {
		var ok bool
		if i, ok = item(i); !ok {
			return i, false
		}
		i = skipSpace(b, i)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == ']':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// stringEnd is the offset after the JSON string starting at b[i], or -1.
func stringEnd(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// MarshalJSON writes an object when names are unique, else pairs (see
// AppendJSON).
func (l List) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil), nil }

// AppendJSON appends l as an object when its names are unique (compared
// case-insensitively), else as a list of pairs. Its strings are written as
// json.Marshal writes them, '<', '>' and '&' escaped, wherever the list is:
// byte for byte what MarshalJSON wrote through encoding/json
// (TestMarshalMatchesStd).
func (l List) AppendJSON(b []byte) []byte {
	seen := make(map[string]bool, len(l))
	for _, kv := range l {
		k := strings.ToLower(kv[0])
		if seen[k] {
			b = append(b, '[')
			for i, kv := range l {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = jsonw.StringHTML(b, kv[0])
				b = append(b, ',')
				b = jsonw.StringHTML(b, kv[1])
				b = append(b, ']')
			}
			return append(b, ']')
		}
		seen[k] = true
	}
	b = append(b, '{')
	for i, kv := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.StringHTML(b, kv[0])
		b = append(b, ':')
		b = jsonw.StringHTML(b, kv[1])
	}
	return append(b, '}')
}

// IsToken reports whether s is an RFC 9110 token (§5.6.2), the grammar of
// header names and methods: one or more of letters, digits and
// !#$%&'*+-.^_`|~.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
