package page

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"corsplay/internal/conformance"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// Every conformance case runs through corsplay.evaluate in the page (the
// engine compiled to wasm, called through loader.js) and must give what S3
// gives — and exactly what the native engine gives.
func TestConformanceInBrowser(t *testing.T) {
	file, err := conformance.Load(filepath.Join(repoRoot(), "internal", "conformance", "testdata", "s3.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("no conformance cases")
	}
	inputs := make([]json.RawMessage, len(file.Cases))
	for i := range file.Cases {
		c := &file.Cases[i]
		var in scenario.Input
		if c.Put != nil {
			// A PutBucketCors case: the page shows S3's verdict for any
			// request; take an ordinary preflight.
			cors := *c.Put
			in = scenario.Input{
				Bucket: scenario.Bucket{Exists: new(true), CORS: &cors},
				Request: scenario.Request{Method: "OPTIONS", Target: "object",
					Headers: scenario.Headers{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "GET"}}},
			}
		} else {
			in = c.Input()
		}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		inputs[i] = b
	}
	all, _ := json.Marshal(inputs)

	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	out := evalJS[string](p, `JSON.stringify(`+string(all)+`.map((s) => window.corsplay.evaluate(s)))`)
	var results []json.RawMessage
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != len(file.Cases) {
		t.Fatalf("%d results for %d cases", len(results), len(file.Cases))
	}
	passed := 0
	for i := range file.Cases {
		c := &file.Cases[i]
		var got struct {
			Validation *scenario.ValidationOut `json:"validation"`
			Evaluation *struct {
				Response struct {
					Status  int         `json:"status"`
					Headers [][2]string `json:"headers"`
					Body    string      `json:"body"`
				} `json:"response"`
			} `json:"evaluation"`
		}
		if err := json.Unmarshal(results[i], &got); err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		var diffs []string
		switch {
		case c.Put != nil && got.Validation == nil:
			diffs = []string{"no validation in the result"}
		case c.Put != nil:
			diffs = conformance.CheckPut(c, got.Validation)
		case got.Evaluation == nil:
			diffs = []string{"no evaluation in the result"}
		default:
			r := got.Evaluation.Response
			diffs = conformance.CheckResponse(&c.Expect, r.Status, r.Headers, r.Body)
		}
		// The wasm engine and the native one must agree on every field.
		var inBrowser, native any
		json.Unmarshal(results[i], &inBrowser)
		json.Unmarshal(runner.RunJSON(inputs[i]), &native)
		if !reflect.DeepEqual(inBrowser, native) {
			diffs = append(diffs, "the page's result differs from the native engine's")
		}
		for _, d := range diffs {
			t.Errorf("%s (%s): %s", c.ID, c.Evidence, d)
		}
		if len(diffs) == 0 {
			passed++
		}
	}
	t.Logf("%d of %d conformance cases pass in the browser", passed, len(file.Cases))
	p.noErrors()
}
