package highlight

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

func init() { EnableHCL() }

// kind is a coarse class of a byte's token, where chroma's Terraform lexer
// and scanHCL must agree.
func kind(t chroma.TokenType) string {
	switch {
	case t == chroma.LiteralStringInterpol:
		return "interpolation"
	case t.InCategory(chroma.LiteralString):
		return "string"
	case t.InCategory(chroma.Comment):
		return "comment"
	case t.InCategory(chroma.LiteralNumber):
		return "number"
	case t == chroma.KeywordConstant:
		return "constant"
	}
	return ""
}

// TestHCLAgreesWithChroma tokenizes Terraform files with chroma's own
// Terraform lexer (the reference; a test-only dependency) and with scanHCL,
// and requires the same kind — string, interpolation delimiter, comment,
// number, constant — for every byte that is not white space, where chroma
// assigns one of these kinds. (Names and operators are not compared:
// chroma's lexer marks a name NameBuiltin by a fixed list and swallows the
// character before some of them.)
func TestHCLAgreesWithChroma(t *testing.T) {
	ref := lexers.Get("terraform")
	if ref == nil {
		t.Fatal("chroma has no terraform lexer")
	}
	files, _ := filepath.Glob("../terraform/testdata/corpus/*.tf")
	files = append(files, "testdata/cors.tf")
	if len(files) < 10 {
		t.Fatalf("%d files", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			if strings.Contains(src, `\"`) {
				// chroma's string state knows the escape \\" but not \",
				// so it ends a string at an escaped quote: not a reference
				// for these bytes.
				t.Skip("holds \\\" (chroma's lexer ends strings there)")
			}
			it, err := ref.Tokenise(nil, src)
			if err != nil {
				t.Fatal(err)
			}
			theirs := make([]string, 0, len(src))
			for _, tok := range it.Tokens() {
				for range len(tok.Value) {
					theirs = append(theirs, kind(tok.Type))
				}
			}
			toks, err := Tokens(src, "hcl")
			if err != nil {
				t.Fatal(err)
			}
			checkTokens(t, src, toks)
			ours := make([]string, 0, len(src))
			for _, tok := range toks {
				ct, err := chroma.TokenTypeString(tok.Type.String())
				if err != nil {
					t.Fatal(err)
				}
				for range len(tok.Value) {
					ours = append(ours, kind(ct))
				}
			}
			if len(theirs) != len(ours) {
				t.Fatalf("chroma's tokens cover %d bytes, ours %d", len(theirs), len(ours))
			}
			bad := 0
			for i := range ours {
				if isSpace(src[i]) || theirs[i] == "" || theirs[i] == ours[i] {
					continue
				}
				if bad++; bad <= 3 {
					line := 1
					for _, c := range src[:i] {
						if c == '\n' {
							line++
						}
					}
					t.Errorf("line %d, byte %q: chroma says %s, scanHCL %q", line, src[i], theirs[i], ours[i])
				}
			}
		})
	}
}
