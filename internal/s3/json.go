package s3

import "corsplay/internal/jsonw"

// MarshalJSON writes a verdict exactly as encoding/json would write
// RuleVerdict without this method (TestMarshalRuleVerdict checks it), by
// hand: an evaluation of a 100-rule configuration is 100 of them, written
// at every keystroke.
func (v RuleVerdict) MarshalJSON() ([]byte, error) { return v.AppendJSON(make([]byte, 0, 512)), nil }

// AppendJSON appends v's JSON (see MarshalJSON) to b.
func (v *RuleVerdict) AppendJSON(b []byte) []byte {
	b = append(b, `{"index":`...)
	b = jsonw.Int(b, v.Index)
	b = append(b, `,"id":`...)
	b = jsonw.String(b, v.ID)
	b = append(b, `,"matched":`...)
	b = jsonw.Bool(b, v.Matched)
	b = append(b, `,"skipped":`...)
	b = jsonw.Bool(b, v.Skipped)
	b = append(b, `,"wouldMatch":`...)
	b = jsonw.Bool(b, v.Would)
	b = append(b, `,"reason":`...)
	b = jsonw.String(b, v.Reason)
	if v.Origin != (Check{}) {
		b = append(b, `,"origin":`...)
		b = v.Origin.appendJSON(b)
	}
	if v.Method != (Check{}) {
		b = append(b, `,"method":`...)
		b = v.Method.appendJSON(b)
	}
	if v.Headers != nil {
		b = append(b, `,"headers":[`...)
		for i := range v.Headers {
			if i > 0 {
				b = append(b, ',')
			}
			h := &v.Headers[i]
			b = append(b, `{"name":`...)
			b = jsonw.String(b, h.Name)
			b = append(b, `,"ok":`...)
			b = jsonw.Bool(b, h.OK)
			if h.Pattern != "" {
				b = append(b, `,"pattern":`...)
				b = jsonw.String(b, h.Pattern)
			}
			b = append(b, `,"reason":`...)
			b = jsonw.String(b, h.Reason)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (c *Check) appendJSON(b []byte) []byte {
	b = append(b, `{"ok":`...)
	b = jsonw.Bool(b, c.OK)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, c.Value)
	if c.Pattern != "" {
		b = append(b, `,"pattern":`...)
		b = jsonw.String(b, c.Pattern)
	}
	b = append(b, `,"reason":`...)
	b = jsonw.String(b, c.Reason)
	return append(b, '}')
}

// AppendJSON appends d as encoding/json writes an *ErrorDoc with
// SetEscapeHTML(false), null for nil (TestMarshalErrorDoc).
func (d *ErrorDoc) AppendJSON(b []byte) []byte {
	if d == nil {
		return append(b, "null"...)
	}
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
	return append(b, '}')
}

// AppendJSON appends e as encoding/json writes an Evidence with
// SetEscapeHTML(false).
func (e *Evidence) AppendJSON(b []byte) []byte {
	b = append(b, `{"level":`...)
	b = jsonw.String(b, e.Level)
	b = append(b, `,"source":`...)
	b = jsonw.String(b, e.Source)
	b = append(b, `,"plain":`...)
	b = jsonw.String(b, e.Plain)
	b = append(b, `,"cases":`...)
	b = jsonw.Strings(b, e.Cases)
	return append(b, '}')
}

// AppendJSON appends r's JSON as encoding/json writes Response (the
// contract's evaluation.response and the browser verdict's responses).
func (r *Response) AppendJSON(b []byte) []byte {
	b = append(b, `{"status":`...)
	b = jsonw.Int(b, r.Status)
	b = append(b, `,"statusText":`...)
	b = jsonw.String(b, r.StatusText)
	b = append(b, `,"headers":`...)
	b = jsonw.Pairs(b, r.Headers)
	b = append(b, `,"error":`...)
	b = r.Error.AppendJSON(b)
	b = append(b, `,"body":`...)
	b = jsonw.String(b, r.Body)
	return append(b, '}')
}
