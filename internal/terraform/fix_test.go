package terraform

import (
	"errors"
	"os"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
)

// valueAt finds the index of the value with text in rule ri.
func valueAt(s *iac.Source, ri int, f config.Field, text string) int {
	for i, v := range s.Config.Rules[ri].Values {
		if v.Field == f && v.Text == text {
			return i
		}
	}
	return -1
}

// TestFixEdits: package fix edits Terraform text minimally (the diff is
// the change and nothing else, comments kept), refuses computed values
// naming the expression, and the edited file reads back with the change.
func TestFixEdits(t *testing.T) {
	rule := func(s *iac.Source, origin string) int {
		for i := range s.Config.Rules {
			for _, o := range s.Config.Rules[i].Texts(config.FieldAllowedOrigin) {
				if o == origin {
					return i
				}
			}
		}
		return -1
	}
	tests := []struct {
		name, file string
		inputs     iac.Inputs
		edit       func(src []byte, s *iac.Source) (*fix.Fix, error)
		old, new   string // the one line changed (before, after); new "" for removed
		cannot     string // the CannotEditError's expression, when refused
		check      func(t *testing.T, s *iac.Source)
	}{
		{name: "replace a literal origin", file: "testdata/corpus/literal.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				ri := rule(s, "https://app.example.com")
				return fix.Replace(src, s.Config, ri, valueAt(s, ri, config.FieldAllowedOrigin, "https://app.example.com"), "https://${app}.example.com")
			},
			old: `    allowed_origins = ["https://app.example.com"]`, new: `    allowed_origins = ["https://$${app}.example.com"]`},
		{name: "add an expose header", file: "testdata/corpus/literal.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				return fix.Add(src, s.Config, rule(s, "https://app.example.com"), config.FieldExposeHeader, "x-amz-version-id")
			},
			old: `    expose_headers  = ["ETag"]`, new: `    expose_headers  = ["ETag", "x-amz-version-id"]`},
		{name: "remove one method", file: "testdata/corpus/literal.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				ri := rule(s, "https://app.example.com")
				return fix.Remove(src, s.Config, ri, valueAt(s, ri, config.FieldAllowedMethod, "PUT"))
			},
			old: `    allowed_methods = ["PUT", "POST"]`, new: `    allowed_methods = ["POST"]`},
		{name: "set an unset max_age_seconds", file: "testdata/corpus/literal.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				ri := rule(s, "*")
				return fix.Replace(src, s.Config, ri, valueAt(s, ri, config.FieldMaxAgeSeconds, "0"), "3000")
			},
			old: "", new: `    max_age_seconds = 3000`},
		{name: "add headers to a module input", file: "testdata/corpus/module_s3_bucket.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				return fix.Add(src, s.Config, rule(s, "https://example.com"), config.FieldAllowedOrigin, "https://www.example.com")
			},
			old: `      allowed_origins = ["https://example.com"]`, new: `      allowed_origins = ["https://example.com", "https://www.example.com"]`},
		{name: "a value from a variable", file: "testdata/corpus/var_unknown.tf", inputs: iac.Inputs{"cors_origins": `["https://a.example.com"]`, "app_domain": "x.example.com"},
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				ri := rule(s, "https://a.example.com")
				return fix.Remove(src, s.Config, ri, valueAt(s, ri, config.FieldAllowedOrigin, "https://a.example.com"))
			},
			cannot: "var.cors_origins"},
		{name: "a template", file: "testdata/corpus/var_unknown.tf", inputs: iac.Inputs{"cors_origins": `["https://a.example.com"]`, "app_domain": "x.example.com"},
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) {
				ri := rule(s, "https://x.example.com")
				return fix.Replace(src, s.Config, ri, valueAt(s, ri, config.FieldAllowedOrigin, "https://x.example.com"), "https://y.example.com")
			},
			cannot: `"https://${var.app_domain}"`},
		{name: "moving a rule", file: "testdata/corpus/literal.tf",
			edit: func(src []byte, s *iac.Source) (*fix.Fix, error) { return fix.Move(src, s.Config, 1, 0) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			f := Read(tc.file, src, tc.inputs)
			s := f.Sources[0]
			fx, err := tc.edit(src, s)
			var ce *fix.CannotEditError
			switch {
			case tc.cannot != "":
				if !errors.As(err, &ce) || ce.Expr != tc.cannot {
					t.Fatalf("err %v, want cannot edit %s", err, tc.cannot)
				}
				return
			case tc.old == "" && tc.new == "":
				if !errors.Is(err, fix.ErrTerraformOrder) {
					t.Fatalf("err %v, want ErrTerraformOrder", err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			var removed, added []string
			for _, l := range fix.Diff(string(src), fx.Config) {
				switch l.Op {
				case "-":
					removed = append(removed, l.Text)
				case "+":
					added = append(added, l.Text)
				}
			}
			wantRemoved, wantAdded := []string{tc.old}, []string{tc.new}
			if tc.old == "" {
				wantRemoved = nil
			}
			if strings.Join(removed, "\n") != strings.Join(wantRemoved, "\n") || strings.Join(added, "\n") != strings.Join(wantAdded, "\n") {
				t.Errorf("diff -%q +%q, want -%q +%q", removed, added, wantRemoved, wantAdded)
			}
			back := Read(tc.file, []byte(fx.Config), tc.inputs)
			if len(back.Problems) > 0 || len(back.Sources[0].Problems) > 0 {
				t.Errorf("the edited file does not read back:\n%s\n%s", dump(back), fx.Config)
			}
		})
	}
}

// TestFixEmptyList: adding to an argument written as [] fills it rather than
// writing the argument twice.
func TestFixEmptyList(t *testing.T) {
	src := []byte("resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_headers = []\n    allowed_methods = [\"PUT\"]\n    allowed_origins = [\"https://a.example.com\"]\n  }\n}\n")
	f := Read("main.tf", src, nil)
	fx, err := fix.Add(src, f.Sources[0].Config, 0, config.FieldAllowedHeader, "content-type")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fx.Config, "    allowed_headers = [\"content-type\"]\n") || strings.Count(fx.Config, "allowed_headers") != 1 {
		t.Errorf("got:\n%s", fx.Config)
	}
}
