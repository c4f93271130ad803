package cloudformation

import (
	"slices"
	"testing"

	"corsplay/internal/iac"
)

// TestInputs: a template's parameters and the other names its CORS rules
// take values by (pseudo parameters, resources), each once, sorted.
func TestInputs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		in   iac.Inputs
		want []string
	}{
		{name: "parameters and a pseudo parameter", src: `Parameters:
  Site: {Type: String}
  Unused: {Type: String, Default: x}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: [!Sub "https://${Site}", !Sub "https://${AWS::Region}.example.com"]
            AllowedMethods: [GET]
`, want: []string{"AWS::Region", "Site", "Unused"}},
		{name: "given values change nothing", src: `Parameters:
  Site: {Type: String}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: [!Ref Site]
            AllowedMethods: [GET]
`, in: iac.Inputs{"Site": "https://www.example.com", "Elsewhere": "x"}, want: []string{"Site"}},
		{name: "none", src: "Resources:\n  B: {Type: AWS::S3::Bucket}\n", want: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Read([]byte(tc.src), tc.in).Inputs; !slices.Equal(got, tc.want) {
				t.Errorf("Inputs = %q, want %q", got, tc.want)
			}
		})
	}
}
