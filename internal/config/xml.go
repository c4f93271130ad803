package config

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// S3Namespace is the namespace S3 writes and accepts on CORSConfiguration.
const S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

var ruleFields = map[string]Field{
	"ID":            FieldID,
	"AllowedOrigin": FieldAllowedOrigin,
	"AllowedMethod": FieldAllowedMethod,
	"AllowedHeader": FieldAllowedHeader,
	"ExposeHeader":  FieldExposeHeader,
	"MaxAgeSeconds": FieldMaxAgeSeconds,
}

// xmlParser walks encoding/xml's tokens, reading the offset before each one
// so that every element and value gets its place in the text.
type xmlParser struct {
	d   *xml.Decoder
	ln  *lines
	off int // offset before the token just read
}

func (p *xmlParser) next() (xml.Token, error) {
	p.off = int(p.d.InputOffset())
	t, err := p.d.Token()
	if err != nil {
		return nil, err
	}
	return xml.CopyToken(t), nil
}

func (p *xmlParser) syntax(err error) *SyntaxError {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "XML syntax error on line ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.IndexFunc(msg[:i], func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		msg = msg[i+2:]
	}
	if errors.Is(err, io.EOF) || err == io.ErrUnexpectedEOF || strings.Contains(msg, "unexpected EOF") {
		msg = "unexpected end of document"
	}
	return &SyntaxError{Msg: msg, Pos: p.ln.pos(int(p.d.InputOffset()))}
}

func parseXML(src []byte, ln *lines) (*Config, *SyntaxError) {
	p := &xmlParser{d: xml.NewDecoder(bytes.NewReader(src)), ln: ln}
	p.d.Strict = true
	cfg := &Config{Form: XML, Size: len(src), Rules: []Rule{}}
	seenRoot, rootDone := false, false
	for {
		t, err := p.next()
		if err == io.EOF {
			if !seenRoot {
				return nil, &SyntaxError{Msg: "the document has no root element", Pos: ln.pos(len(src))}
			}
			return cfg, nil
		}
		if err != nil {
			return nil, p.syntax(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if rootDone {
				return nil, &SyntaxError{Msg: "only one root element is allowed, found <" + t.Name.Local + "> after it", Pos: ln.pos(p.off)}
			}
			seenRoot = true
			start := p.off
			cfg.Root.Name, cfg.Root.Namespace = t.Name.Local, t.Name.Space
			if err := p.root(cfg); err != nil {
				return nil, err
			}
			cfg.Root.Span = ln.span(start, int(p.d.InputOffset()))
			rootDone = true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				where := "before"
				if rootDone {
					where = "after"
				}
				return nil, &SyntaxError{Msg: "text is not allowed " + where + " the root element", Pos: ln.pos(p.off)}
			}
		case xml.Directive:
			cfg.Directives = append(cfg.Directives, Value{Text: "<!" + string(t) + ">", Span: ln.span(p.off, int(p.d.InputOffset()))})
		}
	}
}

// root reads the children of the root element up to its end tag.
func (p *xmlParser) root(cfg *Config) *SyntaxError {
	for {
		t, err := p.next()
		if err != nil {
			return p.syntax(err)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			start := p.off
			if t.Name.Local == "CORSRule" {
				r := Rule{Index: len(cfg.Rules)}
				if err := p.rule(&r); err != nil {
					return err
				}
				r.Span = p.ln.span(start, int(p.d.InputOffset()))
				cfg.Rules = append(cfg.Rules, r)
				continue
			}
			if err := p.skip(); err != nil {
				return err
			}
			cfg.Unknown = append(cfg.Unknown, Value{Field: Field(t.Name.Local), Text: t.Name.Local, Span: p.ln.span(start, int(p.d.InputOffset()))})
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				cfg.Stray = append(cfg.Stray, Value{Text: s, Span: p.ln.span(p.off, int(p.d.InputOffset()))})
			}
		}
	}
}

func (p *xmlParser) rule(r *Rule) *SyntaxError {
	for {
		t, err := p.next()
		if err != nil {
			return p.syntax(err)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			start := p.off
			f, known := ruleFields[t.Name.Local]
			if !known {
				if err := p.skip(); err != nil {
					return err
				}
				r.Unknown = append(r.Unknown, Value{Field: Field(t.Name.Local), Text: t.Name.Local, Span: p.ln.span(start, int(p.d.InputOffset()))})
				continue
			}
			v, err := p.value(f, r)
			if err != nil {
				return err
			}
			r.Values = append(r.Values, v)
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				r.Stray = append(r.Stray, Value{Text: s, Span: p.ln.span(p.off, int(p.d.InputOffset()))})
			}
		}
	}
}

// value reads a field's text up to its end tag. Elements nested inside a
// value are not S3's schema: they are recorded as stray and their text is
// not part of the value.
func (p *xmlParser) value(f Field, r *Rule) (Value, *SyntaxError) {
	from := int(p.d.InputOffset())
	var text strings.Builder
	for {
		t, err := p.next()
		if err != nil {
			return Value{}, p.syntax(err)
		}
		switch t := t.(type) {
		case xml.EndElement:
			return Value{Field: f, Text: text.String(), Span: p.ln.span(from, p.off)}, nil
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			start := p.off
			if err := p.skip(); err != nil {
				return Value{}, err
			}
			r.Stray = append(r.Stray, Value{Field: f, Text: "<" + t.Name.Local + "> inside <" + string(f) + ">", Span: p.ln.span(start, int(p.d.InputOffset()))})
		}
	}
}

// skip reads up to the end of the element just started, without recursion.
func (p *xmlParser) skip() *SyntaxError {
	depth := 1
	for depth > 0 {
		t, err := p.next()
		if err != nil {
			return p.syntax(err)
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}
