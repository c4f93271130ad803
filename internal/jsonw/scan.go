package jsonw

// The tokens of RFC 8259 JSON, for the decoders that read JSON by hand
// (scenario's and expect's): each takes the text and an index and returns
// where the token ends; what a token means, and what to say when it is
// wrong, stays with each decoder.

// Space returns the index of the first byte at or after i that is not
// JSON whitespace (space, tab, line feed, carriage return).
func Space(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// Literal reports whether word (true, false, null) stands at b[i:].
func Literal(b []byte, i int, word string) bool {
	return len(b)-i >= len(word) && string(b[i:i+len(word)]) == word
}

// StringEnd returns the index just past the closing quote of the string
// whose opening quote is b[i], skipping escaped characters, or -1 when it
// never ends. Unquote reads what lies between.
func StringEnd(b []byte, i int) int {
	j := i + 1
	for j < len(b) && b[j] != '"' {
		if b[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(b) {
		return -1
	}
	return j + 1
}

// Number reads the JSON number at b[i:]: end is the index past it, whole
// the index past its integer part (end == whole for an integer), and ok
// is false when it is not a number (end is then where the syntax broke).
func Number(b []byte, i int) (end, whole int, ok bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return i, i, false
	}
	whole = i
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return i, whole, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return i, whole, false
		}
	}
	return i, whole, true
}

// Kind names the JSON type of a value that starts with c: "a string", "an
// object", "an array", "a boolean", "null" or "a number", and "" for a
// byte no value starts with.
func Kind(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "a number"
	}
	return ""
}
