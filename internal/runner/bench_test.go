package runner_test

import (
	"strings"
	"testing"

	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// hundredRules is a 100-rule configuration of about 64 KB whose last rule
// is the only one that matches https://last.example.
func hundredRules() string {
	var b strings.Builder
	b.WriteString(`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + "\n")
	for i := 0; i < 99; i++ {
		b.WriteString("  <CORSRule>\n    <ID>rule-xxxxxxxx</ID>\n")
		for j := 0; j < 5; j++ {
			b.WriteString("    <AllowedOrigin>https://app-" + strings.Repeat("a", j+1) + ".example-" + string(rune('a'+i%26)) + ".com</AllowedOrigin>\n")
		}
		b.WriteString("    <AllowedMethod>GET</AllowedMethod>\n    <AllowedMethod>PUT</AllowedMethod>\n")
		b.WriteString("    <AllowedHeader>content-type</AllowedHeader>\n    <AllowedHeader>x-amz-*</AllowedHeader>\n")
		b.WriteString("    <ExposeHeader>ETag</ExposeHeader>\n    <MaxAgeSeconds>3000</MaxAgeSeconds>\n  </CORSRule>\n")
	}
	b.WriteString("  <CORSRule>\n    <AllowedOrigin>https://last.example</AllowedOrigin>\n    <AllowedMethod>PUT</AllowedMethod>\n    <AllowedHeader>*</AllowedHeader>\n  </CORSRule>\n</CORSConfiguration>\n")
	return b.String()
}

const oneRule = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`

func preflightTo(origin string) scenario.Request {
	return scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
		{"Origin", origin}, {"Access-Control-Request-Method", "PUT"}, {"Access-Control-Request-Headers", "content-type,x-amz-date"}}}
}

// benchRun measures what issue 2 names: parse + validate + match + respond.
// Lint is corsplay's extra advice, measured apart (BenchmarkRunWithLint).
func benchRun(b *testing.B, cors, origin string, omit ...string) {
	in := scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: preflightTo(origin), Omit: omit}
	b.SetBytes(int64(len(cors)))
	b.ReportAllocs()
	for b.Loop() {
		out := runner.Run(in)
		if out.Evaluation == nil || out.Evaluation.MatchedRule == nil {
			b.Fatal("no match")
		}
	}
}

// BenchmarkRun1Rule: parse + validate + match + respond, one small rule.
func BenchmarkRun1Rule(b *testing.B) { benchRun(b, oneRule, "https://app.example.com", "lint") }

// BenchmarkRun100Rules: the same end to end on a 100-rule ≈ 64 KB
// configuration whose last rule matches. Target: ≤ 1 ms.
func BenchmarkRun100Rules(b *testing.B) { benchRun(b, hundredRules(), "https://last.example", "lint") }

// BenchmarkRun100RulesWithLint is the same with lint's 500 warnings.
func BenchmarkRun100RulesWithLint(b *testing.B) { benchRun(b, hundredRules(), "https://last.example") }

// BenchmarkRunJSON100Rules adds decoding the scenario and encoding the
// result: what the page pays per keystroke.
func BenchmarkRunJSON100Rules(b *testing.B) {
	in := scenario.Marshal(scenario.Output{}) // warm encoders
	_ = in
	cors := hundredRules()
	src := []byte(`{"bucket":{"exists":true,"cors":` + quote(cors) + `},"request":{"method":"OPTIONS","target":"object","headers":{"Origin":"https://last.example","Access-Control-Request-Method":"PUT"}},"omit":["lint"]}`)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		runner.RunJSON(src)
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// BenchmarkEvaluatePrepared answers one request against a configuration
// prepared once: what a batch over one configuration pays.
func BenchmarkEvaluatePrepared(b *testing.B) {
	cors := oneRule
	p := runner.Prepare(scenario.Bucket{CORS: &cors})
	req := preflightTo("https://app.example.com")
	b.ReportAllocs()
	for b.Loop() {
		if ev, _ := p.Evaluate(req); ev.MatchedRule == nil {
			b.Fatal("no match")
		}
	}
}

func TestHundredRulesFixture(t *testing.T) {
	src := hundredRules()
	if len(src) < 60<<10 || len(src) > 64<<10 {
		t.Fatalf("fixture is %d bytes; want 60–64 KB", len(src))
	}
	out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &src}, Request: preflightTo("https://last.example")})
	if !out.Validation.Accepted || out.Evaluation.MatchedRule == nil || *out.Evaluation.MatchedRule != 99 {
		t.Fatalf("want rule 99 of an accepted configuration; got %+v", out.Evaluation)
	}
}
