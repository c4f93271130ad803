package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
)

// checkFile holds Read's invariants: every span lies inside the text and
// starts before it ends, Written is a permutation of the rules, rule
// indexes count up, and no source has more rules than the provider allows
// beyond the one reported.
func checkFile(t *testing.T, src []byte, f *iac.File) {
	t.Helper()
	// Inputs: sorted, once each, and naming every variable left unknown
	// (the page gives each a row).
	for i := 1; i < len(f.Inputs); i++ {
		if f.Inputs[i-1] >= f.Inputs[i] {
			t.Fatalf("Inputs not sorted or repeated: %q", f.Inputs)
		}
	}
	for _, s := range f.Sources {
		for _, u := range s.Unknowns {
			if name, ok := strings.CutPrefix(u.Ref, "var."); ok && !slices.Contains(f.Inputs, name) {
				t.Fatalf("unknown %s is not among the Inputs %q", u.Ref, f.Inputs)
			}
		}
	}
	in := func(what string, s config.Span) {
		if s.Start.Offset < 0 || s.End.Offset > len(src) || s.Start.Offset > s.End.Offset || s.Start.Line < 1 || s.Start.Column < 1 {
			t.Fatalf("%s span %+v outside the %d-byte text", what, s, len(src))
		}
	}
	for _, p := range f.Problems {
		in("problem", p.Span)
	}
	for _, s := range f.Sources {
		in("source", s.Span)
		for _, p := range s.Problems {
			in("problem", p.Span)
		}
		for _, u := range s.Unknowns {
			in("unknown", u.Span)
		}
		if s.Config == nil {
			t.Fatalf("%s: no Config", s.Address)
		}
		seen := map[int]bool{}
		for i, r := range s.Config.Rules {
			if r.Index != i {
				t.Fatalf("rule %d has Index %d", i, r.Index)
			}
			in("rule", r.Span)
			for _, v := range r.Values {
				in("value", v.Span)
				if v.Field == config.FieldMaxAgeSeconds {
					if _, err := config.ParseMaxAge(v.Text); err != nil {
						t.Fatalf("MaxAgeSeconds %q", v.Text)
					}
				}
			}
			w := s.Written[i]
			if seen[w] {
				t.Fatalf("written index %d twice", w)
			}
			seen[w] = true
		}
		if len(s.Written) != len(s.Config.Rules) {
			t.Fatalf("%d written indexes for %d rules", len(s.Written), len(s.Config.Rules))
		}
	}
}

func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*")
	for _, p := range files {
		if strings.HasSuffix(p, ".golden") || strings.HasSuffix(p, ".inputs") {
			continue
		}
		src, _ := os.ReadFile(p)
		f.Add(filepath.Base(p), src, "")
	}
	f.Fuzz(func(t *testing.T, name string, src []byte, input string) {
		in := iac.Inputs{}
		if k, v, ok := strings.Cut(input, "="); ok {
			in[k] = v
		}
		start := time.Now()
		file := Read(name, src, in)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Read took %v on %d bytes", d, len(src))
		}
		if !utf8.Valid(src) {
			return // HCL reports invalid UTF-8; spans may split a sequence
		}
		checkFile(t, src, file)
		if Detect(name, src) != JSON {
			return
		}
		// In the JSON syntax a rule is its object, from its key or its own
		// brace: never an array's bracket, which all its elements share.
		for _, s := range file.Sources {
			for i, r := range s.Config.Rules {
				if o := r.Span.Start.Offset; o < len(src) && src[o] == '[' {
					t.Fatalf("%s rule %d starts at a bracket (%d:%d)", s.Address, i+1, r.Span.Start.Line, r.Span.Start.Column)
				}
			}
		}
	})
}

