package cloudformation

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/iac"
)

// BenchmarkReadCDK reads the CDK synth output of the corpus.
func BenchmarkReadCDK(b *testing.B) {
	src, err := os.ReadFile("testdata/templates/08-cdk-synth.template.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Read(src, nil)
	}
}

// BenchmarkRead100Rules reads a YAML template whose bucket has S3's
// maximum of 100 rules, each with a !Sub origin from a parameter.
func BenchmarkRead100Rules(b *testing.B) {
	var t strings.Builder
	t.WriteString("Parameters:\n  Domain: {Type: String, Default: example.com}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n        CorsRules:\n")
	for i := range 100 {
		t.WriteString("          - Id: rule-" + strconv.Itoa(i) + "\n            AllowedOrigins:\n              - !Sub \"https://app" + strconv.Itoa(i) + ".${Domain}\"\n              - https://static.example.com\n            AllowedMethods: [GET, HEAD, PUT]\n            AllowedHeaders: ['*']\n            ExposedHeaders: [ETag]\n            MaxAge: 3000\n")
	}
	src := []byte(t.String())
	f := Read(src, iac.Inputs{})
	if len(f.Sources) != 1 || len(f.Sources[0].Config.Rules) != 100 {
		b.Fatalf("%+v", f.Problems)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Read(src, iac.Inputs{})
	}
}
