package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRead reads a Terraform file through the API as the page would and
// checks what it gets back: the configuration as XML, rules in the
// provider's order with the written index, places in the original text,
// unknowns, and validation and lint.
func TestRead(t *testing.T) {
	src := `variable "app_domain" {
  type = string
}

resource "aws_s3_bucket_cors_configuration" "site" {
  bucket = "acme-site"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://${var.app_domain}", "https://example.com/"]
    max_age_seconds = 600
  }
}
`
	tests := []struct {
		name, inputs string
		unknowns     int
		origins      []string
	}{
		{name: "unknown variable", inputs: "", unknowns: 1, origins: []string{"https://example.com/"}},
		{name: "supplied variable", inputs: `{"app_domain": "app.example.com"}`, unknowns: 0, origins: []string{"https://app.example.com", "https://example.com/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Call("read", []string{"main.tf", src, tc.inputs})
			if err != nil {
				t.Fatal(err)
			}
			var f file
			if err := json.Unmarshal([]byte(out), &f); err != nil {
				t.Fatal(err)
			}
			if f.Kind != "terraform" || len(f.Sources) != 1 {
				t.Fatalf("got %s", out)
			}
			s := f.Sources[0]
			if s.Address != "aws_s3_bucket_cors_configuration.site" || len(s.Unknowns) != tc.unknowns {
				t.Errorf("address %q, %d unknowns: %s", s.Address, len(s.Unknowns), out)
			}
			var origins []string
			for _, v := range s.Rules[0].Values {
				if v.Field == "AllowedOrigin" {
					origins = append(origins, v.Text)
					if v.Line != 10 {
						t.Errorf("origin %q on line %d, want 10", v.Text, v.Line)
					}
				}
			}
			if strings.Join(origins, " ") != strings.Join(tc.origins, " ") {
				t.Errorf("origins %q, want %q", origins, tc.origins)
			}
			if !strings.Contains(s.XML, "<AllowedOrigin>https://example.com/</AllowedOrigin>") {
				t.Errorf("xml %s", s.XML)
			}
			found := false
			for _, w := range s.Lint {
				found = found || (w.Code == "origin-trailing-slash" && w.Line == 10)
			}
			if !found {
				t.Errorf("no origin-trailing-slash warning on line 10: %+v", s.Lint)
			}
		})
	}
}

