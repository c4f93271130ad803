package terraform

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/iac"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// dump writes what Read found, for golden files: each source with its
// rules in the order S3 receives them (with the written index), values
// with their places, unknowns and problems.
func dump(f *iac.File) string {
	var b strings.Builder
	sp := func(s config.Span) string {
		return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Column, s.End.Line, s.End.Column)
	}
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "problem %s %s: %s\n", p.Tool, sp(p.Span), p.Msg)
	}
	for _, s := range f.Sources {
		fmt.Fprintf(&b, "source %s %s\n", s.Address, sp(s.Span))
		if s.Config != nil {
			for i, r := range s.Config.Rules {
				fmt.Fprintf(&b, "  rule %d (written %d) %s\n", i+1, s.Written[i]+1, sp(r.Span))
				for _, v := range r.Values {
					fmt.Fprintf(&b, "    %s %q %s %s\n", v.Field, v.Text, v.Kind, sp(v.Span))
				}
			}
		}
		for _, u := range s.Unknowns {
			fmt.Fprintf(&b, "  unknown %s %s rule %d %s\n", u.Ref, sp(u.Span), u.Rule+1, u.Field)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(&b, "  problem %s %s: %s\n", p.Tool, sp(p.Span), p.Msg)
		}
	}
	return b.String()
}

// inputs reads NAME.inputs beside a corpus file: NAME=VALUE lines.
func inputs(t *testing.T, path string) iac.Inputs {
	in := iac.Inputs{}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return in
	}
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			in[k] = v
		}
	}
	return in
}

// TestCorpus reads every file in testdata/corpus and compares the result
// with its .golden file (go test -update rewrites them).
func TestCorpus(t *testing.T) {
	// Each file is read as it is, and once more for each NAME@CASE.inputs
	// beside it (values supplied), into NAME@CASE.golden.
	files, _ := filepath.Glob("testdata/corpus/*")
	type run struct{ path, base, inputs string }
	var runs []run
	for _, path := range files {
		if strings.HasSuffix(path, ".golden") || strings.HasSuffix(path, ".inputs") {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(path, filepath.Ext(path)), ".tf")
		runs = append(runs, run{path, base, ""})
		cases, _ := filepath.Glob(base + "@*.inputs")
		for _, c := range cases {
			runs = append(runs, run{path, strings.TrimSuffix(c, ".inputs"), c})
		}
	}
	n := 0
	for _, rn := range runs {
		path, base := rn.path, rn.base
		n++
		t.Run(filepath.Base(base), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			in := iac.Inputs{}
			if rn.inputs != "" {
				in = inputs(t, rn.inputs)
			}
			got := dump(Read(filepath.Base(path), src, in))
			golden := base + ".golden"
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
				t.Errorf("differs from %s:\n%s", golden, got)
			}
		})
	}
	if n < 15 {
		t.Errorf("%d corpus files, want at least 15", n)
	}
}
