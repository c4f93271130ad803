package paste

import "corsplay/internal/jsonw"

// AppendJSON appends r as encoding/json writes a *Result with
// SetEscapeHTML(false), null for nil (TestJSONMatchesStd): by hand, so
// that the WebAssembly engine does not link encoding/json. The page gets
// it through jsonw.EscapeHTML, as json.Marshal wrote it.
func (r *Result) AppendJSON(b []byte) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"kind":`...)
	b = jsonw.String(b, r.Kind)
	if r.Browser != "" {
		b = append(b, `,"browser":`...)
		b = jsonw.String(b, r.Browser)
	}
	b = append(b, `,"fetch":`...)
	b = r.Fetch.AppendJSON(b)
	if r.Resource != "" {
		b = append(b, `,"resource":`...)
		b = jsonw.String(b, r.Resource)
	}
	b = append(b, `,"preflight":`...)
	b = jsonw.Bool(b, r.Preflight)
	if r.Reason != "" {
		b = append(b, `,"reason":`...)
		b = jsonw.String(b, r.Reason)
	}
	if r.Status != 0 {
		b = append(b, `,"status":`...)
		b = jsonw.Int(b, r.Status)
	}
	if r.Value != "" {
		b = append(b, `,"value":`...)
		b = jsonw.String(b, r.Value)
	}
	if r.RedirectedFrom != "" {
		b = append(b, `,"redirectedFrom":`...)
		b = jsonw.String(b, r.RedirectedFrom)
	}
	if r.Body {
		b = append(b, `,"body":true`...)
	}
	b = append(b, `,"message":`...)
	b = jsonw.String(b, r.Message)
	b = append(b, `,"line":`...)
	b = jsonw.Int(b, r.Line)
	b = append(b, `,"notes":`...)
	b = jsonw.Strings(b, r.Notes)
	if len(r.Ask) > 0 {
		b = append(b, `,"ask":[`...)
		for i, a := range r.Ask {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"field":`...)
			b = jsonw.String(b, a.Field)
			b = append(b, `,"question":`...)
			b = jsonw.String(b, a.Question)
			b = append(b, `,"filled":`...)
			b = jsonw.String(b, a.Filled)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}
