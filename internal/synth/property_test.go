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

func randomFile(t testing.TB, r *rand.Rand, n int) *expect.File {
	tests := make([]string, n)
	for i := range tests {
		tests[i] = randomTest(r, i)
	}
	return file(t, tests...)
}

// TestPropertySynthesize: over thousands of random test sets, every
// answer passes its tests (run by a runner of its own) and S3 accepts it,
// and every reported conflict is real: no configuration of up to two rules
// built from the conflicting tests' own values (and "*") passes them.
func TestPropertySynthesize(t *testing.T) {
	n, exhaustive := 3000, 400
	if testing.Short() {
		n, exhaustive = 300, 40
	}
	r := rand.New(rand.NewSource(1))
	runner := expect.NewRunner(nil)
	answers, conflicts, checked := 0, 0, 0
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
	t.Logf("%d sets: %d answers, %d with conflicts, %d conflicts checked exhaustively", n, answers, conflicts, checked)
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
	try := func(rs ...rule) (string, bool) {
		text := string(config.Format(configOf(rs), config.XML))
		rep := runner.Run(f, &text)
		return text, rep.Failed == 0 && rep.Error == "" && !rep.Hypothetical
	}
	for _, a := range rules {
		if s, ok := try(a); ok {
			return s, true
		}
	}
	for _, a := range rules {
		for _, b := range rules {
			if s, ok := try(a, b); ok {
				return s, true
			}
		}
	}
	return "", false
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
