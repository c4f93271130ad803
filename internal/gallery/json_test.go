package gallery_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/gallery"
	"corsplay/internal/jsonw"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// TestJSONMatchesStd compares the gallery's JSON with encoding/json's, as
// the page gets it (json.Marshal, HTML escaping on) and without escaping,
// for the whole gallery, each item and random items; and the answers to
// each item's scenarios (every browser, with and without what the page
// omits) with encoding/json's.
func TestJSONMatchesStd(t *testing.T) {
	all := gallery.All()
	got := gallery.AppendJSON(nil, all)
	jsonwtest.Check(t, "gallery", jsonw.EscapeHTML(got), jsonwtest.StdHTML(t, all))
	jsonwtest.Check(t, "gallery, unescaped", got, jsonwtest.Std(t, all))
	jsonwtest.Check(t, "no gallery", gallery.AppendJSON(nil, nil), "null")
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
		var it gallery.Item
		jsonwtest.Fill(r, &it)
		got := it.AppendJSON(nil)
		jsonwtest.Check(t, "random item", got, jsonwtest.Std(t, it))
		jsonwtest.Check(t, "random item, escaped", jsonw.EscapeHTML(got), jsonwtest.StdHTML(t, it))
	}
}
