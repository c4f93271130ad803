package examples_test

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/examples"
	"corsplay/internal/fix"
	"corsplay/internal/runner"
)

// outcome is what the engine must say for an item, as its explanation
// tells it. Statuses are 0 when that request is not sent; rules are -1 when
// none matched.
type outcome struct {
	preflightStatus, preflightRule int
	actualStatus, actualRule       int
	allowed                        bool
	message                        string   // substring of the browser's console message
	readable, hidden               []string // response headers the script can and cannot read
	lint                           string   // a lint code the configuration gets
	says                           []string // the explanation must say these
}

var expect = map[string]outcome{
	"preflight-403": {preflightStatus: 403, preflightRule: -1, allowed: false,
		message: "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header", says: []string{"403", "PUT", "content-type"}},
	"vary-cache": {actualStatus: 200, actualRule: -1, allowed: true, says: []string{"no Vary", "crossorigin"}},
	"multipart-etag": {preflightStatus: 200, preflightRule: 0, actualStatus: 200, actualRule: 0, allowed: true,
		hidden: []string{"etag"}, lint: "etag-not-exposed", says: []string{"ExposeHeader", "ETag"}},
	"wildcard-apex": {actualStatus: 200, actualRule: -1, allowed: false, message: "No 'Access-Control-Allow-Origin' header is present",
		lint: "origin-wildcard-apex", says: []string{"200", "https://example.com"}},
	"trailing-slash": {actualStatus: 200, actualRule: -1, allowed: false, message: "No 'Access-Control-Allow-Origin' header is present",
		lint: "origin-trailing-slash", says: []string{"trailing slash"}},
	"header-case": {preflightStatus: 200, preflightRule: 0, actualStatus: 200, actualRule: 0, allowed: true, readable: []string{"etag"},
		says: []string{"case-insensitively"}},
	"presigned-put": {preflightStatus: 403, preflightRule: -1, allowed: false, message: "No 'Access-Control-Allow-Origin' header",
		lint: "upload-headers-not-allowed", says: []string{"403", "x-amz-checksum-crc32"}},
	"credentials-wildcard": {actualStatus: 200, actualRule: 0, allowed: false, message: "must not be the wildcard '*' when the request's credentials mode is 'include'",
		lint: "origin-wildcard-credentials", says: []string{"exact origin", "first match wins"}},
	"cdn-strips-origin": {says: []string{"no CORS headers", "step 2"}},
	"max-age-cap": {preflightStatus: 200, preflightRule: 0, actualStatus: 200, actualRule: 0, allowed: true, readable: []string{"etag"},
		lint: "max-age-capped", says: []string{"600", "7200", "full URL"}},
}

func status(e browser.Exchange) (int, int) {
	if !e.Sent || e.Response == nil {
		return 0, -1
	}
	r := -1
	if e.MatchedRule != nil {
		r = *e.MatchedRule
	}
	return e.Response.Status, r
}

