package terraform

import (
	"os"
	"strings"
	"testing"
)

func TestOrderWarnings(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string // substrings of the warnings, in order
	}{
		{name: "reversed with different outcomes", file: "testdata/corpus/order_matters.tf",
			want: []string{"the rule written 1st reaches S3 as rule 2, after the rule written 2nd (rule 1). A GET from https://app.example.com matches both"}},
		{name: "reversed but disjoint methods", file: "testdata/corpus/literal.tf", want: nil},
		{name: "inline rules keep their order", file: "testdata/corpus/legacy_inline.tf", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			f := Read(tc.file, src, nil)
			var got []string
			for _, s := range f.Sources {
				for _, w := range OrderWarnings(s) {
					got = append(got, w.Message)
					if w.Code != OrderCode || w.Line == 0 {
						t.Errorf("warning %+v", w)
					}
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d warnings %q, want %d", len(got), got, len(tc.want))
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestMaxAgeWarnings(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{name: "unset on an upload rule", want: 1, src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"PUT\"]\n    allowed_origins = [\"https://a.example.com\"]\n  }\n}\n"},
		{name: "unset on a GET rule", want: 0, src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = [\"https://a.example.com\"]\n  }\n}\n"},
		{name: "set to 0 on purpose", want: 0, src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"PUT\"]\n    allowed_origins = [\"https://a.example.com\"]\n    max_age_seconds = 0\n  }\n}\n"},
		{name: "unset in a module input", want: 1, src: "module \"m\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n  cors_rule = [{\n    allowed_methods = [\"DELETE\"]\n    allowed_origins = [\"*\"]\n  }]\n}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Read("main.tf", []byte(tc.src), nil)
			n := 0
			for _, s := range f.Sources {
				for _, w := range MaxAgeWarnings([]byte(tc.src), s) {
					if w.Code != MaxAgeZeroCode {
						t.Errorf("code %s", w.Code)
					}
					n++
				}
			}
			if n != tc.want {
				t.Errorf("%d warnings, want %d", n, tc.want)
			}
		})
	}
}
