package expect

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"corsplay/internal/jsonw"
)

// decoder reads JSON by hand, keeping the place of every value: errors
// point at the value that is wrong, and results at the test that failed.
// It takes RFC 8259 JSON and, of it, only the members the format names.
// The format nests five levels at most and every value's type is fixed,
// so a value of the wrong type is an error where it starts: nothing is
// skipped, and nesting cannot run deep.
type decoder struct {
	b    []byte
	i    int
	err  *Error
	path []seg // the value being read, for messages
	// keyAt is where the member being read is named, for messages about
	// the member itself (unknown, repeated).
	keyAt int
	ln    lineCounter
}

// seg is one step of a path: a member name, or an index when key is "".
type seg struct {
	key string
	idx int
}

// lineCounter turns byte offsets into lines and columns, counting on from
// the previous answer: the decoder asks in increasing order, so a whole
// file costs one pass.
type lineCounter struct {
	b              []byte
	off, line, col int
	started        bool
}

func (l *lineCounter) pos(off int) Pos {
	if !l.started || off < l.off {
		l.off, l.line, l.col, l.started = 0, 1, 1, true
	}
	off = min(off, len(l.b))
	for l.off < off {
		c := l.b[l.off]
		switch {
		case c == '\n':
			l.line++
			l.col = 1
			l.off++
		case c < utf8.RuneSelf:
			l.col++
			l.off++
		default:
			// Code points, as utf8.RuneCount counts them: an invalid byte
			// is one. Places are never inside a character.
			_, n := utf8.DecodeRune(l.b[l.off:off])
			l.col++
			l.off += n
		}
	}
	return Pos{Line: l.line, Column: l.col, Offset: off}
}

func (d *decoder) pos(off int) Pos { return d.ln.pos(off) }

