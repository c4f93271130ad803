package gallery

import "corsplay/internal/jsonw"

// AppendJSON appends it as encoding/json writes an Item with
// SetEscapeHTML(false) (TestJSONMatchesStd): by hand, so that the
// WebAssembly engine does not link encoding/json. The page gets the
// gallery through jsonw.EscapeHTML, as json.Marshal wrote it.
func (it *Item) AppendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = jsonw.String(b, it.Name)
	b = append(b, `,"title":`...)
	b = jsonw.String(b, it.Title)
	b = append(b, `,"problem":`...)
	b = jsonw.String(b, it.Problem)
	b = append(b, `,"explanation":`...)
	b = jsonw.String(b, it.Explanation)
	b = append(b, `,"scenario":`...)
	b = it.Scenario.AppendJSON(b)
	if len(it.Steps) > 0 {
		b = append(b, `,"steps":[`...)
		for i := range it.Steps {
			if i > 0 {
				b = append(b, ',')
			}
			s := &it.Steps[i]
			b = append(b, `{"label":`...)
			b = jsonw.String(b, s.Label)
			b = append(b, `,"scenario":`...)
			b = s.Scenario.AppendJSON(b)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"source":`...)
	b = jsonw.String(b, it.Source)
	return append(b, '}')
}

// AppendJSON appends items as a JSON list (null for nil), each as
// Item.AppendJSON writes it.
func AppendJSON(b []byte, items []Item) []byte {
	if items == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = items[i].AppendJSON(b)
	}
	return append(b, ']')
}
