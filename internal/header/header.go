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
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("headers must be an object of name: value, or a list of [name, value] pairs")
	}
	var out List
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return fmt.Errorf("headers: %v", err)
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("headers: %v", err)
		}
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("headers: the value of %q must be a string", kt)
		}
		out = append(out, [2]string{kt.(string), s})
	}
	*l = out
	return nil
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
