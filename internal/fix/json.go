package fix

import "corsplay/internal/jsonw"

// AppendJSON appends f as encoding/json writes a *Fix with
// SetEscapeHTML(false), null for nil (TestJSONMatchesStd): by hand, so
// that the WebAssembly engine does not link encoding/json.
func (f *Fix) AppendJSON(b []byte) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"summary":`...)
	b = jsonw.String(b, f.Summary)
	b = append(b, `,"rule":`...)
	b = jsonw.Int(b, f.Rule)
	b = append(b, `,"field":`...)
	b = jsonw.String(b, f.Field)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, f.Value)
	b = append(b, `,"action":`...)
	b = jsonw.String(b, f.Action)
	if f.Config != "" {
		b = append(b, `,"config":`...)
		b = jsonw.String(b, f.Config)
	}
	b = append(b, `,"diff":`...)
	if f.Diff == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, l := range f.Diff {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"op":`...)
			b = jsonw.String(b, l.Op)
			b = append(b, `,"text":`...)
			b = jsonw.String(b, l.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"changes":`...)
	if f.Changes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range f.Changes {
			if i > 0 {
				b = append(b, ',')
			}
			c := &f.Changes[i]
			b = append(b, `{"summary":`...)
			b = jsonw.String(b, c.Summary)
			b = append(b, `,"rule":`...)
			b = jsonw.Int(b, c.Rule)
			b = append(b, `,"field":`...)
			b = jsonw.String(b, c.Field)
			b = append(b, `,"value":`...)
			b = jsonw.String(b, c.Value)
			b = append(b, `,"action":`...)
			b = jsonw.String(b, c.Action)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if e := f.Edit; e != nil {
		b = append(b, `,"edit":{"line":`...)
		b = jsonw.Int(b, e.Line)
		b = append(b, `,"column":`...)
		b = jsonw.Int(b, e.Column)
		b = append(b, `,"endLine":`...)
		b = jsonw.Int(b, e.EndLine)
		b = append(b, `,"endColumn":`...)
		b = jsonw.Int(b, e.EndColumn)
		b = append(b, `,"text":`...)
		b = jsonw.String(b, e.Text)
		b = append(b, '}')
	}
	return append(b, '}')
}
