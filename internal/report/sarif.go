package report

import (
	"strings"

	"corsplay/internal/jsonw"
)

// Tool is the program that made the findings, for SARIF's tool.driver.
type Tool struct {
	Name           string
	Version        string // "" for none
	InformationURI string // "" for none
	Rules          []Rule
}

// AppendSARIF writes a SARIF 2.1.0 log of one run. A finding whose RuleID
// is among tool.Rules gets its ruleIndex.
func AppendSARIF(b []byte, tool Tool, fs []Finding) []byte {
	b = append(b, `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{`...)
	b = jsonw.Key(b, "name")
	b = jsonw.String(b, tool.Name)
	if tool.Version != "" {
		b = jsonw.Key(b, "version")
		b = jsonw.String(b, tool.Version)
	}
	if tool.InformationURI != "" {
		b = jsonw.Key(b, "informationUri")
		b = jsonw.String(b, tool.InformationURI)
	}
	b = jsonw.Key(b, "rules")
	b = append(b, '[')
	index := make(map[string]int, len(tool.Rules))
	for i, r := range tool.Rules {
		index[r.ID] = i
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsonw.Key(b, "id")
		b = jsonw.String(b, r.ID)
		if r.Description != "" {
			b = jsonw.Key(b, "shortDescription")
			b = append(b, `{"text":`...)
			b = jsonw.String(b, r.Description)
			b = append(b, '}')
		}
		if r.HelpURI != "" {
			b = jsonw.Key(b, "helpUri")
			b = jsonw.String(b, r.HelpURI)
		}
		b = append(b, '}')
	}
	b = append(b, "]}}"...)
	b = jsonw.Key(b, "results")
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsonw.Key(b, "ruleId")
		b = jsonw.String(b, f.RuleID)
		if k, ok := index[f.RuleID]; ok {
			b = jsonw.Key(b, "ruleIndex")
			b = jsonw.Int(b, k)
		}
		b = jsonw.Key(b, "level")
		lv := f.Level
		if lv != Error && lv != Warning {
			lv = Note
		}
		b = jsonw.String(b, string(lv))
		b = jsonw.Key(b, "message")
		b = append(b, `{"text":`...)
		b = jsonw.String(b, f.Message)
		b = append(b, '}')
		if f.File != "" {
			b = jsonw.Key(b, "locations")
			b = append(b, `[{"physicalLocation":{"artifactLocation":{"uri":`...)
			b = jsonw.String(b, URI(f.File))
			b = append(b, '}')
			if f.Line > 0 {
				b = jsonw.Key(b, "region")
				b = append(b, '{')
				b = jsonw.Key(b, "startLine")
				b = jsonw.Int(b, f.Line)
				if f.Column > 0 {
					b = jsonw.Key(b, "startColumn")
					b = jsonw.Int(b, f.Column)
				}
				if f.EndLine >= f.Line && f.EndLine > 0 {
					b = jsonw.Key(b, "endLine")
					b = jsonw.Int(b, f.EndLine)
					if f.EndColumn > 0 {
						b = jsonw.Key(b, "endColumn")
						b = jsonw.Int(b, f.EndColumn)
					}
				}
				b = append(b, '}')
			}
			b = append(b, "}}]"...)
		}
		b = append(b, '}')
	}
	return append(b, "]}]}\n"...)
}

// URI writes a file path as SARIF's artifactLocation.uri takes it: a
// relative URI reference with '/' separators, every byte outside RFC
// 3986's unreserved characters and '/' percent-encoded. An absolute path
// becomes a file: URI.
func URI(path string) string {
	path = strings.ReplaceAll(path, `\`, "/")
	var b strings.Builder
	if strings.HasPrefix(path, "/") {
		b.WriteString("file://")
	} else if len(path) > 2 && path[1] == ':' && path[2] == '/' {
		b.WriteString("file:///") // C:/…
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		case c == ':' && i == 1 && strings.HasPrefix(b.String(), "file:///"):
			b.WriteByte(c)
		default:
			const hex = "0123456789ABCDEF"
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