// where names the value being read: tests[2].expect.readable[0].
func (d *decoder) where() string {
	var b strings.Builder
	for _, s := range d.path {
		if s.key == "" {
			b.WriteString("[" + strconv.Itoa(s.idx) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	if b.Len() == 0 {
		return "the test file"
	}
	return b.String()
}

func (d *decoder) push(key string, idx int) { d.path = append(d.path, seg{key, idx}) }
func (d *decoder) pop()                     { d.path = d.path[:len(d.path)-1] }

// failAt records the first error, at byte off.
func (d *decoder) failAt(off int, msg string) {
	if d.err == nil {
		d.err = &Error{Pos: d.pos(off), Msg: msg}
	}
}

func (d *decoder) fail(msg string) { d.failAt(d.i, msg) }

// typeErr: the value at d.i is not of the type the format wants.
func (d *decoder) typeErr(want string) {
	d.fail(d.where() + " must be " + want + ", not " + d.kind())
}

func (d *decoder) peek() byte {
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

// kind names the JSON type of the value at d.i.
func (d *decoder) kind() string {
	if d.i >= len(d.b) {
		return "the end of the file"
	}
	if k := jsonw.Kind(d.peek()); k != "" {
		return k
	}
	return "something that is not JSON (" + strconv.QuoteRune(rune(d.peek())) + ")"
}

func (d *decoder) ws() { d.i = jsonw.Space(d.b, d.i) }

// literal consumes word (true, false, null) if it is next.
func (d *decoder) literal(word string) bool {
	if jsonw.Literal(d.b, d.i, word) {
		d.i += len(word)
		return true
	}
	return false
}

// object reads an object whose members are named (as opposed to a header
// map): member is called with d.i at each value and must consume it; a
// repeated name is an error.
func (d *decoder) object(member func(key string, at int)) {
	var seen [12]string
	n := 0
	d.members(func(key string, keyAt, at int) {
		for _, s := range seen[:n] {
			if s == key {
				d.failAt(keyAt, d.where()+": "+strconv.Quote(key)+" is given twice")
				return
			}
		}
		if n < len(seen) {
			seen[n] = key
			n++
		}
		d.push(key, 0)
		d.keyAt = keyAt
		member(key, at)
		d.pop()
	})
}

// members reads an object, calling member with d.i at each value.
func (d *decoder) members(member func(key string, keyAt, at int)) {
	d.ws()
	if d.peek() != '{' {
		d.typeErr("an object")
		return
	}
	d.i++
	d.ws()
	if d.peek() == '}' {
		d.i++
		return
	}
	for d.err == nil {
		d.ws()
		keyAt := d.i
		if d.peek() != '"' {
			d.fail("expected a member name in quotes in " + d.where())
			return
		}
		key, ok := d.str()
		if !ok {
			return
		}
		d.ws()
		if d.peek() != ':' {
			d.fail("expected ':' after " + strconv.Quote(key))
			return
		}
		d.i++
		d.ws()
		member(key, keyAt, d.i)
		if d.err != nil {
			return
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail("expected ',' or '}' after a member of " + d.where())
			return
		}
	}
}

// array reads an array, calling item with d.i at each item.
func (d *decoder) array(item func(n, at int)) {
	d.ws()
	if d.peek() != '[' {
		d.typeErr("an array")
		return
	}
	d.i++
	d.ws()
	if d.peek() == ']' {
		d.i++
		return
	}
	for n := 0; d.err == nil; n++ {
		d.ws()
		d.push("", n)
		item(n, d.i)
		d.pop()
		if d.err != nil {
			return
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail("expected ',' or ']' after an item of " + d.where())
			return
		}
	}
}

// str reads a string: it finds the closing quote and leaves escapes and
// UTF-8 to jsonw.Unquote.
func (d *decoder) str() (string, bool) {
	end := jsonw.StringEnd(d.b, d.i)
	if end < 0 {
		d.fail("a string that never ends")
		return "", false
	}
	j := end - 1 // the closing quote
	s, ok := jsonw.Unquote(d.b[d.i:end])
	if !ok {
		// Find the offending character for the place.
		at := d.i + 1
		for k := d.i + 1; k < j; k++ {
			if d.b[k] < 0x20 {
				at = k
				break
			}
			if d.b[k] == '\\' {
				at = k
				k++
			}
		}
		d.failAt(at, "invalid string in "+d.where()+" (a control character or a bad escape)")
		return "", false
	}
	d.i = j + 1
	return s, true
}

// stringValue reads a string value.
func (d *decoder) stringValue() (string, bool) {
	if d.peek() != '"' {
		d.typeErr("a string")
		return "", false
	}
	return d.str()
}

// boolValue reads true or false.
func (d *decoder) boolValue() (bool, bool) {
	switch {
	case d.literal("true"):
		return true, true
	case d.literal("false"):
		return false, true
	}
	d.typeErr("true or false")
	return false, false
}

// intValue reads an integer.
func (d *decoder) intValue() (int, bool) {
	c := d.peek()
	if c != '-' && (c < '0' || c > '9') {
		d.typeErr("an integer")
		return 0, false
	}
	start := d.i
	end, whole, ok := jsonw.Number(d.b, d.i)
	if !ok {
		d.failAt(start, "invalid number in "+d.where())
		return 0, false
	}
	d.i = end
	text := string(d.b[start:d.i])
	n, err := strconv.Atoi(text)
	if d.i != whole || err != nil {
		d.failAt(start, d.where()+" must be an integer, not "+clip(text))
		return 0, false
	}
	return n, true
}

// stringList reads a list of at most MaxList strings.
func (d *decoder) stringList() ([]string, bool) {
	if d.peek() != '[' {
		d.typeErr("a list of strings")
		return nil, false
	}
	out := []string{}
	d.array(func(n, at int) {
		if n == MaxList {
			d.failAt(at, d.where()+": a list holds at most "+strconv.Itoa(MaxList)+" items")
			return
		}
		if s, ok := d.stringValue(); ok {
			out = append(out, s)
		}
	})
	return out, d.err == nil
}

// headerList reads request headers: an object of name: value, or a list
// of [name, value] pairs to keep order and repeats (as the contract does).
func (d *decoder) headerList() (Headers, bool) {
	out := Headers{}
	switch d.peek() {
	case '{':
		d.members(func(k string, keyAt, at int) {
			if len(out) == MaxList {
				d.failAt(keyAt, d.where()+": at most "+strconv.Itoa(MaxList)+" headers")
				return
			}
			d.push(k, 0)
			if v, ok := d.stringValue(); ok {
				out = append(out, [2]string{k, v})
			}
			d.pop()
		})
	case '[':
		d.array(func(n, at int) {
			if n == MaxList {
				d.failAt(at, d.where()+": at most "+strconv.Itoa(MaxList)+" headers")
				return
			}
			if d.peek() != '[' {
				d.typeErr(`a ["name", "value"] pair`)
				return
			}
			var pair [2]string
			got := 0
			d.array(func(k, at int) {
				if k == 2 {
					d.failAt(at, d.where()+`: a pair is ["name", "value"], two strings`)
					return
				}
				pair[k], _ = d.stringValue()
				got++
			})
			if d.err == nil && got != 2 {
				d.failAt(at, d.where()+`: a pair is ["name", "value"], two strings`)
			}
			out = append(out, pair)
		})
	default:
		d.typeErr(`an object of "Name": "value", or a list of ["Name", "value"] pairs`)
	}
	return out, d.err == nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
