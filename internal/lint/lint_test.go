package lint_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/lint"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// xmlRule wraps values in one XML rule of a configuration.
func xmlConfig(rules ...string) string {
	var b strings.Builder
	b.WriteString("<CORSConfiguration>\n")
	for _, r := range rules {
		b.WriteString("  <CORSRule>\n")
		for _, line := range strings.Split(strings.TrimSpace(r), "\n") {
			b.WriteString("    " + strings.TrimSpace(line) + "\n")
		}
		b.WriteString("  </CORSRule>\n")
	}
	b.WriteString("</CORSConfiguration>\n")
	return b.String()
}

func codes(ws []lint.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code)
	}
	sort.Strings(out)
	return out
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		want   []string // codes that must be reported
		absent []string // codes that must not be
		// fixedOK: after applying every quick fix of these codes one by
		// one, the code is gone.
	}{
		{name: "a tidy single-site configuration has no warnings",
			src:  xmlConfig("<AllowedOrigin>https://app.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: nil},
		{name: "trailing slash",
			src:  xmlConfig("<AllowedOrigin>https://app.example.com/</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-trailing-slash", "rule-unreachable"}},
		{name: "path",
			src:  xmlConfig("<AllowedOrigin>https://app.example.com/app</AllowedOrigin>\n<AllowedOrigin>https://b.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-path"}},
		{name: "no scheme",
			src:  xmlConfig("<AllowedOrigin>app.example.com</AllowedOrigin>\n<AllowedOrigin>https://b.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-no-scheme"}},
		{name: "a leading * stands for the scheme too: no warning",
			src:  xmlConfig("<AllowedOrigin>*.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: nil},
		{name: "upper case",
			src:  xmlConfig("<AllowedOrigin>https://App.example.com</AllowedOrigin>\n<AllowedOrigin>https://b.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-upper-case"}},
		{name: "white space",
			src:  xmlConfig("<AllowedOrigin> https://app.example.com</AllowedOrigin>\n<AllowedOrigin>https://b.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-whitespace"}},
		{name: "default port",
			src:  xmlConfig("<AllowedOrigin>https://app.example.com:443</AllowedOrigin>\n<AllowedOrigin>http://localhost:8080</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-default-port"}},
		{name: "empty origin (S3 accepts and stores it)",
			src:  `[{"AllowedOrigins": ["", "https://a.example.com"], "AllowedMethods": ["GET"]}]`,
			want: []string{"origin-empty"}},
		{name: "wildcard subdomain without the apex",
			src:  xmlConfig("<AllowedOrigin>https://*.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-apex"}},
		{name: "wildcard subdomain with the apex in another rule",
			src: xmlConfig("<AllowedOrigin>https://*.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>",
				"<AllowedOrigin>https://example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>\n<ExposeHeader>ETag</ExposeHeader>"),
			absent: []string{"origin-wildcard-apex"}},
		{name: "wildcard glued to the domain admits evilexample.com",
			src:  xmlConfig("<AllowedOrigin>https://*example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-broad"}},
		{name: "wildcard for the top-level domain",
			src:  xmlConfig("<AllowedOrigin>https://example.*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-broad"}},
		{name: "wildcard for any .com site",
			src:  xmlConfig("<AllowedOrigin>https://*.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-broad"}},
		{name: "wildcard inside a label under a real domain, and in a port: fine",
			src:  xmlConfig("<AllowedOrigin>https://app-*.example.com</AllowedOrigin>\n<AllowedOrigin>http://localhost:*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: nil},
		{name: "* mixed with exact origins",
			src:  xmlConfig("<AllowedOrigin>*</AllowedOrigin>\n<AllowedOrigin>https://app.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-mixed"}, absent: []string{"redundant-value", "origin-wildcard-credentials"}},
		{name: "* alone: the credentials caveat as info",
			src:  xmlConfig("<AllowedOrigin>*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			want: []string{"origin-wildcard-credentials"}},
		{name: "a later exact rule shadowed by a * rule",
			src: xmlConfig("<AllowedOrigin>*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedMethod>HEAD</AllowedMethod>",
				"<AllowedOrigin>https://app.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<ExposeHeader>x-amz-version-id</ExposeHeader>"),
			want: []string{"origin-wildcard-credentials", "rule-shadowed"}},
		{name: "not shadowed: the later rule allows a header the earlier one does not",
			src: xmlConfig("<AllowedOrigin>*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>",
				"<AllowedOrigin>https://app.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>range</AllowedHeader>"),
			want: []string{"origin-wildcard-credentials"}, absent: []string{"rule-shadowed"}},
		{name: "shadowed by a wildcard pattern that covers the later pattern",
			src: xmlConfig("<AllowedOrigin>https://*.example.com</AllowedOrigin>\n<AllowedOrigin>https://example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>",
				"<AllowedOrigin>https://*.app.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>x-amz-*</AllowedHeader>"),
			want: []string{"rule-shadowed"}},
		{name: "not certain, so not shadowed: overlapping wildcards",
			src: xmlConfig("<AllowedOrigin>https://a*</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>",
				"<AllowedOrigin>https://*.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>"),
			absent: []string{"rule-shadowed", "rule-duplicate"}},
		{name: "duplicate rule",
			src: `[{"AllowedOrigins": ["https://a.example.com"], "AllowedMethods": ["GET"]},
 {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://a.example.com"]}]`,
			want: []string{"rule-duplicate"}, absent: []string{"rule-shadowed"}},
		{name: "duplicate values, header case-insensitively",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>Range</AllowedHeader>\n<AllowedHeader>range</AllowedHeader>"),
			want: []string{"duplicate-value", "duplicate-value", "duplicate-value"}},
		{name: "a header covered by * in the same rule",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>\n<AllowedHeader>range</AllowedHeader>"),
			want: []string{"redundant-value"}},
		{name: "PUT without ETag exposed and without upload headers",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>"),
			want: []string{"etag-not-exposed", "upload-headers-not-allowed"}, absent: []string{"sdk-headers-not-allowed"}},
		{name: "POST without ETag exposed (no PUT: no upload-header lint)",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>POST</AllowedMethod>"),
			want: []string{"etag-not-exposed"}},
		{name: "a presigned-upload rule done right",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>\n<ExposeHeader>ETag</ExposeHeader>"),
			want: nil},
		{name: "upload headers allowed by a later rule for the same origins count",
			src: xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<ExposeHeader>ETag</ExposeHeader>",
				"<AllowedOrigin>https://*.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>\n<ExposeHeader>ETag</ExposeHeader>"),
			want: []string{"origin-wildcard-apex"}, absent: []string{"upload-headers-not-allowed"}},
		{name: "some headers allowed, SDK ones not: info",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>content-type</AllowedHeader>\n<AllowedHeader>x-amz-checksum-*</AllowedHeader>\n<AllowedHeader>x-amz-sdk-checksum-algorithm</AllowedHeader>\n<ExposeHeader>ETag</ExposeHeader>"),
			want: []string{"sdk-headers-not-allowed"}},
		{name: "ETag in AllowedHeader instead of ExposeHeader",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedHeader>ETag</AllowedHeader>"),
			want: []string{"response-header-in-allowed"}},
		{name: "request header in ExposeHeader, safelisted header exposed",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<ExposeHeader>x-amz-acl</ExposeHeader>\n<ExposeHeader>Content-Length</ExposeHeader>"),
			want: []string{"expose-safelisted", "request-header-in-expose"}},
		{name: "MaxAgeSeconds above every cap",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<MaxAgeSeconds>604800</MaxAgeSeconds>"),
			want: []string{"max-age-above-cap"}},
		{name: "MaxAgeSeconds above Chromium's cap",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<MaxAgeSeconds>86400</MaxAgeSeconds>"),
			want: []string{"max-age-capped"}},
		{name: "MaxAgeSeconds with uploads: per-URL caveat",
			src:  xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>*</AllowedHeader>\n<ExposeHeader>ETag</ExposeHeader>\n<MaxAgeSeconds>3000</MaxAgeSeconds>"),
			want: []string{"preflight-per-url"}},
		{name: "what validation rejects is not linted (lower-case method, two wildcards)",
			src:  xmlConfig("<AllowedOrigin>https://*.*.example.com</AllowedOrigin>\n<AllowedMethod>get</AllowedMethod>"),
			want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			ws := lint.Check([]byte(tt.src), cfg)
			got := codes(ws)
			if tt.want != nil || tt.absent == nil {
				want := append([]string(nil), tt.want...)
				sort.Strings(want)
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("codes %v, want %v\n%s", got, want, dump(ws))
				}
			}
			for _, a := range tt.absent {
				for _, g := range got {
					if g == a {
						t.Errorf("%s reported:\n%s", a, dump(ws))
					}
				}
			}
			for _, w := range ws {
				if w.Severity != lint.Warn && w.Severity != lint.Info {
					t.Errorf("%s: severity %q", w.Code, w.Severity)
				}
				if w.Line < 1 || w.Column < 1 {
					t.Errorf("%s: no position", w.Code)
				}
				if w.Fix != nil {
					checkFix(t, tt.src, w)
				}
			}
		})
	}
}

// checkFix: a quick fix parses, S3 still accepts it when it accepted the
// original, and the warning it fixes is gone at that place.
func checkFix(t *testing.T, src string, w lint.Warning) {
	t.Helper()
	before := runner.Prepare(scenario.Bucket{CORS: &src})
	after := runner.Prepare(scenario.Bucket{CORS: &w.Fix.Config})
	if before.Validation.Accepted && !after.Validation.Accepted {
		t.Errorf("%s: the quick fix makes S3 reject the configuration:\n%s", w.Code, w.Fix.Config)
	}
	cfg, err := config.Parse([]byte(w.Fix.Config))
	if err != nil {
		t.Fatalf("%s: quick fix does not parse: %v", w.Code, err)
	}
	for _, w2 := range lint.Check([]byte(w.Fix.Config), cfg) {
		if w2.Code == w.Code && w2.Value == w.Value && w2.Rule == w.Rule && w.Code != "duplicate-value" {
			t.Errorf("%s at rule %d still reported after its fix %q:\n%s", w.Code, w.Rule, w.Fix.Summary, w.Fix.Config)
		}
	}
}

func dump(ws []lint.Warning) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "%d:%d: %s %s: %s\n", w.Line, w.Column, w.Severity, w.Code, w.Message)
		if w.Fix != nil {
			fmt.Fprintf(&b, "    fix: %s\n", w.Fix.Summary)
			for _, l := range w.Fix.Diff {
				if l.Op != " " {
					fmt.Fprintf(&b, "    %s %s\n", l.Op, l.Text)
				}
			}
		}
	}
	return b.String()
}

// TestGolden: every warning, message and quick fix for realistic
// configurations, as a person would read them. go test -update rewrites.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.cors")
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata/*.cors", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(lint.Check(src, cfg))
			golden := strings.TrimSuffix(f, ".cors") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err, "(run go test -update)")
			}
			if got != string(want) {
				t.Errorf("warnings differ from %s (go test -update to accept):\n%s", golden, got)
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	src := xmlConfig("<AllowedOrigin>https://a.example.com/</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>")
	cfg, _ := config.Parse([]byte(src))
	var w lint.Warning
	for _, x := range lint.Check([]byte(src), cfg) {
		if x.Code == "origin-trailing-slash" {
			w = x
		}
	}
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	for _, k := range []string{"severity", "code", "message", "rule", "field", "value", "line", "column", "endLine", "endColumn", "fix"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if m["line"].(float64) != 3 || m["column"].(float64) != 20 || m["endColumn"].(float64) != 42 {
		t.Errorf("place: %s", b)
	}
	if got := lint.Check(nil, nil); got != nil {
		t.Errorf("no configuration: %v", got)
	}
	empty, _ := config.Parse([]byte(xmlConfig("<AllowedOrigin>https://a.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>")))
	if got := lint.Check(nil, empty); got == nil || len(got) != 0 {
		t.Errorf("clean configuration: want an empty, non-nil list, got %#v", got)
	}
}

func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.cors")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	f.Add(`[{"AllowedOrigins": ["https://*example.com", "*"], "AllowedMethods": ["PUT", "PUT"], "MaxAgeSeconds": 99999999}]`)
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := config.Parse([]byte(src))
		if err != nil {
			return
		}
		lines := strings.Count(src, "\n") + 1
		for _, w := range lint.Check([]byte(src), cfg) {
			if w.Code == "" || w.Message == "" || w.Line < 1 || w.Line > lines || w.EndLine < w.Line {
				t.Fatalf("bad warning %+v", w)
			}
			if w.Fix != nil {
				if _, err := config.Parse([]byte(w.Fix.Config)); err != nil {
					t.Fatalf("%s: quick fix does not parse: %v", w.Code, err)
				}
			}
		}
	})
}

// BenchmarkCheck100 lints a 100-rule configuration (S3's maximum) with
// several warnings per rule, quick fixes included.
func BenchmarkCheck100(b *testing.B) {
	var rules []string
	for i := 0; i < 100; i++ {
		rules = append(rules, fmt.Sprintf("<AllowedOrigin>https://app%d.example.com</AllowedOrigin>\n<AllowedOrigin>https://*.site%d.example.com</AllowedOrigin>\n<AllowedMethod>GET</AllowedMethod>\n<AllowedMethod>PUT</AllowedMethod>\n<AllowedHeader>content-type</AllowedHeader>\n<MaxAgeSeconds>3000</MaxAgeSeconds>", i, i))
	}
	src := []byte(xmlConfig(rules...))
	cfg, err := config.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(lint.Check(src, cfg))
	}
	b.ReportMetric(float64(n), "warnings")
}
