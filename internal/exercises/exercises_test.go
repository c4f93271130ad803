package exercises

import (
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/examples"
	"corsplay/internal/expect"
	"corsplay/internal/synth"
	"corsplay/internal/validation"
)

func accepted(t *testing.T, what, text string) {
	t.Helper()
	cfg, err := config.Parse([]byte(text))
	if v := validation.Check(cfg, err, []byte(text)); !v.Accepted {
		t.Errorf("S3 rejects the %s: %+v", what, v.Problems)
	}
}

func failures(rep expect.Report) string {
	var out []string
	for _, r := range rep.Results {
		if !r.Passed {
			out = append(out, r.Name+": "+r.Reason())
		}
	}
	return strings.Join(out, "\n")
}

// TestExercises checks every exercise: the solution passes and S3 accepts
// it, the starting configuration fails at least one test, synthesis solves
// it, and so does MakePass from the starting configuration.
func TestExercises(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 12+len(examples.Gallery()) {
		t.Fatalf("%d exercises; want at least 12 and the gallery's %d", len(all), len(examples.Gallery()))
	}
	runner := expect.NewRunner(nil)
	for _, e := range all {
		t.Run(e.Name, func(t *testing.T) {
			if len(e.File.Tests) == 0 {
				t.Fatal("no tests")
			}
			sol := e.Solution
			rep := runner.Run(e.File, &sol)
			if rep.Failed != 0 || rep.Error != "" || rep.Hypothetical {
				t.Errorf("the solution fails:\n%s%s %s", failures(rep), rep.Error, rep.Rejected)
			}
			accepted(t, "solution", sol)
			start := runner.Run(e.File, nil)
			if start.Failed == 0 {
				t.Error("the starting configuration already passes every test")
			}
			res := synth.Synthesize(e.File)
			if len(res.Conflicts) > 0 || res.Config == nil {
				t.Fatalf("synthesis: %+v", res.Conflicts)
			}
			if rep := runner.Run(e.File, &res.Text); rep.Failed != 0 {
				t.Errorf("the synthesized configuration fails:\n%s\n%s", failures(rep), res.Text)
			}
			accepted(t, "synthesized configuration", res.Text)
			mp := synth.MakePass([]byte(e.Start), e.File)
			if len(mp.Conflicts) > 0 || mp.Config == "" {
				t.Fatalf("MakePass: %+v", mp.Conflicts)
			}
			if rep := runner.Run(e.File, &mp.Config); rep.Failed != 0 {
				t.Errorf("MakePass's configuration fails:\n%s\n%s", failures(rep), mp.Config)
			}
			t.Logf("synthesis: %d rules, %d values; MakePass: %q (synthesized %v)", res.Rules, res.Values, mp.Changes, mp.Synthesized)
		})
	}
}

// TestGalleryExercises: every gallery item has its exercise.
func TestGalleryExercises(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range examples.Gallery() {
		found := false
		for _, e := range all {
			found = found || e.Gallery == it.Name
		}
		if !found {
			t.Errorf("gallery item %s has no exercise", it.Name)
		}
		if _, ok := ByName("gallery-" + it.Name); !ok {
			t.Errorf("no exercise named gallery-%s", it.Name)
		}
	}
}

func TestRead(t *testing.T) {
	good := `{"format": "corsplay-tests/1", "title": "T", "level": 1, "hint": "h", "explanation": "e", "solution": "<CORSConfiguration/>",
 "tests": [{"name": "n", "request": {"method": "GET", "target": "object", "headers": {"Origin": "https://a.example"}}, "expect": {"status": 200}}]}`
	tests := []struct {
		name, src, err string
	}{
		{name: "good", src: good},
		{name: "missing hint", src: strings.Replace(good, `"hint": "h", `, "", 1), err: `"hint" is missing`},
		{name: "empty title", src: strings.Replace(good, `"title": "T"`, `"title": " "`, 1), err: "must not be empty"},
		{name: "level 5", src: strings.Replace(good, `"level": 1`, `"level": 5`, 1), err: "level 5"},
		{name: "level a string", src: strings.Replace(good, `"level": 1`, `"level": "1"`, 1), err: `"level"`},
		{name: "not JSON", src: `{`, err: "x:"},
		{name: "unknown member", src: strings.Replace(good, `"title"`, `"extra": 1, "title"`, 1), err: "unknown member"},
		{name: "no tests", src: strings.Replace(good, `"tests"`, `"testz"`, 1), err: "unknown member"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Read("x", []byte(tc.src))
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if e.Title != "T" || e.File == nil || !strings.Contains(e.Tests, `"format": "corsplay-tests/1"`) || strings.Contains(e.Tests, "hint") {
					t.Fatalf("%+v", e)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v, want one with %q", err, tc.err)
			}
		})
	}
}

// FuzzRead: Read never panics, and what it takes decodes again from its
// Tests on its own.
func FuzzRead(f *testing.F) {
	all, _ := All()
	for _, e := range all[:3] {
		b, _ := data.ReadFile("data/" + e.Name + ".json")
		f.Add(b)
	}
	f.Add([]byte(`{"title": 1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := Read("fuzz", b)
		if err != nil {
			return
		}
		if _, err := expect.Decode([]byte(e.Tests)); err != nil {
			t.Fatalf("Tests does not decode: %v\n%s", err, e.Tests)
		}
	})
}
