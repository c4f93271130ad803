package scenario_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/examples"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// stdJSON is v as encoding/json writes it in the contract (no HTML escaping).
func stdJSON(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// plainRuleOut is scenario.RuleOut without its MarshalJSON: what encoding/json
// writes by reflection.
type plainRuleOut scenario.RuleOut

func TestMarshalRuleOut(t *testing.T) {
	srcs := []string{examples.Large(30),
		`<CORSConfiguration><CORSRule><ID>a"<b>&c` + "\u2028\xff" + `</ID><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>x</MaxAgeSeconds></CORSRule><CORSRule/></CORSConfiguration>`,
		`[{"AllowedOrigins": [], "AllowedMethods": ["GET", 3], "MaxAgeSeconds": 10}]`}
	for _, e := range examples.All() {
		if e.Scenario.Bucket.CORS != nil {
			srcs = append(srcs, *e.Scenario.Bucket.CORS)
		}
	}
	n := 0
	for _, src := range srcs {
		// Run fills in every value's place (nothing is omitted).
		out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &src}, Request: scenario.Request{Method: "GET"}})
		for _, r := range out.Config.Rules {
			for _, omitFields := range []bool{false, true} {
				r := r
				if omitFields {
					r = r.WithoutFields()
				}
				got, _ := r.MarshalJSON()
				want := stdJSON(t, plainRuleOut(r))
				if omitFields {
					// What the contract promises: the same object without those five members.
					var m map[string]json.RawMessage
					json.Unmarshal([]byte(want), &m)
					for _, k := range []string{"allowedOrigins", "allowedMethods", "allowedHeaders", "exposeHeaders", "maxAgeSeconds"} {
						delete(m, k)
					}
					var g map[string]json.RawMessage
					if err := json.Unmarshal(got, &g); err != nil {
						t.Fatalf("%s: %v", got, err)
					}
					if stdJSON(t, g) != stdJSON(t, m) {
						t.Errorf("without fields:\n got %s\nwant %s", stdJSON(t, g), stdJSON(t, m))
					}
					continue
				}
				if string(got) != want {
					t.Errorf("rule %d:\n got %s\nwant %s", r.Index, got, want)
				}
				n++
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d rules compared", n)
	}
}

// TestMarshalParts checks the hand-written writers of the configuration and
// the evaluation against encoding/json, over every golden scenario and the
// examples, with and without what the page omits.
func TestMarshalParts(t *testing.T) {
	var ins []scenario.Input
	for _, b := range decodeCorpus(t) {
		in, err := scenario.DecodeInput(b)
		if err == nil {
			ins = append(ins, in)
		}
	}
	big := examples.Large(20)
	ins = append(ins, scenario.Input{Bucket: scenario.Bucket{CORS: &big}, Request: scenario.Request{Method: "OPTIONS", Headers: scenario.Headers{{"Origin", "https://app3.example.com"}, {"Access-Control-Request-Method", "PUT"}}}})
	n := 0
	for _, in := range ins {
		for _, omit := range [][]string{nil, {"values", "rule-checks", "rule-fields"}} {
			in.Omit = omit
			out := runner.Run(in)
			if out.Error != nil {
				continue
			}
			if got, want := string(out.Config.AppendJSON(nil)), stdJSON(t, out.Config); got != want {
				t.Errorf("config:\n got %s\nwant %s", got, want)
			}
			if got, want := string(out.Evaluation.AppendJSON(nil)), stdJSON(t, out.Evaluation); got != want {
				t.Errorf("evaluation:\n got %s\nwant %s", got, want)
			}
			n++
		}
	}
	if n < 20 {
		t.Fatalf("only %d outputs compared", n)
	}
}

// omitVariants are the omit lists the JSON is compared under: none, each
// section, and what the page sends at a keystroke.
var omitVariants = [][]string{nil, {"lint"}, {"values"}, {"fix"}, {"browser-evaluations"}, {"rule-checks"}, {"rule-fields"},
	{"lint", "values", "fix", "browser-evaluations", "rule-checks", "rule-fields"}, {"bogus"}}

