package config

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxJSONDepth bounds nesting; a CORS configuration needs 4 levels.
const maxJSONDepth = 64

type jkind uint8

const (
	jObject jkind = iota
	jArray
	jString
	jNumber
	jBool
	jNull
)

func (k jkind) String() string {
	return [...]string{"object", "array", "string", "number", "boolean", "null"}[k]
}

type jmember struct {
	key      string
	keyStart int
	keyEnd   int
	val      *jnode
}

type jnode struct {
	kind       jkind
	text       string // string contents, number or literal as written
	start, end int
	items      []*jnode
	members    []jmember
}

// jsonParser is a small recursive-descent parser that keeps byte offsets;
// encoding/json reports none for values.
type jsonParser struct {
	src []byte
	i   int
	err *SyntaxError
	ln  *lines
}

func (p *jsonParser) fail(msg string) {
	if p.err == nil {
		p.err = &SyntaxError{Msg: msg, Pos: p.ln.pos(p.i)}
	}
}

func (p *jsonParser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) *jnode {
	if depth > maxJSONDepth {
		p.fail("JSON nested more than " + strconv.Itoa(maxJSONDepth) + " levels deep")
		return nil
	}
	p.ws()
	if p.i >= len(p.src) {
		p.fail("unexpected end of JSON")
		return nil
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{':
		n := &jnode{kind: jObject, start: start}
		p.i++
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == '}' {
			p.i++
			n.end = p.i
			return n
		}
		for {
			p.ws()
			if p.i >= len(p.src) || p.src[p.i] != '"' {
				p.fail("expected a string key in double quotes")
				return nil
			}
			ks := p.i
			key, ok := p.str()
			if !ok {
				return nil
			}
			ke := p.i
			p.ws()
			if p.i >= len(p.src) || p.src[p.i] != ':' {
				p.fail("expected ':' after the key")
				return nil
			}
			p.i++
			v := p.value(depth + 1)
			if v == nil {
				return nil
			}
			n.members = append(n.members, jmember{key: key, keyStart: ks, keyEnd: ke, val: v})
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.i++
				n.end = p.i
				return n
			}
			p.fail("expected ',' or '}' in object")
			return nil
		}
	case c == '[':
		n := &jnode{kind: jArray, start: start}
		p.i++
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			n.end = p.i
			return n
		}
		for {
			v := p.value(depth + 1)
			if v == nil {
				return nil
			}
			n.items = append(n.items, v)
			p.ws()
			if p.i < len(p.src) && p.src[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.src) && p.src[p.i] == ']' {
				p.i++
				n.end = p.i
				return n
			}
			p.fail("expected ',' or ']' in array")
			return nil
		}
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		return &jnode{kind: jString, text: s, start: start, end: p.i}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			word string
			kind jkind
		}{{"true", jBool}, {"false", jBool}, {"null", jNull}} {
			if len(p.src)-p.i >= len(lit.word) && string(p.src[p.i:p.i+len(lit.word)]) == lit.word {
				p.i += len(lit.word)
				return &jnode{kind: lit.kind, text: lit.word, start: start, end: p.i}
			}
		}
		r, _ := utf8.DecodeRune(p.src[p.i:])
		p.fail("unexpected character " + strconv.QuoteRune(r))
		return nil
	}
}

