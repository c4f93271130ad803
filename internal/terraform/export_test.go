package terraform

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/convert"
)

// TestExportRoundTrip: the Terraform exports of a configuration read back
// as the same rules, in the order the provider sends them (the export's
// note names it), with every value.
func TestExportRoundTrip(t *testing.T) {
	mixed, err := os.ReadFile("../convert/testdata/mixed.xml")
	if err != nil {
		t.Fatal(err)
	}
	templates := []byte(`[{"AllowedOrigins": ["https://${app}.example.com", "%{if}"], "AllowedMethods": ["GET"], "ID": "back\\slash"}]`)
	for _, tc := range []struct {
		name, to string
		src      []byte
	}{
		{"mixed", "terraform", mixed}, {"mixed", "terraform-module", mixed},
		{"template sequences", "terraform", templates}, {"template sequences", "terraform-module", templates},
	} {
		src, to := tc.src, tc.to
		want, err := config.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(tc.name+" "+to, func(t *testing.T) {
			out, err := convert.To(src, to)
			if err != nil {
				t.Fatal(err)
			}
			f := Read("main.tf", out, nil)
			if len(f.Problems) > 0 || len(f.Sources) != 1 {
				t.Fatalf("read back: %s", dump(f))
			}
			s := f.Sources[0]
			order := make([]string, len(s.Written))
			same := true
			for i, w := range s.Written {
				order[i] = strconv.Itoa(w + 1)
				same = same && w == i
			}
			if note := "order " + strings.Join(order, ", ") + " (by a hash"; !same && !strings.Contains(string(out), note) {
				t.Errorf("the export does not say %q:\n%s", note, out)
			}
			if len(s.Problems) > 0 || len(s.Unknowns) > 0 || len(s.Config.Rules) != len(want.Rules) {
				t.Fatalf("read back: %s", dump(f))
			}
			for i, r := range s.Config.Rules {
				w := &want.Rules[s.Written[i]]
				for _, field := range []config.Field{config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldID} {
					got, exp := r.Texts(field), w.Texts(field)
					slices.Sort(got)
					slices.Sort(exp)
					if !slices.Equal(got, exp) {
						t.Errorf("rule %d %s: %q, want %q", i+1, field, got, exp)
					}
				}
				if w.Count(config.FieldMaxAgeSeconds) == 0 {
					continue
				}
				if a, _ := r.MaxAge(); true {
					b, _ := w.MaxAge()
					if a != b {
						t.Errorf("rule %d MaxAgeSeconds %d, want %d", i+1, a, b)
					}
				}
			}
		})
	}
}
