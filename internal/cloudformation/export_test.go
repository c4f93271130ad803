package cloudformation

import (
	"os"
	"slices"
	"strconv"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/convert"
)

// TestExportRoundTrip writes configurations as CloudFormation templates
// (package convert) and reads them back: the same rules in the same order,
// each field's values in order, MaxAge as the integer it was.
func TestExportRoundTrip(t *testing.T) {
	mixed, err := os.ReadFile("../convert/testdata/mixed.xml")
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{
		"mixed":     string(mixed),
		"one rule":  `[{"AllowedOrigins": ["https://a.example.com"], "AllowedMethods": ["GET"]}]`,
		"yaml-ish":  `[{"AllowedOrigins": ["null", "yes", "0x10", "1e3", "-", "a: b", "# c", "&x", "[", "'q'"], "AllowedMethods": ["GET"], "AllowedHeaders": ["~", "@"]}]`,
		"unicode":   `[{"AllowedOrigins": ["https://\u00e9.example.com", "\u2028"], "AllowedMethods": ["GET"], "ID": "\t"}]`,
		"many keys": `[{"ID": "x", "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"], "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag", "x-amz-request-id"], "MaxAgeSeconds": 0}]`,
	}
	for name, src := range srcs {
		want, err := config.Parse([]byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, to := range []string{"cloudformation-yaml", "cloudformation-json"} {
			t.Run(name+"/"+to, func(t *testing.T) {
				out, err := convert.To([]byte(src), to)
				if err != nil {
					t.Fatal(err)
				}
				f := Read(out, nil)
				if len(f.Problems) > 0 || len(f.Sources) != 1 {
					t.Fatalf("problems %v, %d sources:\n%s", f.Problems, len(f.Sources), out)
				}
				s := f.Sources[0]
				if len(s.Problems) > 0 || len(s.Unknowns) > 0 {
					t.Fatalf("problems %v, unknowns %v:\n%s", s.Problems, s.Unknowns, out)
				}
				got := s.Config
				if len(got.Rules) != len(want.Rules) {
					t.Fatalf("%d rules, want %d:\n%s", len(got.Rules), len(want.Rules), out)
				}
				for i := range want.Rules {
					for _, fd := range []config.Field{config.FieldID, config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader} {
						if g, w := got.Rules[i].Texts(fd), want.Rules[i].Texts(fd); !slices.Equal(g, w) {
							t.Errorf("rule %d %s: %q, want %q", i, fd, g, w)
						}
					}
					g, gok := got.Rules[i].MaxAge()
					w, wok := want.Rules[i].MaxAge()
					if g != w || gok != wok {
						t.Errorf("rule %d MaxAge %s, want %s", i, strconv.Itoa(g), strconv.Itoa(w))
					}
				}
			})
		}
	}
}
