package cloudformation

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/iac"
	"corsplay/internal/lint"
	"corsplay/internal/validation"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from what Read finds")

// TestGolden reads every template in testdata/templates (with the inputs
// in a beside-it .inputs file, one Name=Value a line) and compares what
// was found, what S3 and the linter say about it, and where, with
// testdata/golden.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/templates/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".inputs") {
			continue
		}
		n++
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			in := readInputs(t, path+".inputs")
			got := describe(src, Read(src, in))
			golden := filepath.Join("testdata/golden", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, golden, got)
			}
		})
	}
	if n < 15 {
		t.Errorf("%d templates in the corpus; want at least 15", n)
	}
}

func readInputs(t *testing.T, path string) iac.Inputs {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	in := iac.Inputs{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not Name=Value", path, line)
		}
		in[k] = v
	}
	return in
}

// describe writes a File as the golden files hold it: each position as
// line:col, each value with the text its span covers.
func describe(src []byte, f *iac.File) string {
	var b strings.Builder
	for _, p := range f.Problems {
		b.WriteString("file problem " + p.Tool + " " + at(p.Span.Start) + ": " + p.Msg + "\n")
	}
	for _, s := range f.Sources {
		b.WriteString("source " + s.Address + " " + spanText(s.Span) + "\n")
		for _, n := range s.Notes {
			b.WriteString("  note: " + n + "\n")
		}
		for i, r := range s.Config.Rules {
			b.WriteString("  rule " + strconv.Itoa(i) + " (written " + strconv.Itoa(s.Written[i]) + ") " + spanText(r.Span) + "\n")
			for _, v := range r.Values {
				b.WriteString("    " + string(v.Field) + " " + strconv.Quote(v.Text) + " " + v.Kind + " " + spanText(v.Span) + " " + strconv.Quote(cut(src, v.Span)) + "\n")
			}
		}
		for _, u := range s.Unknowns {
			b.WriteString("  unknown " + u.Ref + " " + spanText(u.Span) + " rule " + strconv.Itoa(u.Rule) + " field " + string(u.Field) + "\n")
		}
		for _, p := range s.Problems {
			b.WriteString("  problem " + p.Tool + " " + at(p.Span.Start) + ": " + p.Msg + "\n")
		}
		if len(s.Problems) == 0 && len(s.Config.Rules) > 0 {
			res := validation.Check(s.Config, nil, src)
			switch {
			case res.Accepted:
				b.WriteString("  s3: accepted\n")
			case res.S3Error != nil:
				b.WriteString("  s3: " + res.S3Error.Code + "\n")
			}
			for _, p := range res.Problems {
				b.WriteString("  s3 problem " + at(p.Span.Start) + " " + p.Code + " " + p.Field + " " + strconv.Quote(p.Value) + "\n")
			}
			for _, w := range lint.Check(src, s.Config) {
				b.WriteString("  lint " + at(w.Span.Start) + " " + w.Code + " " + w.Field + " " + strconv.Quote(w.Value) + "\n")
				if w.Fix == nil {
					continue
				}
				// The fix as the lines it changes in the template, and
				// what the edited template reads as.
				b.WriteString("    fix: " + w.Fix.Summary + "\n")
				for _, l := range w.Fix.Diff {
					if l.Op != " " && l.Op != "=" && l.Op != "" {
						b.WriteString("      " + l.Op + " " + strings.TrimRight(l.Text, "\r\n") + "\n")
					}
				}
				after := Read([]byte(w.Fix.Config), nil)
				if len(after.Problems) > 0 {
					b.WriteString("      edited template unreadable: " + after.Problems[0].Msg + "\n")
				}
			}
		}
	}
	return b.String()
}

func at(p config.Pos) string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) }

func spanText(s config.Span) string { return at(s.Start) + "-" + at(s.End) }

func cut(src []byte, s config.Span) string {
	if s.Start.Offset < 0 || s.End.Offset > len(src) || s.Start.Offset > s.End.Offset {
		return "<bad span>"
	}
	return string(src[s.Start.Offset:s.End.Offset])
}
