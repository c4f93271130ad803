package browser_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

func cfg(rules ...string) *string {
	s := "<CORSConfiguration>\n"
	for _, r := range rules {
		s += "  <CORSRule>" + r + "</CORSRule>\n"
	}
	s += "</CORSConfiguration>"
	return &s
}

const (
	app     = "https://app.example.com"
	object  = "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photos/cat.jpg"
	oApp    = "<AllowedOrigin>https://app.example.com</AllowedOrigin>"
	presign = object + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=EXAMPLE"
)

// golden are whole verdicts for representative scenarios; each file is the
// "browser" part of runner.Run's output, evaluations left out (the
// engine's own tests pin those).
var golden = []struct {
	name    string
	bucket  scenario.Bucket
	fetch   browser.Fetch
	browser string
}{
	{name: "presigned-put-content-type-not-allowed", bucket: scenario.Bucket{CORS: cfg(oApp + "<AllowedMethod>PUT</AllowedMethod>")},
		fetch: browser.Fetch{Origin: app, URL: presign, Method: "PUT", Headers: browser.Headers{{"Content-Type", "image/jpeg"}}}},
	{name: "presigned-put-fixed", bucket: scenario.Bucket{CORS: cfg(oApp + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>Content-Type</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>")},
		fetch: browser.Fetch{Origin: app, URL: presign, Method: "PUT", Headers: browser.Headers{{"Content-Type", "image/jpeg"}}}},
	{name: "firefox-preflight-403", bucket: scenario.Bucket{CORS: nil}, browser: "firefox",
		fetch: browser.Fetch{Origin: app, URL: object, Method: "DELETE"}},
	{name: "safari-get-no-match", bucket: scenario.Bucket{CORS: cfg("<AllowedOrigin>https://www.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>")}, browser: "safari",
		fetch: browser.Fetch{Origin: app, URL: object}},
	{name: "get-etag-hidden", bucket: scenario.Bucket{CORS: cfg(oApp + "<AllowedMethod>GET</AllowedMethod>")},
		fetch: browser.Fetch{Origin: app, URL: object}},
	{name: "star-rule-with-credentials", bucket: scenario.Bucket{CORS: cfg("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>")},
		fetch: browser.Fetch{Origin: app, URL: object, Credentials: "include"}},
	{name: "actual-matches-other-rule", bucket: scenario.Bucket{CORS: cfg("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>", oApp+"<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>")},
		fetch: browser.Fetch{Origin: app, URL: object, Method: "PUT", Credentials: "include", Headers: browser.Headers{{"Content-Type", "application/json"}}}},
	{name: "head-not-allowed", bucket: scenario.Bucket{CORS: cfg(oApp + "<AllowedMethod>GET</AllowedMethod>")},
		fetch: browser.Fetch{Origin: app, URL: object, Method: "HEAD"}},
	{name: "range-suffix", bucket: scenario.Bucket{CORS: cfg(oApp + "<AllowedMethod>GET</AllowedMethod><AllowedHeader>range</AllowedHeader><ExposeHeader>Content-Range</ExposeHeader><MaxAgeSeconds>86400</MaxAgeSeconds>")},
		fetch: browser.Fetch{Origin: app, URL: object, Headers: browser.Headers{{"Range", "bytes=-10"}}}},
	{name: "no-cors-image", bucket: scenario.Bucket{CORS: nil},
		fetch: browser.Fetch{Origin: app, URL: object, Mode: "no-cors"}},
	{name: "same-origin", bucket: scenario.Bucket{CORS: nil},
		fetch: browser.Fetch{Origin: "https://cdn.example.com", URL: "https://cdn.example.com/a.js", Method: "POST", Headers: browser.Headers{{"X-Custom", "1"}, {"Cookie", "a=b"}}}},
}

func TestGoldenVerdicts(t *testing.T) {
	for _, g := range golden {
		t.Run(g.name, func(t *testing.T) {
			f := g.fetch
			out := runner.Run(scenario.Input{Bucket: g.bucket, Fetch: &f, Browser: g.browser})
			if out.Error != nil || out.Browser == nil {
				t.Fatalf("error %+v", out.Error)
			}
			v := *out.Browser
			v.Preflight.Evaluation, v.Actual.Evaluation = nil, nil
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", g.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, firstDiff(string(want), b.String()))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

// The worked example of docs/browser-verdict.md: the preflight, S3's 403,
// Chrome's message, and the verdict once the fix is applied.
func TestReadmeExample(t *testing.T) {
	f := golden[0].fetch
	out := runner.Run(scenario.Input{Bucket: golden[0].bucket, Fetch: &f})
	v := out.Browser
	if v.Allowed || !v.Preflight.Sent || v.Preflight.Response.Status != 403 {
		t.Fatalf("allowed %v preflight %v", v.Allowed, v.Preflight.Sent)
	}
	acrh, _ := get(v.Preflight.Request.Headers, "Access-Control-Request-Headers")
	if acrh != "content-type" {
		t.Errorf("Access-Control-Request-Headers %q", acrh)
	}
	want := "Access to fetch at '" + presign + "' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
	if v.Message != want {
		t.Errorf("message\n got %q\nwant %q", v.Message, want)
	}
	f2 := golden[1].fetch
	if out := runner.Run(scenario.Input{Bucket: golden[1].bucket, Fetch: &f2}); !out.Browser.Allowed {
		t.Errorf("fixed config still blocked: %s", out.Browser.Summary)
	}
}

func get(hs [][2]string, n string) (string, bool) {
	for _, kv := range hs {
		if strings.EqualFold(kv[0], n) {
			return kv[1], true
		}
	}
	return "", false
}
