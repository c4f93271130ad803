package highlight

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

// chromaYAML is chroma's YAML lexer's tokens for src, neighbours of one
// type merged as Tokens merges them.
func chromaYAML(t testing.TB, src string) []Token {
	it, err := lexers.Get("yaml").Tokenise(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	var out []Token
	for _, ct := range it.Tokens() {
		if ct.Value == "" {
			continue
		}
		var typ TokenType = numTypes
		for k := range numTypes {
			if k.String() == ct.Type.String() {
				typ = k
			}
		}
		if typ == numTypes {
			t.Fatalf("chroma's YAML lexer gave a %s, which this package has no type for", ct.Type)
		}
		if n := len(out); n > 0 && out[n-1].Type == typ {
			out[n-1].Value += ct.Value
			continue
		}
		out = append(out, Token{Type: typ, Value: ct.Value})
	}
	return out
}

// yamlSamples are the shapes of CloudFormation YAML, and the corners of
// chroma's rules.
var yamlSamples = []string{
	"AWSTemplateFormatVersion: 2010-09-09\nDescription: >\n  photo-share: API\n\n  more\nResources:\n",
	"---\nkey: value # comment\nother: 'single' # c\n...\n",
	"- Id: web #c\n  M: 3000 # x\n  n: [GET, \"a\"]\n  !Ref x\n",
	"k: -5\nj: 1.\nx: 0x1F\ny: node\nz: 0x1f\no: 0o17\nf: 1.5e3\ni: .inf\nb: yes\nc: No\nd: 2024-01-02T03:04:05.5Z\n",
	"a: |-\n    x\n      y\n  b: 2\nc: |\nnot indented\n",
	"\"quoted key\": \"value: with colon\"\nurl: https://a.example.com/x: y\n",
	"anchor: &x [1]\nalias: *x\ntag: !!str 5\n? complex\n: value\n%include foo\n",
	"x: \"unterminated\ny: 'it''s'\nz: \"multi\n line\"\n",
	"  - !Sub \"https://${DomainName}\"\n  - !If [IsProd, !Ref 'AWS::NoValue', 'http://localhost:3000']\n",
	"w: a // not a comment // but this is\nv: x\t# tab before\n",
	"e:\n",
	"",
	"{a: b}\n[c, d]\n",
	"a: b\r\nc:\r\n  - 'x' # y\r\nd: |\r\n  text\r\n\r\n  more\r\n",
}

// TestYAMLMatchesChroma compares the tokens of the samples and of every
// YAML template in package cloudformation's corpus with chroma's.
func TestYAMLMatchesChroma(t *testing.T) {
	srcs := append([]string(nil), yamlSamples...)
	files, _ := filepath.Glob("../cloudformation/testdata/templates/*.y*ml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	if len(files) < 10 {
		t.Fatalf("only %d templates found", len(files))
	}
	for _, src := range srcs {
		got, err := Tokens(src, "yaml")
		if err != nil {
			t.Fatal(err)
		}
		checkTokens(t, src, got)
		// chroma reads "\r\n" as "\n"; compare on that reading.
		for i := range got {
			got[i].Value = strings.ReplaceAll(got[i].Value, "\r\n", "\n")
		}
		want := chromaYAML(t, strings.ReplaceAll(src, "\r\n", "\n"))
		if dump(got) != dump(want) {
			t.Errorf("tokens of %.60q differ from chroma's:\n%s", src, diffDump(dump(got), dump(want)))
		}
	}
}

// diffDump shows the first lines where two dumps differ.
func diffDump(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			lo := max(0, i-2)
			return "got:\n" + strings.Join(g[lo:min(len(g), i+3)], "\n") + "\nwant:\n" + strings.Join(w[lo:min(len(w), i+3)], "\n")
		}
	}
	return "lengths differ"
}

// FuzzYAMLMatchesChroma compares the tokens with chroma's YAML lexer on any
// ASCII text (chroma's patterns read \s and \b by Unicode rules, which this
// lexer leaves out: templates' structure is ASCII), and checks the
// invariants on any text.
func FuzzYAMLMatchesChroma(f *testing.F) {
	for _, s := range yamlSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got, err := Tokens(src, "yaml")
		if err != nil {
			t.Fatal(err)
		}
		checkTokens(t, src, got)
		for i := 0; i < len(src); i++ {
			if src[i] >= 0x80 || src[i] == '\r' || src[i] == 0 {
				return
			}
		}
		want := chromaYAML(t, src)
		if dump(got) != dump(want) {
			t.Fatalf("tokens of %q differ from chroma's:\n%s", src, diffDump(dump(got), dump(want)))
		}
	})
}
