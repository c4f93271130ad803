package iacfix_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"corsplay/internal/browser"
	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/iacfix"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fetch is the page's scenario for a script at origin fetching an object.
func fetch(origin, method string, headers ...[2]string) scenario.Input {
	yes := true
	return scenario.Input{Bucket: scenario.Bucket{Exists: &yes},
		Fetch: &browser.Fetch{Origin: origin, URL: "https://example-site-uploads.s3.amazonaws.com/photo.jpg", Method: method, Headers: headers}}
}

var contentType = [2]string{"Content-Type", "image/jpeg"}

func TestBrowser(t *testing.T) {
	tests := []struct {
		name    string
		file    string // in testdata; the golden edited file is NAME.golden
		fname   string // the name the reader is given ("" to detect)
		inputs  iac.Inputs
		address string
		sc      scenario.Input
		// wantRefused: the fix needs a computed value changed at this
		// line, by an expression containing wantExpr.
		wantRefused int
		wantExpr    string
		wantErr     error
		wantEdits   int // how many separate edits (runs of changed lines)
	}{
		{name: "uploads-tf", file: "uploads.tf", fname: "main.tf", inputs: iac.Inputs{"site_domain": "www.example.com"},
			sc: fetch("https://www.example.com", "PUT", contentType), wantEdits: 1},
		{name: "uploads-tf-post", file: "uploads.tf", fname: "main.tf", inputs: iac.Inputs{"site_domain": "www.example.com"},
			sc: fetch("https://www.example.com", "POST", [2]string{"X-Upload-Id", "1"}), wantEdits: 1},
		{name: "uploads-tf-other-site", file: "uploads.tf", fname: "main.tf", inputs: iac.Inputs{"site_domain": "www.example.com"},
			sc: fetch("https://app.example.com", "GET"), wantRefused: 19, wantExpr: "var.site_domain"},
		{name: "uploads-tf-allowed", file: "uploads.tf", fname: "main.tf", inputs: iac.Inputs{"site_domain": "www.example.com"},
			sc: fetch("https://www.example.com", "GET"), wantErr: iacfix.ErrNotBlocked},
		{name: "literal-uploads", file: "literal.tf", fname: "main.tf", address: "aws_s3_bucket_cors_configuration.uploads",
			sc: fetch("https://www.example.com", "PUT"), wantEdits: 1},
		{name: "literal-assets-origin", file: "literal.tf", address: "aws_s3_bucket_cors_configuration.assets",
			sc: fetch("https://app.example.com", "GET"), wantEdits: 1},
		{name: "literal-new-rule", file: "literal.tf", fname: "main.tf", address: "aws_s3_bucket_cors_configuration.assets",
			sc: fetch("https://app.example.com", "DELETE", contentType), wantEdits: 1},
		{name: "local-origin", file: "origin.tf", fname: "main.tf", sc: fetch("https://app.example.com", "GET"), wantRefused: 10, wantExpr: "local.site"},
		{name: "var-methods", file: "refused.tf", fname: "main.tf", inputs: iac.Inputs{"site_domain": "www.example.com"},
			sc: fetch("https://www.example.com", "PUT"), wantRefused: 15, wantExpr: "var.upload_methods"},
		{name: "dynamic-block", file: "dynamic.tf", fname: "main.tf", sc: fetch("https://www.example.com", "PUT"), wantRefused: 14, wantExpr: "cors_rule.value.methods"},
		{name: "for-each-origin", file: "foreach.tf", fname: "main.tf", sc: fetch("https://app.example.com", "GET"), wantRefused: 13, wantExpr: "each.value"},
		{name: "for-each-method", file: "foreach.tf", fname: "main.tf", sc: fetch("https://www.example.com", "PUT"), wantEdits: 1},
		{name: "uploads-yaml", file: "uploads.yaml", inputs: iac.Inputs{"SiteDomain": "www.example.com"},
			sc: fetch("https://www.example.com", "PUT", contentType), wantEdits: 1},
		{name: "uploads-yaml-delete", file: "uploads.yaml", inputs: iac.Inputs{"SiteDomain": "www.example.com"},
			sc: fetch("https://www.example.com", "DELETE", contentType), wantEdits: 1},
		{name: "uploads-json", file: "uploads.json", sc: fetch("https://www.example.com", "PUT", contentType), wantEdits: 2},
		{name: "ref-origin-yaml", file: "refused.yaml", inputs: iac.Inputs{"SiteOrigin": "https://app.example.com"},
			sc: fetch("https://www.example.com", "PUT"), wantRefused: 10, wantExpr: "!Ref SiteOrigin"},
		{name: "no configuration", file: "none.tf", fname: "main.tf", sc: fetch("https://app.example.com", "GET"), wantErr: iacfix.ErrNoConfig},
		{name: "no-such-address", file: "literal.tf", address: "aws_s3_bucket_cors_configuration.other", sc: fetch("https://app.example.com", "GET"),
			wantErr: errors.New(`no configuration "aws_s3_bucket_cors_configuration.other" in the file`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			in := iacfix.Input{Name: tt.fname, Text: src, Inputs: tt.inputs, Address: tt.address, Scenario: tt.sc}
			res, err := iacfix.Browser(in)
			var ref *iacfix.Refusal
			switch {
			case tt.wantErr != nil:
				if err == nil || err.Error() != tt.wantErr.Error() {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			case tt.wantRefused != 0:
				if !errors.As(err, &ref) {
					t.Fatalf("err = %v (result %+v), want a refusal", err, res)
				}
				if ref.Line != tt.wantRefused || !strings.Contains(ref.Expr, tt.wantExpr) {
					t.Errorf("refused at line %d by %q, want line %d, %q", ref.Line, ref.Expr, tt.wantRefused, tt.wantExpr)
				}
				t.Log(ref.Error())
				if !strings.Contains(ref.Error(), "by hand") || !strings.Contains(ref.Error(), ref.Expr) {
					t.Errorf("the reason %q does not say what to change where", ref.Error())
				}
				return
			case err != nil:
				t.Fatalf("Browser: %v", err)
			}
			golden(t, tt.name+".golden", res.Text)
			if len(res.Edits) != tt.wantEdits {
				t.Errorf("%d edits, want %d: %+v", len(res.Edits), tt.wantEdits, res.Edits)
			}
			// The edits, applied to the original, give the text.
			if got := apply(string(src), res.Edits); got != res.Text {
				t.Errorf("the edits give\n%s\nnot the text\n%s", got, res.Text)
			}
			// Comments and every unchanged line stay: only the lines the
			// edits touch differ.
			if n := fix.Changed(fix.Diff(string(src), res.Text)); n > 2*tt.wantEdits+12 {
				t.Errorf("%d lines changed", n)
			}
			for _, l := range strings.Split(string(src), "\n") {
				if _, c, ok := strings.Cut(l, "# "); ok && !strings.Contains(res.Text, c) {
					t.Errorf("comment %q lost", c)
				}
			}
			// The edited file, read again with the same values, lets the
			// fetch through.
			if v := verdict(t, tt.fname, []byte(res.Text), tt.inputs, tt.address, tt.sc); !v.Allowed {
				t.Errorf("after the fix the browser still blocks it: %s\n%s", v.Summary, res.Text)
			}
			if res.Summary == "" || len(res.Changes) == 0 || len(res.Diff) == 0 {
				t.Errorf("summary %q, %d changes, %d diff lines", res.Summary, len(res.Changes), len(res.Diff))
			}
		})
	}
}

// verdict judges the scenario's fetch against the file's configuration.
func verdict(t *testing.T, name string, src []byte, in iac.Inputs, address string, sc scenario.Input) *browser.Verdict {
	t.Helper()
	f := iacfile.Read(name, src, in)
	if f == nil {
		t.Fatal("the edited file is no longer read")
	}
	for _, s := range f.Sources {
		if address == "" || s.Address == address {
			xml := string(config.Format(s.Config, config.XML))
			sc.Bucket.CORS = &xml
			out := runner.Run(sc)
			if out.Browser == nil {
				t.Fatalf("no verdict: %+v", out.Error)
			}
			return out.Browser
		}
	}
	t.Fatal("the edited file no longer holds the configuration")
	return nil
}

// apply applies edits (places in s, in order) from the last.
func apply(s string, es []iacfix.Edit) string {
	off := func(line, col int) int {
		i := 0
		for l := 1; l < line; l++ {
			i += strings.IndexByte(s[i:], '\n') + 1
		}
		for c := 1; c < col; c++ {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		return i
	}
	for k := len(es) - 1; k >= 0; k-- {
		e := es[k]
		a, b := off(e.Line, e.Column), off(e.EndLine, e.EndColumn)
		s = s[:a] + e.New + s[b:]
	}
	return s
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("edited file differs from %s:\n%s", path, got)
	}
}

// FuzzBrowser: on any file and request, Browser answers without panicking,
// and a fix it writes, applied as its edits to the original, is its text,
// still holds the configuration, and lets the fetch through.
func FuzzBrowser(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if strings.HasSuffix(p, ".golden") {
			continue
		}
		src, _ := os.ReadFile(p)
		name := ""
		if strings.HasSuffix(p, ".tf") {
			name = "main.tf"
		}
		f.Add(name, src, "www.example.com", "https://www.example.com", "PUT", "content-type")
		f.Add(name, src, "www.example.com", "https://app.example.com", "GET", "")
	}
	f.Fuzz(func(t *testing.T, name string, src []byte, value, origin, method, hdr string) {
		if len(src) > 1<<16 || !utf8.Valid(src) {
			return
		}
		in := iac.Inputs{"site_domain": value, "SiteDomain": value, "SiteOrigin": value}
		var hs [][2]string
		if hdr != "" {
			hs = append(hs, [2]string{hdr, "x"})
		}
		sc := fetch(origin, method, hs...)
		res, err := iacfix.Browser(iacfix.Input{Name: name, Text: src, Inputs: in, Scenario: sc})
		if err != nil {
			return
		}
		if got := apply(string(src), res.Edits); got != res.Text {
			t.Fatalf("the edits give\n%s\nnot the text\n%s", got, res.Text)
		}
		if v := verdict(t, name, []byte(res.Text), in, "", sc); !v.Allowed {
			t.Fatalf("after the fix the browser still blocks it: %s\n%s", v.Summary, res.Text)
		}
	})
}

