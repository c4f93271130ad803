package main

import (
	"path/filepath"
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
			runGolden(t, tt.args, "", tt.code, filepath.Join("testdata", tt.golden), "")
		})
	}
}
