package examples_test

import (
	"encoding/json"
	"strings"
	"testing"

	"corsplay/internal/examples"
	"corsplay/internal/runner"
)

// result is the part of the engine's output (docs/contract.md) the examples'
// descriptions talk about.
type result struct {
	Config struct {
		Format string `json:"format"`
		Rules  []struct {
			ID string `json:"id"`
		} `json:"rules"`
	} `json:"config"`
	Validation *struct {
		Accepted bool `json:"accepted"`
		S3Error  *struct {
			Status  int    `json:"status"`
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"s3Error"`
	} `json:"validation"`
	Evaluation *struct {
		Kind         string `json:"kind"`
		Hypothetical bool   `json:"hypothetical"`
		MatchedRule  *int   `json:"matchedRule"`
		Rules        []struct {
			Matched bool `json:"matched"`
			Skipped bool `json:"skipped"`
		} `json:"rules"`
		Response struct {
			Status  int         `json:"status"`
			Headers [][2]string `json:"headers"`
			Error   *struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		} `json:"response"`
	} `json:"evaluation"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func (r result) header(name string) (string, bool) {
	for _, h := range r.Evaluation.Response.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1], true
		}
	}
	return "", false
}

func rule(i int) *int { return &i }

const vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

// What each example's description promises. Every example must have an
// entry, and every entry an example.
var want = map[string]struct {
	format     string // detected configuration format
	accepted   bool
	s3Code     string // PutBucketCors error code when rejected
	matched    *int   // index of the matching rule, nil for none
	skipped    []int  // rules never reached because an earlier one matched
	status     int
	headers    map[string]string
	absent     []string
	errorCode  string // S3 error document in the response
	errMessage string
}{
	"single-site": {
		format: "xml", accepted: true, matched: rule(0), status: 200,
		headers: map[string]string{
			"Access-Control-Allow-Origin":      "https://app.example.com",
			"Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods":     "GET, PUT, HEAD",
			"Access-Control-Allow-Headers":     "content-type",
			"Access-Control-Max-Age":           "3000",
			"Access-Control-Expose-Headers":    "ETag",
			"Vary":                             vary,
		},
	},
	"wildcard-subdomain": {
		format: "xml", accepted: true, matched: rule(0), status: 200,
		headers: map[string]string{
			"Access-Control-Allow-Origin":      "https://shop.example.com",
			"Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods":     "GET, HEAD",
		},
	},
	"presigned-upload": {
		format: "cli-json", accepted: true, matched: rule(0), status: 200,
		headers: map[string]string{
			"Access-Control-Allow-Origin":  "https://upload.example.com",
			"Access-Control-Allow-Methods": "PUT",
			"Access-Control-Allow-Headers": "content-type, x-amz-checksum-crc32, x-amz-sdk-checksum-algorithm",
			"Access-Control-Max-Age":       "3600",
		},
	},
	"multipart-etag": {
		format: "console-json", accepted: true, matched: rule(0), status: 200,
		headers: map[string]string{
			"Access-Control-Allow-Origin":   "https://app.example.com",
			"Access-Control-Expose-Headers": "ETag",
			"Vary":                          vary,
		},
	},
	"public-read": {
		format: "xml", accepted: true, matched: rule(0), status: 200,
		headers: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Max-Age": "86400"},
		absent:  []string{"Access-Control-Allow-Credentials"},
	},
	"rule-order": {
		format: "xml", accepted: true, matched: rule(0), skipped: []int{1}, status: 200,
		headers: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET"},
		absent:  []string{"Access-Control-Allow-Credentials", "Access-Control-Expose-Headers"},
	},
	"rejected-options-method": {
		format: "xml", accepted: false, s3Code: "InvalidRequest", matched: rule(0), status: 200,
	},
	"missing-allowed-header": {
		format: "xml", accepted: true, matched: nil, status: 403,
		absent:    []string{"Access-Control-Allow-Origin", "Vary"},
		errorCode: "AccessForbidden",
	},
	"trailing-slash": {
		format: "xml", accepted: true, matched: nil, status: 403,
		absent:    []string{"Access-Control-Allow-Origin"},
		errorCode: "AccessForbidden",
	},
	"no-cors-config": {
		format: "none", accepted: true, matched: nil, status: 403,
		errorCode: "AccessForbidden", errMessage: "CORSResponse: CORS is not enabled for this bucket.",
	},
}

