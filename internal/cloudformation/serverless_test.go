package cloudformation

import (
	"strings"
	"testing"

	"corsplay/internal/iac"
)

// TestServerlessVariables resolves the Framework's variables in origins as
// the Framework would, or reports them unknown under the name to supply.
func TestServerlessVariables(t *testing.T) {
	const head = "service: s\nprovider:\n  stage: ${opt:stage, 'dev'}\ncustom:\n  site: https://site.example.com\n  nested: https://${self:provider.stage}.example.com\n  loop: ${self:custom.loop}\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n      Properties:\n        CorsConfiguration:\n          CorsRules:\n            - AllowedMethods: [GET]\n              AllowedOrigins: [\""
	tests := []struct {
		name, origin string
		in           iac.Inputs
		want         string // the origin, or "" when unknown
		unknown      string // the Unknown's input name
	}{
		{name: "self", origin: "${self:custom.site}", want: "https://site.example.com"},
		{name: "self through a fallback", origin: "${self:custom.nested}", want: "https://dev.example.com"},
		{name: "option supplied", origin: "${self:custom.nested}", in: iac.Inputs{"opt:stage": "prod"}, want: "https://prod.example.com"},
		{name: "quoted fallback", origin: "https://${env:HOST, 'a.example.com'}", want: "https://a.example.com"},
		{name: "variable fallback", origin: "${env:ORIGIN, ${self:custom.site}}", want: "https://site.example.com"},
		{name: "bare source fallback", origin: "${env:ORIGIN, self:custom.site}", want: "https://site.example.com"},
		{name: "unknown environment", origin: "${env:ORIGIN}", unknown: "env:ORIGIN"},
		{name: "missing self path", origin: "${self:custom.nope}", unknown: "self:custom.nope"},
		{name: "self-reference", origin: "${self:custom.loop}", unknown: "self:custom.loop"},
		{name: "not a variable", origin: "https://$example.com", want: "https://$example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Read([]byte(head+tt.origin+"\"]\n"), tt.in)
			if len(f.Problems) > 0 || len(f.Sources) != 1 {
				t.Fatalf("%v", f.Problems)
			}
			s := f.Sources[0]
			got := strings.Join(s.Config.Rules[0].Texts("AllowedOrigin"), " ")
			if got != tt.want {
				t.Errorf("origin %q, want %q", got, tt.want)
			}
			switch {
			case tt.unknown == "" && len(s.Unknowns) > 0:
				t.Errorf("unknowns %+v", s.Unknowns)
			case tt.unknown != "" && (len(s.Unknowns) != 1 || InputName(s.Unknowns[0].Ref) != tt.unknown):
				t.Errorf("unknowns %+v, want one named %s", s.Unknowns, tt.unknown)
			}
		})
	}
}
