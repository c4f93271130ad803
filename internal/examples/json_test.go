package examples_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/examples"
	"corsplay/internal/jsonw"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// TestJSONMatchesStd compares the lists' JSON with encoding/json's, as
// the page gets it (json.Marshal, HTML escaping on) and without escaping,
// for the menu, the whole gallery, each example, each scenario (as JSON
// writes it) and random examples; and the answers to each gallery
// scenario (every browser, with and without what the page omits) with
// encoding/json's.
func TestJSONMatchesStd(t *testing.T) {
	menu := examples.All()
	jsonwtest.Check(t, "menu", jsonw.EscapeHTML(examples.AppendJSON(nil, menu)), jsonwtest.StdHTML(t, menu))
	for _, e := range menu {
		jsonwtest.Check(t, e.Name, e.JSON(), jsonwtest.StdHTML(t, e.Scenario))
	}
	all := examples.Gallery()
	got := examples.AppendJSON(nil, all)
	jsonwtest.Check(t, "gallery", jsonw.EscapeHTML(got), jsonwtest.StdHTML(t, all))
	jsonwtest.Check(t, "gallery, unescaped", got, jsonwtest.Std(t, all))
	jsonwtest.Check(t, "no gallery", examples.AppendJSON(nil, nil), "null")
	for _, it := range all {
		var ins []scenario.Input
		ins = append(ins, it.Scenario)
		for _, s := range it.Steps {
			ins = append(ins, s.Scenario)
		}
		for _, in := range ins {
			for _, b := range []string{"", "firefox", "safari"} {
				for _, omit := range [][]string{nil, {"lint", "values", "fix", "browser-evaluations", "rule-checks", "rule-fields"}} {
					in.Browser, in.Omit = b, omit
					out := runner.Run(in)
					jsonwtest.Check(t, it.Name, scenario.Marshal(out), jsonwtest.Std(t, out))
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(12, 2026))
	for range 500 {
		var e examples.Example
		jsonwtest.Fill(r, &e)
		got := e.AppendJSON(nil)
		jsonwtest.Check(t, "random example", got, jsonwtest.Std(t, e))
		jsonwtest.Check(t, "random example, escaped", jsonw.EscapeHTML(got), jsonwtest.StdHTML(t, e))
	}
}
