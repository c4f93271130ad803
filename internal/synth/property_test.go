package synth

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/validation"
)

// universe is the small world random test sets are drawn from, so that a
// reported conflict can be checked against every configuration of it.
var (
	uOrigins = []string{app, www, evil}
	uMethods = []string{"GET", "PUT", "DELETE"}
	uHeaders = []string{"", `{"x-a": "1"}`, `{"x-a": "1", "x-b": "2"}`}
)

// randomTest writes one test of the universe.
func randomTest(r *rand.Rand, i int) string {
	name := "t" + strconv.Itoa(i)
	o := uOrigins[r.Intn(len(uOrigins))]
	if r.Intn(5) == 0 {
		// An S3-level test on an actual GET or a preflight.
		hs := `"Origin": "` + o + `"`
		method := "GET"
		if r.Intn(2) == 0 {
			method = "OPTIONS"
			hs += `, "Access-Control-Request-Method": "` + uMethods[r.Intn(len(uMethods))] + `"`
		}
		var exp string
		switch r.Intn(4) {
		case 0:
			exp = `"headers": {"Access-Control-Allow-Origin": "*"}`
		case 1:
			exp = `"headers": {"Access-Control-Allow-Origin": "` + o + `"}`
		case 2:
			exp = `"headers": {"Access-Control-Allow-Origin": null}`
		default:
			exp = `"headers": {"Access-Control-Expose-Headers": "ETag"}`
		}
		return `{"name": "` + name + `", "request": {"method": "` + method + `", "target": "object", "headers": {` + hs + `}}, "expect": {` + exp + `}}`
	}
	m := uMethods[r.Intn(len(uMethods))]
	h := uHeaders[r.Intn(len(uHeaders))]
	cred := ""
	if r.Intn(3) == 0 {
		cred = "include"
	}
	exp := `{"allowed": false}`
	if r.Intn(3) > 0 {
		exp = `{"allowed": true`
		switch r.Intn(4) {
		case 0:
			exp += `, "readable": ["ETag"]`
		case 1:
			exp += `, "notReadable": ["ETag"]`
		}
		exp += `}`
	}
	return fetchTest(name, o, m, h, cred, exp)
}

func randomSource() *rand.Rand { return rand.New(rand.NewSource(1)) }

func randomFile(t testing.TB, r *rand.Rand, n int) *expect.File {
	tests := make([]string, n)
	for i := range tests {
		tests[i] = randomTest(r, i)
	}
	return file(t, tests...)
}

// TestPropertySynthesize: over thousands of random test sets, every
// answer passes its tests (run by a runner of its own) and S3 accepts it,
// and no one-rule configuration built from the tests' own values (and "*")
// with fewer rules or values passes them; and every reported conflict is
// real: no configuration of up to two rules built from the conflicting
// tests' values passes them.
func TestPropertySynthesize(t *testing.T) {
	n, exhaustive := 3000, 400
	if testing.Short() {
		n, exhaustive = 300, 40
	}
	r := randomSource()
	runner := expect.NewRunner(nil)
	answers, conflicts, checked, minimal := 0, 0, 0, 0
	for i := 0; i < n; i++ {
		f := randomFile(t, r, 1+r.Intn(6))
		res := Synthesize(f)
		if len(res.Conflicts) == 0 {
			if res.Empty {
				continue
			}
			answers++
			rep := runner.Run(f, &res.Text)
			if rep.Failed != 0 {
				t.Fatalf("set %d: the answer fails %d tests:\n%s\n%s", i, rep.Failed, res.Text, dump(f))
			}
			cfg, err := config.Parse([]byte(res.Text))
			if v := validation.Check(cfg, err, []byte(res.Text)); !v.Accepted {
				t.Fatalf("set %d: S3 rejects the answer:\n%s", i, res.Text)
			}
			if minimal < exhaustive {
				minimal++
				if s, ok := smaller(runner, f, res.Rules, res.Values, strings.Contains(res.Text, "<AllowedOrigin>*<")); ok {
					t.Fatalf("set %d: the answer (%d rules, %d values) is not the smallest; this passes too:\n%s\nanswer:\n%s\n%s", i, res.Rules, res.Values, s, res.Text, dump(f))
				}
			}
			continue
		}
		conflicts++
		for _, c := range res.Conflicts {
			if !c.Proven {
				t.Fatalf("set %d: an unproven conflict in the modelled universe: %s\n%s", i, c.Text(), dump(f))
			}
			if checked >= exhaustive {
				continue
			}
			checked++
			sub := subset(f, c.Tests)
			if cfg, ok := anyPasses(runner, sub); ok {
				t.Fatalf("set %d: conflict %s is not real; this passes them:\n%s", i, c.Text(), cfg)
			}
		}
	}
	t.Logf("%d sets: %d answers (%d checked for a smaller one), %d with conflicts, %d conflicts checked exhaustively", n, answers, minimal, conflicts, checked)
	if answers < n/10 || conflicts < n/20 {
		t.Fatalf("the generator is lopsided: %d answers, %d conflicts", answers, conflicts)
	}
}

