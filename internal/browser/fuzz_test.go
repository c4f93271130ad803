package browser_test

import (
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// FuzzNormalise: any origin, URL, method, header and mode either gives a
// clear error or a normalised request; never a panic.
func FuzzNormalise(f *testing.F) {
	f.Add("https://app.example.com", "https://b.s3.amazonaws.com/k?x=1#f", "PUT", "Content-Type", "image/png", "include", "cors")
	f.Add("null", "http://[::1]:80/a%zz", "get", "Range", "bytes=-1", "", "no-cors")
	f.Add("HTTPS://A.com:443/", "https://u@b.com", "TRACE", "Content Type", "x\ny", "x", "navigate")
	f.Add("http://a", "http://s3-logs.s3.dualstack.us-east-1.amazonaws.com.cn/", "", "x-amz-date", "", "omit", "same-origin")
	f.Fuzz(func(t *testing.T, origin, url, method, hn, hv, creds, mode string) {
		for _, b := range browser.Names {
			r, _, _, err := browser.Normalise(browser.Fetch{Origin: origin, URL: url, Method: method, Headers: browser.Headers{{hn, hv}}, Credentials: creds, Mode: mode}, b)
			if err != nil {
				if err.Error() == "" {
					t.Fatal("empty error")
				}
				continue
			}
			if r.Origin != "null" && (strings.HasSuffix(r.Origin, "/") || !strings.Contains(r.Origin, "://")) {
				t.Fatalf("origin %q not serialised", r.Origin)
			}
			switch r.Target.Kind {
			case "object", "bucket", "service":
			default:
				t.Fatalf("target kind %q", r.Target.Kind)
			}
		}
	})
}

// FuzzJudge: against real S3 answers for a fuzzed configuration and fetch,
// the judge never panics, and "allowed" means S3's actual response passed
// the CORS check: Access-Control-Allow-Origin is the origin (or "*" for an
// uncredentialed request), and every readable header was sent.
func FuzzJudge(f *testing.F) {
	f.Add("https://app.example.com", "GET", "PUT", "Content-Type", "image/png", "x-amz-*", "include", "https://*.example.com", "ETag")
	f.Add("http://localhost:3000", "PUT", "GET", "Range", "bytes=0-9", "*", "", "*", "")
	f.Add("https://a.b", "DELETE", "DELETE", "Authorization", "x", "authorization", "omit", "https://a.b", "x-amz-request-id")
	f.Fuzz(func(t *testing.T, origin, method, allowedMethod, hn, hv, allowedHeader, creds, allowedOrigin, expose string) {
		cors := "<CORSConfiguration><CORSRule><AllowedOrigin>" + esc(allowedOrigin) + "</AllowedOrigin><AllowedMethod>" + esc(allowedMethod) +
			"</AllowedMethod><AllowedHeader>" + esc(allowedHeader) + "</AllowedHeader><ExposeHeader>" + esc(expose) + "</ExposeHeader></CORSRule></CORSConfiguration>"
		fe := browser.Fetch{Origin: origin, URL: "https://bucket.s3.us-west-2.amazonaws.com/key", Method: method, Headers: browser.Headers{{hn, hv}}, Credentials: creds}
		for _, b := range browser.Names {
			out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Fetch: &fe, Browser: b})
			v := out.Browser
			if v == nil {
				continue
			}
			if v.Allowed != (v.Failure == nil) {
				t.Fatalf("allowed %v but failure %+v", v.Allowed, v.Failure)
			}
			if !v.Allowed {
				if v.Message == "" {
					t.Fatalf("%s: blocked without a message: %s", b, v.Summary)
				}
				continue
			}
			if v.Message != "" {
				t.Fatalf("allowed with message %q", v.Message)
			}
			if !v.CORS {
				continue
			}
			resp := v.Actual.Response
			acao, ok := get(resp.Headers, "Access-Control-Allow-Origin")
			if !ok || (acao != v.Request.Origin && !(acao == "*" && !v.Credentialed)) {
				t.Fatalf("%s: allowed, but S3's actual response has Access-Control-Allow-Origin %q (present %v) for origin %q", b, acao, ok, v.Request.Origin)
			}
			if v.Credentialed {
				if c, _ := get(resp.Headers, "Access-Control-Allow-Credentials"); c != "true" {
					t.Fatalf("allowed credentialed without Allow-Credentials")
				}
			}
			for _, h := range v.ReadableHeaders {
				if _, ok := get(resp.Headers, h); !ok {
					t.Fatalf("readable %q was not sent", h)
				}
			}
			if v.Preflight.Needed && !v.Preflight.OK {
				t.Fatalf("allowed after a failed preflight")
			}
		}
	})
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
