package browser_test

import (
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// BenchmarkJudge: one whole verdict (three browsers, preflight and actual
// request each) against a prepared configuration, as the page computes it
// on every keystroke. Run with -benchmem.
func BenchmarkJudge(b *testing.B) {
	cors := `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
	p := runner.Prepare(scenario.Bucket{CORS: &cors})
	f := browser.Fetch{Origin: "https://app.example.com", URL: "https://b.s3.us-east-1.amazonaws.com/k.jpg?X-Amz-Signature=x", Method: "PUT",
		Headers: browser.Headers{{"Content-Type", "image/jpeg"}}, Credentials: "include"}
	b.ReportAllocs()
	for b.Loop() {
		v, err := browser.Judge(p.Evaluator(), f, "chrome")
		if err != nil || !v.Allowed {
			b.Fatal(err, v.Summary)
		}
	}
}