func dump(f *expect.File) string {
	var b strings.Builder
	for _, t := range f.Tests {
		b.WriteString(t.Name)
		if t.Fetch != nil {
			b.WriteString(" fetch " + t.Fetch.Origin + " " + t.Fetch.Method + " " + t.Fetch.Credentials)
			for _, h := range t.Fetch.Headers {
				b.WriteString(" " + h[0])
			}
			if t.Expect.Allowed != nil {
				b.WriteString(" allowed=" + strconv.FormatBool(*t.Expect.Allowed))
			}
			b.WriteString(" readable=" + strings.Join(t.Expect.Readable, ",") + " notReadable=" + strings.Join(t.Expect.NotReadable, ","))
		} else {
			b.WriteString(" request " + t.Request.Method)
			for _, h := range t.Request.Headers {
				b.WriteString(" " + h[0] + "=" + h[1])
			}
			for _, h := range t.Expect.Headers {
				v := "null"
				if h.Value != nil {
					v = *h.Value
				}
				b.WriteString(" expect " + h.Name + "=" + v)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func subset(f *expect.File, names []string) *expect.File {
	out := &expect.File{Format: f.Format, Exists: f.Exists}
	for _, t := range f.Tests {
		if contains(names, t.Name) {
			out.Tests = append(out.Tests, t)
		}
	}
	return out
}

// anyPasses tries every configuration of one or two rules whose values
// come from the tests (their origins and "*", their methods, their
// request headers, ETag exposed or not) and returns one that passes them.
func anyPasses(runner *expect.Runner, f *expect.File) (string, bool) {
	rules := candidateRules(f)
	for _, a := range rules {
		if s, ok := passes(runner, f, a); ok {
			return s, true
		}
	}
	for _, a := range rules {
		for _, b := range rules {
			if s, ok := passes(runner, f, a, b); ok {
				return s, true
			}
		}
	}
	return "", false
}

func passes(runner *expect.Runner, f *expect.File, rs ...rule) (string, bool) {
	text := string(config.Format(configOf(rs), config.XML))
	rep := runner.Run(f, &text)
	return text, rep.Failed == 0 && rep.Error == "" && !rep.Hypothetical
}

// smaller returns a one-rule configuration of the candidate space that
// passes f and is smaller than an answer of n rules and v values; one
// listing "*" counts only when the answer needed "*" too.
func smaller(runner *expect.Runner, f *expect.File, n, v int, star bool) (string, bool) {
	for _, a := range candidateRules(f) {
		if (n == 1 && a.values() >= v) || (a.star && !star) {
			continue
		}
		if s, ok := passes(runner, f, a); ok {
			return s, true
		}
	}
	return "", false
}

// candidateRules are the rules anyPasses builds configurations from.
func candidateRules(f *expect.File) []rule {
	var origins, methods, headers []string
	for _, t := range f.Tests {
		if t.Fetch != nil {
			origins = append(origins, t.Fetch.Origin)
			methods = append(methods, t.Fetch.Method)
			for _, h := range t.Fetch.Headers {
				headers = append(headers, strings.ToLower(h[0]))
			}
		} else {
			o, _ := t.Request.Headers.Get("Origin")
			origins = append(origins, o)
			m := t.Request.Method
			if acrm, ok := t.Request.Headers.Get("Access-Control-Request-Method"); ok {
				m = acrm
			}
			methods = append(methods, m)
		}
	}
	origins = uniq(append(origins, "*"))
	methods, headers = uniq(methods), uniq(headers)
	var rules []rule
	for _, os := range subsets(origins) {
		for _, ms := range subsets(methods) {
			for _, hs := range append(subsets(headers), nil) {
				for _, ex := range [][]string{nil, {"ETag"}} {
					if len(os) == 0 || len(ms) == 0 {
						continue
					}
					rules = append(rules, rule{origins: os, methods: ms, headers: hs, expose: ex, star: contains(os, "*")})
				}
			}
		}
	}
	return rules
}

func uniq(l []string) []string {
	var out []string
	for _, s := range l {
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// subsets are the non-empty subsets of l.
func subsets(l []string) [][]string {
	var out [][]string
	for m := 1; m < 1<<len(l); m++ {
		var s []string
		for i := range l {
			if m&(1<<i) != 0 {
				s = append(s, l[i])
			}
		}
		out = append(out, s)
	}
	return out
}

// TestPropertyMakePass: from a random configuration of the tests' own
// values, MakePass's text passes every test, or it reports conflicts
// exactly when Synthesize does.
func TestPropertyMakePass(t *testing.T) {
	n := 600
	if testing.Short() {
		n = 60
	}
	r := randomSource()
	runner := expect.NewRunner(nil)
	edited, replaced := 0, 0
	for i := 0; i < n; i++ {
		f := randomFile(t, r, 1+r.Intn(5))
		rules := candidateRules(f)
		start := []rule{rules[r.Intn(len(rules))]}
		if r.Intn(2) == 0 {
			start = append(start, rules[r.Intn(len(rules))])
		}
		forms := []config.Form{config.XML, config.CLIJSON, config.ConsoleJSON}
		src := config.Format(configOf(start), forms[r.Intn(len(forms))])
		e := MakePass(src, f)
		syn := Synthesize(f)
		if (len(e.Conflicts) > 0) != (len(syn.Conflicts) > 0) {
			t.Fatalf("set %d: MakePass conflicts %v, Synthesize conflicts %v\n%s", i, e.Conflicts, syn.Conflicts, dump(f))
		}
		if len(e.Conflicts) > 0 || e.Config == "" {
			continue
		}
		rep := runner.Run(f, &e.Config)
		if rep.Failed != 0 {
			t.Fatalf("set %d: MakePass's text fails %d tests:\n%s\nfrom\n%s\n%s", i, rep.Failed, e.Config, src, dump(f))
		}
		if e.Synthesized {
			replaced++
		} else {
			edited++
		}
	}
	t.Logf("%d sets: %d edited step by step, %d replaced by the synthesized configuration", n, edited, replaced)
}
