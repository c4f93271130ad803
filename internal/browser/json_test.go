package browser_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// checkVerdict compares v's hand-written JSON with encoding/json's, with
// its S3 evaluations and without them (as the page omits them).
func checkVerdict(t *testing.T, v *browser.Verdict) {
	t.Helper()
	jsonwtest.Check(t, "verdict", v.AppendJSON(nil), jsonwtest.Std(t, v))
	if v != nil {
		w := *v
		w.Preflight.Evaluation, w.Actual.Evaluation = nil, nil
		jsonwtest.Check(t, "verdict without evaluations", w.AppendJSON(nil), jsonwtest.Std(t, &w))
	}
}

// TestJSONMatchesStd compares the verdict's writers with encoding/json on
// the golden fetches in every browser and on random values of every type.
func TestJSONMatchesStd(t *testing.T) {
	checkVerdict(t, nil)
	n := 0
	for _, g := range golden {
		for _, name := range browser.Names {
			f := g.fetch
			for _, omit := range [][]string{nil, {"browser-evaluations", "rule-checks"}} {
				out := runner.Run(scenario.Input{Bucket: g.bucket, Fetch: &f, Browser: name, Omit: omit})
				if out.Browser == nil {
					t.Fatalf("%s in %s: no verdict (%+v)", g.name, name, out.Error)
				}
				checkVerdict(t, out.Browser)
				n++
			}
		}
		jsonwtest.Check(t, "fetch", g.fetch.AppendJSON(nil), jsonwtest.Std(t, &g.fetch))
	}
	r := rand.New(rand.NewPCG(8, 2026))
	for range 1000 {
		var v browser.Verdict
		jsonwtest.Fill(r, &v)
		checkVerdict(t, &v)
		var f browser.Fetch
		jsonwtest.Fill(r, &f)
		jsonwtest.Check(t, "fetch", f.AppendJSON(nil), jsonwtest.Std(t, &f))
	}
}

// FuzzJSON compares the verdict's JSON with encoding/json's for fetches
// and one-rule configurations of any text.
func FuzzJSON(f *testing.F) {
	f.Add("https://app.example.com", "PUT", "PUT", "Content-Type", "image/png", "x-amz-*", "include", "https://*.example.com", "ETag", "no-cors")
	f.Add("http://localhost:3000", "GET", "GET", "Range", "<b>&\u2028", "*", "", "*", "", "")
	f.Fuzz(func(t *testing.T, origin, method, allowedMethod, hn, hv, allowedHeader, creds, allowedOrigin, expose, mode string) {
		cors := "<CORSConfiguration><CORSRule><AllowedOrigin>" + esc(allowedOrigin) + "</AllowedOrigin><AllowedMethod>" + esc(allowedMethod) +
			"</AllowedMethod><AllowedHeader>" + esc(allowedHeader) + "</AllowedHeader><ExposeHeader>" + esc(expose) + "</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>"
		fe := browser.Fetch{Origin: origin, URL: "https://bucket.s3.us-west-2.amazonaws.com/key?" + hv, Method: method, Headers: browser.Headers{{hn, hv}}, Credentials: creds, Mode: mode}
		jsonwtest.Check(t, "fetch", fe.AppendJSON(nil), jsonwtest.Std(t, &fe))
		for _, b := range browser.Names {
			out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Fetch: &fe, Browser: b})
			checkVerdict(t, out.Browser)
		}
	})
}
