package main

import (
	"path/filepath"
	"testing"
)

// TestTemplateCommands runs validate, lint and convert on CloudFormation
// templates as a person would, and compares the whole output with a
// golden file in testdata/cfn.
func TestTemplateCommands(t *testing.T) {
	const dir = "../../internal/cloudformation/testdata/templates/"
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{name: "validate, clean", args: []string{"validate", dir + "01-literal.yaml"}, golden: "validate-clean.golden"},
		{name: "validate, unknown reported, not guessed", args: []string{"validate", dir + "06-if-unknown-condition.yaml"}, golden: "validate-unknown.golden"},
		{name: "validate, parameter supplied", args: []string{"validate", "--parameter", "Environment=staging", dir + "06-if-unknown-condition.yaml"}, golden: "validate-parameter.golden"},
		{name: "validate, comma-delimited list supplied", args: []string{"validate", "--parameter", "AllowedOrigins=https://a.example.com,https://b.example.com", "--parameter", "AWS::StackName=web", dir + "17-comma-list-and-condition.yaml"}, golden: "validate-list.golden"},
		{name: "validate, CloudFormation refuses", args: []string{"validate", dir + "11-refusals.yaml"}, code: 1, golden: "validate-refused.golden"},
		{name: "validate, S3 rejects", args: []string{"validate", dir + "12-s3-problems.yaml"}, code: 1, golden: "validate-s3.golden"},
		{name: "validate, one of several", args: []string{"validate", "--resource", "UploadsBucket5E5E9B64", dir + "08-cdk-synth.template.json"}, golden: "validate-resource.golden"},
		{name: "validate, no such resource", args: []string{"validate", "--resource", "Nope", dir + "08-cdk-synth.template.json"}, code: 2, golden: "validate-no-resource.golden"},
		{name: "validate, unreadable", args: []string{"validate", dir + "21-duplicate-key.yaml"}, code: 2, golden: "validate-unreadable.golden"},
		{name: "validate, bad --parameter", args: []string{"validate", "--parameter", "NoEquals", dir + "01-literal.yaml"}, code: 2, golden: "validate-bad-parameter.golden"},
		{name: "lint", args: []string{"lint", dir + "10-serverless.yml"}, code: 1, golden: "lint.golden"},
		{name: "validate for GitHub", args: []string{"validate", "--format", "github", dir + "11-refusals.yaml"}, code: 1, golden: "validate-github.golden"},
		{name: "validate as SARIF", args: []string{"validate", "--format", "sarif", dir + "06-if-unknown-condition.yaml"}, golden: "validate-sarif.golden"},
		{name: "lint for GitHub", args: []string{"lint", "--format", "github", dir + "12-s3-problems.yaml"}, code: 1, golden: "lint-github.golden"},
		{name: "convert, several buckets", args: []string{"convert", "--to", "xml", dir + "16-anchors.yaml"}, code: 2, golden: "convert-several.golden"},
		{name: "convert, one named", args: []string{"convert", "--to", "cli-json", "--resource", "MirrorBucket", dir + "16-anchors.yaml"}, golden: "convert-resource.golden"},
		{name: "convert, unknowns refused", args: []string{"convert", "--to", "xml", dir + "03-ref-no-default.yaml"}, code: 1, golden: "convert-unknown.golden"},
		{name: "test, a template's bucket", args: []string{"test", "--config", dir + "03-ref-no-default.yaml", "--parameter", "AllowedOrigin=https://media.example.org", "testdata/cfn/media-tests.json"}, golden: "test-template.golden"},
		{name: "test, failures name the template's rule", args: []string{"test", "--config", dir + "03-ref-no-default.yaml", "--parameter", "AllowedOrigin=https://media.example.org", "testdata/cfn/media-fails.json"}, code: 1, golden: "test-template-fails.golden"},
		{name: "test, failures name the template's rule, as JSON", args: []string{"test", "--format", "json", "--config", dir + "03-ref-no-default.yaml", "--parameter", "AllowedOrigin=https://media.example.org", "testdata/cfn/media-fails.json"}, code: 1, golden: "test-template-fails-json.golden"},
		{name: "test, a template's unknown refused", args: []string{"test", "--config", dir + "03-ref-no-default.yaml", "testdata/cfn/media-tests.json"}, code: 1, golden: "test-template-unknown.golden"},
		{name: "convert, unknowns supplied", args: []string{"convert", "--to", "xml", "--parameter", "AllowedOrigin=https://media.example.org", dir + "03-ref-no-default.yaml"}, golden: "convert-supplied.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runGolden(t, tt.args, "", tt.code, filepath.Join("testdata", "cfn", tt.golden), dir)
		})
	}
}
