package convert

import (
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/tfset"
)

// The Terraform exports write a configuration as an
// aws_s3_bucket_cors_configuration resource (AWS provider v4 and later) or
// as the cors_rule input of the terraform-aws-modules/s3-bucket module,
// laid out as terraform fmt lays them out. Both reach S3 through the
// provider's cors_rule set, which sends rules in its own order (package
// tfset): when that order differs from the configuration's, a comment says
// so, since S3 answers with the first rule that matches. An absent
// MaxAgeSeconds cannot be written (the provider sends 0 for an unset
// max_age_seconds), so a comment says that too.

// tfNames are the provider's argument names, in the order of its
// documentation's example.
var tfNames = []struct {
	field config.Field
	name  string
}{
	{config.FieldID, "id"},
	{config.FieldAllowedHeader, "allowed_headers"},
	{config.FieldAllowedMethod, "allowed_methods"},
	{config.FieldAllowedOrigin, "allowed_origins"},
	{config.FieldExposeHeader, "expose_headers"},
	{config.FieldMaxAgeSeconds, "max_age_seconds"},
}

// hclString is s as an HCL quoted string: JSON's escapes, and the
// template sequences ${ and %{ doubled so that they stay text.
func hclString(s string) string {
	q := lit(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// terraform writes the resource (module false) or the module call.
func terraform(cfg *config.Config, module bool) ([]byte, error) {
	if err := iacCheck(cfg, false); err != nil {
		return nil, err
	}
	var b strings.Builder
	indent := "    "
	if module {
		b.WriteString("module \"s3_bucket\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n\n  bucket = \"" + exampleBucket + "\"\n\n")
		indent = "      "
	} else {
		b.WriteString("resource \"aws_s3_bucket_cors_configuration\" \"this\" {\n  bucket = \"" + exampleBucket + "\"\n")
	}
	if note := orderNote(cfg); note != nil {
		if !module {
			b.WriteString("\n")
		}
		for _, line := range note {
			b.WriteString("  # " + line + "\n")
		}
	}
	if module {
		b.WriteString("  cors_rule = [\n")
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		if module {
			b.WriteString("    {\n")
		} else {
			b.WriteString("\n  cors_rule {\n")
		}
		width := 0
		for _, n := range tfNames {
			if r.Count(n.field) > 0 {
				width = max(width, len(n.name))
			}
		}
		for _, n := range tfNames {
			vs := r.Get(n.field)
			if len(vs) == 0 {
				continue
			}
			b.WriteString(indent + n.name + strings.Repeat(" ", width-len(n.name)) + " = ")
			switch n.field {
			case config.FieldID:
				b.WriteString(hclString(vs[0].Text))
			case config.FieldMaxAgeSeconds:
				b.WriteString(maxAge(vs[0]))
			default:
				b.WriteString("[")
				for k, v := range vs {
					if k > 0 {
						b.WriteString(", ")
					}
					b.WriteString(hclString(v.Text))
				}
				b.WriteString("]")
			}
			b.WriteString("\n")
		}
		if r.Count(config.FieldMaxAgeSeconds) == 0 {
			b.WriteString(indent + "# No MaxAgeSeconds here: the provider sends 0 for an unset\n" + indent + "# max_age_seconds, so browsers cache no preflight. Set one to cache them.\n")
		}
		if module {
			b.WriteString("    },\n")
		} else {
			b.WriteString("  }\n")
		}
	}
	if module {
		b.WriteString("  ]\n")
	}
	b.WriteString("}\n")
	return []byte(b.String()), nil
}

// orderNote says in which order the provider sends the rules when it is
// not the configuration's, or nothing.
func orderNote(cfg *config.Config) []string {
	rules := make([]tfset.Rule, len(cfg.Rules))
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		sorted := func(f config.Field) []string {
			texts := r.Texts(f)
			out := make([]string, 0, len(texts))
			for _, k := range tfset.Strings(texts) {
				out = append(out, texts[k])
			}
			return out
		}
		rules[i] = tfset.Rule{Headers: sorted(config.FieldAllowedHeader), Methods: sorted(config.FieldAllowedMethod),
			Origins: sorted(config.FieldAllowedOrigin), Expose: sorted(config.FieldExposeHeader), ID: r.ID()}
		if vs := r.Get(config.FieldMaxAgeSeconds); len(vs) > 0 {
			rules[i].MaxAge, _ = strconv.ParseInt(maxAge(vs[0]), 10, 64)
		}
	}
	order := tfset.Rules(rules)
	same := len(order) == len(rules)
	for k, i := range order {
		same = same && k == i
	}
	if same {
		return nil
	}
	names := make([]string, len(order))
	for k, i := range order {
		names[k] = strconv.Itoa(i + 1)
	}
	note := []string{"The provider sends cors_rule as a set: S3 receives these rules in the",
		"order " + strings.Join(names, ", ") + " (by a hash of their values), not as written here,",
		"and answers with the first that matches."}
	if len(order) < len(rules) {
		note = append(note, "Rules with the same values are sent once.")
	}
	return note
}
