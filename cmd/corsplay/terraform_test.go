package main

import (
	"path/filepath"
	"testing"
)

// TestTerraformCommands runs validate, lint and convert on Terraform files
// as a person would, comparing the whole output with golden files.
func TestTerraformCommands(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{name: "lint with an unknown variable", args: []string{"lint", "testdata/tf/main.tf"}, code: 1, golden: "tf-lint-unknown.golden"},
		{name: "lint with --var", args: []string{"lint", "--var", "app_domain=app.example.com", "testdata/tf/main.tf"}, code: 1, golden: "tf-lint-var.golden"},
		{name: "lint --format github", args: []string{"lint", "--format", "github", "--var", "app_domain=app.example.com", "testdata/tf/main.tf"}, code: 1, golden: "tf-lint-github.golden"},
		{name: "validate --format sarif", args: []string{"validate", "--format", "sarif", "../../internal/terraform/testdata/corpus/problems.tf"}, code: 1, golden: "tf-validate-sarif.golden"},
		{name: "a format not known", args: []string{"lint", "--format", "xml", "testdata/tf/main.tf"}, code: 2, golden: "tf-lint-badformat.golden"},
		{name: "test against a Terraform configuration", args: []string{"test", "--config", "testdata/tf/main.tf", "--var", "app_domain=app.example.com", "../../internal/expect/testdata/uploads.json"}, code: 1, golden: "tf-test.golden"},
		{name: "test against Terraform as JSON: each rule's place", args: []string{"test", "--format", "json", "--config", "testdata/tf/main.tf", "--var", "app_domain=app.example.com", "../../internal/expect/testdata/uploads.json"}, code: 1, golden: "tf-test-json.golden"},
		{name: "test against Terraform as JUnit", args: []string{"test", "--format", "junit", "--config", "testdata/tf/main.tf", "--var", "app_domain=app.example.com", "../../internal/expect/testdata/uploads.json"}, code: 1, golden: "tf-test-junit.golden"},
		{name: "test against Terraform as GitHub commands", args: []string{"test", "--format", "github", "--config", "testdata/tf/main.tf", "--var", "app_domain=app.example.com", "../../internal/expect/testdata/uploads.json"}, code: 1, golden: "tf-test-github.golden"},
		{name: "test with an unknown", args: []string{"test", "--config", "testdata/tf/main.tf", "../../internal/expect/testdata/uploads.json"}, code: 2, golden: "tf-test-unknown.golden"},
		{name: "validate with --var-file", args: []string{"validate", "--var-file", "testdata/tf/prod.tfvars", "testdata/tf/main.tf"}, code: 0, golden: "tf-validate-varfile.golden"},
		{name: "validate what terraform refuses", args: []string{"validate", "../../internal/terraform/testdata/corpus/problems.tf"}, code: 1, golden: "tf-validate-problems.golden"},
		{name: "validate plan JSON", args: []string{"validate", "../../internal/terraform/testdata/corpus/plan.json"}, code: 0, golden: "tf-validate-plan.golden"},
		{name: "validate one resource", args: []string{"validate", "--resource", "module.cdn_origin", "../../internal/terraform/testdata/corpus/several.tf"}, code: 0, golden: "tf-validate-resource.golden"},
		{name: "validate an address not there", args: []string{"validate", "--resource", "module.nope", "../../internal/terraform/testdata/corpus/several.tf"}, code: 2, golden: "tf-validate-noaddress.golden"},
		{name: "convert needs --resource", args: []string{"convert", "--to", "xml", "../../internal/terraform/testdata/corpus/several.tf"}, code: 2, golden: "tf-convert-several.golden"},
		{name: "convert one resource", args: []string{"convert", "--to", "cli-json", "--resource", "aws_s3_bucket_cors_configuration.uploads", "../../internal/terraform/testdata/corpus/several.tf"}, code: 0, golden: "tf-convert-resource.golden"},
		{name: "convert refuses unknowns", args: []string{"convert", "--to", "xml", "testdata/tf/main.tf"}, code: 1, golden: "tf-convert-unknown.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runGolden(t, tt.args, "", tt.code, filepath.Join("testdata", tt.golden), "")
		})
	}
}
