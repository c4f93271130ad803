package synth

import (
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/validation"
)

const obj = "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/k.png"

// file makes a test file from test objects written as JSON.
func file(t testing.TB, tests ...string) *expect.File {
	t.Helper()
	src := `{"format": "corsplay-tests/1", "tests": [` + strings.Join(tests, ",\n") + `]}`
	f, err := expect.Decode([]byte(src))
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, src)
	}
	return f
}

// fetchTest writes a browser-level test.
func fetchTest(name, origin, method, headers, cred, expect string) string {
	s := `{"name": "` + name + `", "fetch": {"origin": "` + origin + `", "url": "` + obj + `", "method": "` + method + `"`
	if headers != "" {
		s += `, "headers": ` + headers
	}
	if cred != "" {
		s += `, "credentials": "` + cred + `"`
	}
	return s + `}, "expect": ` + expect + `}`
}

const (
	app  = "https://app.example.com"
	www  = "https://www.example.com"
	evil = "https://evil.example"
)

func TestSynthesize(t *testing.T) {
	tests := []struct {
		name      string
		tests     []string
		rules     int
		values    int
		contains  []string // in the XML
		excludes  []string
		conflict  []string // test names of the first conflict, nil when none
		proven    bool
		whyPhrase string
	}{
		{name: "one origin GET",
			tests: []string{fetchTest("get", app, "GET", "", "", `{"allowed": true}`)},
			rules: 1, values: 2, contains: []string{"<AllowedOrigin>https://app.example.com<", "<AllowedMethod>GET<"}, excludes: []string{"*"}},
		{name: "upload with ETag, others blocked",
			tests: []string{
				fetchTest("put", app, "PUT", `{"Content-Type": "image/png"}`, "", `{"allowed": true, "readable": ["ETag"]}`),
				fetchTest("evil", evil, "GET", "", "", `{"allowed": false}`),
				`{"name": "s3", "request": {"method": "OPTIONS", "target": "object", "headers": {"Origin": "` + app + `", "Access-Control-Request-Method": "PUT"}}, "expect": {"status": 200, "headers": {"Access-Control-Allow-Origin": "` + app + `"}}}`,
			},
			rules: 1, values: 4, contains: []string{"<AllowedHeader>content-type<", "<ExposeHeader>ETag<"}},
		{name: "two origins share a rule",
			tests: []string{
				fetchTest("a", app, "GET", "", "", `{"allowed": true}`),
				fetchTest("b", www, "GET", "", "include", `{"allowed": true}`),
			},
			rules: 1, values: 3},
		{name: "one origin may PUT, the other only GET",
			tests: []string{
				fetchTest("a get", app, "GET", "", "", `{"allowed": true}`),
				fetchTest("a put", app, "PUT", "", "", `{"allowed": true}`),
				fetchTest("b get", www, "GET", "", "", `{"allowed": true}`),
				fetchTest("b put", www, "PUT", "", "", `{"allowed": false}`),
			},
			rules: 2, values: 5},
		{name: "ETag readable for one origin only",
			tests: []string{
				fetchTest("a", app, "GET", "", "", `{"allowed": true, "readable": ["ETag"]}`),
				fetchTest("b", www, "GET", "", "", `{"allowed": true, "notReadable": ["ETag"]}`),
			},
			rules: 2, values: 5},
		{name: "credentialed blocked, uncredentialed allowed: a * rule",
			tests: []string{
				fetchTest("plain", app, "GET", "", "", `{"allowed": true}`),
				fetchTest("with cookies", app, "GET", "", "include", `{"allowed": false}`),
			},
			rules: 1, values: 2, contains: []string{"<AllowedOrigin>*<"}},
		{name: "Max-Age from an S3-level test",
			tests: []string{`{"name": "cache", "request": {"method": "OPTIONS", "target": "object", "headers": {"Origin": "` + app + `", "Access-Control-Request-Method": "GET"}}, "expect": {"status": 200, "headers": {"Access-Control-Max-Age": "600"}}}`},
			rules: 1, values: 3, contains: []string{"<MaxAgeSeconds>600<"}},
		{name: "credentials against *",
			tests: []string{
				fetchTest("cookies", app, "GET", "", "include", `{"allowed": true}`),
				`{"name": "star", "request": {"method": "GET", "target": "object", "headers": {"Origin": "` + app + `"}}, "expect": {"headers": {"Access-Control-Allow-Origin": "*"}}}`,
			},
			conflict: []string{"cookies", "star"}, proven: true, whyPhrase: "same rule"},
		{name: "* admits the origin that must be blocked",
			tests: []string{
				`{"name": "star", "request": {"method": "GET", "target": "object", "headers": {"Origin": "` + app + `"}}, "expect": {"headers": {"Access-Control-Allow-Origin": "*"}}}`,
				fetchTest("evil", evil, "GET", "", "", `{"allowed": false}`),
			},
			conflict: []string{"star", "evil"}, proven: true, whyPhrase: "admits every origin"},
		{name: "fewer headers match too",
			tests: []string{
				fetchTest("both", app, "PUT", `{"x-a": "1", "x-b": "2"}`, "", `{"allowed": true}`),
				fetchTest("one", app, "PUT", `{"x-a": "1"}`, "", `{"allowed": false}`),
			},
			conflict: []string{"both", "one"}, proven: true, whyPhrase: "also allows"},
		{name: "a GET never preflights",
			tests:    []string{fetchTest("get", app, "GET", "", "", `{"allowed": true, "preflight": true}`)},
			conflict: []string{"get"}, proven: true, whyPhrase: "never sends a preflight"},
		{name: "S3 never allows PATCH",
			tests:    []string{fetchTest("patch", app, "PATCH", "", "", `{"allowed": true}`)},
			conflict: []string{"patch"}, proven: true},
		{name: "a header S3 does not send",
			tests:    []string{fetchTest("read", app, "GET", "", "", `{"allowed": true, "readable": ["x-custom"]}`)},
			conflict: []string{"read"}, proven: true, whyPhrase: "no x-custom header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Synthesize(file(t, tc.tests...))
			if tc.conflict != nil {
				if len(res.Conflicts) == 0 {
					t.Fatalf("no conflict; got\n%s", res.Text)
				}
				c := res.Conflicts[0]
				if strings.Join(c.Tests, "|") != strings.Join(tc.conflict, "|") || c.Proven != tc.proven || !strings.Contains(c.Why, tc.whyPhrase) {
					t.Fatalf("conflict %+v, want tests %v proven %v why with %q", c, tc.conflict, tc.proven, tc.whyPhrase)
				}
				if c.Text() == "" {
					t.Fatal("empty conflict text")
				}
				return
			}
			if len(res.Conflicts) > 0 {
				t.Fatalf("conflicts: %+v", res.Conflicts)
			}
			if res.Rules != tc.rules || res.Values != tc.values {
				t.Errorf("%d rules, %d values; want %d, %d\n%s", res.Rules, res.Values, tc.rules, tc.values, res.Text)
			}
			for _, s := range tc.contains {
				if !strings.Contains(res.Text, s) {
					t.Errorf("missing %q in\n%s", s, res.Text)
				}
			}
			for _, s := range tc.excludes {
				if strings.Contains(res.Text, s) {
					t.Errorf("unexpected %q in\n%s", s, res.Text)
				}
			}
			if res.Report == nil || res.Report.Failed != 0 {
				t.Errorf("runner: %+v", res.Report)
			}
			cfg, err := config.Parse([]byte(res.Text))
			if v := validation.Check(cfg, err, []byte(res.Text)); !v.Accepted {
				t.Errorf("S3 rejects it: %+v", v.Problems)
			}
		})
	}
}

