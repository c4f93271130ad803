package synth

import (
	"corsplay/internal/expect"
	"corsplay/internal/jsonw"
)

// AppendJSON writes c as {"tests": [...], "why": "...", "proven": bool,
// "text": "..."} (text is Text(): the conflict in one sentence).
func (c *Conflict) AppendJSON(b []byte) []byte {
	b = append(b, `{"tests":`...)
	b = jsonw.Strings(b, c.Tests)
	b = append(b, `,"why":`...)
	b = jsonw.String(b, c.Why)
	b = append(b, `,"proven":`...)
	b = jsonw.Bool(b, c.Proven)
	b = append(b, `,"text":`...)
	b = jsonw.String(b, c.Text())
	return append(b, '}')
}

func appendConflicts(b []byte, cs []Conflict) []byte {
	b = append(b, '[')
	for i := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = cs[i].AppendJSON(b)
	}
	return append(b, ']')
}

// AppendJSON writes the answer as {"config": text or null, "rules": n,
// "values": n, "empty": bool, "conflicts": [...], "passed": n,
// "failed": n}; passed and failed are the test runner's counts.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"config":`...)
	if r.Config != nil {
		b = jsonw.String(b, r.Text)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"rules":`...)
	b = jsonw.Int(b, r.Rules)
	b = append(b, `,"values":`...)
	b = jsonw.Int(b, r.Values)
	b = append(b, `,"empty":`...)
	b = jsonw.Bool(b, r.Empty)
	b = append(b, `,"conflicts":`...)
	b = appendConflicts(b, r.Conflicts)
	b = appendCounts(b, r.Report)
	return append(b, '}')
}

// AppendJSON writes the edit as {"config": text ("" when nothing
// changes), "diff": [{"op", "text"}], "changes": [...], "synthesized":
// bool, "conflicts": [...], "passed": n, "failed": n}.
func (e *Edit) AppendJSON(b []byte) []byte {
	b = append(b, `{"config":`...)
	b = jsonw.String(b, e.Config)
	b = append(b, `,"diff":[`...)
	for i, l := range e.Diff {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"op":`...)
		b = jsonw.String(b, l.Op)
		b = append(b, `,"text":`...)
		b = jsonw.String(b, l.Text)
		b = append(b, '}')
	}
	b = append(b, `],"changes":`...)
	b = jsonw.Strings(b, e.Changes)
	b = append(b, `,"synthesized":`...)
	b = jsonw.Bool(b, e.Synthesized)
	b = append(b, `,"conflicts":`...)
	b = appendConflicts(b, e.Conflicts)
	b = appendCounts(b, e.Report)
	return append(b, '}')
}

// appendCounts writes the runner's counts (0 and 0 when it did not run).
func appendCounts(b []byte, rep *expect.Report) []byte {
	p, f := 0, 0
	if rep != nil {
		p, f = rep.Passed, rep.Failed
	}
	b = append(b, `,"passed":`...)
	b = jsonw.Int(b, p)
	b = append(b, `,"failed":`...)
	return jsonw.Int(b, f)
}