// BenchmarkBrowser writes the fix into main.tf (one rule, a variable) and
// into a file of 100 rules whose last one needs a header: the page asks for
// it once typing pauses.
func BenchmarkBrowser(b *testing.B) {
	small, err := os.ReadFile("testdata/uploads.tf")
	if err != nil {
		b.Fatal(err)
	}
	var big strings.Builder
	big.WriteString("resource \"aws_s3_bucket_cors_configuration\" \"big\" {\n  bucket = \"b\"\n")
	for i := 0; i < 100; i++ {
		big.WriteString("  cors_rule {\n    allowed_origins = [\"https://app" + strconv.Itoa(i) + ".example.com\"]\n    allowed_methods = [\"GET\", \"PUT\"]\n    max_age_seconds = 3000\n  }\n")
	}
	big.WriteString("}\n")
	tests := []struct {
		name   string
		src    []byte
		inputs iac.Inputs
		sc     scenario.Input
	}{
		{name: "main.tf", src: small, inputs: iac.Inputs{"site_domain": "www.example.com"}, sc: fetch("https://www.example.com", "PUT", contentType)},
		{name: "100 rules", src: []byte(big.String()), sc: fetch("https://app99.example.com", "PUT", contentType)},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := iacfix.Browser(iacfix.Input{Name: "main.tf", Text: tt.src, Inputs: tt.inputs, Scenario: tt.sc}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
