package s3

import (
	"testing"

	"corsplay/internal/config"
)

// TestExplainOriginReasons pins the sentences for an origin that no pattern
// of a rule allows, which are built piece by piece (see explainOrigin):
// one pattern, a few, more than listMost, and text that needs escaping.
func TestExplainOriginReasons(t *testing.T) {
	tests := []struct {
		name    string
		origins []string
		origin  string
		pattern string
		reason  string
	}{
		{
			name:    "one pattern",
			origins: []string{"https://a.example"},
			origin:  "https://b.example",
			pattern: "https://a.example",
			reason:  `"https://b.example" is not allowed: it is not equal to "https://a.example".`,
		},
		{
			name:    "a few patterns",
			origins: []string{"https://a.example", "https://*.b.example"},
			origin:  "https://c.example",
			pattern: "https://a.example",
			reason:  `"https://c.example" is not allowed: it matches none of "https://a.example", "https://*.b.example".`,
		},
		{
			name:    "more than four patterns",
			origins: []string{"https://1.example", "https://2.example", "https://3.example", "https://4.example", "https://5.example", "https://6.example"},
			origin:  "https://c.example",
			pattern: "https://1.example",
			reason:  `"https://c.example" is not allowed: it matches none of "https://1.example", "https://2.example", "https://3.example", "https://4.example" and 2 more.`,
		},
		{
			name:    "exactly four patterns",
			origins: []string{"https://1.example", "https://2.example", "https://3.example", "https://4.example"},
			origin:  "https://c.example",
			pattern: "https://1.example",
			reason:  `"https://c.example" is not allowed: it matches none of "https://1.example", "https://2.example", "https://3.example", "https://4.example".`,
		},
		{
			name:    "text that needs escaping",
			origins: []string{"https://a\".example", "https://é.example"},
			origin:  "https://\tb.example",
			pattern: "https://a\".example",
			reason:  `"https://\tb.example" is not allowed: it matches none of "https://a\".example", "https://é.example".`,
		},
		{
			name:    "a near miss gets its hint",
			origins: []string{"https://a.example/"},
			origin:  "https://a.example",
			pattern: "https://a.example/",
			reason:  `"https://a.example" is not allowed: ` + originHint("https://a.example/", "https://a.example") + `.`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := config.Rule{}
			for _, o := range tt.origins {
				cr.Values = append(cr.Values, config.Value{Field: config.FieldAllowedOrigin, Text: o})
			}
			r := compileRule(&cr)
			c := explainOrigin(&r, tt.origin)
			if c.OK || c.Pattern != tt.pattern || c.Reason != tt.reason {
				t.Errorf("explainOrigin(%q) = ok %v, pattern %q,\nreason %s\nwant pattern %q,\nreason %s", tt.origin, c.OK, c.Pattern, c.Reason, tt.pattern, tt.reason)
			}
		})
	}
}

// TestCompileRuleLists checks that the lists compileRule cuts from one
// allocation hold their own values, and that appending to one (none does
// now) cannot write into the next.
func TestCompileRuleLists(t *testing.T) {
	cr := config.Rule{Values: []config.Value{
		{Field: config.FieldAllowedHeader, Text: "x-a"},
		{Field: config.FieldAllowedOrigin, Text: "https://a.example"},
		{Field: config.FieldExposeHeader, Text: "ETag"},
		{Field: config.FieldAllowedMethod, Text: "GET"},
		{Field: config.FieldAllowedOrigin, Text: "*"},
		{Field: config.FieldAllowedMethod, Text: "PUT"},
		{Field: config.FieldExposeHeader, Text: "x-amz-id"},
	}}
	r := compileRule(&cr)
	if got := join(r.origins); got != "https://a.example|*" {
		t.Errorf("origins %s", got)
	}
	if got := join(r.methods); got != "GET|PUT" {
		t.Errorf("methods %s", got)
	}
	if got := join(r.headers); got != "x-a" {
		t.Errorf("headers %s", got)
	}
	if len(r.op) != 2 || len(r.hp) != 1 || !r.anyOrigin {
		t.Errorf("patterns %d %d, anyOrigin %v", len(r.op), len(r.hp), r.anyOrigin)
	}
	if r.allowMethods != "GET, PUT" || r.expose != "ETag, x-amz-id" {
		t.Errorf("allowMethods %q expose %q", r.allowMethods, r.expose)
	}
	// An empty ExposeHeader keeps its place in the joined value, as
	// strings.Join writes it.
	e := compileRule(&config.Rule{Values: []config.Value{
		{Field: config.FieldExposeHeader, Text: ""},
		{Field: config.FieldExposeHeader, Text: "ETag"},
	}})
	if e.expose != ", ETag" {
		t.Errorf("expose of an empty and an ETag value %q, want %q", e.expose, ", ETag")
	}
	_ = append(r.origins, "overwrite?")
	if r.methods[0] != "GET" {
		t.Errorf("appending to origins wrote into methods: %q", r.methods[0])
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "|"
		}
		out += s
	}
	return out
}
