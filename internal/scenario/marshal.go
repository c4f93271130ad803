package scenario

import (
	"sync"

	"corsplay/internal/jsonw"
	"corsplay/internal/lint"
)

// The contract's JSON is written by hand, byte for byte as encoding/json
// writes these types with SetEscapeHTML(false) (TestMarshalMatchesStd
// compares them on every golden scenario, the examples, the gallery and
// random values), so that the WebAssembly engine does not link
// encoding/json.

// Marshal writes an Output as JSON, without HTML escaping.
func Marshal(o Output) []byte {
	// Written into a reused buffer, then copied once at its size, as
	// encoding/json did: a 100-rule answer is 220 KB, and growing a new
	// buffer to it allocates twice that.
	p := marshalBuf.Get().(*[]byte)
	b := o.AppendJSON((*p)[:0])
	out := append([]byte(nil), b...)
	*p = b
	marshalBuf.Put(p)
	return out
}

var marshalBuf = sync.Pool{New: func() any { return new([]byte) }}

// AppendJSON appends o's JSON (see Marshal).
func (o *Output) AppendJSON(b []byte) []byte {
	b = append(b, `{"config":`...)
	b = o.Config.AppendJSON(b)
	b = append(b, `,"validation":`...)
	b = o.Validation.AppendJSON(b)
	b = append(b, `,"evaluation":`...)
	b = appendEvaluation(b, o.Evaluation)
	if o.Browser != nil {
		b = append(b, `,"browser":`...)
		b = o.Browser.AppendJSON(b)
	}
	if o.Fix != nil {
		b = append(b, `,"fix":`...)
		b = o.Fix.AppendJSON(b)
	}
	if o.Lint != nil {
		b = append(b, `,"lint":`...)
		b = AppendLint(b, o.Lint)
	}
	b = append(b, `,"error":`...)
	if o.Error == nil {
		return append(b, "null}"...)
	}
	b = append(b, `{"message":`...)
	b = jsonw.String(b, o.Error.Message)
	if o.Error.Code != "" {
		b = append(b, `,"code":`...)
		b = jsonw.String(b, o.Error.Code)
	}
	return append(b, "}}"...)
}

// ErrorJSON is the answer to a scenario the engine cannot take, as
// json.Marshal wrote it (HTML escaping on, unlike Marshal).
func ErrorJSON(e *ErrorOut) []byte { return jsonw.EscapeHTML(Marshal(Output{Error: e})) }

// AppendJSON appends v's JSON; nil is null.
func (v *ValidationOut) AppendJSON(b []byte) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"accepted":`...)
	b = jsonw.Bool(b, v.Accepted)
	b = append(b, `,"s3Error":`...)
	b = v.S3Error.AppendJSON(b)
	b = append(b, `,"clientError":`...)
	b = v.ClientError.AppendJSON(b)
	b = append(b, `,"problems":`...)
	if v.Problems == nil {
		return append(b, "null}"...)
	}
	b = append(b, '[')
	for i := range v.Problems {
		if i > 0 {
			b = append(b, ',')
		}
		p := &v.Problems[i]
		b = append(b, '{')
		b = p.Problem.AppendJSONMembers(b)
		b = p.Place.appendJSON(b)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// AppendLint appends lint's warnings; nil is null.
func AppendLint(b []byte, ws []lint.Warning) []byte {
	if ws == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range ws {
		if i > 0 {
			b = append(b, ',')
		}
		b = ws[i].AppendJSON(b)
	}
	return append(b, ']')
}

// AppendJSON appends in's JSON, as encoding/json writes an Input (its
// headers as header.List writes them).
func (in *Input) AppendJSON(b []byte) []byte {
	b = append(b, `{"bucket":{`...)
	if in.Bucket.Exists != nil {
		b = append(b, `"exists":`...)
		b = jsonw.Bool(b, *in.Bucket.Exists)
		b = append(b, ',')
	}
	b = append(b, `"cors":`...)
	if in.Bucket.CORS == nil {
		b = append(b, "null"...)
	} else {
		b = jsonw.String(b, *in.Bucket.CORS)
	}
	if in.Bucket.Rev != 0 {
		b = append(b, `,"corsRev":`...)
		b = jsonw.Int(b, in.Bucket.Rev)
	}
	if e := in.Bucket.Edit; e != nil {
		b = append(b, `,"corsEdit":{"base":`...)
		b = jsonw.Int(b, e.Base)
		b = append(b, `,"rev":`...)
		b = jsonw.Int(b, e.Rev)
		b = append(b, `,"from":`...)
		b = jsonw.Int(b, e.From)
		b = append(b, `,"to":`...)
		b = jsonw.Int(b, e.To)
		b = append(b, `,"text":`...)
		b = jsonw.String(b, e.Text)
		b = append(b, '}')
	}
	if in.Bucket.Size != 0 {
		b = append(b, `,"corsSize":`...)
		b = jsonw.Int(b, in.Bucket.Size)
	}
	r := &in.Request
	b = append(b, `},"request":{"method":`...)
	b = jsonw.String(b, r.Method)
	b = append(b, `,"target":`...)
	b = jsonw.String(b, r.Target)
	b = append(b, `,"headers":`...)
	b = r.Headers.AppendJSON(b)
	if r.OperationStatus != 0 {
		b = append(b, `,"operationStatus":`...)
		b = jsonw.Int(b, r.OperationStatus)
	}
	b = append(b, '}')
	if in.Fetch != nil {
		b = append(b, `,"fetch":`...)
		b = in.Fetch.AppendJSON(b)
	}
	if in.Browser != "" {
		b = append(b, `,"browser":`...)
		b = jsonw.String(b, in.Browser)
	}
	if len(in.Omit) > 0 {
		b = append(b, `,"omit":`...)
		b = jsonw.Strings(b, in.Omit)
	}
	return append(b, '}')
}

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

// AppendJSON appends c as encoding/json writes it, null for nil
// (TestMarshalParts).
func (c *ConfigOut) AppendJSON(b []byte) []byte {
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
	b = append(b, `,"evidence":`...)
	b = e.Evidence.AppendJSON(b)
	b = append(b, `,"rules":`...)
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
	b = append(b, `,"response":`...)
	b = e.Response.AppendJSON(b)
	return append(b, '}')
}
