package runner_test

import (
	"fmt"

	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

func ExampleRun() {
	cors := `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://*.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
  </CORSRule>
</CORSConfiguration>`
	out := runner.Run(scenario.Input{
		Bucket: scenario.Bucket{CORS: &cors},
		Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
			{"Origin", "https://app.example.com"},
			{"Access-Control-Request-Method", "PUT"},
		}},
	})
	fmt.Println("accepted:", out.Validation.Accepted)
	fmt.Println("matched rule:", *out.Evaluation.MatchedRule)
	r := out.Evaluation.Response
	fmt.Println(r.Status, r.StatusText)
	for _, h := range r.Headers {
		fmt.Printf("%s: %s\n", h[0], h[1])
	}
	// Output:
	// accepted: true
	// matched rule: 0
	// 200 OK
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Methods: GET, PUT
	// Access-Control-Allow-Credentials: true
	// Vary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method
	// Content-Length: 0
}
