package runner_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"corsplay/internal/config"

	"corsplay/internal/examples"
	"corsplay/internal/runner"
)

// A Runner reuses the configuration it prepared last when the next differs
// only inside one rule (config.Reparse). Whatever it reuses, its answers
// must be byte for byte those of a fresh Run.
func TestRunnerIncremental(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "b", "c", "-", ".", "a", "*", " ", "\n", "é", "<", ">", "/", "</AllowedOrigin>", "<AllowedMethod>", "&amp;", `"`, ",", "{", "}", "OPTIONS", "PUT", "https://app7.example.com"}
	omits := [][]string{nil, {"lint"}, {"lint", "fix", "values", "browser-evaluations", "rule-checks", "rule-fields"}, {"values"}}
	starts := []string{examples.Large(15)}
	for _, e := range examples.All() {
		if c := e.Scenario.Bucket.CORS; c != nil {
			starts = append(starts, *c)
		}
	}
	r := runner.New(4)
	compared := 0
	for _, cur := range starts {
		for i := range 120 {
			at := rng.IntN(len(cur) + 1)
			del := min(rng.IntN(3), len(cur)-at)
			next := cur[:at] + pieces[rng.IntN(len(pieces))] + cur[at+del:]
			in := map[string]any{
				"bucket":  map[string]any{"cors": next},
				"request": map[string]any{"method": "OPTIONS", "headers": map[string]string{"Origin": "https://app7.example.com", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type"}},
				"fetch":   map[string]any{"origin": "https://app7.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT", "headers": map[string]string{"Content-Type": "application/json"}},
				"omit":    omits[i%len(omits)],
			}
			b, _ := json.Marshal(in)
			got, want := r.RunJSON(b), runner.RunJSON(b)
			if !bytes.Equal(got, want) {
				t.Fatalf("edit %d of %q…: the Runner's answer differs from Run's\n got %s\nwant %s", i, next[:min(80, len(next))], got, want)
			}
			compared++
			if _, err := config.Parse([]byte(next)); err == nil {
				cur = next // keep typing from a configuration that reads
			}
		}
	}
	t.Logf("%d answers compared, %d from a configuration read again in part", compared, r.Reused())
	// Most random edits land in a tag name and break the XML; typing in a
	// value, as people do, is reused every time.
	if r.Reused() < compared/12 {
		t.Errorf("only %d of %d answers came from a reused configuration", r.Reused(), compared)
	}
}
