package terraform

import (
	"slices"
	"testing"

	"corsplay/internal/iac"
)

// TestInputs: the variables a file declares and those its CORS rules
// refer to (declared in another file of the module), each once, sorted.
func TestInputs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		in   iac.Inputs
		want []string
	}{
		{name: "declared and referred to", src: `variable "site" {}
variable "unused" { default = "x" }
resource "aws_s3_bucket_cors_configuration" "a" {
  bucket = "a"
  cors_rule {
    allowed_origins = ["https://${var.site}", var.other]
    allowed_methods = ["GET"]
  }
}
`, want: []string{"other", "site", "unused"}},
		{name: "given values change nothing", src: `variable "site" {}
resource "aws_s3_bucket_cors_configuration" "a" {
  bucket = "a"
  cors_rule {
    allowed_origins = ["https://${var.site}"]
    allowed_methods = ["GET"]
  }
}
`, in: iac.Inputs{"site": "www.example.com", "elsewhere": "x"}, want: []string{"site"}},
		{name: "none", src: `resource "aws_s3_bucket" "b" {}`, want: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Read("main.tf", []byte(tc.src), tc.in).Inputs; !slices.Equal(got, tc.want) {
				t.Errorf("Inputs = %q, want %q", got, tc.want)
			}
		})
	}
}
