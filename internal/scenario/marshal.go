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

// appendConfig writes c as encoding/json writes it (TestMarshalParts).
func appendConfig(b []byte, c *ConfigOut) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"format":`...)
	b = jsonw.String(b, c.Format)
	b = append(b, `,"size":`...)
	b = jsonw.Int(b, c.Size)
	b = append(b, `,"rules":`...)
	if c.Rules == nil {
		return append(b, "null}"...)
	}
	b = append(b, '[')
	for i := range c.Rules {
		if i > 0 {
			b = append(b, ',')
		}
		b = c.Rules[i].appendJSON(b)
	}
	return append(b, "]}"...)
}

// AppendJSON appends e as encoding/json writes it, null for nil
// (TestMarshalParts): the browser verdict's evaluations write themselves
// through it.
func (e *EvaluationOut) AppendJSON(b []byte) []byte { return appendEvaluation(b, e) }

// appendEvaluation writes e as encoding/json writes it (TestMarshalParts).
func appendEvaluation(b []byte, e *EvaluationOut) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"kind":`...)
	b = jsonw.String(b, e.Kind)
	b = append(b, `,"hypothetical":`...)
	b = jsonw.Bool(b, e.Hypothetical)
	b = append(b, `,"matchedRule":`...)
	if e.MatchedRule == nil {
		b = append(b, "null"...)
	} else {
		b = jsonw.Int(b, *e.MatchedRule)
	}
	b = append(b, `,"summary":`...)
	b = jsonw.String(b, e.Summary)
	b = append(b, `,"evidence":{"level":`...)
	b = jsonw.String(b, e.Evidence.Level)
	b = append(b, `,"source":`...)
	b = jsonw.String(b, e.Evidence.Source)
	b = append(b, `},"rules":`...)
	if e.Rules == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range e.Rules {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.Rules[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	r := &e.Response
	b = append(b, `,"response":{"status":`...)
	b = jsonw.Int(b, r.Status)
	b = append(b, `,"statusText":`...)
	b = jsonw.String(b, r.StatusText)
	b = append(b, `,"headers":`...)
	if r.Headers == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, h := range r.Headers {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = jsonw.String(b, h[0])
			b = append(b, ',')
			b = jsonw.String(b, h[1])
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	b = append(b, `,"error":`...)
	if d := r.Error; d == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"code":`...)
		b = jsonw.String(b, d.Code)
		b = append(b, `,"message":`...)
		b = jsonw.String(b, d.Message)
		if d.Method != "" {
			b = append(b, `,"method":`...)
			b = jsonw.String(b, d.Method)
		}
		if d.ResourceType != "" {
			b = append(b, `,"resourceType":`...)
			b = jsonw.String(b, d.ResourceType)
		}
		b = append(b, '}')
	}
	b = append(b, `,"body":`...)
	b = jsonw.String(b, r.Body)
	return append(b, "}}"...)
}