func TestCallErrors(t *testing.T) {
	tests := []struct {
		name string
		fn   string
		args []string
		want string
	}{
		{name: "unknown function", fn: "nope", args: nil, want: `no function "nope"`},
		{name: "arity", fn: "read", args: []string{"x"}, want: "takes 3 arguments"},
		{name: "bad inputs", fn: "read", args: []string{"main.tf", "", "{"}, want: "inputsJSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Call(tc.fn, tc.args)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
	out, err := Call("read", []string{"notes.txt", "hello", ""})
	if err != nil || !strings.Contains(out, `"error"`) {
		t.Errorf("a file no reader claims: %q, %v", out, err)
	}
}

func TestTFVars(t *testing.T) {
	out, err := Call("tfvars", []string{"# prod\napp_domain = \"app.example.com\"\norigins = [\"https://a.example.com\"]\n"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"inputs":{"app_domain":"app.example.com","origins":"[\"https://a.example.com\"]"}}`
	if out != want {
		t.Errorf("got %s, want %s", out, want)
	}
	if out, _ := Call("tfvars", []string{"x = "}); !strings.Contains(out, `"error"`) {
		t.Errorf("a broken tfvars: %s", out)
	}
}

// TestReadCloudFormation reads a template through the API: the bucket under
// its logical ID with the CDK path as a note, places in the template, an
// unknown parameter until supplied, CloudFormation's refusal in its words.
func TestReadCloudFormation(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Domain: {Type: String}
Resources:
  Bucket83908E77:
    Type: AWS::S3::Bucket
    Metadata: {aws:cdk:path: Web/Bucket/Resource}
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: [!Sub "https://${Domain}", "https://example.com/"]
            AllowedMethods: [GET]
  Broken:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: ["*"]
            AllowedMethods: [PATCH]
`
	tests := []struct {
		name, inputs string
		unknowns     int
		origins      string
	}{
		{name: "unknown parameter", unknowns: 1, origins: "https://example.com/"},
		{name: "supplied parameter", inputs: `{"Domain": "app.example.com"}`, origins: "https://app.example.com https://example.com/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Call("read", []string{"template.yaml", src, tc.inputs})
			if err != nil {
				t.Fatal(err)
			}
			var f file
			if err := json.Unmarshal([]byte(out), &f); err != nil {
				t.Fatal(err)
			}
			if f.Kind != "cloudformation" || len(f.Sources) != 2 {
				t.Fatalf("got %s", out)
			}
			s := f.Sources[0]
			if s.Address != "Bucket83908E77" || len(s.Unknowns) != tc.unknowns || len(s.Notes) != 1 || s.Notes[0] != "CDK construct Web/Bucket/Resource" {
				t.Errorf("address %q, %d unknowns, notes %q: %s", s.Address, len(s.Unknowns), s.Notes, out)
			}
			var origins []string
			for _, v := range s.Rules[0].Values {
				if v.Field == "AllowedOrigin" {
					origins = append(origins, v.Text)
					if v.Line != 11 {
						t.Errorf("origin %q on line %d, want 11", v.Text, v.Line)
					}
				}
			}
			if strings.Join(origins, " ") != tc.origins {
				t.Errorf("origins %q, want %q", origins, tc.origins)
			}
			b := f.Sources[1]
			if len(b.Problems) != 1 || !strings.Contains(b.Problems[0].Message, "PATCH is not a valid enum value") || b.Problems[0].Line != 19 {
				t.Errorf("refusal: %+v", b.Problems)
			}
		})
	}
}

func TestHighlightHCL(t *testing.T) {
	out, err := Call("highlight", []string{"resource \"x\" \"y\" {\n  a = \"${var.b}\"\n}\n", "hcl"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span class="kr">resource</span>`, `<span class="si">${</span>`, `<span class="nb">var</span>`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
}

// TestFix asks for the browser fix through the API as the page does: the
// file, the variable's value, the address, the page's scenario JSON.
func TestFix(t *testing.T) {
	src := `variable "site_domain" {
  type = string
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "uploads"

  cors_rule {
    allowed_origins = ["https://${var.site_domain}"] # the site
    allowed_methods = ["GET"]
  }
}
`
	sc := func(origin, method string) string {
		return `{"bucket": {"exists": true, "cors": "<CORSConfiguration/>", "corsRev": 3},
		  "fetch": {"origin": "` + origin + `", "url": "https://uploads.s3.amazonaws.com/a.jpg", "method": "` + method + `"},
		  "omit": ["lint"]}`
	}
	tests := []struct {
		name, inputs, scenario string
		wantText               string // a line of the edited file
		wantRefused            int    // or the line to change by hand
		wantError              string
	}{
		{name: "method added", inputs: `{"site_domain": "www.example.com"}`, scenario: sc("https://www.example.com", "PUT"),
			wantText: `    allowed_methods = ["GET", "PUT"]`},
		{name: "origin computed", inputs: `{"site_domain": "www.example.com"}`, scenario: sc("https://app.example.com", "GET"), wantRefused: 9},
		{name: "allowed", inputs: `{"site_domain": "www.example.com"}`, scenario: sc("https://www.example.com", "GET"), wantError: "nothing to fix"},
		{name: "bad scenario", inputs: "", scenario: `{"fetch": 1}`, wantError: "scenarioJSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Call("fix", []string{"main.tf", src, tc.inputs, "aws_s3_bucket_cors_configuration.uploads", tc.scenario})
			if err != nil {
				if tc.wantError == "" || !strings.Contains(err.Error(), tc.wantError) {
					t.Fatal(err)
				}
				return
			}
			var got struct {
				Error string
				Text  string
				Edits []struct {
					Line, Column, EndLine, EndColumn int
					New                              string
				}
				Refused *struct {
					Summary, Expr string
					Line          int
				}
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.wantText != "":
				if !strings.Contains(got.Text, tc.wantText+"\n") || len(got.Edits) != 1 || got.Edits[0].Line != 10 || got.Edits[0].New != `, "PUT"` {
					t.Errorf("got %s", out)
				}
			case tc.wantRefused != 0:
				if got.Refused == nil || got.Refused.Line != tc.wantRefused || got.Refused.Expr != `"https://${var.site_domain}"` || got.Error == "" {
					t.Errorf("got %s", out)
				}
			default:
				if !strings.Contains(got.Error, tc.wantError) {
					t.Errorf("got %s, want an error with %q", out, tc.wantError)
				}
			}
		})
	}
}
