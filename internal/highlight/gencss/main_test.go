package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"corsplay/internal/highlight"
)

// The page's readers' module highlights HCL too: its classes need colours.
func init() { highlight.EnableHCL() }

// TestGenerateCoversEveryClass checks that the stylesheet has a light and a
// dark section and that each colours every class the highlighter emits on
// the highlight package's sample inputs (a lexer that starts using a token
// type the style does not colour shows up here).
func TestGenerateCoversEveryClass(t *testing.T) {
	css, err := generate("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, ok := strings.Cut(string(css), "@media (prefers-color-scheme: dark) {")
	if !ok {
		t.Fatal("no prefers-color-scheme: dark section")
	}
	if !strings.HasSuffix(strings.TrimSpace(dark), "}") {
		t.Error("dark section is not closed")
	}
	inputs, err := filepath.Glob("../testdata/*.*")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no sample inputs: %v", err)
	}
	classes := map[string]bool{}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range highlight.Languages {
			h, err := highlight.HTML(string(src), lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range strings.Split(h, `class="`)[1:] {
				cls, _, _ := strings.Cut(part, `"`)
				classes[cls] = true
			}
		}
	}
	if len(classes) < 10 {
		t.Fatalf("only %d classes found in samples: %v", len(classes), classes)
	}
	for cls := range classes {
		sel := ".chroma ." + cls + " {"
		if cls == "chroma" {
			sel = ".chroma {"
		}
		if uncoloured[cls] {
			continue
		}
		if !strings.Contains(light, sel) {
			t.Errorf("light style has no rule %q", sel)
		}
		if !strings.Contains(dark, sel) && !plainInDark[cls] {
			t.Errorf("dark style has no rule %q", sel)
		}
	}
}

// uncoloured lists classes that keep the text colour by design: line
// layout, punctuation, XML attribute names (github-dark leaves them plain),
// YAML's plain values (Literal) and white space (the github styles leave
// both plain).
var uncoloured = map[string]bool{"line": true, "cl": true, "p": true, "na": true, "l": true, "w": true}

// plainInDark lists classes github-dark draws in the text colour (its Name,
// NameOther and, inheriting Name, NameBuiltin are #e6edf3, the text's), so
// its CSS has no rule for them: HCL's references and function names.
var plainInDark = map[string]bool{"nx": true, "nb": true}

func TestUnknownStyle(t *testing.T) {
	if _, err := generate("no-such-style", "github-dark"); err == nil {
		t.Error("generate accepted an unknown style")
	}
}
