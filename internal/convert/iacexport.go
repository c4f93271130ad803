package convert

import (
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/jsonw"
	"corsplay/internal/yamlw"
)

// The infrastructure-as-code exports write a configuration as the code
// that declares it: a CloudFormation AWS::S3::Bucket (YAML or JSON, with
// CloudFormation's property names: ExposedHeaders, MaxAge, Id) or an AWS
// CDK s3.Bucket (TypeScript or Python, aws-cdk-lib's CorsRule: cors,
// allowedMethods as s3.HttpMethods). CloudFormation sends the rules in the
// order written, so the order is kept. Strings are written as JSON string
// literals, which YAML, TypeScript and Python all read as the same text.

// cfnNames are CloudFormation's CorsRule property names, in the order
// of the AWS::S3::Bucket CorsRule documentation.
var cfnNames = []struct {
	field    config.Field
	cfn, ts  string
	py, list string
}{
	{config.FieldID, "Id", "id", "id", ""},
	{config.FieldAllowedHeader, "AllowedHeaders", "allowedHeaders", "allowed_headers", "list"},
	{config.FieldAllowedMethod, "AllowedMethods", "allowedMethods", "allowed_methods", "list"},
	{config.FieldAllowedOrigin, "AllowedOrigins", "allowedOrigins", "allowed_origins", "list"},
	{config.FieldExposeHeader, "ExposedHeaders", "exposedHeaders", "exposed_headers", "list"},
	{config.FieldMaxAgeSeconds, "MaxAge", "maxAge", "max_age", ""},
}

// cdkOrder is the order of aws-cdk-lib's CorsRule example: the required
// properties first.
var cdkOrder = []config.Field{config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldID, config.FieldMaxAgeSeconds}

// cdkMethods are the members of aws-cdk-lib's s3.HttpMethods.
var cdkMethods = map[string]bool{"GET": true, "PUT": true, "HEAD": true, "POST": true, "DELETE": true}

// iacCheck refuses what the resource's types cannot hold: a MaxAge that is
// not an integer (CloudFormation's schema types it integer, CDK a number)
// and, for CDK, a method s3.HttpMethods has no member for.
func iacCheck(cfg *config.Config, cdk bool) error {
	for i := range cfg.Rules {
		for _, v := range cfg.Rules[i].Values {
			switch {
			case v.Field == config.FieldMaxAgeSeconds:
				if _, err := strconv.ParseInt(strings.TrimSpace(v.Text), 10, 32); err != nil {
					return errors.New("MaxAgeSeconds " + strconv.Quote(v.Text) + " in rule " + strconv.Itoa(i+1) + " is not an integer, and MaxAge must be one")
				}
			case cdk && v.Field == config.FieldAllowedMethod && !cdkMethods[v.Text]:
				return errors.New("AllowedMethod " + strconv.Quote(v.Text) + " in rule " + strconv.Itoa(i+1) + " has no member in the CDK's s3.HttpMethods (GET, PUT, HEAD, POST, DELETE)")
			}
		}
	}
	return nil
}

func maxAge(v config.Value) string {
	n, _ := strconv.ParseInt(strings.TrimSpace(v.Text), 10, 32)
	return strconv.FormatInt(n, 10)
}

func lit(s string) string { return string(jsonw.String(nil, s)) }

// list writes values as an inline list, "[a, b]", each as item writes it.
func list(vals []config.Value, item func(string) string) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = item(v.Text)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// cloudFormationYAML writes cfg as a template with one bucket.
func cloudFormationYAML(cfg *config.Config) ([]byte, error) {
	if err := iacCheck(cfg, false); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n        CorsRules:\n")
	if len(cfg.Rules) == 0 {
		b.WriteString("          []\n")
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		lead := "          - "
		for _, n := range cfnNames {
			vals := r.Get(n.field)
			if len(vals) == 0 {
				continue
			}
			b.WriteString(lead + n.cfn + ":")
			lead = "            "
			switch {
			case n.field == config.FieldMaxAgeSeconds:
				b.WriteString(" " + maxAge(vals[0]) + "\n")
			case n.list == "":
				b.WriteString(" " + yamlw.Scalar(vals[0].Text) + "\n")
			default:
				b.WriteString("\n")
				for _, v := range vals {
					b.WriteString("              - " + yamlw.Scalar(v.Text) + "\n")
				}
			}
		}
		if lead != "            " {
			b.WriteString(lead + "{}\n")
		}
	}
	return []byte(b.String()), nil
}

// cloudFormationJSON writes cfg as a JSON template with one bucket,
// indented by two spaces as the CloudFormation documentation's examples.
func cloudFormationJSON(cfg *config.Config) ([]byte, error) {
	if err := iacCheck(cfg, false); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("{\n  \"Resources\": {\n    \"Bucket\": {\n      \"Type\": \"AWS::S3::Bucket\",\n      \"Properties\": {\n        \"CorsConfiguration\": {\n          \"CorsRules\": [")
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n            {")
		k := 0
		for _, n := range cfnNames {
			vals := r.Get(n.field)
			if len(vals) == 0 {
				continue
			}
			if k > 0 {
				b.WriteString(",")
			}
			k++
			b.WriteString("\n              " + lit(n.cfn) + ": ")
			switch {
			case n.field == config.FieldMaxAgeSeconds:
				b.WriteString(maxAge(vals[0]))
			case n.list == "":
				b.WriteString(lit(vals[0].Text))
			default:
				b.WriteString(list(vals, lit))
			}
		}
		if k > 0 {
			b.WriteString("\n            ")
		}
		b.WriteString("}")
	}
	if len(cfg.Rules) > 0 {
		b.WriteString("\n          ")
	}
	b.WriteString("]\n        }\n      }\n    }\n  }\n}\n")
	return []byte(b.String()), nil
}

// cdk writes cfg as an s3.Bucket in TypeScript or Python.
func cdk(cfg *config.Config, python bool) ([]byte, error) {
	if err := iacCheck(cfg, true); err != nil {
		return nil, err
	}
	var b strings.Builder
	if python {
		b.WriteString("from aws_cdk import aws_s3 as s3\n\n# In a Stack's __init__:\ns3.Bucket(self, \"Bucket\",\n    cors=[\n")
	} else {
		b.WriteString("import * as s3 from 'aws-cdk-lib/aws-s3';\n\n// In a Stack's constructor:\nnew s3.Bucket(this, 'Bucket', {\n  cors: [\n")
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		if python {
			b.WriteString("        s3.CorsRule(\n")
		} else {
			b.WriteString("    {\n")
		}
		for _, f := range cdkOrder {
			vals := r.Get(f)
			if len(vals) == 0 {
				continue
			}
			var n string
			for _, c := range cfnNames {
				if c.field == f {
					n = c.ts
					if python {
						n = c.py
					}
				}
			}
			if python {
				b.WriteString("            " + n + "=")
			} else {
				b.WriteString("      " + n + ": ")
			}
			switch f {
			case config.FieldMaxAgeSeconds:
				b.WriteString(maxAge(vals[0]))
			case config.FieldID:
				b.WriteString(lit(vals[0].Text))
			case config.FieldAllowedMethod:
				b.WriteString(list(vals, func(m string) string { return "s3.HttpMethods." + m }))
			default:
				b.WriteString(list(vals, lit))
			}
			b.WriteString(",\n")
		}
		if python {
			b.WriteString("        ),\n")
		} else {
			b.WriteString("    },\n")
		}
	}
	if python {
		b.WriteString("    ],\n)\n")
	} else {
		b.WriteString("  ],\n});\n")
	}
	return []byte(b.String()), nil
}
