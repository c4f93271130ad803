package synth

import (
	"bytes"
	"strings"

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

// Bounds on MakePass's step-by-step edits: steps, and test runs in all
// (each candidate costs one run of every test). Past them it writes the
// synthesized configuration instead.
const (
	maxEditSteps = 12
	maxEditRuns  = 600
	// maxTestRuns bounds the tests run in all (runs × tests), so that a
	// large test file gets fewer candidates rather than a long wait.
	maxTestRuns = 15000
	// plateauSize is how many equally good steps are looked past; newRules
	// how many failing tests get a rule of their own as a candidate.
	plateauSize = 12
	newRules    = 2
	// maxCandidates bounds the steps tried from one configuration;
	// maxMoveRules is the most rules whose every reordering is tried.
	maxCandidates = 300
	maxMoveRules  = 20
)

// state is one configuration MakePass reached.
type state struct {
	src     []byte
	cfg     *config.Config
	rep     expect.Report
	score   int // failing tests, plus one while S3 would reject the text
	changes []string
	cost    int // lines changed from the original text (-1: not yet counted)
}

// MakePass returns the smallest edit of src (a configuration in any form
// corsplay reads; empty for a bucket without one) that makes every test of
// f pass. It edits one step at a time with package fix's primitives, which
// keep the rest of the text as written: each step is the candidate that
// leaves the fewest tests failing (fix.Suggest for a blocked fetch; adding a
// rule for it; removing, replacing or moving a value or rule; the
// MaxAgeSeconds a test expects), and when no single step lowers that number,
// the best two steps that do. The synthesized configuration (Synthesize),
// written in the same form, is the answer instead when the steps stop short
// or change more lines; the conflicts are the answer when no configuration
// passes every test.
func MakePass(src []byte, f *expect.File) *Edit {
	runner := expect.NewRunner(nil)
	if len(bytes.TrimSpace(src)) == 0 {
		return replaceWith(src, config.XML, f, runner)
	}
	cfg, err := config.Parse(src)
	if err != nil {
		return &Edit{Conflicts: []Conflict{{Tests: names(f, nil), Why: "the configuration does not parse: " + err.Error()}}}
	}
	// What each fetch needs, judged once.
	needs := make([]*fix.Need, len(f.Tests))
	for i := range f.Tests {
		if f.Tests[i].Fetch != nil {
			if n, ok := needOf(&f.Tests[i]); ok {
				needs[i] = &n
			}
		}
	}
	runs, maxRuns := 0, maxEditRuns
	if len(f.Tests) > 0 {
		maxRuns = max(10, min(maxEditRuns, maxTestRuns/len(f.Tests)))
	}
	eval := func(text []byte, c *config.Config, changes []string) *state {
		runs++
		t := string(text)
		rep := runner.Run(f, &t)
		if rep.Error != "" {
			return nil
		}
		st := &state{src: text, cfg: c, rep: rep, score: rep.Failed, changes: changes, cost: -1}
		if rep.Hypothetical {
			st.score++
		}
		return st
	}
	cur := eval(src, cfg, nil)
	if cur == nil {
		return &Edit{Conflicts: []Conflict{{Tests: names(f, nil), Why: "the configuration cannot be used"}}}
	}
	if cur.score == 0 {
		return &Edit{Report: &cur.rep}
	}
	// next returns the states one step from st, scored.
	next := func(st *state) []*state {
		if runs >= maxRuns {
			return nil
		}
		var out []*state
		seen := map[string]bool{}
		for _, c := range candidates(st.src, st.cfg, f, &st.rep, needs, maxRuns-runs) {
			if runs >= maxRuns {
				break
			}
			if seen[c.Config] {
				continue // several steps often write the same text
			}
			seen[c.Config] = true
			ncfg, err := config.Parse([]byte(c.Config))
			if err != nil {
				continue
			}
			if n := eval([]byte(c.Config), ncfg, append(append([]string{}, st.changes...), c.Summary)); n != nil {
				out = append(out, n)
			}
		}
		return out
	}
	cost := func(st *state) int {
		if st.cost < 0 {
			st.cost = changed(fix.Diff(string(src), string(st.src)))
		}
		return st.cost
	}
	better := func(a, b *state) bool { // a before b
		if b == nil {
			return true
		}
		if a.score != b.score {
			return a.score < b.score
		}
		return cost(a) < cost(b)
	}
	for step := 0; step < maxEditSteps && cur.score > 0 && runs < maxRuns; step++ {
		var best *state
		var plateau []*state
		for _, n := range next(cur) {
			if n.score < cur.score && better(n, best) {
				best = n
			}
			if n.score == cur.score && len(plateau) < plateauSize {
				plateau = append(plateau, n)
			}
		}
		if best == nil {
			// No single step helps: two steps, the first one not making
			// things worse.
			for _, p := range plateau {
				for _, n := range next(p) {
					if n.score < cur.score && better(n, best) {
						best = n
					}
				}
			}
		}
		if best == nil {
			break
		}
		cur = best
	}
	repl := replaceWith(src, cfg.Form, f, runner)
	if cur.score == 0 {
		e := &Edit{Config: string(cur.src), Diff: fix.Diff(string(src), string(cur.src)), Changes: cur.changes, Report: &cur.rep}
		if repl.Config == "" || changed(e.Diff) <= changed(repl.Diff) {
			return e
		}
	}
	return repl
}

// replaceWith answers with the synthesized configuration in form.
func replaceWith(src []byte, form config.Form, f *expect.File, runner *expect.Runner) *Edit {
	res := synthesize(f, runner)
	if len(res.Conflicts) > 0 || res.Config == nil {
		e := &Edit{Conflicts: res.Conflicts, Report: res.Report}
		if res.Empty && len(res.Conflicts) == 0 && len(bytes.TrimSpace(src)) > 0 {
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
// At most limit (and maxCandidates) are made: each costs an edit and a
// diff of the whole text.
func candidates(src []byte, cfg *config.Config, f *expect.File, rep *expect.Report, needs []*fix.Need, limit int) []*fix.Fix {
	var out []*fix.Fix
	limit = min(limit, maxCandidates)
	full := func() bool { return len(out) >= limit }
	add := func(c *fix.Fix, err error) {
		if err == nil && c != nil && !full() {
			out = append(out, c)
		}
	}
	var origins, maxAges []string
	ruled := 0
	for _, res := range rep.Results {
		t := &f.Tests[res.Index]
		if t.Request != nil {
			for _, h := range t.Expect.Headers {
				if h.Value == nil {
					continue
				}
				switch strings.ToLower(h.Name) {
				case "access-control-allow-origin":
					if !contains(origins, *h.Value) {
						origins = append(origins, *h.Value)
					}
				case "access-control-max-age":
					if !contains(maxAges, *h.Value) {
						maxAges = append(maxAges, *h.Value)
					}
				}
			}
		}
		if needs[res.Index] == nil {
			continue
		}
		need := *needs[res.Index]
		if !contains(origins, need.Origin) && (t.Expect.Allowed == nil || *t.Expect.Allowed) {
			origins = append(origins, need.Origin)
		}
		if !res.Passed && (t.Expect.Allowed == nil || *t.Expect.Allowed) && !full() {
			add(fix.Suggest(src, cfg, need), nil)
			// A rule of its own, first or last, for a need that must not
			// share a rule (other exposed headers, other methods).
			if ruled < newRules {
				ruled++
				spec := fix.RuleSpec{AllowedOrigins: []string{need.Origin}, AllowedMethods: []string{need.Method}, AllowedHeaders: need.Headers, ExposeHeaders: need.Expose}
				add(fix.AddRule(src, cfg, 0, spec))
				add(fix.AddRule(src, cfg, -1, spec))
			}
		}
	}
	for ri := 0; ri < len(cfg.Rules) && !full(); ri++ {
		r := &cfg.Rules[ri]
		for vi, v := range r.Values {
			if full() {
				break
			}
			if r.Count(v.Field) > 1 || (v.Field != config.FieldAllowedOrigin && v.Field != config.FieldAllowedMethod) {
				add(fix.Remove(src, cfg, ri, vi))
			}
			if v.Field == config.FieldAllowedMethod && strings.ToUpper(v.Text) != v.Text {
				add(fix.Replace(src, cfg, ri, vi, strings.ToUpper(v.Text)))
			}
			if v.Field == config.FieldMaxAgeSeconds {
				for _, m := range maxAges {
					add(fix.Replace(src, cfg, ri, vi, m))
				}
			}
			if v.Field == config.FieldAllowedOrigin {
				for _, o := range origins {
					if o != v.Text {
						add(fix.Replace(src, cfg, ri, vi, o))
					}
				}
			}
		}
		if r.Count(config.FieldMaxAgeSeconds) == 0 {
			for _, m := range maxAges {
				add(fix.Add(src, cfg, ri, config.FieldMaxAgeSeconds, m))
			}
		}
		if len(cfg.Rules) > 1 {
			add(fix.RemoveRule(src, cfg, ri))
		}
		if len(cfg.Rules) > 1 && len(cfg.Rules) <= maxMoveRules {
			for j := 0; j < ri && !full(); j++ {
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
