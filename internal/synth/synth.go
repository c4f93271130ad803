package synth

import (
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/validation"
)

// Limits. MaxTests bounds the work of one synthesis (the search is
// polynomial per step, but a hostile file could list thousands of tests);
// Budget is the number of search steps, after which the best configuration
// found so far is the answer.
const (
	MaxTests = 500
	Budget   = 20000
	// MaxRules is S3's limit on CORSRules in a configuration.
	MaxRules = 100
)

// Result is what Synthesize answers: a configuration, or the conflicts.
type Result struct {
	// Config is the configuration (nil when there are conflicts); Text is
	// it written as XML.
	Config *config.Config
	Text   string
	// Rules and Values count what Config holds.
	Rules, Values int
	// Conflicts name the tests that cannot all hold, and why.
	Conflicts []Conflict
	// Empty is true when no test needs any rule: every test passes with no
	// CORS configuration at all, and S3 accepts none without a rule.
	Empty bool
	// Report is the test runner's run of every test against Config.
	Report *expect.Report
}

// Conflict is a set of tests that cannot all hold.
type Conflict struct {
	Tests []string // the tests' names
	Why   string
	// Proven is true when the tests cannot hold together under any
	// configuration (shown by construction: the same request needs two
	// different answers, a rule that gives one also gives the other...).
	// False when the test runner found the tests failing with the
	// smallest configuration for the rest: a need synthesis does not model
	// (a console message, say), which another configuration might meet.
	Proven bool
}

// Text is the conflict in one sentence.
func (c Conflict) Text() string {
	names := make([]string, len(c.Tests))
	for i, n := range c.Tests {
		names[i] = strconv.Quote(n)
	}
	s := "test " + names[0]
	if len(names) > 1 {
		s = "tests " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
		return s + " cannot all hold: " + c.Why
	}
	return s + " cannot hold: " + c.Why
}

// Synthesize returns the smallest configuration that passes every test of
// f: fewest rules, then fewest values, "*" only where a test needs it. The
// configuration is run through the test runner before it is returned.
func Synthesize(f *expect.File) *Result {
	return synthesize(f, expect.NewRunner(nil))
}

func synthesize(f *expect.File, runner *expect.Runner) *Result {
	res := &Result{}
	if len(f.Tests) > MaxTests {
		res.Conflicts = []Conflict{{Tests: []string{f.Tests[MaxTests].Name}, Why: "synthesis takes at most " + strconv.Itoa(MaxTests) + " tests"}}
		return res
	}
	ws, conflicts := wants(f)
	if len(conflicts) > 0 {
		res.Conflicts = conflicts
		return res
	}
	budget := Budget
	rules := solve(ws, &budget)
	if rules == nil {
		hasMust := false
		for _, w := range ws {
			hasMust = hasMust || w.kind == must
		}
		if !hasMust {
			res.Empty = true
			rep := runner.Run(f, nil)
			res.Report = &rep
			res.Conflicts = unmet(f, &rep)
			return res
		}
		res.Conflicts = core(f, ws)
		return res
	}
	if len(rules) > MaxRules {
		res.Conflicts = []Conflict{{Tests: names(f, ws), Why: "they need " + strconv.Itoa(len(rules)) + " rules; S3 takes at most " + strconv.Itoa(MaxRules), Proven: false}}
		return res
	}
	cfg := configOf(rules)
	text := string(config.Format(cfg, config.XML))
	parsed, err := config.Parse([]byte(text))
	if err != nil {
		res.Conflicts = []Conflict{{Tests: names(f, ws), Why: "the configuration for them does not parse: " + err.Error()}}
		return res
	}
	if v := validation.Check(parsed, nil, []byte(text)); !v.Accepted {
		why := "S3 would reject the configuration they need"
		if len(v.Problems) > 0 {
			why += ": " + v.Problems[0].Message
		}
		res.Conflicts = []Conflict{{Tests: names(f, ws), Why: why}}
		return res
	}
	rep := runner.Run(f, &text)
	res.Report = &rep
	if c := unmet(f, &rep); len(c) > 0 {
		res.Conflicts = c
		return res
	}
	res.Config, res.Text, res.Rules = parsed, text, len(rules)
	for _, r := range rules {
		res.Values += r.values()
	}
	return res
}

// unmet: the tests the runner fails, each with its reason.
func unmet(f *expect.File, rep *expect.Report) []Conflict {
	var out []Conflict
	for _, r := range rep.Results {
		if !r.Passed {
			out = append(out, Conflict{Tests: []string{r.Name}, Why: "with the smallest configuration for the other tests it still fails: " + r.Reason()})
		}
	}
	if rep.Error != "" && len(out) == 0 {
		out = append(out, Conflict{Tests: names(f, nil), Why: rep.Error})
	}
	return out
}

