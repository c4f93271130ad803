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
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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

// UnmarshalJSON takes an object or a list of pairs.
func (l *List) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*l = nil
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var pairs [][]string
		if err := json.Unmarshal(b, &pairs); err != nil {
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
	// order and costs a fraction of a json.Decoder per scenario.
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
			return fmt.Errorf("headers: the value of %q must be a string", k)
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
			if !escaped {
				return string(b[i+1 : j]), j + 1, nil
			}
			var s string
			if err := json.Unmarshal(b[i:j+1], &s); err != nil {
				return "", j + 1, fmt.Errorf("headers: %v", err)
			}
			return s, j + 1, nil
		}
	}
	return "", len(b), errors.New("headers: unterminated string")
}

// MarshalJSON writes an object when names are unique, else pairs.
func (l List) MarshalJSON() ([]byte, error) {
	seen := map[string]bool{}
	for _, kv := range l {
		k := strings.ToLower(kv[0])
		if seen[k] {
			return json.Marshal([][2]string(l))
		}
		seen[k] = true
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[0])
		v, _ := json.Marshal(kv[1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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
