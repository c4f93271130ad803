package iacfile

import (
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
