package validation

import "corsplay/internal/jsonw"

// AppendJSON appends e as encoding/json writes an *S3Error with
// SetEscapeHTML(false), null for nil (TestJSONMatchesStd): by hand, so
// that the WebAssembly engine does not link encoding/json.
func (e *S3Error) AppendJSON(b []byte) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"status":`...)
	b = jsonw.Int(b, e.Status)
	b = append(b, `,"code":`...)
	b = jsonw.String(b, e.Code)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, e.Message)
	b = append(b, `,"plain":`...)
	b = jsonw.String(b, e.Plain)
	return append(b, '}')
}

// AppendJSON appends e as encoding/json writes a *ClientError, as
// S3Error's AppendJSON does.
func (e *ClientError) AppendJSON(b []byte) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"tool":`...)
	b = jsonw.String(b, e.Tool)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, e.Message)
	b = append(b, `,"plain":`...)
	b = jsonw.String(b, e.Plain)
	return append(b, '}')
}

// AppendJSONMembers appends p's members as encoding/json writes them,
// without the object's braces: a Problem is only written embedded in
// another struct (the scenario package's ProblemOut), whose writer adds
// its own members after these.
func (p *Problem) AppendJSONMembers(b []byte) []byte {
	b = append(b, `"severity":`...)
	b = jsonw.String(b, p.Severity)
	b = append(b, `,"code":`...)
	b = jsonw.String(b, p.Code)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, p.Message)
	b = append(b, `,"plain":`...)
	b = jsonw.String(b, p.Plain)
	b = append(b, `,"rule":`...)
	b = jsonw.Int(b, p.Rule)
	b = append(b, `,"field":`...)
	b = jsonw.String(b, p.Field)
	b = append(b, `,"value":`...)
	b = jsonw.String(b, p.Value)
	b = append(b, `,"verified":`...)
	return jsonw.Bool(b, p.Verified)
}
