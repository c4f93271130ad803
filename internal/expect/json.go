package expect

import (
	"corsplay/internal/jsonw"
	"corsplay/internal/recovered"
)

// AppendJSON writes the report as JSON (see docs/tests.md, "JSON output"):
//
//	{"passed": 2, "failed": 1, "error": null, "hypothetical": false,
//	 "rejected": null, "results": [{"index": 0, "name": "…", …}]}
func (rep *Report) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsonw.Key(b, "passed")
	b = jsonw.Int(b, rep.Passed)
	b = jsonw.Key(b, "failed")
	b = jsonw.Int(b, rep.Failed)
	b = jsonw.Key(b, "error")
	b = stringOrNull(b, rep.Error)
	b = jsonw.Key(b, "hypothetical")
	b = jsonw.Bool(b, rep.Hypothetical)
	b = jsonw.Key(b, "rejected")
	b = stringOrNull(b, rep.Rejected)
	b = jsonw.Key(b, "results")
	b = append(b, '[')
	for i := range rep.Results {
		if i > 0 {
			b = append(b, ',')
		}
		b = rep.Results[i].appendJSON(b, rep.RulePlaces)
	}
	return append(b, ']', '}')
}

// AppendJSON writes one result as JSON: every field of Result but the
// engine's whole answers, with lines and columns for places and 0-based
// rule numbers as in the contract.
func (res *Result) AppendJSON(b []byte) []byte {
	return res.appendJSON(b, nil)
}

// appendJSON writes a result whose configuration's rules are at places
// (nil: the report has none): "reason" names the matched or closest
// rule's place, and "rulePlace" holds it (for a passed test, the
// matched rule's), null when there is none.
func (res *Result) appendJSON(b []byte, places []RulePlace) []byte {
	b = append(b, '{')
	b = jsonw.Key(b, "index")
	b = jsonw.Int(b, res.Index)
	b = jsonw.Key(b, "name")
	b = jsonw.String(b, res.Name)
	b = jsonw.Key(b, "level")
	b = jsonw.String(b, res.Level)
	b = appendPos(b, res.Pos)
	b = jsonw.Key(b, "passed")
	b = jsonw.Bool(b, res.Passed)
	b = jsonw.Key(b, "error")
	b = stringOrNull(b, res.Error)
	b = jsonw.Key(b, "reason")
	b = jsonw.String(b, res.ReasonIn(places))
	b = jsonw.Key(b, "failures")
	b = append(b, '[')
	for i, f := range res.Failures {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsonw.Key(b, "check")
		b = jsonw.String(b, f.Check)
		if f.Header != "" {
			b = jsonw.Key(b, "header")
			b = jsonw.String(b, f.Header)
		}
		b = jsonw.Key(b, "expected")
		b = jsonw.String(b, f.Expected)
		b = jsonw.Key(b, "got")
		b = jsonw.String(b, f.Got)
		b = appendPos(b, f.Pos)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsonw.Key(b, "allowed")
	b = boolPtr(b, res.Allowed)
	b = jsonw.Key(b, "preflight")
	b = boolPtr(b, res.Preflight)
	b = jsonw.Key(b, "readable")
	b = jsonw.Strings(b, res.Readable)
	b = jsonw.Key(b, "message")
	b = jsonw.String(b, res.Message)
	b = jsonw.Key(b, "status")
	b = jsonw.Int(b, res.Status)
	b = jsonw.Key(b, "headers")
	b = jsonw.Pairs(b, res.Headers)
	b = jsonw.Key(b, "matchedRule")
	b = jsonw.IntPtr(b, res.MatchedRule)
	b = jsonw.Key(b, "closest")
	b = jsonw.String(b, res.Closest)
	b = jsonw.Key(b, "summary")
	b = jsonw.String(b, res.Summary)
	if places != nil {
		b = jsonw.Key(b, "rulePlace")
		rule := res.MatchedRule
		if rule == nil {
			rule = res.ClosestRule
		}
		if p, ok := placeOf(places, rule); ok {
			b = append(b, '{')
			b = jsonw.Key(b, "rule")
			b = jsonw.Int(b, *rule)
			b = jsonw.Key(b, "file")
			b = jsonw.String(b, p.File)
			b = jsonw.Key(b, "line")
			b = jsonw.Int(b, p.Line)
			b = jsonw.Key(b, "column")
			b = jsonw.Int(b, p.Column)
			b = jsonw.Key(b, "address")
			b = jsonw.String(b, p.Address)
			b = append(b, '}')
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, '}')
}

func appendPos(b []byte, p Pos) []byte {
	b = jsonw.Key(b, "line")
	b = jsonw.Int(b, p.Line)
	b = jsonw.Key(b, "column")
	return jsonw.Int(b, p.Column)
}

func stringOrNull(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return jsonw.String(b, s)
}

func boolPtr(b []byte, p *bool) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return jsonw.Bool(b, *p)
}

// RunJSON runs a test file given as JSON against config (nil: the file's
// own), for the WebAssembly bridge: the report's JSON, or
// {"error": {"message": …, "line": …, "column": …}} for a file Decode does
// not take. A file is decoded once while its text stays the same.
func (r *Runner) RunJSON(file []byte, config *string) (out []byte) {
	defer func() {
		if e := recover(); e != nil {
			out = errorJSON(&Error{Msg: "internal error: " + recovered.Text(e) + " (please report this test file)"})
		}
	}()
	if string(file) != r.lastSrc || r.lastFile == nil && r.lastErr == nil {
		r.lastSrc = string(file)
		r.lastFile, r.lastErr = Decode(file)
	}
	if r.lastErr != nil {
		e, _ := r.lastErr.(*Error)
		if e == nil {
			e = &Error{Msg: r.lastErr.Error()}
		}
		return errorJSON(e)
	}
	rep := r.Run(r.lastFile, config)
	return rep.AppendJSON(nil)
}

func errorJSON(e *Error) []byte {
	b := []byte(`{"error":{`)
	b = jsonw.Key(b, "message")
	b = jsonw.String(b, e.Msg)
	b = appendPos(b, e.Pos)
	return append(b, '}', '}')
}
