package iacfile

import (
	"strings"
	"testing"

	"corsplay/internal/iac"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            iac.Kind
	}{
		{name: "a .tf name", file: "main.tf", src: "", want: iac.Terraform},
		{name: "a .tf.json name", file: "cors.tf.json", src: `{"resource": {}}`, want: iac.Terraform},
		{name: "a .tfvars name", file: "prod.tfvars", src: `a = "b"`, want: iac.Terraform},
		{name: "pasted HCL", src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n}\n", want: iac.Terraform},
		{name: "plan JSON", src: `{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}}}`, want: iac.Terraform},
		{name: "a plan holding a template as a string", src: `{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{"resources":[{"values":{"template_body":"Resources: {B: {Type: AWS::S3::Bucket}}"}}]}}}`, want: iac.Terraform},
		{name: "a YAML template", src: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", want: iac.CloudFormation},
		{name: "a JSON template", src: `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, want: iac.CloudFormation},
		{name: "a template whose string looks like HCL", src: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata: {note: 'resource \"x\" \"y\"'}\n", want: iac.CloudFormation},
		{name: "PutBucketCors XML", src: "<CORSConfiguration><CORSRule/></CORSConfiguration>", want: ""},
		{name: "aws-cli JSON", src: `{"CORSRules": []}`, want: ""},
		{name: "console JSON naming resource in a string", src: `[{"AllowedOrigins": ["resource \"x\""]}]`, want: ""},
		{name: "empty", src: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.file, []byte(tt.src)); got != tt.want {
				t.Errorf("KindOf(%q) = %q, want %q", tt.file, got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string // in the XML
		wantProblem     string // a validation code, at wantLine
		wantLine        int
		wantLint        string // a lint code
	}{
		{name: "a Terraform rule S3 rejects", file: "main.tf", src: `resource "aws_s3_bucket_cors_configuration" "a" {
  bucket = "a"
  cors_rule {
    allowed_origins = ["https://a.example.com"]
    allowed_methods = ["GET", "PATCH"]
  }
}
`, want: "<AllowedMethod>PATCH</AllowedMethod>", wantProblem: "InvalidRequest", wantLine: 5, wantLint: "max-age-unset-zero"},
		{name: "a template with a trailing slash", src: `Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: [https://a.example.com/]
            AllowedMethods: [GET]
`, want: "<AllowedOrigin>https://a.example.com/</AllowedOrigin>", wantLint: "origin-trailing-slash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Read(tt.file, []byte(tt.src), nil)
			if f == nil || len(f.Sources) == 0 {
				t.Fatalf("nothing read: %+v", f)
			}
			c := Check(f.Kind, []byte(tt.src), f.Sources[0])
			if !strings.Contains(string(c.XML), tt.want) {
				t.Errorf("XML lacks %q:\n%s", tt.want, c.XML)
			}
			found := tt.wantProblem == ""
			for _, p := range c.Validation.Problems {
				found = found || p.Code == tt.wantProblem && p.Span.Start.Line == tt.wantLine
			}
			if !found {
				t.Errorf("no %s at line %d: %+v", tt.wantProblem, tt.wantLine, c.Validation.Problems)
			}
			found = false
			for _, w := range c.Lint {
				found = found || w.Code == tt.wantLint
			}
			if !found {
				t.Errorf("no lint %s: %+v", tt.wantLint, c.Lint)
			}
		})
	}
	if c := Check(iac.Terraform, nil, &iac.Source{}); c != nil {
		t.Errorf("Check of a source without a configuration = %+v, want nil", c)
	}
}
