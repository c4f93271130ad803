package runner_test

import (
	"reflect"
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/examples"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// TestPrepareQuiet: Runner.Prepare gives the configuration Run uses, from
// the previous text after an edit inside a rule; EvaluateQuiet and
// QuietEvaluator answer as Evaluate and Evaluator do, without the rules'
// verdicts.
func TestPrepareQuiet(t *testing.T) {
	base := examples.Large(20)
	at := strings.Index(base, "https://app5.example.com") + len("https://app5.example.com")
	edited := base[:at] + "x" + base[at:]
	r := runner.New(4)
	p, e := r.Prepare(scenario.Bucket{CORS: &base})
	if e != nil || !p.Parses() {
		t.Fatalf("prepare: %v %v", e, p)
	}
	if q, _ := r.Prepare(scenario.Bucket{CORS: &base}); q != p {
		t.Error("the same text was prepared again")
	}
	q, e := r.Prepare(scenario.Bucket{CORS: &edited})
	if e != nil || q == p || r.Reused() != 1 {
		t.Errorf("the edited text: %v, reused %d", e, r.Reused())
	}
	requests := []struct {
		name string
		req  scenario.Request
	}{
		{name: "matched preflight", req: scenario.Request{Method: "OPTIONS", Headers: scenario.Headers{{"Origin", "https://app7.example.com"}, {"Access-Control-Request-Method", "PUT"}}}},
		{name: "refused preflight", req: scenario.Request{Method: "OPTIONS", Headers: scenario.Headers{{"Origin", "https://app5.example.com"}, {"Access-Control-Request-Method", "DELETE"}}}},
		{name: "actual", req: scenario.Request{Method: "GET", Headers: scenario.Headers{{"Origin", "https://nobody.example"}}}},
	}
	for _, tt := range requests {
		t.Run(tt.name, func(t *testing.T) {
			full, err := q.Evaluate(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			quiet, err := q.EvaluateQuiet(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if len(quiet.Rules) != 0 || len(full.Rules) != 20 {
				t.Errorf("rules: quiet %d, full %d", len(quiet.Rules), len(full.Rules))
			}
			quiet.Rules = full.Rules
			if !reflect.DeepEqual(quiet, full) {
				t.Errorf("quiet answer differs:\n%+v\n%+v", quiet, full)
			}
		})
	}
	f := browser.Fetch{Origin: "https://app6.example.com", URL: "https://b.s3.amazonaws.com/k", Method: "DELETE"}
	full, err := browser.Judge(q.Evaluator(), f, "")
	if err != nil {
		t.Fatal(err)
	}
	quiet, err := browser.Judge(q.QuietEvaluator(), f, "")
	if err != nil {
		t.Fatal(err)
	}
	if full.Summary != quiet.Summary || full.Allowed || quiet.Allowed || !strings.Contains(quiet.Summary, "Closest: rule 7 — method DELETE not allowed") {
		t.Errorf("verdicts:\n%s\n%s", full.Summary, quiet.Summary)
	}
	bad := "<CORSConfiguration><CORSRule>"
	if p, _ := r.Prepare(scenario.Bucket{CORS: &bad}); p.Parses() {
		t.Error("a configuration that does not parse Parses")
	}
	if p, _ := r.Prepare(scenario.Bucket{}); !p.Parses() {
		t.Error("no configuration does not Parse")
	}
	if _, e := r.Prepare(scenario.Bucket{Edit: &scenario.Edit{Base: 99, Rev: 100}}); e == nil || e.Code != scenario.StaleEdit {
		t.Errorf("a stale edit: %v", e)
	}
}
