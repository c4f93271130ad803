package scenario

import (
	"bytes"
	"encoding/json"
	"testing"

	"corsplay/internal/examples"
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

// plainRuleOut is RuleOut without its MarshalJSON: what encoding/json
// writes by reflection.
type plainRuleOut RuleOut

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
		p := Prepare(Bucket{CORS: &src})
		p.fillValues()
		for _, r := range p.Config.Rules {
			for _, omitFields := range []bool{false, true} {
				r := r
				if omitFields {
					r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders, r.MaxAgeSeconds = nil, nil, nil, nil, nil
					r.fieldsOmitted = true
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
	var ins []Input
	for _, b := range decodeCorpus(t) {
		in, err := DecodeInput(b)
		if err == nil {
			ins = append(ins, in)
		}
	}
	big := examples.Large(20)
	ins = append(ins, Input{Bucket: Bucket{CORS: &big}, Request: Request{Method: "OPTIONS", Headers: Headers{{"Origin", "https://app3.example.com"}, {"Access-Control-Request-Method", "PUT"}}}})
	n := 0
	for _, in := range ins {
		for _, omit := range [][]string{nil, {"values", "rule-checks", "rule-fields"}} {
			in.Omit = omit
			out := Run(in)
			if out.Error != nil {
				continue
			}
			if got, want := string(appendConfig(nil, out.Config)), stdJSON(t, out.Config); got != want {
				t.Errorf("config:\n got %s\nwant %s", got, want)
			}
			if got, want := string(appendEvaluation(nil, out.Evaluation)), stdJSON(t, out.Evaluation); got != want {
				t.Errorf("evaluation:\n got %s\nwant %s", got, want)
			}
			n++
		}
	}
	if n < 20 {
		t.Fatalf("only %d outputs compared", n)
	}
}
