package page

import (
	"strconv"
	"strings"
	"testing"
)

// TestInfrastructureExports chooses each infrastructure-as-code export in
// the menu, as a person would, and checks what is shown: a CloudFormation
// template with CloudFormation's names (YAML highlighted: keys are tags),
// the same as JSON, and the CDK's s3.Bucket in TypeScript and Python.
func TestInfrastructureExports(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.paste("#config", `[{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]`)
	tests := []struct {
		to    string
		wants []string
		// tag: the output has highlighted keys (class nt).
		tag bool
	}{
		{to: "cloudformation-yaml", wants: []string{"Type: AWS::S3::Bucket", "ExposedHeaders:", "MaxAge: 3000", "- https://app.example.com"}, tag: true},
		{to: "cloudformation-json", wants: []string{`"Type": "AWS::S3::Bucket"`, `"ExposedHeaders": ["ETag"]`, `"MaxAge": 3000`}, tag: true},
		{to: "cdk-ts", wants: []string{"new s3.Bucket(this, 'Bucket', {", "allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT],", "maxAge: 3000,"}},
		{to: "cdk-python", wants: []string{"s3.CorsRule(", "allowed_methods=[s3.HttpMethods.GET, s3.HttpMethods.PUT],", "exposed_headers=[\"ETag\"],"}},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			p.t = t
			p.choose("#export-to", tt.to)
			p.waitJS(`document.getElementById("export-out").textContent.includes(` + strconv.Quote(tt.wants[0]) + `)`)
			got := p.text("#export-out")
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("%s export lacks %q:\n%s", tt.to, w, got)
				}
			}
			if has := evalJS[bool](p, `!!document.querySelector('#export-out .nt')`); has != tt.tag {
				t.Errorf("%s: highlighted keys %v, want %v", tt.to, has, tt.tag)
			}
			if tt.to == "cloudformation-yaml" {
				p.screenshot("export-cloudformation-yaml.png")
			}
		})
	}
	p.t = t
	p.noErrors()
}
