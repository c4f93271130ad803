package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSynthCommand runs corsplay synth as a person would and compares its
// whole output with a golden file (-update rewrites them).
func TestSynthCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{name: "synthesize as XML", args: []string{"synth", "testdata/synth-tests.json"}, golden: "synth-xml.golden"},
		{name: "synthesize as the aws-cli command, flag after the file", args: []string{"synth", "testdata/synth-tests.json", "--to", "aws-cli"}, golden: "synth-aws-cli.golden"},
		{name: "an exercise file", args: []string{"synth", "--to", "cli-json", "../../internal/exercises/data/delete-admin-only.json"}, golden: "synth-exercise.golden"},
		{name: "conflict", args: []string{"synth", "testdata/synth-conflict.json"}, code: 1, golden: "synth-conflict.golden"},
		{name: "make them pass: diff", args: []string{"synth", "testdata/synth-tests.json", "--edit", "testdata/synth-star.xml"}, golden: "synth-edit.golden"},
		{name: "make them pass: text", args: []string{"synth", "--edit", "testdata/synth-star.xml", "--text", "testdata/synth-tests.json"}, golden: "synth-edit-text.golden"},
		{name: "unknown form", args: []string{"synth", "--to", "yaml", "testdata/synth-tests.json"}, code: 2, golden: "synth-bad-form.golden"},
		{name: "not a test file", args: []string{"synth", "testdata/synth-star.xml"}, code: 2, golden: "synth-not-tests.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, strings.NewReader(""), &out, &errOut)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errOut.String())
			}
			got := out.String()
			if errOut.Len() > 0 {
				got += "--- stderr\n" + errOut.String()
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n%s", path, got)
			}
		})
	}
}
