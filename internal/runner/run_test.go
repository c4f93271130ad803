package runner_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

var badInputs = []struct {
	name string
	in   string
	want string // substring of error.message
}{
	{name: "not JSON", in: `{"bucket": `, want: "not valid"},
	{name: "unknown field", in: `{"bucket": {"cors": null}, "request": {"method": "GET"}, "extra": 1}`, want: `unknown field "extra"`},
	{name: "no method", in: `{"bucket": {"cors": null}, "request": {}}`, want: "request.method is required"},
	{name: "bad target", in: `{"bucket": {"cors": null}, "request": {"method": "GET", "target": "key"}}`, want: `request.target "key"`},
	{name: "header name with a space", in: `{"bucket": {"cors": null}, "request": {"method": "GET", "headers": {"Bad Name": "x"}}}`, want: "not a valid HTTP header name"},
	{name: "header value with a line break", in: `{"bucket": {"cors": null}, "request": {"method": "GET", "headers": {"Origin": "a\r\nX: y"}}}`, want: "line break"},
	{name: "header value not a string", in: `{"bucket": {"cors": null}, "request": {"method": "GET", "headers": {"Origin": 5}}}`, want: "must be a string"},
	{name: "status out of range", in: `{"bucket": {"cors": null}, "request": {"method": "GET", "operationStatus": 99}}`, want: "not an HTTP status"},
	{name: "trailing data", in: `{"bucket": {"cors": null}, "request": {"method": "GET"}} {}`, want: "unexpected data"},
}

func TestBadInput(t *testing.T) {
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			var out struct {
				Error *scenario.ErrorOut `json:"error"`
			}
			if err := json.Unmarshal(runner.RunJSON([]byte(tt.in)), &out); err != nil {
				t.Fatal(err)
			}
			if out.Error == nil || !strings.Contains(out.Error.Message, tt.want) {
				t.Errorf("error = %+v, want one containing %q", out.Error, tt.want)
			}
		})
	}
}

// TestHostileInput feeds what a person might paste: huge, binary, deeply
// nested, entity-laden text, thousands of headers. Each must come back with
// a clear verdict, not a panic or a hang.
func TestHostileInput(t *testing.T) {
	cases := []struct {
		name, cors, want string // want: S3 error code on PutBucketCors
	}{
		{name: "10 MB", cors: strings.Repeat("<CORSRule>", 1<<20), want: "MaxMessageLengthExceeded"},
		{name: "binary", cors: "\x00\x01\xff\xfe<CORSConfiguration>", want: "MalformedXML"},
		{name: "deep XML", cors: "<CORSConfiguration>" + strings.Repeat("<a>", 5000) + strings.Repeat("</a>", 5000) + "</CORSConfiguration>", want: "MalformedXML"},
		{name: "deep JSON", cors: strings.Repeat("[", 50000), want: "MalformedXML"},
		{name: "entity expansion", cors: `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><CORSConfiguration>&lol2;</CORSConfiguration>`, want: "MalformedXML"},
		{name: "huge number", cors: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 1e999999}]`, want: ""},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			cors := tt.cors
			out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: scenario.Request{Method: "GET", Headers: scenario.Headers{{"Origin", "https://a"}}}})
			if out.Validation == nil || out.Validation.Accepted {
				t.Fatalf("validation = %+v; want a rejection", out.Validation)
			}
			if tt.want != "" && (out.Validation.S3Error == nil || out.Validation.S3Error.Code != tt.want) {
				t.Errorf("S3 error = %+v, want %s", out.Validation.S3Error, tt.want)
			}
			if len(scenario.Marshal(out)) > 1<<20 {
				t.Errorf("output is %d bytes; a rejection should be small", len(scenario.Marshal(out)))
			}
		})
	}
	t.Run("thousands of request headers", func(t *testing.T) {
		var h scenario.Headers
		for i := 0; i < 900; i++ {
			h = append(h, [2]string{"X-H" + strconv.Itoa(i), strings.Repeat("v", 20)})
		}
		cors := `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
		out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: scenario.Request{Method: "GET", Headers: h}})
		if out.Evaluation == nil || out.Evaluation.Response.Status != 400 || out.Evaluation.Response.Error.Code != "RequestHeaderSectionTooLarge" {
			t.Errorf("evaluation = %+v; want S3's 400 for an oversized header section", out.Evaluation)
		}
	})
}

