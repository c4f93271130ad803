package synth

import (
	"bytes"

	"corsplay/internal/browser"
	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/fix"
)

// Edit is what MakePass answers: the edited configuration and its diff
// against the old one, or the conflicts.
type Edit struct {
	// Config is the whole new text, in the form the old one was written
	// in (XML for a bucket that had none); Diff compares it with the old
	// text line by line. Both are empty when nothing needs to change.
	Config string
	Diff   []fix.Line
	// Changes says what each step did, in order.
	Changes []string
	// Synthesized is true when the old text could not be edited step by
	// step into one that passes, and Config is the synthesized
	// configuration written in the old text's form.
	Synthesized bool
	Conflicts   []Conflict
	// Report is the test runner's run of every test against Config (or
	// against the old text when nothing changed).
	Report *expect.Report
}

// maxEditSteps bounds MakePass's step-by-step edits before it gives up
// and writes the synthesized configuration instead.
const maxEditSteps = 12

// MakePass returns the smallest edit of src (a configuration in any form
// corsplay reads; empty for a bucket without one) that makes every test of
// f pass. It edits one step at a time with package fix's primitives, which
// keep the rest of the text as written: each step is the candidate that
// leaves the fewest tests failing (fix.Suggest for a blocked fetch;
// removing, replacing or moving a value or rule), as long as that number
// falls. When it stops short, the answer is the synthesized configuration
// (Synthesize) in the same form, or the conflicts that make every answer
// impossible.
func MakePass(src []byte, f *expect.File) *Edit {
	runner := expect.NewRunner(nil)
	if len(bytes.TrimSpace(src)) == 0 {
		return replaceWith(src, config.XML, f, runner)
	}
	cfg, err := config.Parse(src)
	if err != nil {
		return &Edit{Conflicts: []Conflict{{Tests: names(f, nil), Why: "the configuration does not parse: " + err.Error()}}}
	}
	text := string(src)
	rep := runner.Run(f, &text)
	if rep.Failed == 0 && rep.Error == "" {
		return &Edit{Report: &rep}
	}
	cur, curCfg, failed := src, cfg, rep.Failed
	var changes []string
	for step := 0; step < maxEditSteps && failed > 0; step++ {
		best, bestFailed, bestCost := (*fix.Fix)(nil), failed, 0
		var bestCfg *config.Config
		var bestRep expect.Report
		for _, c := range candidates(cur, curCfg, f, &rep) {
			if c == nil || c.Config == "" {
				continue
			}
			ncfg, err := config.Parse([]byte(c.Config))
			if err != nil {
				continue
			}
			t := c.Config
			r := runner.Run(f, &t)
			if r.Error != "" || r.Hypothetical {
				continue
			}
			cost := changed(c.Diff)
			if r.Failed < bestFailed || (best != nil && r.Failed == bestFailed && cost < bestCost) {
				best, bestFailed, bestCost, bestCfg, bestRep = c, r.Failed, cost, ncfg, r
			}
		}
		if best == nil {
			break
		}
		rep = bestRep
		cur, curCfg, failed = []byte(best.Config), bestCfg, bestFailed
		changes = append(changes, best.Summary)
	}
	if failed == 0 {
		return &Edit{Config: string(cur), Diff: fix.Diff(string(src), string(cur)), Changes: changes, Report: &rep}
	}
	return replaceWith(src, cfg.Form, f, runner)
}

// replaceWith answers with the synthesized configuration in form.
func replaceWith(src []byte, form config.Form, f *expect.File, runner *expect.Runner) *Edit {
	res := synthesize(f, runner)
	if len(res.Conflicts) > 0 || res.Config == nil {
		e := &Edit{Conflicts: res.Conflicts, Report: res.Report}
		if res.Empty && len(res.Conflicts) == 0 {
			e.Changes = []string{"Remove the CORS configuration: no test needs a rule (aws s3api delete-bucket-cors)"}
		}
		return e
	}
	out := string(config.Format(res.Config, form))
	sum := "Replace the configuration with the smallest one that passes every test (" + plural(res.Rules, "rule") + ", " + plural(res.Values, "value") + ")"
	if len(bytes.TrimSpace(src)) == 0 {
		sum = "Add a CORS configuration that passes every test (" + plural(res.Rules, "rule") + ", " + plural(res.Values, "value") + ")"
	}
	return &Edit{Config: out, Diff: fix.Diff(string(src), out), Changes: []string{sum}, Synthesized: true, Report: res.Report}
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return itoa(int64(n)) + " " + s + "s"
}

func changed(d []fix.Line) int {
	n := 0
	for _, l := range d {
		if l.Op != " " {
			n++
		}
	}
	return n
}

// candidates are the single steps worth trying from src.
func candidates(src []byte, cfg *config.Config, f *expect.File, rep *expect.Report) []*fix.Fix {
	var out []*fix.Fix
	add := func(c *fix.Fix, err error) {
		if err == nil && c != nil {
			out = append(out, c)
		}
	}
	var origins []string
	for _, res := range rep.Results {
		t := &f.Tests[res.Index]
		if t.Fetch == nil {
			continue
		}
		need, ok := needOf(t)
		if !ok {
			continue
		}
		if !contains(origins, need.Origin) && (t.Expect.Allowed == nil || *t.Expect.Allowed) {
			origins = append(origins, need.Origin)
		}
		if !res.Passed && (t.Expect.Allowed == nil || *t.Expect.Allowed) {
			if c := fix.Suggest(src, cfg, need); c != nil {
				out = append(out, c)
			}
		}
	}
	for ri := range cfg.Rules {
		r := &cfg.Rules[ri]
		for vi, v := range r.Values {
			if r.Count(v.Field) > 1 || (v.Field != config.FieldAllowedOrigin && v.Field != config.FieldAllowedMethod) {
				add(fix.Remove(src, cfg, ri, vi))
			}
			if v.Field == config.FieldAllowedOrigin {
				for _, o := range origins {
					if o != v.Text {
						add(fix.Replace(src, cfg, ri, vi, o))
					}
				}
			}
		}
		if len(cfg.Rules) > 1 {
			add(fix.RemoveRule(src, cfg, ri))
			for j := 0; j < ri; j++ {
				add(fix.Move(src, cfg, ri, j))
			}
		}
	}
	return out
}

// needOf is what a fetch test needs, as package fix takes it.
func needOf(t *expect.Test) (fix.Need, bool) {
	v, err := browser.Judge(yes, *t.Fetch, t.Browser)
	if err != nil || !v.CORS {
		return fix.Need{}, false
	}
	n := fix.Need{Origin: v.Request.Origin, Method: v.Request.Method, Headers: v.UnsafeHeaders, Credentials: v.Credentialed}
	for _, h := range t.Expect.Readable {
		if !safelisted(h) {
			n.Expose = append(n.Expose, h)
		}
	}
	return n, true
}
