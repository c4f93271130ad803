package browser

import (
	"slices"

	"corsplay/internal/jsonw"
)

// The verdict's JSON is written by hand, byte for byte as encoding/json
// writes these types with SetEscapeHTML(false) (TestJSONMatchesStd), so
// that the WebAssembly engine does not link encoding/json.

// AppendJSON appends v's JSON; nil is null.
func (v *Verdict) AppendJSON(b []byte) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"name":`...)
	b = jsonw.String(b, v.Name)
	b = append(b, `,"cors":`...)
	b = jsonw.Bool(b, v.CORS)
	b = append(b, `,"request":`...)
	b = v.Request.AppendJSON(b)
	b = append(b, `,"credentialed":`...)
	b = jsonw.Bool(b, v.Credentialed)
	b = append(b, `,"unsafeHeaders":`...)
	b = jsonw.Strings(b, v.UnsafeHeaders)
	b = append(b, `,"notes":`...)
	b = jsonw.Strings(b, v.Notes)
	b = append(b, `,"preflight":{"needed":`...)
	b = jsonw.Bool(b, v.Preflight.Needed)
	b = append(b, `,"reasons":`...)
	if v.Preflight.Reasons == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range v.Preflight.Reasons {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = jsonw.String(b, r.Kind)
			b = append(b, `,"name":`...)
			b = jsonw.String(b, r.Name)
			b = append(b, `,"why":`...)
			b = jsonw.String(b, r.Why)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, ',')
	b = v.Preflight.Exchange.appendMembers(b)
	b = append(b, `},"actual":{`...)
	b = v.Actual.appendMembers(b)
	b = append(b, `},"allowed":`...)
	b = jsonw.Bool(b, v.Allowed)
	b = append(b, `,"opaque":`...)
	b = jsonw.Bool(b, v.Opaque)
	b = append(b, `,"failure":`...)
	b = v.Failure.AppendJSON(b)
	b = append(b, `,"message":`...)
	b = jsonw.String(b, v.Message)
	b = append(b, `,"messages":`...)
	b = appendMap(b, v.Messages, jsonw.String)
	b = append(b, `,"allowedIn":`...)
	b = appendMap(b, v.AllowedIn, jsonw.Bool)
	b = append(b, `,"console":`...)
	b = jsonw.Strings(b, v.Console)
	b = append(b, `,"rejection":`...)
	b = jsonw.String(b, v.Rejection)
	b = append(b, `,"readableHeaders":`...)
	b = jsonw.Strings(b, v.ReadableHeaders)
	b = append(b, `,"hiddenHeaders":`...)
	b = jsonw.Strings(b, v.HiddenHeaders)
	b = append(b, `,"cache":`...)
	b = v.Cache.AppendJSON(b)
	b = append(b, `,"summary":`...)
	b = jsonw.String(b, v.Summary)
	if v.Hypothetical {
		b = append(b, `,"hypothetical":true`...)
	}
	if v.Reality != "" {
		b = append(b, `,"reality":`...)
		b = jsonw.String(b, v.Reality)
	}
	return append(b, '}')
}

// AppendJSON appends r's JSON.
func (r *Request) AppendJSON(b []byte) []byte {
	b = append(b, `{"origin":`...)
	b = jsonw.String(b, r.Origin)
	b = append(b, `,"url":`...)
	b = jsonw.String(b, r.URL)
	b = append(b, `,"method":`...)
	b = jsonw.String(b, r.Method)
	b = append(b, `,"headers":`...)
	b = jsonw.Pairs(b, r.Headers)
	b = append(b, `,"ignored":`...)
	b = jsonw.Strings(b, r.Ignored)
	b = append(b, `,"credentials":`...)
	b = jsonw.String(b, r.Credentials)
	b = append(b, `,"mode":`...)
	b = jsonw.String(b, r.Mode)
	b = append(b, `,"target":`...)
	b = r.Target.AppendJSON(b)
	return append(b, '}')
}

// AppendJSON appends t's JSON.
func (t *Target) AppendJSON(b []byte) []byte {
	b = append(b, `{"style":`...)
	b = jsonw.String(b, t.Style)
	b = append(b, `,"endpoint":`...)
	b = jsonw.String(b, t.Endpoint)
	b = append(b, `,"region":`...)
	b = jsonw.String(b, t.Region)
	b = append(b, `,"bucket":`...)
	b = jsonw.String(b, t.Bucket)
	b = append(b, `,"key":`...)
	b = jsonw.String(b, t.Key)
	b = append(b, `,"kind":`...)
	b = jsonw.String(b, t.Kind)
	b = append(b, `,"query":`...)
	b = jsonw.String(b, t.Query)
	if t.Note != "" {
		b = append(b, `,"note":`...)
		b = jsonw.String(b, t.Note)
	}
	return append(b, '}')
}

// AppendJSON appends e's JSON.
func (e *Exchange) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = e.appendMembers(b)
	return append(b, '}')
}

// appendMembers writes e's members without braces, as they also appear
// in Preflight, which embeds an Exchange.
func (e *Exchange) appendMembers(b []byte) []byte {
	b = append(b, `"sent":`...)
	b = jsonw.Bool(b, e.Sent)
	b = append(b, `,"request":`...)
	if r := e.Request; r == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"method":`...)
		b = jsonw.String(b, r.Method)
		b = append(b, `,"url":`...)
		b = jsonw.String(b, r.URL)
		b = append(b, `,"headers":`...)
		b = jsonw.Pairs(b, r.Headers)
		b = append(b, '}')
	}
	if e.Operation != "" {
		b = append(b, `,"operation":`...)
		b = jsonw.String(b, e.Operation)
	}
	b = append(b, `,"response":`...)
	if r := e.Response; r == nil {
		b = append(b, "null"...)
	} else {
		b = r.AppendJSON(b)
	}
	b = append(b, `,"evaluation":`...)
	if e.Evaluation == nil {
		b = append(b, "null"...)
	} else {
		b = e.Evaluation.AppendJSON(b)
	}
	b = append(b, `,"matchedRule":`...)
	b = jsonw.IntPtr(b, e.MatchedRule)
	b = append(b, `,"checks":`...)
	if e.Checks == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range e.Checks {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"step":`...)
			b = jsonw.String(b, c.Step)
			b = append(b, `,"ok":`...)
			b = jsonw.Bool(b, c.OK)
			b = append(b, `,"detail":`...)
			b = jsonw.String(b, c.Detail)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"ok":`...)
	return jsonw.Bool(b, e.OK)
}