func TestGallery(t *testing.T) {
	items := examples.Gallery()
	if len(items) != 10 {
		t.Errorf("%d items, want the ten classic failures", len(items))
	}
	seen := map[string]bool{}
	for _, it := range items {
		t.Run(it.Name, func(t *testing.T) {
			if seen[it.Name] || url.PathEscape(it.Name) != it.Name || strings.ToLower(it.Name) != it.Name {
				t.Errorf("slug %q is not unique and link-safe", it.Name)
			}
			seen[it.Name] = true
			if it.Title == "" || it.Problem == "" || it.Explanation == "" || it.Source == "" {
				t.Error("missing text")
			}
			want, ok := expect[it.Name]
			if !ok {
				t.Fatal("no expectation for this item")
			}
			for _, s := range want.says {
				if !strings.Contains(it.Explanation, s) {
					t.Errorf("explanation does not say %q", s)
				}
			}
			// The scenario must survive the JSON contract unchanged.
			b, err := json.Marshal(it.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			out := runner.Run(it.Scenario)
			if out.Error != nil {
				t.Fatalf("engine error: %s", out.Error.Message)
			}
			var top struct {
				Error  *struct{ Message string } `json:"error"`
				Config any                       `json:"config"`
			}
			if j := runner.RunJSON(b); json.Unmarshal(j, &top) != nil || top.Error != nil || top.Config == nil {
				t.Errorf("RunJSON of the marshalled scenario fails: %.300s", j)
			}
			if want.lint != "" {
				found := false
				for _, w := range out.Lint {
					found = found || w.Code == want.lint
				}
				if !found {
					t.Errorf("lint %s not reported", want.lint)
				}
			}
			for _, st := range it.Steps {
				if o := runner.Run(st.Scenario); o.Error != nil {
					t.Errorf("step %q: %s", st.Label, o.Error.Message)
				}
			}
			if it.Scenario.Fetch == nil {
				// the CDN case: the request as S3 receives it, no Origin
				ev := out.Evaluation
				if ev == nil || ev.Response.Status != 200 || ev.MatchedRule != nil {
					t.Fatalf("want 200 and no rule: %+v", ev)
				}
				for _, h := range ev.Response.Headers {
					if strings.HasPrefix(strings.ToLower(h[0]), "access-control-") || strings.EqualFold(h[0], "Vary") {
						t.Errorf("CORS header %s without Origin", h[0])
					}
				}
				step := runner.Run(it.Steps[0].Scenario)
				if step.Browser == nil || !step.Browser.Allowed {
					t.Errorf("direct to S3 should be allowed")
				}
				return
			}
			v := out.Browser
			if v == nil {
				t.Fatal("no browser verdict")
			}
			ps, pr := status(v.Preflight.Exchange)
			as, ar := status(v.Actual)
			if ps != want.preflightStatus || (ps != 0 && pr != want.preflightRule) {
				t.Errorf("preflight %d rule %d, want %d rule %d", ps, pr, want.preflightStatus, want.preflightRule)
			}
			if as != want.actualStatus || (as != 0 && ar != want.actualRule) {
				t.Errorf("actual %d rule %d, want %d rule %d", as, ar, want.actualStatus, want.actualRule)
			}
			if v.Allowed != want.allowed {
				t.Errorf("allowed %v, want %v (%s)", v.Allowed, want.allowed, v.Message)
			}
			if want.message != "" && !strings.Contains(v.Message, want.message) {
				t.Errorf("message %q lacks %q", v.Message, want.message)
			}
			for _, h := range want.readable {
				if !slices.Contains(v.ReadableHeaders, h) {
					t.Errorf("%s not readable: %v", h, v.ReadableHeaders)
				}
			}
			for _, h := range want.hidden {
				if !slices.Contains(v.HiddenHeaders, h) {
					t.Errorf("%s not hidden: %v", h, v.HiddenHeaders)
				}
			}
			if it.Name == "max-age-cap" && (v.Cache == nil || v.Cache.EffectiveSeconds != 600) {
				t.Errorf("Safari should keep the preflight 600 s: %+v", v.Cache)
			}
			if it.Name == "vary-cache" {
				for _, h := range v.Actual.Response.Headers {
					if strings.EqualFold(h[0], "Vary") || strings.HasPrefix(strings.ToLower(h[0]), "access-control-") {
						t.Errorf("no-cors load got %s", h[0])
					}
				}
			}
			checkFix(t, it, v, want)
		})
	}
}

// checkFix: for a blocked item (or a hidden ETag), package fix's
// suggestion, applied, makes the engine allow the same fetch.
func checkFix(t *testing.T, it examples.Example, v *browser.Verdict, want outcome) {
	t.Helper()
	need := fix.Need{Origin: it.Scenario.Fetch.Origin, Method: it.Scenario.Fetch.Method, Headers: v.UnsafeHeaders, Credentials: v.Credentialed}
	if slices.Contains(want.hidden, "etag") {
		need.Expose = []string{"etag"}
	}
	if v.Allowed && need.Expose == nil || it.Scenario.Fetch.Mode == "no-cors" {
		return
	}
	src := *it.Scenario.Bucket.CORS
	p := runner.Prepare(it.Scenario.Bucket)
	f := fix.Suggest([]byte(src), p.Parsed, need)
	if f == nil {
		t.Fatal("no fix suggested")
	}
	in := it.Scenario
	in.Bucket.CORS = &f.Config
	out := runner.Run(in)
	if out.Browser == nil || !out.Browser.Allowed {
		t.Fatalf("after %q still blocked:\n%s", f.Summary, f.Config)
	}
	for _, e := range need.Expose {
		if !slices.Contains(out.Browser.ReadableHeaders, e) {
			t.Errorf("after %q, %s is still hidden", f.Summary, e)
		}
	}
	if !out.Validation.Accepted {
		t.Errorf("S3 would reject the fixed configuration")
	}
	t.Logf("fix: %s", f.Summary)
}

func TestByName(t *testing.T) {
	if it, ok := examples.ByName(examples.Gallery(), "presigned-put"); !ok || it.Name != "presigned-put" {
		t.Error("presigned-put not found")
	}
	if _, ok := examples.ByName(examples.Gallery(), "nope"); ok {
		t.Error("unknown name found")
	}
}

// TestFixTextMatchesOffer: an item's "Fix:" sentence says what the page
// offers, no more: every value of the engine's fix (or, for an allowed
// fetch, of a lint quick fix) is named in it, and it names no field of the
// configuration (AllowedHeader, ExposeHeader…) that the offered change does
// not touch. What else a situation needs goes in a later sentence.
func TestFixTextMatchesOffer(t *testing.T) {
	fields := []string{"AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader", "MaxAgeSeconds", "expose"}
	for _, it := range examples.Gallery() {
		t.Run(it.Name, func(t *testing.T) {
			text := fixSentence(it.Explanation)
			if it.Scenario.Fetch == nil || it.Scenario.Bucket.CORS == nil {
				return
			}
			out := runner.Run(it.Scenario)
			var offered []fix.Change
			if out.Fix != nil {
				offered = out.Fix.Changes
			} else {
				// An allowed fetch: the item's own lint warning's quick fix.
				for _, w := range out.Lint {
					if w.Fix != nil && w.Code == expect[it.Name].lint {
						offered = append(offered, w.Fix.Changes...)
					}
				}
			}
			if len(offered) == 0 {
				return // nothing offered: the fix is outside the configuration (a CDN, crossorigin)
			}
			if text == "" {
				t.Fatalf("the engine offers %+v but the explanation has no \"Fix:\" sentence", offered)
			}
			touched := map[string]bool{}
			for _, c := range offered {
				touched[strings.ToLower(c.Field)] = true
				if c.Field == "ExposeHeader" {
					touched["expose"] = true
				}
				for _, v := range strings.Split(c.Value, ", ") {
					if !strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
						t.Errorf("the fix sentence %q does not name %s %q, which the offered change adds", text, c.Field, v)
					}
				}
			}
			for _, f := range fields {
				if strings.Contains(strings.ToLower(text), strings.ToLower(f)) && !touched[strings.ToLower(f)] {
					t.Errorf("the fix sentence %q names %s, which the offered change (%+v) does not touch", text, f, offered)
				}
			}
		})
	}
}

// fixSentence is the sentence of s that starts with "Fix:" (through its
// full stop), or "".
func fixSentence(s string) string {
	i := strings.Index(s, "Fix:")
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, ". "); j >= 0 {
		s = s[:j+1]
	}
	return s
}
