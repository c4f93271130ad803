package scenario

import (
	"corsplay/internal/browser"
	"corsplay/internal/jsonw"
	"strconv"
	"strings"
)

// decoder reads a scenario's JSON by hand. encoding/json's reflection-driven
// decoder spent a third of a keystroke's time on the page, most of it in
// the 64 KB configuration string; this one copies that string once (in
// jsonw.Unquote).
//
// It reads what encoding/json read before it (TestDecodeMatchesStd and
// FuzzDecodeInput check the two agree): RFC 8259 JSON; member names matched
// exactly or, failing that, case-insensitively; an unknown member is an
// error; null leaves a member unset (a pointer or list: nil); the last of repeated members wins;
// invalid UTF-8 in a string becomes U+FFFD.
type decoder struct {
	b    []byte
	i    int
	err  string
	path string // the member being read, for messages
}

// maxDecodeDepth bounds nesting; only header lists nest at all.
const maxDecodeDepth = 64

func (d *decoder) fail(msg string) {
	if d.err == "" {
		d.err = msg + " (at byte " + strconv.Itoa(d.i) + ")"
	}
}

func (d *decoder) typeErr(want string) {
	if d.err == "" {
		d.err = "field " + d.path + " must be " + want + ", not " + d.kind()
	}
}

// kind names the JSON type of the value at d.i.
func (d *decoder) kind() string {
	if d.i >= len(d.b) {
		return "nothing"
	}
	if k := jsonw.Kind(d.b[d.i]); k != "" {
		return k
	}
	return "a number" // as encoding/json names what it cannot read
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

// null consumes a null if one is next.
func (d *decoder) null() bool {
	d.ws()
	return d.i < len(d.b) && d.b[d.i] == 'n' && d.literal("null")
}

// object reads an object, calling member for each member with d.i at its
// value; member must consume the value.
func (d *decoder) object(member func(key string)) {
	d.ws()
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		d.fail("expected an object")
		return
	}
	d.i++
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return
	}
	for d.err == "" {
		d.ws()
		key, ok := d.str()
		if !ok {
			return
		}
		d.ws()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			d.fail("expected ':' after object key")
			return
		}
		d.i++
		d.ws()
		member(key)
		if d.err != "" {
			return
		}
		d.ws()
		if d.i < len(d.b) && d.b[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.b) && d.b[d.i] == '}' {
			d.i++
			return
		}
		d.fail("expected ',' or '}' after object value")
	}
}

// array reads an array, calling item with d.i at each item.
func (d *decoder) array(item func()) {
	d.ws()
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		d.fail("expected an array")
		return
	}
	d.i++
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return
	}
	for d.err == "" {
		d.ws()
		item()
		if d.err != "" {
			return
		}
		d.ws()
		if d.i < len(d.b) && d.b[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.b) && d.b[d.i] == ']' {
			d.i++
			return
		}
		d.fail("expected ',' or ']' after array element")
	}
}

// str reads a string: it finds the closing quote and leaves the reading
// of escapes and UTF-8 to jsonw.Unquote, which reads as json.Unmarshal does.
func (d *decoder) str() (string, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		d.fail("expected a string")
		return "", false
	}
	end := jsonw.StringEnd(d.b, d.i)
	if end < 0 {
		d.fail("unterminated string")
		return "", false
	}
	s, ok := jsonw.Unquote(d.b[d.i:end])
	if !ok {
		d.fail("invalid string (a control character or a bad escape)")
		return "", false
	}
	d.i = end
	return s, true
}

// stringField reads a string member (null leaves it as it was).
func (d *decoder) stringField(dst *string) {
	if d.null() {
		return
	}
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		d.typeErr("a string")
		return
	}
	if s, ok := d.str(); ok {
		*dst = s
	}
}

// number checks a JSON number's syntax and returns its text.
func (d *decoder) number() string {
	start := d.i
	end, _, ok := jsonw.Number(d.b, d.i)
	d.i = end
	if !ok {
		d.fail("invalid number")
		return ""
	}
	return string(d.b[start:end])
}

// intField reads an integer member.
func (d *decoder) intField(dst *int) {
	if d.null() {
		return
	}
	if d.i >= len(d.b) || (d.b[d.i] != '-' && (d.b[d.i] < '0' || d.b[d.i] > '9')) {
		d.typeErr("an integer")
		return
	}
	at := d.i
	text := d.number()
	if d.err != "" {
		return
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		d.i = at
		if d.err == "" {
			d.err = "field " + d.path + " must be an integer, not " + text
		}
		return
	}
	*dst = n
}

// boolField reads a boolean member into a pointer; null sets it to nil,
// as encoding/json does for pointers.
func (d *decoder) boolField(dst **bool) {
	if d.null() {
		*dst = nil
		return
	}
	var v bool
	switch {
	case d.literal("true"):
		v = true
	case d.literal("false"):
	default:
		d.typeErr("true or false")
		return
	}
	*dst = &v
}