// TestMarshalMatchesStd compares scenario.Marshal, a Runner's RunJSON and the
// input's AppendJSON with encoding/json, on every scenario of the decode
// corpus (golden scenarios, examples, odd ones) under every omit list, and
// on random outputs and inputs. The gallery's scenarios are compared in
// TestGalleryJSON.
func TestMarshalMatchesStd(t *testing.T) {
	var ins []scenario.Input
	for _, b := range decodeCorpus(t) {
		if in, err := scenario.DecodeInput(b); err == nil {
			ins = append(ins, in)
		}
	}
	big := examples.Large(20)
	ins = append(ins, scenario.Input{Bucket: scenario.Bucket{CORS: &big}, Request: scenario.Request{Method: "OPTIONS", Headers: scenario.Headers{{"Origin", "https://app3.example.com"}, {"Access-Control-Request-Method", "PUT"}}}})
	// Fetches against every configuration, for the browser verdict and the fix.
	fetches := []browser.Fetch{
		{Origin: "https://app.example.com", URL: "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/a/b.png?x=<1>&y=2", Method: "PUT", Headers: browser.Headers{{"Content-Type", "image/png"}, {"X-Amz-Meta-Note", "a<b>&c"}}},
		{Origin: "https://app3.example.com", URL: "https://s3.amazonaws.com/amzn-s3-demo-bucket/k", Credentials: "include"},
		{Origin: "http://localhost:3000", URL: "https://b.s3-website-us-west-2.amazonaws.com/", Method: "DELETE", Mode: "no-cors"},
	}
	for _, in := range ins[:len(ins):len(ins)] {
		if in.Bucket.CORS == nil || in.Fetch != nil {
			continue
		}
		for i, f := range fetches {
			in := in
			in.Fetch, in.Browser = &f, browser.Names[i%len(browser.Names)]
			ins = append(ins, in)
		}
	}
	// r answers JSON from its cache of rendered parts; twin answers the
	// same scenarios in the same order (so that its cache holds the same
	// configurations) as Outputs, for encoding/json.
	r, twin := runner.New(8), runner.New(8)
	n, withBrowser, withFix := 0, 0, 0
	for _, in := range ins {
		for _, omit := range omitVariants {
			in.Omit = omit
			jsonwtest.Check(t, "input", in.AppendJSON(nil), stdJSON(t, in))
			out := runner.Run(in)
			jsonwtest.Check(t, "Marshal", scenario.Marshal(out), stdJSON(t, out))
			if out.Browser != nil {
				withBrowser++
			}
			if out.Fix != nil {
				withFix++
			}
			for round := 0; round < 2; round++ {
				jsonwtest.Check(t, "Runner.RunJSON", r.RunJSON(in.AppendJSON(nil)), stdJSON(t, twin.Run(in)))
			}
			n++
		}
	}
	if n < 250 || withBrowser < 10 || withFix < 5 {
		t.Fatalf("only %d outputs compared, %d with a browser verdict, %d with a fix", n, withBrowser, withFix)
	}
	rnd := rand.New(rand.NewPCG(10, 2026))
	for range 500 {
		var out scenario.Output
		jsonwtest.Fill(rnd, &out)
		jsonwtest.Check(t, "random output", scenario.Marshal(out), stdJSON(t, out))
		var in scenario.Input
		jsonwtest.Fill(rnd, &in)
		jsonwtest.Check(t, "random input", in.AppendJSON(nil), stdJSON(t, in))
	}
}

// TestErrorJSON: the error answer is what json.Marshal wrote (HTML
// escaping on), for every message.
func TestErrorJSON(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 2026))
	msgs := []string{"", `json: unknown field "<b>"`, "a & b\u2028\xff"}
	for range 300 {
		msgs = append(msgs, jsonwtest.String(rnd))
	}
	for _, m := range msgs {
		jsonwtest.Check(t, "errorJSON", scenario.ErrorJSON(&scenario.ErrorOut{Message: m}), jsonwtest.StdHTML(t, scenario.Output{Error: &scenario.ErrorOut{Message: m}}))
	}
	for _, in := range []string{`{"bucket": `, `{"<x>": 1}`, `{"omit": ["<&>"]}`, `{"request": {"method": "G<T"}}`} {
		out := string(runner.RunJSON([]byte(in)))
		var o scenario.Output
		if err := json.Unmarshal([]byte(out), &o); err != nil || o.Error == nil {
			t.Fatalf("%s: %s", in, out)
		}
		want := jsonwtest.StdHTML(t, scenario.Output{Error: o.Error})
		if o.Config != nil { // a refused omit or request: the rest of the answer comes too
			want = stdJSON(t, o)
		}
		if out != want {
			t.Errorf("%s:\n got %s\nwant %s", in, out, want)
		}
	}
}

// FuzzMarshal compares scenario.Marshal with encoding/json for any scenario the
// decoder takes.
func FuzzMarshal(f *testing.F) {
	for _, in := range decodeCorpus(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		in, err := scenario.DecodeInput(b)
		if err != nil {
			return
		}
		jsonwtest.Check(t, "input", in.AppendJSON(nil), stdJSON(t, in))
		out := runner.Run(in)
		jsonwtest.Check(t, "Marshal", scenario.Marshal(out), stdJSON(t, out))
	})
}