func TestExamplesBehaveAsDescribed(t *testing.T) {
	all := examples.All()
	if len(all) < 8 {
		t.Fatalf("%d examples; the menu promises at least 8", len(all))
	}
	seen := map[string]bool{}
	formats := map[string]bool{}
	for _, ex := range all {
		t.Run(ex.Name, func(t *testing.T) {
			if seen[ex.Name] {
				t.Fatalf("duplicate example name %q", ex.Name)
			}
			seen[ex.Name] = true
			if ex.Title == "" || ex.Description == "" {
				t.Errorf("title or description is empty")
			}
			w, ok := want[ex.Name]
			if !ok {
				t.Fatalf("no expectations for example %q: add them to want", ex.Name)
			}
			out := runner.RunJSON(ex.JSON())
			var r result
			if err := json.Unmarshal(out, &r); err != nil {
				t.Fatalf("engine output is not JSON: %v\n%s", err, out)
			}
			if r.Error != nil {
				t.Fatalf("engine refused the scenario: %s", r.Error.Message)
			}
			if ex.Scenario.Bucket.CORS != nil {
				formats[r.Config.Format] = true
				if r.Config.Format != w.format {
					t.Errorf("format = %q, want %q", r.Config.Format, w.format)
				}
				if r.Validation == nil {
					t.Fatalf("no validation in %s", out)
				}
				if r.Validation.Accepted != w.accepted {
					t.Errorf("accepted = %v, want %v", r.Validation.Accepted, w.accepted)
				}
				if !w.accepted && (r.Validation.S3Error == nil || r.Validation.S3Error.Code != w.s3Code) {
					t.Errorf("s3Error = %+v, want code %s", r.Validation.S3Error, w.s3Code)
				}
			}
			if r.Evaluation == nil {
				t.Fatalf("no evaluation in %s", out)
			}
			if r.Evaluation.Hypothetical != !w.accepted {
				t.Errorf("hypothetical = %v with accepted = %v", r.Evaluation.Hypothetical, w.accepted)
			}
			switch {
			case w.matched == nil && r.Evaluation.MatchedRule != nil:
				t.Errorf("rule %d matched, want none", *r.Evaluation.MatchedRule+1)
			case w.matched != nil && r.Evaluation.MatchedRule == nil:
				t.Errorf("no rule matched, want rule %d", *w.matched+1)
			case w.matched != nil && *r.Evaluation.MatchedRule != *w.matched:
				t.Errorf("rule %d matched, want rule %d", *r.Evaluation.MatchedRule+1, *w.matched+1)
			}
			for _, i := range w.skipped {
				if i >= len(r.Evaluation.Rules) || !r.Evaluation.Rules[i].Skipped {
					t.Errorf("rule %d should be shown as not reached", i+1)
				}
			}
			if got := r.Evaluation.Response.Status; got != w.status {
				t.Errorf("status = %d, want %d", got, w.status)
			}
			for name, v := range w.headers {
				if got, ok := r.header(name); !ok || got != v {
					t.Errorf("%s = %q (present %v), want %q", name, got, ok, v)
				}
			}
			for _, name := range w.absent {
				if got, ok := r.header(name); ok {
					t.Errorf("%s = %q, want it absent", name, got)
				}
			}
			e := r.Evaluation.Response.Error
			switch {
			case w.errorCode == "" && e != nil:
				t.Errorf("unexpected S3 error %s: %s", e.Code, e.Message)
			case w.errorCode != "" && (e == nil || e.Code != w.errorCode):
				t.Errorf("S3 error = %+v, want code %s", e, w.errorCode)
			case w.errMessage != "" && e.Message != w.errMessage:
				t.Errorf("S3 error message = %q, want %q", e.Message, w.errMessage)
			}
		})
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("expectations for %q, which is not an example", name)
		}
	}
	for _, f := range []string{"xml", "cli-json", "console-json"} {
		if !formats[f] {
			t.Errorf("no example in the %s format", f)
		}
	}
	if _, ok := examples.ByName(examples.All(), examples.Default); !ok {
		t.Errorf("the default example %q does not exist", examples.Default)
	}
}

// The page turns every example into form fields and back (app.js
// stateOfScenario / scenarioOf); that only round-trips when the request is
// one the form can express.
func TestExamplesFitTheForm(t *testing.T) {
	for _, ex := range examples.All() {
		r := ex.Scenario.Request
		switch r.Target {
		case "object", "bucket", "service":
		default:
			t.Errorf("%s: target %q is not one of the form's", ex.Name, r.Target)
		}
		if r.Method == "" {
			t.Errorf("%s: empty method", ex.Name)
		}
		if ex.Scenario.Bucket.CORS != nil && len(*ex.Scenario.Bucket.CORS) > 64*1024 {
			t.Errorf("%s: configuration over S3's 64 KB limit", ex.Name)
		}
		if strings.ContainsAny(ex.Name, " #&=/") {
			t.Errorf("%s: name must be usable in #example=NAME", ex.Name)
		}
	}
}