func (p *jsonParser) number() *jnode {
	start := p.i
	if p.src[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	intStart := p.i
	if digits() == 0 {
		p.fail("invalid number")
		return nil
	}
	if p.src[intStart] == '0' && p.i-intStart > 1 {
		p.fail("invalid number: leading zero")
		return nil
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if digits() == 0 {
			p.fail("invalid number: digits expected after '.'")
			return nil
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			p.fail("invalid number: digits expected in exponent")
			return nil
		}
	}
	return &jnode{kind: jNumber, text: string(p.src[start:p.i]), start: start, end: p.i}
}

// str reads a string token at p.i (which is '"').
func (p *jsonParser) str() (string, bool) {
	p.i++
	var b []byte
	for {
		if p.i >= len(p.src) {
			p.fail("unterminated string")
			return "", false
		}
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), true
		case c < 0x20:
			p.fail("control character in string (escape it)")
			return "", false
		case c == '\\':
			if p.i+1 >= len(p.src) {
				p.fail("unterminated string")
				return "", false
			}
			e := p.src[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(utf8.RuneError)
					if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
						save := p.i
						p.i += 2
						lo, ok := p.hex4()
						if ok {
							r2 = utf16.DecodeRune(r, lo)
						}
						if !ok || r2 == utf8.RuneError {
							p.i = save
							r2 = utf8.RuneError
						}
					}
					r = r2
				}
				b = utf8.AppendRune(b, r)
			default:
				p.i--
				p.fail("invalid escape \\" + string(rune(e)))
				return "", false
			}
		default:
			r, size := utf8.DecodeRune(p.src[p.i:])
			if r == utf8.RuneError && size == 1 {
				p.fail("invalid UTF-8 in string")
				return "", false
			}
			b = append(b, p.src[p.i:p.i+size]...)
			p.i += size
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.src) {
		p.fail("invalid \\u escape")
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.src[p.i:p.i+4]), 16, 32)
	if err != nil {
		p.fail("invalid \\u escape")
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

var jsonFields = map[string]Field{
	"ID":             FieldID,
	"AllowedOrigins": FieldAllowedOrigin,
	"AllowedMethods": FieldAllowedMethod,
	"AllowedHeaders": FieldAllowedHeader,
	"ExposeHeaders":  FieldExposeHeader,
	"MaxAgeSeconds":  FieldMaxAgeSeconds,
}

func parseJSON(src []byte, ln *lines, form Form) (*Config, *SyntaxError) {
	p := &jsonParser{src: src, ln: ln}
	top := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.ws()
	if p.i < len(src) {
		p.fail("unexpected text after the JSON value")
		return nil, p.err
	}
	cfg := &Config{Form: form, Size: len(src), Rules: []Rule{}}
	cfg.Root.Span = ln.span(top.start, top.end)
	var list *jnode
	if form == ConsoleJSON {
		list = top
	} else {
		cfg.Root.NoRuleList = true
		for _, m := range top.members {
			if m.key == "CORSRules" {
				cfg.Root.NoRuleList = false
				if m.val.kind != jArray {
					cfg.Stray = append(cfg.Stray, Value{Field: "CORSRules", Text: m.val.text, Kind: m.val.kind.String(), Span: ln.span(m.val.start, m.val.end)})
					continue
				}
				list = m.val
				continue
			}
			cfg.Unknown = append(cfg.Unknown, Value{Field: Field(m.key), Text: m.key, Span: ln.span(m.keyStart, m.keyEnd)})
		}
	}
	if list == nil {
		return cfg, nil
	}
	for _, item := range list.items {
		cfg.Rules = append(cfg.Rules, jsonRule(item, len(cfg.Rules), ln))
	}
	return cfg, nil
}

// jsonRule turns one item of the rule list into a rule.
func jsonRule(item *jnode, index int, ln *lines) Rule {
	r := Rule{Index: index, Span: ln.span(item.start, item.end)}
	if item.kind != jObject {
		r.Stray = append(r.Stray, Value{Text: item.text, Kind: item.kind.String(), Span: r.Span})
		return r
	}
	for _, m := range item.members {
		f, known := jsonFields[m.key]
		if !known {
			r.Unknown = append(r.Unknown, Value{Field: Field(m.key), Text: m.key, Span: ln.span(m.keyStart, m.keyEnd)})
			continue
		}
		switch f {
		case FieldID, FieldMaxAgeSeconds:
			r.Values = append(r.Values, scalar(f, m.val, ln))
		default:
			if m.val.kind != jArray {
				r.Stray = append(r.Stray, Value{Field: f, Text: m.val.text, Kind: m.val.kind.String(), Span: ln.span(m.val.start, m.val.end)})
				continue
			}
			if len(m.val.items) == 0 {
				r.Empty = append(r.Empty, Value{Field: f, Span: ln.span(m.val.start, m.val.end)})
			}
			for _, it := range m.val.items {
				r.Values = append(r.Values, scalar(f, it, ln))
			}
		}
	}
	return r
}

// scalar turns a JSON value into a rule value; validation judges its Kind.
func scalar(f Field, n *jnode, ln *lines) Value {
	v := Value{Field: f, Text: n.text, Kind: n.kind.String(), Span: ln.span(n.start, n.end)}
	if n.kind == jObject || n.kind == jArray {
		v.Text = ""
	}
	return v
}
