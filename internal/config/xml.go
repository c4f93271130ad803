package config

import (
	"bytes"
	"strings"
)

// S3Namespace is the namespace S3 writes and accepts on CORSConfiguration.
const S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// ruleField returns the field an element of a CORSRule names. (A switch,
// not a map: it runs for every element of a configuration.)
func ruleField(local string) (Field, bool) {
	switch local {
	case "ID":
		return FieldID, true
	case "AllowedOrigin":
		return FieldAllowedOrigin, true
	case "AllowedMethod":
		return FieldAllowedMethod, true
	case "AllowedHeader":
		return FieldAllowedHeader, true
	case "ExposeHeader":
		return FieldExposeHeader, true
	case "MaxAgeSeconds":
		return FieldMaxAgeSeconds, true
	}
	return "", false
}

// xmlParser walks the scanner's tokens into a Config.
type xmlParser struct {
	s  *xmlScanner
	ln *lines
	// vals collects a rule's values; each rule then gets an exact copy in
	// slab (see keep) instead of a slice grown value by value.
	vals []Value
	slab []Value
	// one is set when the parser reads a single rule (Reparse): its slab
	// then holds exactly that rule's values.
	one bool
}

// slabMost is the most values a slab makes room for beyond the rule at
// hand: 64 values are 6 KB. (512 took no less time on the 100-rule
// benchmark, and 7 % more memory.)
const slabMost = 64

// keep copies a rule's values into the parser's slab and returns them,
// capped at their length (an append by a caller copies). A new slab has
// room for the values the rest of the text can still hold, at most
// slabMost more, so a 100-rule configuration takes a few allocations
// instead of one per rule, and a single rule read again (Reparse) takes
// only what it needs.
func (p *xmlParser) keep(vals []Value) []Value {
	n := len(vals)
	if n == 0 {
		return nil
	}
	if cap(p.slab)-len(p.slab) < n {
		// <ID>x</ID>, 10 bytes, is the shortest value element.
		room := n
		if !p.one {
			room += min(slabMost, (len(p.s.src)-p.s.i)/10)
		}
		p.slab = make([]Value, 0, room)
	}
	i := len(p.slab)
	p.slab = append(p.slab, vals...)
	return p.slab[i : i+n : i+n]
}

func (p *xmlParser) next() (xmlTok, *SyntaxError) {
	t := p.s.next()
	if p.s.err != nil {
		return t, &SyntaxError{Msg: p.s.err.msg, Pos: p.ln.pos(p.s.err.at)}
	}
	if t.kind == tokEOF && len(p.s.stack) > 0 {
		return t, &SyntaxError{Msg: "unexpected end of document: <" + string(p.s.stack[len(p.s.stack)-1].qname) + "> is not closed", Pos: p.ln.pos(len(p.s.src))}
	}
	return t, nil
}

func parseXML(src []byte, ln *lines) (*Config, *SyntaxError) {
	p := &xmlParser{s: &xmlScanner{src: src}, ln: ln}
	// Room for every rule at once: a Rule is large, and growing the list
	// rule by rule copied it over and over.
	cfg := &Config{Form: XML, Size: len(src), Rules: make([]Rule, 0, bytes.Count(src, []byte("<CORSRule")))}
	seenRoot := false
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokEOF:
			if !seenRoot {
				return nil, &SyntaxError{Msg: "the document has no root element", Pos: ln.pos(len(src))}
			}
			return cfg, nil
		case tokStart:
			if seenRoot {
				return nil, &SyntaxError{Msg: "only one root element is allowed, found <" + t.local + "> after it", Pos: ln.pos(t.start)}
			}
			seenRoot = true
			cfg.Root.Name, cfg.Root.Namespace = t.local, t.space
			end := t.end
			if !t.selfClose {
				var err *SyntaxError
				if end, err = p.root(cfg); err != nil {
					return nil, err
				}
			}
			cfg.Root.Span = ln.span(t.start, end)
		case tokText:
			if !p.s.blank(t) {
				where := "before"
				if seenRoot {
					where = "after"
				}
				return nil, &SyntaxError{Msg: "text is not allowed " + where + " the root element", Pos: ln.pos(t.start)}
			}
		case tokDoctype:
			cfg.Directives = append(cfg.Directives, Value{Text: t.text, Span: ln.span(t.start, t.end)})
		}
	}
}

