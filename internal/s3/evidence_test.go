package s3

import (
	"slices"
	"strings"
	"testing"

	"corsplay/internal/config"
)

// TestEvidence: every answer's evidence starts in plain words and names
// only the recorded cases behind the check that decided it.
func TestEvidence(t *testing.T) {
	const cfg = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>content-type</AllowedHeader></CORSRule></CORSConfiguration>`
	c, err := config.Parse([]byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	withRules := Bucket{Exists: true, Rules: Compile(c)}
	tests := []struct {
		name   string
		bucket Bucket
		method string
		header Header
		level  string
		plain  string // Plain contains it
		cases  []string
	}{
		{name: "preflight from another origin", bucket: withRules, method: "OPTIONS",
			header: Header{{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}},
			level:  "recorded", plain: "an origin no rule allows", cases: []string{"test_cors_match_origins/opt-wrong-origin"}},
		{name: "preflight for a method no rule allows", bucket: withRules, method: "OPTIONS",
			header: Header{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "PUT"}},
			level:  "recorded", plain: "a method no rule allows", cases: []string{"test_cors_match_methods/opt-put"}},
		{name: "preflight asking for a header no rule allows", bucket: withRules, method: "OPTIONS",
			header: Header{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "GET"}, {"Access-Control-Request-Headers", "x-amz-acl"}},
			level:  "recorded", plain: "a header no rule allows", cases: []string{"test_cors_match_headers/opt-get-non-allowed"}},
		{name: "preflight allowed", bucket: withRules, method: "OPTIONS",
			header: Header{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "GET"}},
			level:  "recorded", plain: "a rule allows", cases: []string{"test_cors_match_origins/opt-right-origin"}},
		{name: "GET from another origin", bucket: withRules, method: "GET",
			header: Header{{"Origin", "https://evil.example"}},
			level:  "recorded", plain: "an origin no rule allows", cases: []string{"test_cors_match_origins/get-wrong-origin"}},
		{name: "DELETE from the allowed origin", bucket: withRules, method: "DELETE",
			header: Header{{"Origin", "https://app.example.com"}},
			level:  "recorded", plain: "method no rule allows", cases: []string{"test_cors_match_methods/get-wrong-op"}},
		{name: "preflight without Origin, no configuration", bucket: Bucket{Exists: true}, method: "OPTIONS",
			header: Header{{"Access-Control-Request-Method", "GET"}},
			level:  "recorded", plain: "without Origin", cases: []string{"test_cors_http_options_no_config/options-no-origin"}},
		{name: "invalid Access-Control-Request-Method: inferred", bucket: withRules, method: "OPTIONS",
			header: Header{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "PATCH"}},
			level:  "inferred", plain: "Not recorded from S3", cases: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, quiet := range []bool{false, true} {
				ev := Evaluate(tc.bucket, Request{Method: tc.method, Target: TargetObject, Header: tc.header, Quiet: quiet}).Evidence
				if ev.Level != tc.level || !strings.Contains(ev.Plain, tc.plain) || !slices.Equal(ev.Cases, tc.cases) {
					t.Errorf("quiet %v: got %+v, want level %s, plain with %q, cases %v", quiet, ev, tc.level, tc.plain, tc.cases)
				}
				if strings.Contains(ev.Plain, "test_") {
					t.Errorf("plain words name a test case: %q", ev.Plain)
				}
				for _, c := range ev.Cases {
					if !strings.Contains(ev.Source, c) {
						t.Errorf("source %q does not name case %s", ev.Source, c)
					}
				}
			}
		})
	}
}