// headersField reads a header list: an object of name: value, or a list
// of [name, value] pairs (see package header).
func (d *decoder) headersField(dst *Headers) {
	if d.null() {
		*dst = nil
		return
	}
	switch {
	case d.i < len(d.b) && d.b[d.i] == '{':
		var out Headers // nil for {}, as header.List's UnmarshalJSON
		d.object(func(k string) {
			if d.i >= len(d.b) || d.b[d.i] != '"' {
				if d.err == "" {
					d.err = "headers: the value of " + strconv.Quote(k) + " must be a string"
				}
				return
			}
			if v, ok := d.str(); ok {
				out = append(out, [2]string{k, v})
			}
		})
		*dst = out
	case d.i < len(d.b) && d.b[d.i] == '[':
		out := Headers{}
		d.array(func() {
			if d.i >= len(d.b) || d.b[d.i] != '[' {
				if d.err == "" {
					d.err = `headers: a list must hold ["name", "value"] pairs`
				}
				return
			}
			var pair []string
			d.array(func() {
				if d.i >= len(d.b) || d.b[d.i] != '"' {
					if d.err == "" {
						d.err = `headers: a list must hold ["name", "value"] pairs`
					}
					return
				}
				if s, ok := d.str(); ok {
					pair = append(pair, s)
				}
			})
			if d.err == "" && len(pair) != 2 {
				d.err = `headers: each pair must be ["name", "value"]`
			}
			if d.err == "" {
				out = append(out, [2]string{pair[0], pair[1]})
			}
		})
		*dst = out
	default:
		if d.err == "" {
			d.err = "headers must be an object of name: value, or a list of [name, value] pairs"
		}
	}
}

// fields dispatches an object's members to the named readers, matching
// names exactly or else case-insensitively, as encoding/json does; any
// other member is an error.
func (d *decoder) fields(prefix string, m map[string]func()) {
	d.ws()
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		if prefix == "" {
			if d.i < len(d.b) && d.err == "" {
				d.err = "a scenario is a JSON object, not " + d.kind()
			}
			d.fail("expected a JSON object")
			return
		}
		d.path = strings.TrimSuffix(prefix, ".")
		d.typeErr("an object")
		return
	}
	d.object(func(k string) {
		f, ok := m[k]
		if !ok {
			for name, g := range m {
				if strings.EqualFold(name, k) {
					f, ok = g, true
					break
				}
			}
		}
		if !ok {
			if d.err == "" {
				d.err = "json: unknown field " + strconv.Quote(k)
			}
			return
		}
		d.path = prefix + k
		f()
	})
}

// decodeInput reads a scenario: an object of the members below, or null.
func decodeInput(b []byte) (Input, string) {
	var in Input
	d := &decoder{b: b}
	if !d.null() {
		d.fields("", map[string]func(){
			"bucket":  func() { d.bucket(&in.Bucket) },
			"request": func() { d.request(&in.Request) },
			"fetch":   func() { d.fetch(&in.Fetch) },
			"browser": func() { d.stringField(&in.Browser) },
			"omit":    func() { d.stringList(&in.Omit) },
		})
	}
	if d.err != "" {
		return in, d.err
	}
	d.ws()
	if d.i < len(d.b) {
		return in, "unexpected data after the JSON object"
	}
	return in, ""
}

// bucket reads "bucket" (null leaves it as it was).
func (d *decoder) bucket(b *Bucket) {
	if d.null() {
		return
	}
	d.fields("bucket.", map[string]func(){
		"exists": func() { d.boolField(&b.Exists) },
		"cors": func() {
			if d.null() {
				b.CORS = nil
				return
			}
			var s string
			d.stringField(&s)
			b.CORS = &s
		},
		"corsRev":  func() { d.intField(&b.Rev) },
		"corsEdit": func() { d.edit(&b.Edit) },
		"corsSize": func() { d.intField(&b.Size) },
	})
}

// edit reads "bucket.corsEdit" (null: none); a repeated member adds to
// the one before, as encoding/json does for a pointer.
func (d *decoder) edit(dst **Edit) {
	if d.null() {
		*dst = nil
		return
	}
	e := *dst
	if e == nil {
		e = &Edit{}
	}
	d.fields("bucket.corsEdit.", map[string]func(){
		"base": func() { d.intField(&e.Base) },
		"rev":  func() { d.intField(&e.Rev) },
		"from": func() { d.intField(&e.From) },
		"to":   func() { d.intField(&e.To) },
		"text": func() { d.stringField(&e.Text) },
	})
	*dst = e
}

// request reads "request" (null leaves it as it was).
func (d *decoder) request(r *Request) {
	if d.null() {
		return
	}
	d.fields("request.", map[string]func(){
		"method":          func() { d.stringField(&r.Method) },
		"target":          func() { d.stringField(&r.Target) },
		"headers":         func() { d.headersField(&r.Headers) },
		"operationStatus": func() { d.intField(&r.OperationStatus) },
	})
}

// fetch reads "fetch" (null: none), adding to a fetch before it as edit
// does.
func (d *decoder) fetch(dst **browser.Fetch) {
	if d.null() {
		*dst = nil
		return
	}
	f := *dst
	if f == nil {
		f = &browser.Fetch{}
	}
	d.fields("fetch.", map[string]func(){
		"origin":      func() { d.stringField(&f.Origin) },
		"url":         func() { d.stringField(&f.URL) },
		"method":      func() { d.stringField(&f.Method) },
		"headers":     func() { d.headersField(&f.Headers) },
		"credentials": func() { d.stringField(&f.Credentials) },
		"mode":        func() { d.stringField(&f.Mode) },
	})
	*dst = f
}

// stringList reads a list of strings (null: nil; a null item: "").
func (d *decoder) stringList(dst *[]string) {
	if d.null() {
		*dst = nil
		return
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		d.typeErr("a list of strings")
		return
	}
	*dst = []string{}
	d.array(func() {
		if d.null() {
			*dst = append(*dst, "")
			return
		}
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			d.typeErr("a list of strings")
			return
		}
		if s, ok := d.str(); ok {
			*dst = append(*dst, s)
		}
	})
}
