package scenario

import "corsplay/internal/jsonw"

// MarshalJSON writes a rule exactly as encoding/json would write RuleOut
// without this method (TestMarshalRuleOut checks it), by hand: a 100-rule
// configuration's rules are most of an answer, written at every keystroke.
// A rule whose fields were omitted ("rule-fields") has only its index, ID,
// place and values.
func (r RuleOut) MarshalJSON() ([]byte, error) { return r.appendJSON(make([]byte, 0, 256)), nil }

func (r *RuleOut) appendJSON(b []byte) []byte {
	b = append(b, `{"index":`...)
	b = jsonw.Int(b, r.Index)
	b = append(b, `,"id":`...)
	b = jsonw.String(b, r.ID)
	if !r.fieldsOmitted {
		b = append(b, `,"allowedOrigins":`...)
		b = jsonw.Strings(b, r.AllowedOrigins)
		b = append(b, `,"allowedMethods":`...)
		b = jsonw.Strings(b, r.AllowedMethods)
		b = append(b, `,"allowedHeaders":`...)
		b = jsonw.Strings(b, r.AllowedHeaders)
		b = append(b, `,"exposeHeaders":`...)
		b = jsonw.Strings(b, r.ExposeHeaders)
		b = append(b, `,"maxAgeSeconds":`...)
		if r.MaxAgeSeconds == nil {
			b = append(b, "null"...)
		} else {
			b = jsonw.Int(b, *r.MaxAgeSeconds)
		}
	}
	b = r.Place.appendJSON(b)
	b = append(b, `,"values":`...)
	if r.Values == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Values {
			if i > 0 {
				b = append(b, ',')
			}
			v := &r.Values[i]
			b = append(b, `{"field":`...)
			b = jsonw.String(b, v.Field)
			b = append(b, `,"value":`...)
			b = jsonw.String(b, v.Value)
			b = v.Place.appendJSON(b)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendJSON writes the place's four members, each after a comma, as an
// embedded Place's members are written.
func (p *Place) appendJSON(b []byte) []byte {
	b = append(b, `,"line":`...)
	b = jsonw.Int(b, p.Line)
	b = append(b, `,"column":`...)
	b = jsonw.Int(b, p.Column)
	b = append(b, `,"endLine":`...)
	b = jsonw.Int(b, p.EndLine)
	b = append(b, `,"endColumn":`...)
	return jsonw.Int(b, p.EndColumn)
}
