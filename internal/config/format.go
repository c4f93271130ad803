package config

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// xmlOrder and jsonOrder are the field orders Format writes: the order of
// S3's documentation examples for XML, and of `aws s3api get-bucket-cors`
// output for JSON. Within a field, values keep their order, which is what
// round-tripping means here: the same rules, the same values, in the same
// order per field.
var (
	xmlOrder  = []Field{FieldID, FieldAllowedOrigin, FieldAllowedMethod, FieldAllowedHeader, FieldExposeHeader, FieldMaxAgeSeconds}
	jsonOrder = []Field{FieldID, FieldAllowedHeader, FieldAllowedMethod, FieldAllowedOrigin, FieldExposeHeader, FieldMaxAgeSeconds}
)

// Format writes cfg in the given form, two- or four-space indented and
// ending in a newline. Values are written as text, whatever JSON type they
// were pasted with, except MaxAgeSeconds, which JSON gets as a number when
// it is an integer.
func Format(cfg *Config, form Form) []byte {
	switch form {
	case CLIJSON, ConsoleJSON:
		return formatJSON(cfg, form)
	}
	return formatXML(cfg)
}

func formatXML(cfg *Config) []byte { return writeXML(cfg, "\n", "  ") }

// CompactXML is the body the aws-cli sends for cfg: no white space between
// elements. Its length is what S3's 64 KB limit applies to.
func CompactXML(cfg *Config) []byte { return writeXML(cfg, "", "") }

func writeXML(cfg *Config, nl, indent string) []byte {
	var b bytes.Buffer
	b.WriteString(`<CORSConfiguration xmlns="` + S3Namespace + `">` + nl)
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		b.WriteString(indent + "<CORSRule>" + nl)
		for _, f := range xmlOrder {
			for _, v := range r.Get(f) {
				b.WriteString(indent + indent + "<" + string(f) + ">")
				b.WriteString(EscapeXML(v.Text))
				b.WriteString("</" + string(f) + ">" + nl)
			}
		}
		b.WriteString(indent + "</CORSRule>" + nl)
	}
	b.WriteString("</CORSConfiguration>" + nl)
	return b.Bytes()
}

// EscapeXML escapes text for element content the way S3 writes it: only
// '&', '<' and '>' (S3 leaves quotes and apostrophes alone).
func EscapeXML(s string) string {
	if !strings.ContainsAny(s, "&<>\r") {
		return s
	}
	return xmlEscaper.Replace(s)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")

func formatJSON(cfg *Config, form Form) []byte {
	rules := make([]any, 0, len(cfg.Rules))
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		var obj orderedObject
		for _, f := range jsonOrder {
			vals := r.Get(f)
			if len(vals) == 0 {
				continue
			}
			switch f {
			case FieldID:
				obj = append(obj, kv{f.JSONKey(), vals[0].Text})
			case FieldMaxAgeSeconds:
				if n, err := strconv.ParseInt(vals[0].Text, 10, 64); err == nil {
					obj = append(obj, kv{f.JSONKey(), n})
				} else {
					obj = append(obj, kv{f.JSONKey(), vals[0].Text})
				}
			default:
				list := make([]string, len(vals))
				for j, v := range vals {
					list[j] = v.Text
				}
				obj = append(obj, kv{f.JSONKey(), list})
			}
		}
		rules = append(rules, obj)
	}
	var top any = rules
	if form == CLIJSON {
		top = orderedObject{{"CORSRules", rules}}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(top); err != nil {
		// Only strings, numbers and lists go in; Encode cannot fail.
		panic(err)
	}
	return b.Bytes()
}

type kv struct {
	k string
	v any
}

// orderedObject is a JSON object that keeps its keys in order.
type orderedObject []kv

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.k)
		b.Write(k)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(m.v); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