// wants reads every test's needs and merges those on the same request,
// reporting the tests that cannot hold alone or together.
func wants(f *expect.File) ([]*want, []Conflict) {
	var out []*want
	var conflicts []Conflict
	byKey := map[string]*want{}
	for i := range f.Tests {
		ws, why := fromTest(f, i)
		if why != "" {
			conflicts = append(conflicts, Conflict{Tests: []string{f.Tests[i].Name}, Why: why, Proven: true})
			continue
		}
		impossible := false
		for _, w := range ws {
			if why := alone(w); why != "" {
				conflicts = append(conflicts, Conflict{Tests: []string{f.Tests[i].Name}, Why: "it needs " + w.src[0].what + ", but " + why, Proven: true})
				impossible = true
				break // one reason per test
			}
		}
		if impossible {
			continue
		}
		for _, w := range ws {
			k := w.q.key()
			m, ok := byKey[k]
			if !ok {
				c := *w
				c.src = append([]source{}, w.src...)
				byKey[k] = &c
				out = append(out, &c)
				continue
			}
			clashed := false
			for _, s := range m.src {
				if why := clash(s.w, w); why != "" {
					conflicts = append(conflicts, pair(f, s, w.src[0], "S3 answers both with the same rule (the same request: "+w.q.words()+"), and "+why))
					clashed = true
					break
				}
			}
			if !clashed {
				if why := clash(m, w); why != "" {
					conflicts = append(conflicts, together(f, append(append([]source{}, m.src...), w.src...), "S3 answers them with the same rule (the same request: "+w.q.words()+"), and "+why))
					continue
				}
				merge(m, w)
			}
		}
	}
	return out, conflicts
}

func pair(f *expect.File, a, b source, why string) Conflict {
	if a.test == b.test {
		return Conflict{Tests: []string{f.Tests[a.test].Name}, Why: "it needs " + a.what + "; " + why, Proven: true}
	}
	return Conflict{Tests: []string{f.Tests[a.test].Name, f.Tests[b.test].Name},
		Why: strconv.Quote(f.Tests[a.test].Name) + " needs " + a.what + ", " + strconv.Quote(f.Tests[b.test].Name) + " needs " + b.what + "; " + why, Proven: true}
}

// together is a conflict among the tests of several sources.
func together(f *expect.File, src []source, why string) Conflict {
	var needs []string
	for _, s := range src {
		needs = append(needs, strconv.Quote(f.Tests[s.test].Name)+" needs "+s.what)
	}
	return Conflict{Tests: srcNames(f, src), Why: strings.Join(needs, ", ") + "; " + why, Proven: true}
}

func srcNames(f *expect.File, src []source) []string {
	var out []string
	for _, s := range src {
		if n := f.Tests[s.test].Name; !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func names(f *expect.File, ws []*want) []string {
	if ws == nil {
		var out []string
		for _, t := range f.Tests {
			out = append(out, t.Name)
		}
		return out
	}
	var src []source
	for _, w := range ws {
		src = append(src, w.src...)
	}
	return srcNames(f, src)
}

// core finds the smallest sets of wants that cannot hold together: each
// pair the search cannot satisfy on its own, else each such triple (a
// credentialed request blocked by a "*" rule, a request that must get no
// CORS headers, and one the "*" rule would also answer, say). Each small
// search has a budget of its own, and all of them together CoreBudget.
func core(f *expect.File, ws []*want) []Conflict {
	var out []Conflict
	total := CoreBudget
	small := func(w ...*want) bool {
		if total <= 0 {
			return true // out of budget: claim nothing
		}
		b := min(smallBudget, total)
		ok := solve(w, &b) != nil
		total -= min(smallBudget, total) - b
		return ok || b <= 0
	}
	for i := 0; i < len(ws); i++ {
		for j := i + 1; j < len(ws); j++ {
			a, b := ws[i], ws[j]
			if a.kind != must && b.kind != must {
				continue // only a must can make a rule that catches the other
			}
			if a.kind != must {
				a, b = b, a
			}
			if small(a, b) {
				continue
			}
			out = append(out, together(f, append(append([]source{}, a.src...), b.src...), pairWhy(a, b)))
		}
	}
	if len(out) == 0 && len(ws) <= maxTriples {
		for i := 0; i < len(ws); i++ {
			for j := i + 1; j < len(ws); j++ {
				for k := j + 1; k < len(ws); k++ {
					three := []*want{ws[i], ws[j], ws[k]}
					if ws[i].kind != must && ws[j].kind != must && ws[k].kind != must {
						continue
					}
					if small(three...) {
						continue
					}
					var src []source
					for _, w := range three {
						src = append(src, w.src...)
					}
					out = append(out, together(f, src, "no configuration answers all of these as they need (each two of them can hold together)"))
				}
			}
		}
	}
	if len(out) == 0 {
		out = []Conflict{{Tests: names(f, ws), Why: "no configuration was found within the search's budget; split the tests or simplify them"}}
	}
	return out
}

// Bounds of core: the wants it looks for three-way conflicts among, the
// steps of one small search (two or three wants need a handful), and of all.
const (
	maxTriples  = 40
	smallBudget = 2000
	CoreBudget  = 100000
)

// pairWhy says why must-want a and want b cannot both hold.
func pairWhy(a, b *want) string {
	if b.kind == mustNot {
		if a.star {
			return "Access-Control-Allow-Origin: * needs a rule listing AllowedOrigin *, which admits every origin, so S3 would also allow " + b.q.words()
		}
		return "every rule that allows " + a.q.words() + " also allows " + b.q.words() + " (S3 checks each requested header on its own, and a request with fewer of them matches too)"
	}
	return "no order of rules answers " + a.q.words() + " and " + b.q.words() + " as both need"
}