func TestSynthesizeEmpty(t *testing.T) {
	res := Synthesize(file(t, fetchTest("evil", evil, "GET", "", "", `{"allowed": false}`)))
	if !res.Empty || len(res.Conflicts) != 0 || res.Config != nil {
		t.Fatalf("%+v", res)
	}
}

func TestMakePass(t *testing.T) {
	star := "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>*</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n</CORSConfiguration>\n"
	getOnly := `[
  {
    "AllowedOrigins": ["https://app.example.com"],
    "AllowedMethods": ["GET"]
  }
]
`
	tests := []struct {
		name        string
		config      string
		tests       []string
		synthesized bool
		changes     int
		has         []string // in the new text
		hasNot      []string
		conflict    bool
	}{
		{name: "nothing to do", config: getOnly,
			tests: []string{fetchTest("get", app, "GET", "", "", `{"allowed": true}`)}},
		{name: "replace * with the app", config: star,
			tests:   []string{fetchTest("get", app, "GET", "", "", `{"allowed": true}`), fetchTest("evil", evil, "GET", "", "", `{"allowed": false}`)},
			changes: 1, has: []string{"<AllowedOrigin>https://app.example.com</AllowedOrigin>"}, hasNot: []string{"<AllowedOrigin>*<"}},
		{name: "add PUT and the header, keep JSON", config: getOnly,
			tests:   []string{fetchTest("put", app, "PUT", `{"Content-Type": "image/png"}`, "", `{"allowed": true, "readable": ["ETag"]}`)},
			changes: 1, has: []string{`"PUT"`, `"content-type"`, `"ETag"`, `"AllowedOrigins": ["https://app.example.com"]`}},
		{name: "empty: synthesized", config: "",
			tests:       []string{fetchTest("get", app, "GET", "", "", `{"allowed": true}`)},
			synthesized: true, changes: 1, has: []string{"<CORSConfiguration"}},
		{name: "conflict", config: star,
			tests:    []string{fetchTest("patch", app, "PATCH", "", "", `{"allowed": true}`)},
			conflict: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := MakePass([]byte(tc.config), file(t, tc.tests...))
			if tc.conflict {
				if len(e.Conflicts) == 0 {
					t.Fatalf("no conflict: %+v", e)
				}
				return
			}
			if len(e.Conflicts) > 0 {
				t.Fatalf("conflicts %+v", e.Conflicts)
			}
			if e.Synthesized != tc.synthesized || len(e.Changes) != tc.changes {
				t.Fatalf("synthesized %v, changes %q\n%s", e.Synthesized, e.Changes, e.Config)
			}
			if tc.changes == 0 {
				if e.Config != "" || e.Diff != nil {
					t.Fatalf("a change when none was needed: %s", e.Config)
				}
				return
			}
			for _, s := range tc.has {
				if !strings.Contains(e.Config, s) {
					t.Errorf("missing %q in\n%s", s, e.Config)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(e.Config, s) {
					t.Errorf("unexpected %q in\n%s", s, e.Config)
				}
			}
			if e.Report == nil || e.Report.Failed != 0 {
				t.Errorf("runner: %+v", e.Report)
			}
			if len(e.Diff) == 0 {
				t.Error("no diff")
			}
		})
	}
}
