package config

import (
	"bytes"
	"strconv"
	"strings"

	"corsplay/internal/jsonw"
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

// formatJSON writes cfg as encoding/json with SetIndent("", "    ") wrote
// it before (TestFormatJSONMatchesStd): each rule an object in jsonOrder
// with only the fields it has, ID and MaxAgeSeconds single values, the
// others lists; for CLIJSON the rules are {"CORSRules": […]}.
func formatJSON(cfg *Config, form Form) []byte {
	b := make([]byte, 0, 256)
	depth := 0 // of the rules' list
	if form == CLIJSON {
		b = append(b, `{`...)
		b = newline(b, 1)
		b = append(b, `"CORSRules": `...)
		depth = 1
	}
	if len(cfg.Rules) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, '[')
		for i := range cfg.Rules {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, depth+1)
			b = appendRuleJSON(b, &cfg.Rules[i], depth+1)
		}
		b = newline(b, depth)
		b = append(b, ']')
	}
	if form == CLIJSON {
		b = newline(b, 0)
		b = append(b, '}')
	}
	return append(b, '\n')
}

// appendRuleJSON writes one rule of formatJSON, the object at depth.
func appendRuleJSON(b []byte, r *Rule, depth int) []byte {
	b = append(b, '{')
	n := 0
	for _, f := range jsonOrder {
		vals := r.Get(f)
		if len(vals) == 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = newline(b, depth+1)
		b = jsonw.String(b, f.JSONKey())
		b = append(b, ": "...)
		switch f {
		case FieldID:
			b = jsonw.String(b, vals[0].Text)
		case FieldMaxAgeSeconds:
			if n, err := strconv.ParseInt(vals[0].Text, 10, 64); err == nil {
				b = strconv.AppendInt(b, n, 10)
			} else {
				b = jsonw.String(b, vals[0].Text)
			}
		default:
			b = append(b, '[')
			for j, v := range vals {
				if j > 0 {
					b = append(b, ',')
				}
				b = newline(b, depth+2)
				b = jsonw.String(b, v.Text)
			}
			b = newline(b, depth+1)
			b = append(b, ']')
		}
	}
	if n == 0 {
		return append(b, '}')
	}
	b = newline(b, depth)
	return append(b, '}')
}

// newline starts a line indented to depth (four spaces a level).
func newline(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, "    "...)
	}
	return b
}