// TestBadInput: hostile files end in a clear problem, quickly.
func TestBadInput(t *testing.T) {
	rule := "  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = [\"*\"]\n  }\n"
	doubling := "locals {\n  l0 = [\"https://x.example.com\"]\n"
	for i := 1; i <= 40; i++ {
		doubling += "  l" + strconv.Itoa(i) + " = concat(local.l" + strconv.Itoa(i-1) + ", local.l" + strconv.Itoa(i-1) + ")\n"
	}
	doubling += "}\nresource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = local.l40\n  }\n}\n"
	tests := []struct {
		name, src, want string
	}{
		{name: "ten megabytes", src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n" + strings.Repeat("# padding\n", 1<<20) + "}\n", want: "corsplay reads Terraform files of at most"},
		{name: "deep nesting", src: "locals {\n  x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n", want: "nested more than 128 deep"},
		{name: "unclosed block", src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n" + rule, want: "Unclosed configuration block"},
		{name: "doubling locals", src: doubling, want: "too large to read"},
		{name: "nested for", src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : \"x\"]]]\n  }\n}\n", want: "nested 3 deep"},
		{name: "wide format", src: "resource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = [format(\"%0999999999d\", 1)]\n  }\n}\n", want: "more than four digits"},
		{name: "cycle", src: "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_s3_bucket_cors_configuration\" \"x\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_methods = [\"GET\"]\n    allowed_origins = [local.a]\n  }\n}\n", want: "Cycle: local."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			f := Read("main.tf", []byte(tc.src), nil)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
			out := dump(f)
			if !strings.Contains(out, tc.want) {
				t.Errorf("no %q in:\n%.2000s", tc.want, out)
			}
			checkFile(t, []byte(tc.src), f)
		})
	}
}

// FuzzFixEdits applies package fix's primitives to Terraform files at
// fuzzed places: an edit either is refused or gives a file that still
// reads, without new Terraform problems.
func FuzzFixEdits(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.tf")
	for _, p := range files {
		src, _ := os.ReadFile(p)
		f.Add(src, uint8(0), uint8(0), uint8(0), "https://x.example.com")
	}
	f.Fuzz(func(t *testing.T, src []byte, op, ri, vi uint8, s string) {
		file := Read("main.tf", src, nil)
		if len(file.Problems) > 0 || len(file.Sources) == 0 {
			return
		}
		for _, so := range file.Sources {
			if len(so.Problems) > 0 || len(so.Config.Rules) == 0 {
				return
			}
		}
		so := file.Sources[0]
		r := int(ri) % len(so.Config.Rules)
		var fx *fix.Fix
		var err error
		switch op % 4 {
		case 0:
			if n := len(so.Config.Rules[r].Values); n > 0 {
				fx, err = fix.Replace(src, so.Config, r, int(vi)%n, s)
			}
		case 1:
			if n := len(so.Config.Rules[r].Values); n > 0 {
				fx, err = fix.Remove(src, so.Config, r, int(vi)%n)
			}
		case 2:
			fields := []config.Field{config.FieldAllowedOrigin, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldMaxAgeSeconds}
			v := s
			if fields[int(vi)%4] == config.FieldMaxAgeSeconds {
				v = "60"
			}
			fx, err = fix.Add(src, so.Config, r, fields[int(vi)%4], v)
		case 3:
			fx, err = fix.AddRule(src, so.Config, -1, fix.RuleSpec{AllowedOrigins: []string{s}, AllowedMethods: []string{"GET"}})
		}
		if err != nil || fx == nil {
			return
		}
		back := Read("main.tf", []byte(fx.Config), nil)
		if len(back.Problems) > 0 {
			t.Fatalf("op %d rule %d: the edited file does not parse: %s\n%s", op%4, r, dump(back), fx.Config)
		}
		for _, bs := range back.Sources {
			for _, p := range bs.Problems {
				if strings.Contains(p.Msg, "Duplicate argument") || strings.Contains(p.Msg, "Unsupported argument") {
					t.Fatalf("op %d rule %d: the edit wrote a bad argument: %s\n%s", op%4, r, p.Msg, fx.Config)
				}
			}
		}
	})
}
