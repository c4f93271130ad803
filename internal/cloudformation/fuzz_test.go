package cloudformation

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/iac"
)

// FuzzRead checks that Read never panics and that every place it reports
// lies in the text, with line and column agreeing with the offset.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/templates/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && filepath.Ext(p) != ".inputs" {
			f.Add(b)
		}
	}
	f.Add([]byte("Resources:\n  B: {Type: AWS::S3::Bucket, Properties: {CorsConfiguration: !If [C, {CorsRules: [{AllowedOrigins: !Split [',', !Sub '${X}'], AllowedMethods: [GET]}]}, !Ref AWS::NoValue]}}\nConditions:\n  C: !Equals [!Ref X, '']\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Read(src, iac.Inputs{"X": "a,b"})
		tab := newPosTable(src)
		check := func(what string, sp config.Span) {
			if sp.Start.Offset < 0 || sp.End.Offset > len(src) || sp.Start.Offset > sp.End.Offset {
				t.Fatalf("%s: span %+v outside the text (%d bytes)", what, sp, len(src))
			}
			for _, p := range []config.Pos{sp.Start, sp.End} {
				if p.Line == 0 && p.Offset == 0 {
					continue // a place not known
				}
				if q := tab.pos(p.Offset); q != p {
					t.Fatalf("%s: position %+v, but offset %d is %+v", what, p, p.Offset, q)
				}
			}
		}
		for _, p := range file.Problems {
			check("file problem", p.Span)
		}
		// Inputs: sorted, once each, and naming every parameter left
		// unknown (the page gives each a row).
		for i := 1; i < len(file.Inputs); i++ {
			if file.Inputs[i-1] >= file.Inputs[i] {
				t.Fatalf("Inputs not sorted or repeated: %q", file.Inputs)
			}
		}
		for _, s := range file.Sources {
			for _, u := range s.Unknowns {
				// A name the template does not declare is its error (at
				// the reference), which no value given fixes.
				undeclared := false
				for _, p := range append(s.Problems, file.Problems...) {
					undeclared = undeclared || p.Span == u.Span || strings.Contains(p.Msg, u.Ref)
				}
				if n := InputName(u.Ref); !undeclared && !slices.Contains(file.Inputs, n) {
					t.Fatalf("unknown %s (input %s) is not among the Inputs %q", u.Ref, n, file.Inputs)
				}
			}
		}
		for _, s := range file.Sources {
			check("source", s.Span)
			if len(s.Written) != len(s.Config.Rules) {
				t.Fatalf("%d rules, %d written indexes", len(s.Config.Rules), len(s.Written))
			}
			for _, r := range s.Config.Rules {
				check("rule", r.Span)
				for _, v := range r.Values {
					check("value", v.Span)
					if v.Span.End.Offset <= v.Span.Start.Offset {
						t.Fatalf("value %q has an empty span %+v", v.Text, v.Span)
					}
				}
			}
			for _, u := range s.Unknowns {
				check("unknown", u.Span)
			}
			for _, p := range s.Problems {
				check("problem", p.Span)
			}
		}
	})
}
