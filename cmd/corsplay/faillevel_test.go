package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintMinimumFailureSeverity checks lint's exit status against
// --minimum-failure-severity for XML, a Terraform file and a template:
// info findings are printed in every case, and fail only with notice.
func TestLintMinimumFailureSeverity(t *testing.T) {
	const infoXML = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
	const warnXML = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>100000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
	const infoTF = `resource "aws_s3_bucket_cors_configuration" "up" {
  bucket = "b"
  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["PUT"]
    allowed_origins = ["https://app.example.com"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}
`
	const infoYAML = `Resources:
  Up:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedHeaders: ["*"]
            AllowedMethods: [PUT]
            AllowedOrigins: ["https://app.example.com"]
            ExposedHeaders: [ETag]
            MaxAge: 3000
`
	tests := []struct {
		name    string
		file    string // the name lint is given, for its reader
		text    string
		level   string // "" leaves the flag out
		code    int
		printed string // a finding's code the output holds
	}{
		{name: "xml info, default", file: "-", text: infoXML, code: 0, printed: "preflight-per-url"},
		{name: "xml info, notice", file: "-", text: infoXML, level: "notice", code: 1, printed: "preflight-per-url"},
		{name: "xml info, info as notice", file: "-", text: infoXML, level: "info", code: 1, printed: "preflight-per-url"},
		{name: "xml warning, default", file: "-", text: warnXML, code: 1, printed: "max-age-above-cap"},
		{name: "xml warning, error", file: "-", text: warnXML, level: "error", code: 0, printed: "max-age-above-cap"},
		{name: "terraform info, default", file: "main.tf", text: infoTF, code: 0, printed: "preflight-per-url"},
		{name: "terraform info, notice", file: "main.tf", text: infoTF, level: "notice", code: 1, printed: "preflight-per-url"},
		{name: "template info, default", file: "template.yaml", text: infoYAML, code: 0, printed: "preflight-per-url"},
		{name: "template info, notice", file: "template.yaml", text: infoYAML, level: "notice", code: 1, printed: "preflight-per-url"},
		{name: "bad level", file: "-", text: infoXML, level: "fatal", code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if path != "-" {
				path = writeTemp(t, tt.file, tt.text)
			}
			args := []string{"lint", "--format", "github"}
			if tt.level != "" {
				args = append(args, "--minimum-failure-severity", tt.level)
			}
			args = append(args, path)
			var out, errOut bytes.Buffer
			if got := run(args, strings.NewReader(tt.text), &out, &errOut); got != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", got, tt.code, out.String(), errOut.String())
			}
			if tt.printed != "" && !strings.Contains(out.String(), tt.printed) {
				t.Errorf("output lacks %s:\n%s", tt.printed, out.String())
			}
		})
	}
}

// writeTemp writes text to a file named name in a new directory.
func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
