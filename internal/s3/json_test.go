package s3

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/jsonw/jsonwtest"
)

// plainVerdict is RuleVerdict without its MarshalJSON.
type plainVerdict RuleVerdict

const briefConfig = `<CORSConfiguration>
<CORSRule><ID>one "quoted" &amp; &lt;tagged&gt;</ID><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedOrigin>https://app.example.com/</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>put</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader></CORSRule>
<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>ETag</ExposeHeader></CORSRule>
<CORSRule><AllowedOrigin>http://localhost:3000</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule>
<CORSRule><AllowedMethod>DELETE</AllowedMethod></CORSRule>
</CORSConfiguration>`

// briefRequests covers preflights and actual requests that match each rule,
// none, or stop before rules.
func briefRequests() []Request {
	pre := func(origin, method, acrh string) Request {
		h := Header{{"Origin", origin}, {"Access-Control-Request-Method", method}}
		if acrh != "" {
			h = append(h, [2]string{"Access-Control-Request-Headers", acrh})
		}
		return Request{Method: "OPTIONS", Target: TargetObject, Header: h}
	}
	act := func(method, origin string, more ...[2]string) Request {
		return Request{Method: method, Target: TargetObject, Header: append(Header{{"Origin", origin}}, more...)}
	}
	return []Request{
		pre("https://a.example.com", "GET", ""),
		pre("https://a.example.com", "PUT", "x-amz-date,content-type"),
		pre("http://localhost:3000", "PUT", "content-type"),
		pre("https://app.example.com", "DELETE", ""),
		pre("https://evil.example", "PATCH", ""),
		pre("https://evil.example", "GET", "\u2028bad"),
		act("GET", "https://elsewhere.example"),
		act("PUT", "https://a.example.com"),
		act("POST", "http://localhost:3000", [2]string{"Access-Control-Request-Method", "DELETE"}),
		act("DELETE", "https://nobody.example"),
	}
}

func evaluateBoth(t *testing.T) (full, brief []Evaluation) {
	full, brief, _ = evaluateAll(t)
	return full, brief
}

func evaluateAll(t *testing.T) (full, brief, quiet []Evaluation) {
	cfg, err := config.Parse([]byte(briefConfig))
	if err != nil {
		t.Fatal(err)
	}
	b := Bucket{Exists: true, Rules: Compile(cfg)}
	for _, req := range briefRequests() {
		full = append(full, Evaluate(b, req))
		req.Brief = true
		brief = append(brief, Evaluate(b, req))
		req.Brief, req.Quiet = false, true
		quiet = append(quiet, Evaluate(b, req))
	}
	return full, brief, quiet
}

// A quiet evaluation is the full one without rule verdicts.
func TestQuietEvaluation(t *testing.T) {
	full, _, quiet := evaluateAll(t)
	nearest := 0
	for i := range full {
		f, q := full[i], quiet[i]
		if len(q.Rules) != 0 || q.Rules == nil {
			t.Errorf("request %d: quiet evaluation has rules %v", i, q.Rules)
		}
		f.Rules, q.Rules = nil, nil
		if !reflect.DeepEqual(f, q) {
			t.Errorf("request %d:\nfull  %+v\nquiet %+v", i, f, q)
		}
		if strings.Contains(f.Summary, "Closest: rule") {
			nearest++
		}
	}
	if nearest < 3 {
		t.Errorf("only %d summaries name a closest rule; the test needs more", nearest)
	}
}

// A brief evaluation is the full one without the per-field checks.
func TestBriefEvaluation(t *testing.T) {
	full, brief := evaluateBoth(t)
	for i := range full {
		f, b := full[i], brief[i]
		if len(f.Rules) == 0 {
			t.Logf("request %d stops before rules", i)
		}
		if f.Summary != b.Summary || f.MatchedRule != b.MatchedRule || !reflect.DeepEqual(f.Response, b.Response) || !reflect.DeepEqual(f.Evidence, b.Evidence) {
			t.Errorf("request %d: brief answer differs:\nfull  %q %d %+v\nbrief %q %d %+v", i, f.Summary, f.MatchedRule, f.Response, b.Summary, b.MatchedRule, b.Response)
		}
		if len(f.Rules) != len(b.Rules) {
			t.Fatalf("request %d: %d rules in full, %d in brief", i, len(f.Rules), len(b.Rules))
		}
		for k := range f.Rules {
			fv, bv := f.Rules[k], b.Rules[k]
			if bv.Origin != (Check{}) || bv.Method != (Check{}) || bv.Headers != nil {
				t.Errorf("request %d rule %d: brief verdict has checks: %+v", i, k, bv)
			}
			fv.Origin, fv.Method, fv.Headers = Check{}, Check{}, nil
			if !reflect.DeepEqual(fv, bv) {
				t.Errorf("request %d rule %d:\nfull  %+v\nbrief %+v", i, k, fv, bv)
			}
		}
	}
}

func TestMarshalRuleVerdict(t *testing.T) {
	full, brief := evaluateBoth(t)
	n := 0
	for _, evs := range [][]Evaluation{full, brief} {
		for _, ev := range evs {
			for _, v := range ev.Rules {
				got, _ := v.MarshalJSON()
				var want bytes.Buffer
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(plainVerdict(v)); err != nil {
					t.Fatal(err)
				}
				if string(got) != string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
					t.Errorf("\n got %s\nwant %s", got, want.Bytes())
				}
				n++
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d verdicts compared", n)
	}
}

func TestMarshalErrorDoc(t *testing.T) {
	full, _ := evaluateBoth(t)
	r := rand.New(rand.NewPCG(6, 2026))
	docs := []*ErrorDoc{nil}
	evidence := []Evidence{{}}
	for _, ev := range full {
		docs = append(docs, ev.Response.Error)
		evidence = append(evidence, ev.Evidence)
	}
	for range 500 {
		var d ErrorDoc
		var e Evidence
		jsonwtest.Fill(r, &d)
		jsonwtest.Fill(r, &e)
		docs, evidence = append(docs, &d), append(evidence, e)
	}
	for _, d := range docs {
		jsonwtest.Check(t, "error document", d.AppendJSON(nil), jsonwtest.Std(t, d))
	}
	for _, e := range evidence {
		jsonwtest.Check(t, "evidence", e.AppendJSON(nil), jsonwtest.Std(t, e))
	}
}
