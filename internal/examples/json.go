package examples

import "corsplay/internal/jsonw"

// AppendJSON appends e as encoding/json writes an Example with
// SetEscapeHTML(false) (TestJSONMatchesStd): by hand, so that the
// WebAssembly engine does not link encoding/json. The page gets the
// gallery through jsonw.EscapeHTML, as json.Marshal wrote it.
func (e *Example) AppendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonw.String(b, e.Name)
	b = append(b, `,"title":`...)
	b = jsonw.String(b, e.Title)
	b = appendText(b, `,"description":`, e.Description)
	b = appendText(b, `,"problem":`, e.Problem)
	b = appendText(b, `,"explanation":`, e.Explanation)
	b = append(b, `,"scenario":`...)
	b = e.Scenario.AppendJSON(b)
	if len(e.Steps) > 0 {
		b = append(b, `,"steps":[`...)
		for i := range e.Steps {
			if i > 0 {
				b = append(b, ',')
			}
			s := &e.Steps[i]
			b = append(b, `{"label":`...)
			b = jsonw.String(b, s.Label)
			b = append(b, `,"scenario":`...)
			b = s.Scenario.AppendJSON(b)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendText(b, `,"source":`, e.Source)
	return append(b, '}')
}

// appendText writes an omitempty string member.
func appendText(b []byte, member, s string) []byte {
	if s == "" {
		return b
	}
	return jsonw.String(append(b, member...), s)
}

// AppendJSON appends list as a JSON list (null for nil), each as
// Example.AppendJSON writes it.
func AppendJSON(b []byte, list []Example) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = list[i].AppendJSON(b)
	}
	return append(b, ']')
}