// AppendJSON appends f's JSON; nil is null.
func (f *Failure) AppendJSON(b []byte) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"stage":`...)
	b = jsonw.String(b, f.Stage)
	b = append(b, `,"kind":`...)
	b = jsonw.String(b, f.Kind)
	if f.Value != "" {
		b = append(b, `,"value":`...)
		b = jsonw.String(b, f.Value)
	}
	if f.Status != 0 {
		b = append(b, `,"status":`...)
		b = jsonw.Int(b, f.Status)
	}
	if f.Issue != "" {
		b = append(b, `,"devtoolsIssue":`...)
		b = jsonw.String(b, f.Issue)
	}
	return append(b, '}')
}

// AppendJSON appends c's JSON; nil is null.
func (c *Cache) AppendJSON(b []byte) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"maxAgeSeconds":`...)
	b = jsonw.IntPtr(b, c.MaxAgeSeconds)
	b = append(b, `,"effectiveSeconds":`...)
	b = jsonw.Int(b, c.EffectiveSeconds)
	b = append(b, `,"capSeconds":`...)
	b = jsonw.Int(b, c.CapSeconds)
	b = append(b, `,"browsers":`...)
	b = appendMap(b, c.Browsers, jsonw.Int)
	b = append(b, `,"note":`...)
	b = jsonw.String(b, c.Note)
	return append(b, '}')
}

// AppendJSON appends f's JSON (its headers as header.List writes them).
func (f *Fetch) AppendJSON(b []byte) []byte {
	b = append(b, `{"origin":`...)
	b = jsonw.String(b, f.Origin)
	b = append(b, `,"url":`...)
	b = jsonw.String(b, f.URL)
	if f.Method != "" {
		b = append(b, `,"method":`...)
		b = jsonw.String(b, f.Method)
	}
	if len(f.Headers) > 0 {
		b = append(b, `,"headers":`...)
		b = f.Headers.AppendJSON(b)
	}
	if f.Credentials != "" {
		b = append(b, `,"credentials":`...)
		b = jsonw.String(b, f.Credentials)
	}
	if f.Mode != "" {
		b = append(b, `,"mode":`...)
		b = jsonw.String(b, f.Mode)
	}
	return append(b, '}')
}

// appendMap writes m as encoding/json writes a map with string keys:
// null for nil, else its members in the keys' byte order.
func appendMap[V any](b []byte, m map[string]V, value func([]byte, V) []byte) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.String(b, k)
		b = append(b, ':')
		b = value(b, m[k])
	}
	return append(b, '}')
}