// root reads the children of the root element; it returns the offset after
// the root's end tag.
func (p *xmlParser) root(cfg *Config) (int, *SyntaxError) {
	for {
		t, err := p.next()
		if err != nil {
			return 0, err
		}
		switch t.kind {
		case tokEnd:
			return t.end, nil
		case tokStart:
			end := t.end
			if t.local == "CORSRule" {
				r, err := p.corsRule(t, len(cfg.Rules))
				if err != nil {
					return 0, err
				}
				cfg.Rules = append(cfg.Rules, r)
				continue
			}
			if end, err = p.skip(t); err != nil {
				return 0, err
			}
			cfg.Unknown = append(cfg.Unknown, Value{Field: Field(t.local), Text: t.local, Span: p.ln.span(t.start, end)})
		case tokText:
			if !p.s.blank(t) {
				s := strings.TrimSpace(p.s.textOf(t))
				cfg.Stray = append(cfg.Stray, Value{Text: s, Span: p.ln.span(t.start, t.end)})
			}
		}
	}
}

// corsRule reads the rule whose start tag is t.
func (p *xmlParser) corsRule(t xmlTok, index int) (Rule, *SyntaxError) {
	r := Rule{Index: index}
	end := t.end
	if !t.selfClose {
		p.vals = p.vals[:0]
		var err *SyntaxError
		if end, err = p.rule(&r); err != nil {
			return r, err
		}
		r.Values = p.keep(p.vals)
	}
	r.Span = p.ln.span(t.start, end)
	return r, nil
}

func (p *xmlParser) rule(r *Rule) (int, *SyntaxError) {
	for {
		t, err := p.next()
		if err != nil {
			return 0, err
		}
		switch t.kind {
		case tokEnd:
			return t.end, nil
		case tokStart:
			f, known := ruleField(t.local)
			if !known {
				end, err := p.skip(t)
				if err != nil {
					return 0, err
				}
				r.Unknown = append(r.Unknown, Value{Field: Field(t.local), Text: t.local, Span: p.ln.span(t.start, end)})
				continue
			}
			if t.selfClose {
				p.vals = append(p.vals, Value{Field: f, Span: p.ln.span(t.end, t.end)})
				continue
			}
			v, err := p.value(f, t.end, r)
			if err != nil {
				return 0, err
			}
			p.vals = append(p.vals, v)
		case tokText:
			if !p.s.blank(t) {
				s := strings.TrimSpace(p.s.textOf(t))
				r.Stray = append(r.Stray, Value{Text: s, Span: p.ln.span(t.start, t.end)})
			}
		}
	}
}

// value reads a field's text up to its end tag. Elements nested inside a
// value are not S3's schema: they are recorded as stray and their text is
// not part of the value.
func (p *xmlParser) value(f Field, from int, r *Rule) (Value, *SyntaxError) {
	var text strings.Builder
	for {
		t, err := p.next()
		if err != nil {
			return Value{}, err
		}
		switch t.kind {
		case tokEnd:
			return Value{Field: f, Text: text.String(), Span: p.ln.span(from, t.start)}, nil
		case tokText:
			if text.Len() == 0 && t.raw {
				// The common case, one text token: decode without a copy
				// through the builder.
				v := p.s.textOf(t)
				next, err := p.next()
				if err != nil {
					return Value{}, err
				}
				if next.kind == tokEnd {
					return Value{Field: f, Text: v, Span: p.ln.span(from, next.start)}, nil
				}
				text.WriteString(v)
				if err := p.pending(next, &text, f, r); err != nil {
					return Value{}, err
				}
				continue
			}
			text.WriteString(p.s.textOf(t))
		case tokStart:
			end, err := p.skip(t)
			if err != nil {
				return Value{}, err
			}
			r.Stray = append(r.Stray, Value{Field: f, Text: "<" + t.local + "> inside <" + string(f) + ">", Span: p.ln.span(t.start, end)})
		}
	}
}

// pending handles the token after a value's first text when it is not the
// end tag: more text, or a nested element.
func (p *xmlParser) pending(t xmlTok, text *strings.Builder, f Field, r *Rule) *SyntaxError {
	switch t.kind {
	case tokText:
		text.WriteString(p.s.textOf(t))
	case tokStart:
		end, err := p.skip(t)
		if err != nil {
			return err
		}
		r.Stray = append(r.Stray, Value{Field: f, Text: "<" + t.local + "> inside <" + string(f) + ">", Span: p.ln.span(t.start, end)})
	}
	return nil
}

// skip reads up to the end of the element t starts, without recursion,
// and returns the offset after it.
func (p *xmlParser) skip(t xmlTok) (int, *SyntaxError) {
	if t.selfClose {
		return t.end, nil
	}
	depth := 1
	for {
		t, err := p.next()
		if err != nil {
			return 0, err
		}
		switch {
		case t.kind == tokStart && !t.selfClose:
			depth++
		case t.kind == tokEnd:
			depth--
			if depth == 0 {
				return t.end, nil
			}
		}
	}
}
