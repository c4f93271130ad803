package lint

import "corsplay/internal/jsonw"

// AppendJSON appends w as encoding/json writes a Warning with
// SetEscapeHTML(false) (TestJSONMatchesStd): by hand, so that the
// WebAssembly engine does not link encoding/json.
func (w *Warning) AppendJSON(b []byte) []byte {
	b = append(b, `{"severity":`...)
	b = jsonw.String(b, w.Severity)
	b = append(b, `,"code":`...)
	b = jsonw.String(b, w.Code)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, w.Message)
	b = append(b, `,"rule":`...)
	b = jsonw.Int(b, w.Rule)
	b = append(b, `,"field":`...)
	b = jsonw.String(b, w.Field)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, w.Value)
	b = append(b, `,"line":`...)
	b = jsonw.Int(b, w.Line)
	b = append(b, `,"column":`...)
	b = jsonw.Int(b, w.Column)
	b = append(b, `,"endLine":`...)
	b = jsonw.Int(b, w.EndLine)
	b = append(b, `,"endColumn":`...)
	b = jsonw.Int(b, w.EndColumn)
	b = append(b, `,"fix":`...)
	b = w.Fix.AppendJSON(b)
	return append(b, '}')
}
