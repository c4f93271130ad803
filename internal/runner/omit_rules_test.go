package runner_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/examples"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// TestOmitRules: omitting "rules" leaves config.rules and evaluation.rules
// null and every other part of the answer as it was, on every example, with
// and without the other sections a keystroke omits.
func TestOmitRules(t *testing.T) {
	omitSets := [][]string{nil, omitKeys}
	n := 0
	for _, e := range examples.All() {
		b, _ := json.Marshal(e.Scenario)
		for i, omit := range omitSets {
			in, err := scenario.DecodeInput(b)
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				in.Fetch = &browser.Fetch{Origin: "https://app.example.com", URL: "https://b.s3.amazonaws.com/k", Method: "PUT"}
			}
			in.Omit = omit
			full := answerMap(t, runner.Run(in))
			in.Omit = append(append([]string{}, omit...), "rules")
			got := answerMap(t, runner.Run(in))
			if cfg, ok := full["config"].(map[string]any); ok {
				cfg["rules"] = nil
			}
			if ev, ok := full["evaluation"].(map[string]any); ok {
				ev["rules"] = nil
			}
			if !reflect.DeepEqual(got, full) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(full)
				t.Errorf("%s, omit %v + rules:\n got %s\nwant %s", e.Name, omit, g, w)
			}
			n++
		}
	}
	if n < 16 {
		t.Fatalf("only %d answers compared", n)
	}
}

func answerMap(t *testing.T, o scenario.Output) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(scenario.Marshal(o), &m); err != nil {
		t.Fatal(err)
	}
	return m
}