func TestOmitLint(t *testing.T) {
	cors := `<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example/</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	in := scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: scenario.Request{Method: "GET"}}
	if out := runner.Run(in); len(out.Lint) == 0 {
		t.Fatal("no lint warning for an origin with a trailing slash")
	}
	in.Omit = []string{"lint"}
	out := runner.Run(in)
	if out.Lint != nil || out.Error != nil {
		t.Fatalf("lint = %v, error = %v; want no lint and no error", out.Lint, out.Error)
	}
	if b := scenario.Marshal(out); strings.Contains(string(b), `"lint"`) {
		t.Errorf("omitted lint still in the JSON: %s", b)
	}
	in.Omit = []string{"evaluation"}
	if out := runner.Run(in); out.Error == nil {
		t.Error("omit of an unknown section accepted")
	}
}

func TestOmitValues(t *testing.T) {
	cors := `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	r := runner.New(4)
	in := scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: scenario.Request{Method: "GET"}, Omit: []string{"values"}}
	if out := r.Run(in); out.Config.Rules[0].Values != nil || out.Config.Rules[0].AllowedOrigins[0] != "*" {
		t.Fatalf("values not omitted, or the rule lost: %+v", out.Config.Rules[0])
	}
	in.Omit = nil
	if out := r.Run(in); len(out.Config.Rules[0].Values) != 2 {
		t.Fatalf("the cached configuration lost its values: %+v", out.Config.Rules[0])
	}
}

// TestRunnerJSONMatchesMarshal checks that the Runner's JSON, which reuses
// pre-rendered parts, is byte for byte what Marshal(Run(…)) writes, on
// every golden scenario, twice (the second time from the cache), with and
// without omitted sections.
func TestRunnerJSONMatchesMarshal(t *testing.T) {
	inputs, _ := filepath.Glob("../scenario/testdata/golden/*.json")
	r := runner.New(64)
	for _, path := range inputs {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, omit := range [][]string{{"lint", "values"}, {"values"}, nil, {"lint"}, {"lint", "values"}} {
			in, err := scenario.DecodeInput(src)
			if err != nil {
				t.Fatal(err)
			}
			in.Omit = omit
			b, _ := json.Marshal(in)
			want := string(scenario.Marshal(runner.Run(in)))
			for round := 0; round < 2; round++ {
				if got := string(r.RunJSON(b)); got != want {
					t.Fatalf("%s omit %v round %d:\n got %s\nwant %s", path, omit, round, got, want)
				}
			}
		}
	}
}

func TestOmitBrowserEvaluations(t *testing.T) {
	src, err := os.ReadFile("../scenario/testdata/golden/fetch-blocked.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := scenario.DecodeInput(src)
	if err != nil {
		t.Fatal(err)
	}
	if out := runner.Run(in); out.Browser == nil || out.Browser.Preflight.Evaluation == nil {
		t.Fatal("no preflight evaluation in the browser verdict to begin with")
	}
	in.Omit = []string{"browser-evaluations"}
	out := runner.Run(in)
	if out.Browser == nil || out.Browser.Preflight.Evaluation != nil || out.Browser.Actual.Evaluation != nil {
		t.Fatalf("browser evaluations not omitted: %+v", out.Browser)
	}
	if out.Browser.Allowed || out.Browser.Message == "" {
		t.Errorf("omitting the evaluations changed the verdict: allowed %v, message %q", out.Browser.Allowed, out.Browser.Message)
	}
	if out.Fix == nil {
		t.Error("a blocked fetch lost its fix")
	}
	in.Omit = []string{"fix"}
	if out := runner.Run(in); out.Fix != nil || out.Browser == nil || out.Browser.Allowed {
		t.Errorf("omit fix: fix = %v, browser = %v", out.Fix, out.Browser)
	}
}
