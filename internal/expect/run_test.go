package expect

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

func load(t testing.TB, name string) *File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func text(t testing.TB, name string) *string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	return &s
}

// golden compares got with testdata/golden/name, or writes it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", name, got)
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		config   string // a testdata file given as --config; "" uses the file's own
		passed   int
		failed   int
		reasons  []string // a part of each failed test's Reason, in order
		errorHas string   // a part of Report.Error
	}{
		{name: "issue example", file: "example.json", passed: 3},
		{name: "uploads", file: "uploads.json", config: "uploads.xml", passed: 6},
		{name: "no configuration, no bucket", file: "no-config.json", passed: 1},
		{name: "failing", file: "failing.json", config: "uploads.xml", failed: 6, reasons: []string{
			"allowed: expected allowed, got blocked at the preflight (S3 answered 403): The response has no Access-Control-Allow-Origin header. Closest: rule 2 — method PUT not allowed",
			"allowed: expected blocked, got allowed. Rule 2 matched",
			"preflight: expected a preflight, got no preflight (GET with safelisted headers only); readable ETag: expected readable, got hidden",
			`message: expected a message containing "No 'Access-Control-Allow-Origin' header", got "Cross-Origin Request Blocked`,
			`header Access-Control-Max-Age: expected "86400", got "600"; header Vary: expected absent, got "Origin`,
			`status: expected 200, got 403; header Access-Control-Allow-Origin: expected "https://admin.example.com", got absent. Closest: rule 2`,
		}},
		{name: "the example's tests against another configuration", file: "example.json", config: "uploads.xml", passed: 2, failed: 1, reasons: []string{
			"allowed: expected blocked, got allowed. Rule 2 matched",
		}},
		{name: "a configuration that does not parse", file: "uploads.json", config: "broken.xml", failed: 6, errorHas: "the configuration cannot be read: The XML you provided was not well-formed or did not validate against our published schema: expected > to close </AllowedOrigin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := load(t, tt.file)
			var cfg *string
			if tt.config != "" {
				cfg = text(t, tt.config)
			}
			rep := NewRunner(nil).Run(f, cfg)
			if rep.Passed != tt.passed || rep.Failed != tt.failed || len(rep.Results) != len(f.Tests) {
				t.Errorf("%d passed, %d failed of %d results; want %d, %d", rep.Passed, rep.Failed, len(rep.Results), tt.passed, tt.failed)
			}
			if !strings.Contains(rep.Error, tt.errorHas) || (tt.errorHas == "") != (rep.Error == "") {
				t.Errorf("error %q, want …%s…", rep.Error, tt.errorHas)
			}
			var reasons []string
			for i, r := range rep.Results {
				if r.Index != i || r.Name != f.Tests[i].Name || r.Pos != f.Tests[i].Pos {
					t.Errorf("result %d is %d %q at %v", i, r.Index, r.Name, r.Pos)
				}
				if r.Passed != (r.Reason() == "") {
					t.Errorf("%s: passed %v with reason %q", r.Name, r.Passed, r.Reason())
				}
				if !r.Passed && rep.Error == "" {
					reasons = append(reasons, r.Reason())
				}
			}
			if len(reasons) != len(tt.reasons) {
				t.Fatalf("reasons:\n%s\nwant %d", strings.Join(reasons, "\n"), len(tt.reasons))
			}
			for i := range reasons {
				if !strings.Contains(reasons[i], tt.reasons[i]) {
					t.Errorf("reason %d:\n%s\nwant …%s…", i, reasons[i], tt.reasons[i])
				}
			}
		})
	}
}

// TestFailureDetails: each failure names its check and the place of the
// expectation; the result carries what happened.
func TestFailureDetails(t *testing.T) {
	f := load(t, "failing.json")
	rep := NewRunner(nil).Run(f, text(t, "uploads.xml"))
	got := rep.Results[2]
	want := []Failure{
		{Check: "preflight", Expected: "a preflight", Got: "no preflight (GET with safelisted headers only)", Pos: f.Tests[2].Expect.PreflightPos},
		{Check: "readable", Header: "ETag", Expected: "readable", Got: "hidden (S3 sends it, but Access-Control-Expose-Headers does not list it)", Pos: f.Tests[2].Expect.ReadablePos},
		{Check: "readable", Header: "x-amz-version-id", Expected: "readable", Got: "not in S3's answer", Pos: f.Tests[2].Expect.ReadablePos},
		{Check: "notReadable", Header: "Content-Type", Expected: "not readable", Got: "readable", Pos: f.Tests[2].Expect.NotReadablePos},
	}
	if len(got.Failures) != len(want) {
		t.Fatalf("failures %+v", got.Failures)
	}
	for i := range want {
		if got.Failures[i] != want[i] {
			t.Errorf("failure %d: %+v\nwant %+v", i, got.Failures[i], want[i])
		}
	}
	if got.Failures[0].Pos.Line != 28 || got.Allowed == nil || !*got.Allowed || got.Status != 200 || got.MatchedRule == nil || *got.MatchedRule != 1 || got.Verdict == nil {
		t.Errorf("result %+v", got)
	}
	s3 := rep.Results[5]
	if s3.Status != 403 || s3.MatchedRule != nil || !strings.HasPrefix(s3.Closest, "Closest: rule 2") || s3.Evaluation == nil || s3.Level != "s3" {
		t.Errorf("S3-level result %+v", s3)
	}
}

func TestReportJSON(t *testing.T) {
	tests := []struct {
		name, file, config string
	}{
		{name: "failing", file: "failing.json", config: "uploads.xml"},
		{name: "example", file: "example.json"},
		{name: "broken", file: "uploads.json", config: "broken.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cfg *string
			if tt.config != "" {
				cfg = text(t, tt.config)
			}
			rep := NewRunner(nil).Run(load(t, tt.file), cfg)
			raw := rep.AppendJSON(nil)
			if !json.Valid(raw) {
				t.Fatalf("not JSON: %s", raw)
			}
			var out bytes.Buffer
			if err := json.Indent(&out, raw, "", "  "); err != nil {
				t.Fatal(err)
			}
			out.WriteByte('\n')
			golden(t, tt.name+".json", out.Bytes())
		})
	}
}

func TestRunJSON(t *testing.T) {
	r := NewRunner(nil)
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	first := string(r.RunJSON(b, nil))
	if !strings.Contains(first, `"passed":3,"failed":0`) {
		t.Fatalf("got %s", first)
	}
	if again := string(r.RunJSON(b, nil)); again != first {
		t.Errorf("the same file answered differently:\n%s\n%s", first, again)
	}
	cfg := `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	if s := string(r.RunJSON(b, &cfg)); !strings.Contains(s, `"passed":0,"failed":3`) {
		t.Errorf("against another configuration: %s", s)
	}
	bad := string(r.RunJSON([]byte("{\n\"format\": 1}"), nil))
	if bad != `{"error":{"message":"format must be a string, not a number","line":2,"column":11}}` {
		t.Errorf("bad file: %s", bad)
	}
}
