package cloudformation

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"corsplay/internal/iac"
)

// laughs is a "billion laughs" document: each level refers to the one
// before it ten times, so expanding it fully would make 10^levels values.
// use is what the bucket's rule holds besides its two required lists.
func laughs(levels int, use string) string {
	var b strings.Builder
	b.WriteString("Mappings:\n  l0: &l0 [\"lol\"]\n")
	for i := 1; i <= levels; i++ {
		b.WriteString("  l" + strconv.Itoa(i) + ": &l" + strconv.Itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + strconv.Itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n        CorsRules:\n          - AllowedMethods: [GET]\n            AllowedOrigins: [\"https://a.example.com\"]\n")
	b.WriteString(use)
	return b.String()
}

func TestHostile(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want is a part of the file problem (empty: the file reads,
		// and wantSources sources are found).
		want        string
		wantSources int
		// wantSource is part of the first source's first problem.
		wantSource string
	}{
		{name: "aliases over the limit", src: laughs(120, ""), want: "uses of YAML aliases"},
		{name: "laughs evaluated", src: laughs(9, "            AllowedHeaders: !Split [\",\", !Join [\",\", *l9]]\n"), wantSources: 1, wantSource: "evaluation stopped"},
		{name: "deep flow nesting", src: "Resources: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000), want: "nested more than"},
		{name: "deep block nesting", src: "Resources:\n" + deepBlock(300), want: "nested more than"},
		{name: "too large", src: "Resources: {}\n" + strings.Repeat("#", 10<<20), want: "corsplay reads templates up to"},
		{name: "unclosed flow sequence", src: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {CorsConfiguration: {CorsRules: [\n", want: "YAML:"},
		{name: "duplicate JSON key", src: `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "B": {}}}`, want: `duplicate key "B" (first at 1:16)`},
		{name: "binary tag", src: "Resources:\n  B: !!binary aGk=\n", want: "unsupported tag !!binary"},
		{name: "verbatim tag", src: "Resources:\n  B: !<tag:example.com,2000:x> y\n", want: "unsupported tag"},
		{name: "custom tag", src: "Resources:\n  B: !Foo\n", want: "unsupported tag !Foo"},
		{name: "complex key", src: "Resources:\n  ? [a]\n  : b\n", want: "mapping key must be a plain string"},
		{name: "unknown anchor", src: "Resources:\n  B: *nope\n", want: "unknown anchor"},
		{name: "not a mapping", src: "- a\n- b\n", want: "a template is a mapping"},
		{name: "empty", src: "", want: "the file is empty"},
		{name: "bad JSON", src: `{"Resources": [}`, want: "JSON:"},
		{name: "JSON slash escape", src: `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"CorsConfiguration": {"CorsRules": [{"AllowedOrigins": ["https:\/\/a.example.com"], "AllowedMethods": ["GET"]}]}}}}}`, wantSources: 1},
		{name: "self-referring condition", src: "Conditions:\n  A: !Condition A\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: A\n    Properties:\n      CorsConfiguration: {CorsRules: [{AllowedOrigins: ['*'], AllowedMethods: [GET]}]}\n", wantSources: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f := Read([]byte(tt.src), iac.Inputs{})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if tt.want == "" {
				if len(f.Problems) > 0 || len(f.Sources) != tt.wantSources {
					t.Fatalf("problems %v, %d sources; want none and %d", f.Problems, len(f.Sources), tt.wantSources)
				}
				if tt.wantSource != "" && (len(f.Sources[0].Problems) == 0 || !strings.Contains(f.Sources[0].Problems[0].Msg, tt.wantSource)) {
					t.Fatalf("source problems %v; want one containing %q", f.Sources[0].Problems, tt.wantSource)
				}
				return
			}
			if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Msg, tt.want) {
				t.Fatalf("problems %v; want one containing %q", f.Problems, tt.want)
			}
			if f.Problems[0].Span.Start.Line < 1 {
				t.Errorf("problem without a place: %+v", f.Problems[0])
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i+2) + "k:\n")
	}
	return b.String()
}
