package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const preflight = `{"bucket": {"exists": true, "cors": "<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>"},
 "request": {"method": "OPTIONS", "target": "object",
             "headers": {"Origin": "https://app.example.com", "Access-Control-Request-Method": "PUT"}}}`

// testFile is a corsplay-tests/1 file of one passing and one failing test
// against a rule for https://app.example.com, the second on line 3.
const testFile = `{"format": "corsplay-tests/1", "tests": [
 {"name": "the app uploads", "fetch": {"origin": "https://app.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT"}, "expect": {"allowed": true}},
 {"name": "the admin site uploads", "fetch": {"origin": "https://admin.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT"}, "expect": {"allowed": true}}]}`

// result is the part of the contract these tests read.
type result struct {
	Evaluation *struct {
		Kind        string `json:"kind"`
		MatchedRule *int   `json:"matchedRule"`
		Response    struct {
			Status  int        `json:"status"`
			Headers [][]string `json:"headers"`
		} `json:"response"`
	} `json:"evaluation"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func TestCall(t *testing.T) {
	tests := []struct {
		name    string
		fn      string
		args    []string
		wantErr string                         // substring of the error; "" for success
		check   func(t *testing.T, out string) // checks a successful result
	}{
		{
			name: "evaluate matches the rule",
			fn:   "evaluate",
			args: []string{preflight},
			check: func(t *testing.T, out string) {
				var r result
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("result is not JSON: %v\n%s", err, out)
				}
				if r.Evaluation == nil || r.Evaluation.MatchedRule == nil || *r.Evaluation.MatchedRule != 0 {
					t.Fatalf("want rule 0 matched, got %s", out)
				}
				if r.Evaluation.Kind != "preflight" || r.Evaluation.Response.Status != 200 {
					t.Errorf("kind %q status %d, want preflight 200", r.Evaluation.Kind, r.Evaluation.Response.Status)
				}
			},
		},
		{
			name: "evaluate reports bad scenario JSON inside the result",
			fn:   "evaluate",
			args: []string{`{"bucket": `},
			check: func(t *testing.T, out string) {
				var r result
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("result is not JSON: %v\n%s", err, out)
				}
				if r.Error == nil || r.Error.Message == "" {
					t.Errorf("want an error object, got %s", out)
				}
			},
		},
		{
			name: "highlight escapes markup",
			fn:   "highlight",
			args: []string{"<AllowedOrigin><script>alert(1)</script></AllowedOrigin>", "xml"},
			check: func(t *testing.T, out string) {
				if !strings.HasPrefix(out, `<pre class="chroma">`) || strings.Contains(out, "<script>") {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name:    "highlight unknown language",
			fn:      "highlight",
			args:    []string{"x", "toml"},
			wantErr: `corsplay.highlight: highlight: unknown language "toml"`,
		},
		{
			name:    "highlight refuses huge text",
			fn:      "highlight",
			args:    []string{strings.Repeat("a", MaxHighlight+1), "text"},
			wantErr: "highlight takes at most",
		},
		{
			name: "convert xml to cli-json",
			fn:   "convert",
			args: []string{`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`, "cli-json"},
			check: func(t *testing.T, out string) {
				var a struct{ Output, Error string }
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				if a.Error != "" || !strings.Contains(a.Output, `"CORSRules"`) || !strings.Contains(a.Output, `"GET"`) {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name: "convert names the bucket of the request URL",
			fn:   "convert",
			args: []string{`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`, "aws-cli", "https://photos-prod.s3.eu-west-1.amazonaws.com/a.jpg"},
			check: func(t *testing.T, out string) {
				var a struct{ Output, Error string }
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(a.Output, "aws s3api put-bucket-cors --bucket photos-prod --region eu-west-1 ") {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name:    "convert takes at most three arguments",
			fn:      "convert",
			args:    []string{"x", "xml", "u", "v"},
			wantErr: "corsplay.convert: takes 2 to 3 arguments (text, to, url), got 4",
		},
		{
			name: "convert failure is an answer, not a failed call",
			fn:   "convert",
			args: []string{`<CORSConfiguration><CORSRule>`, "cli-json"},
			check: func(t *testing.T, out string) {
				var a struct{ Output, Error string }
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				if a.Error == "" || a.Output != "" {
					t.Errorf("want an error and no output, got %s", out)
				}
			},
		},
		{
			name: "parsePaste reads a Chrome console message",
			fn:   "parsePaste",
			args: []string{"GET https://b.s3.amazonaws.com/k net::ERR_FAILED 403\nAccess to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."},
			check: func(t *testing.T, out string) {
				var r struct {
					Kind, Browser, Reason string
					Line                  int
					Fetch                 struct{ Origin, URL string }
				}
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("result is not JSON: %v\n%s", err, out)
				}
				if r.Kind != "chrome" || r.Browser != "chrome" || r.Reason != "MissingAllowOriginHeader" || r.Line != 2 ||
					r.Fetch.Origin != "https://app.example.com" || r.Fetch.URL != "https://b.s3.amazonaws.com/k" {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name: "parsePaste with nothing recognisable is an answer, not a failed call",
			fn:   "parsePaste",
			args: []string{"<img src=x onerror=alert(1)> hello"},
			check: func(t *testing.T, out string) {
				var a struct{ Error string }
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(a.Error, "no CORS error or curl command found") {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name: "gallery lists the classic failures with their scenarios",
			fn:   "gallery",
			args: []string{},
			check: func(t *testing.T, out string) {
				var items []struct {
					Name, Title, Problem, Explanation string
					Scenario                          struct {
						Fetch   *struct{ Origin, URL string } `json:"fetch"`
						Request struct{ Method string }       `json:"request"`
					}
					Steps []struct{ Label string }
				}
				if err := json.Unmarshal([]byte(out), &items); err != nil {
					t.Fatalf("result is not JSON: %v\n%s", err, out)
				}
				if len(items) != 10 {
					t.Fatalf("%d items, want 10", len(items))
				}
				seen := map[string]bool{}
				for _, it := range items {
					if it.Name == "" || it.Title == "" || it.Problem == "" || it.Explanation == "" || (it.Scenario.Fetch == nil || it.Scenario.Fetch.URL == "") && it.Scenario.Request.Method == "" {
						t.Errorf("incomplete item %+v", it)
					}
					seen[it.Name] = true
				}
				// The CDN item's first request is the raw one S3 receives
				// (no fetch); every item has a fetch or a request.
				if !seen["presigned-put"] || !seen["vary-cache"] {
					t.Errorf("names %v lack presigned-put or vary-cache", seen)
				}
			},
		},
		{
			name:    "gallery takes no arguments",
			fn:      "gallery",
			args:    []string{"x"},
			wantErr: "corsplay.gallery: takes 0 arguments (), got 1",
		},
		{
			name:    "too few arguments",
			fn:      "highlight",
			args:    []string{"x"},
			wantErr: "corsplay.highlight: takes 2 arguments (text, lang), got 1",
		},
		{
			name:    "too many arguments",
			fn:      "evaluate",
			args:    []string{"{}", "{}"},
			wantErr: "corsplay.evaluate: takes 1 argument (scenarioJSON), got 2",
		},
		{
			name: "runTests runs a test file against the editor's configuration",
			fn:   "runTests",
			args: []string{testFile, `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>`},
			check: func(t *testing.T, out string) {
				var r struct {
					Passed, Failed int
					Results        []struct {
						Name   string
						Passed bool
						Reason string
						Line   int
					}
				}
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("result is not JSON: %v\n%s", err, out)
				}
				if r.Passed != 1 || r.Failed != 1 || len(r.Results) != 2 || !r.Results[0].Passed || r.Results[1].Passed || r.Results[1].Line != 3 ||
					!strings.HasPrefix(r.Results[1].Reason, "allowed: expected allowed, got blocked at the preflight") {
					t.Errorf("got %s", out)
				}
				for _, c := range out {
					if c > 0x7e {
						t.Fatalf("not ASCII: %s", out)
					}
				}
			},
		},
		{
			name: "runTests reports a file that is not a test file, with its place",
			fn:   "runTests",
			args: []string{"{\"format\": \"corsplay-tests/1\",\n \"tests\": 1}", ""},
			check: func(t *testing.T, out string) {
				if out != `{"error":{"message":"tests must be a list of tests, not a number","line":2,"column":11}}` {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name: "runTests with no configuration of its own uses the file's: none here",
			fn:   "runTests",
			args: []string{testFile, ""},
			check: func(t *testing.T, out string) {
				if !strings.HasPrefix(out, `{"passed":0,"failed":2,"error":null,`) || !strings.Contains(out, `"summary":"Blocked at the preflight: `) {
					t.Errorf("got %s", out)
				}
			},
		},
		{
			name:    "runTests takes two arguments",
			fn:      "runTests",
			args:    []string{testFile},
			wantErr: "corsplay.runTests: takes 2 arguments (testsJSON, config), got 1",
		},
		{
			name:    "unknown function",
			fn:      "eval",
			args:    nil,
			wantErr: `corsplay: no function "eval"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Call(tt.fn, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Call(%s) error = %v, want %q", tt.fn, err, tt.wantErr)
				}
				if out != "" {
					t.Errorf("Call(%s) returned %q with an error", tt.fn, out)
				}
				return
			}
			if err != nil {
				t.Fatalf("Call(%s): %v", tt.fn, err)
			}
			tt.check(t, out)
		})
	}
}

// TestCallRecoversPanics adds a function that panics and checks that the
// panic becomes an error and later calls still work.
func TestCallRecoversPanics(t *testing.T) {
	Funcs["boom"] = Func{Params: []string{"x"}, Call: func(args []string) (string, error) {
		var m map[string]int
		m[args[0]]++ // nil map: panics
		return "", nil
	}}
	defer delete(Funcs, "boom")
	var log strings.Builder
	PanicLog = &log
	defer func() { PanicLog = os.Stderr }()
	_, err := Call("boom", []string{"k"})
	if err == nil || !strings.HasPrefix(err.Error(), "corsplay.boom: internal error: ") {
		t.Fatalf("error = %v, want a recovered panic", err)
	}
	if _, err := Call("evaluate", []string{preflight}); err != nil {
		t.Fatalf("call after a panic: %v", err)
	}
	if !strings.Contains(log.String(), "corsplay: panic in boom: assignment to entry in nil map") || !strings.Contains(log.String(), "goroutine") {
		t.Errorf("panic log lacks the message and stack:\n%s", log.String())
	}
}

func TestArgTypeError(t *testing.T) {
	got := ArgTypeError("highlight", 1, "number").Error()
	if want := "corsplay.highlight: argument 2 (lang) must be a string, got number"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = ArgTypeError("evaluate", 3, "object").Error()
	if want := "corsplay.evaluate: argument 4 must be a string, got object"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNames(t *testing.T) {
	if got := strings.Join(Names(), ","); got != "convert,evaluate,gallery,highlight,parsePaste,runTests" {
		t.Errorf("Names() = %s", got)
	}
}

func FuzzCall(f *testing.F) {
	f.Add(uint8(1), preflight, "")
	f.Add(uint8(2), "<a>", "xml")
	f.Add(uint8(0), "[]", "xml")
	f.Fuzz(func(t *testing.T, which uint8, a, b string) {
		names := Names()
		fn := names[int(which)%len(names)]
		for _, args := range [][]string{{a}, {a, b}} {
			out, err := Call(fn, args) // must not panic
			if err != nil && out != "" {
				t.Fatalf("result %q with error %v", out, err)
			}
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatalf("a function panicked: %v", err)
			}
		}
	})
}
