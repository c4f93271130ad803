package runner

import (
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/scenario"
)

// TestRejectedConfigVerdict: a browser verdict judged with a configuration
// S3 rejects says so in the verdict itself (hypothetical, and what really
// happens), in Output and in the JSON; one S3 accepts says nothing of it.
func TestRejectedConfigVerdict(t *testing.T) {
	const app = "https://app.example.com"
	const url = "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photo.jpg"
	tests := []struct {
		name         string
		cors         string
		fetch        browser.Fetch
		hypothetical bool
		reality      []string // Reality must say these
	}{
		{
			name:         "OPTIONS listed: S3 answers 400, and without a configuration the GET is blocked",
			cors:         `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>OPTIONS</AllowedMethod></CORSRule></CORSConfiguration>`,
			fetch:        browser.Fetch{Origin: app, URL: url, Method: "GET"},
			hypothetical: true,
			reality:      []string{"400 InvalidRequest", "keeps the CORS configuration it had", "If it had none: Blocked"},
		},
		{
			name:         "PATCH listed, preflighted PUT: the preflight gets 403 without a configuration",
			cors:         `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>`,
			fetch:        browser.Fetch{Origin: app, URL: url, Method: "PUT"},
			hypothetical: true,
			reality:      []string{"400 InvalidRequest", "If it had none: Blocked", "403"},
		},
		{
			name:         "a same-origin fetch needs no CORS either way",
			cors:         `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>OPTIONS</AllowedMethod></CORSRule></CORSConfiguration>`,
			fetch:        browser.Fetch{Origin: "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com", URL: url, Method: "GET"},
			hypothetical: true,
			reality:      []string{"400", "If it had none: "},
		},
		{
			name:  "accepted: no caveat",
			cors:  `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
			fetch: browser.Fetch{Origin: app, URL: url, Method: "GET"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cors := tc.cors
			f := tc.fetch
			in := scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Fetch: &f}
			out := Run(in)
			if out.Error != nil {
				t.Fatal(out.Error.Message)
			}
			v := out.Browser
			if v.Hypothetical != tc.hypothetical {
				t.Fatalf("hypothetical %v, want %v", v.Hypothetical, tc.hypothetical)
			}
			if out.Validation.Accepted == tc.hypothetical {
				t.Fatalf("accepted %v with hypothetical %v", out.Validation.Accepted, tc.hypothetical)
			}
			js := string(scenario.Marshal(out))
			if !tc.hypothetical {
				if v.Reality != "" || strings.Contains(js, `"hypothetical":true`) || strings.Contains(v.Summary, "Hypothetical") {
					t.Errorf("caveat on an accepted configuration: %q %q", v.Summary, v.Reality)
				}
				return
			}
			if !strings.HasPrefix(v.Summary, "Hypothetical: ") {
				t.Errorf("summary %q does not say it is hypothetical", v.Summary)
			}
			for _, s := range tc.reality {
				if !strings.Contains(v.Reality, s) {
					t.Errorf("reality %q lacks %q", v.Reality, s)
				}
			}
			if !strings.Contains(js, `"hypothetical":true,"reality":`) {
				t.Errorf("JSON lacks the caveat: %.400s", js)
			}
			// The Runner's JSON (what the page gets) says the same.
			r := New(4)
			b := r.RunJSON([]byte(`{"bucket":{"cors":` + jsQuote(cors) + `},"fetch":{"origin":` + jsQuote(f.Origin) + `,"url":` + jsQuote(f.URL) + `,"method":` + jsQuote(f.Method) + `},"omit":["lint","browser-evaluations","rules","fix"]}`))
			if !strings.Contains(string(b), `"hypothetical":true,"reality":"In reality `) {
				t.Errorf("Runner JSON lacks the caveat: %.400s", b)
			}
		})
	}
}

func jsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		if c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	b.WriteByte('"')
	return b.String()
}
