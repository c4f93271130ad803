package highlight

import (
	"fmt"
	"strings"
	"testing"

	"corsplay/internal/examples"

	"github.com/alecthomas/chroma/v2"
)

// bigXML is the realistic n-rule configuration of package examples;
// 100 rules are about 64 KB, S3's limit for a CORS configuration.
func bigXML(n int) string { return examples.Large(n) }

// bigJSON is bigXML's configuration in aws-cli JSON, built by hand so the
// benchmark does not depend on the engine.
func bigJSON(n int) string {
	var b strings.Builder
	b.WriteString("{\n  \"CORSRules\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `    {
      "ID": "rule-%03d-uploads-downloads",
      "AllowedOrigins": ["https://app%d.example.com", "https://*.tenant%d.example.org", "http://localhost:%d"],
      "AllowedMethods": ["GET", "PUT", "POST", "HEAD"],
      "AllowedHeaders": ["Content-Type", "x-amz-meta-*"],
      "ExposeHeaders": ["ETag", "x-amz-request-id"],
      "MaxAgeSeconds": %d
    }`, i, i, i, 3000+i, 600+i)
	}
	b.WriteString("\n  ]\n}\n")
	return b.String()
}

func TestBigConfigSize(t *testing.T) {
	if n := len(bigXML(100)); n < 60<<10 || n > 64<<10 {
		t.Errorf("bigXML(100) is %d bytes, want 60–64 KiB (the benchmark's premise)", n)
	}
}

// regexXMLLexer is chroma's own XML lexer (lexers/embedded/xml.xml) written
// as chroma.Rules, kept in the test only to measure what hand-written lexers
// save. It is not linked into the wasm.
var regexXMLLexer = chroma.MustNewLexer(&chroma.Config{Name: "XML (regex)", DotAll: true}, func() chroma.Rules {
	return chroma.Rules{
		"root": {
			{Pattern: `[^<&]+`, Type: chroma.Text},
			{Pattern: `&\S*?;`, Type: chroma.NameEntity},
			{Pattern: `\<\!\[CDATA\[.*?\]\]\>`, Type: chroma.CommentPreproc},
			{Pattern: `<!--`, Type: chroma.Comment, Mutator: chroma.Push("comment")},
			{Pattern: `<\?.*?\?>`, Type: chroma.CommentPreproc},
			{Pattern: `<![^>]*>`, Type: chroma.CommentPreproc},
			{Pattern: `<\s*[\w:.-]+`, Type: chroma.NameTag, Mutator: chroma.Push("tag")},
			{Pattern: `<\s*/\s*[\w:.-]+\s*>`, Type: chroma.NameTag},
		},
		"comment": {
			{Pattern: `[^-]+`, Type: chroma.Comment},
			{Pattern: `-->`, Type: chroma.Comment, Mutator: chroma.Pop(1)},
			{Pattern: `-`, Type: chroma.Comment},
		},
		"tag": {
			{Pattern: `\s+`, Type: chroma.Text},
			{Pattern: `[\w.:-]+\s*=`, Type: chroma.NameAttribute, Mutator: chroma.Push("attr")},
			{Pattern: `/?\s*>`, Type: chroma.NameTag, Mutator: chroma.Pop(1)},
		},
		"attr": {
			{Pattern: `\s+`, Type: chroma.Text},
			{Pattern: `".*?"`, Type: chroma.LiteralString, Mutator: chroma.Pop(1)},
			{Pattern: `'.*?'`, Type: chroma.LiteralString, Mutator: chroma.Pop(1)},
			{Pattern: `[^\s>]+`, Type: chroma.LiteralString, Mutator: chroma.Pop(1)},
		},
	}
})

func BenchmarkTokens(b *testing.B) {
	cases := []struct {
		name, lang, src string
	}{
		{name: "xml-64KB", lang: "xml", src: bigXML(100)},
		{name: "json-64KB", lang: "json", src: bigJSON(100)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				toks, err := Tokens(c.src, c.lang)
				if err != nil || len(toks) == 0 {
					b.Fatal("no tokens", err)
				}
			}
		})
	}
	// chroma's own regex XML lexer on the same input, for comparison.
	src := bigXML(100)
	b.Run("xml-64KB-chroma-regex-rules", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			it, err := regexXMLLexer.Tokenise(nil, src)
			if err != nil || len(it.Tokens()) == 0 {
				b.Fatal("no tokens", err)
			}
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	cases := []struct {
		name, lang, src string
	}{
		{name: "xml-64KB", lang: "xml", src: bigXML(100)},
		{name: "json-64KB", lang: "json", src: bigJSON(100)},
		{name: "xml-1-rule", lang: "xml", src: bigXML(1)},
		{name: "http-response", lang: "http", src: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nVary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method\r\n\r\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML(c.src, c.lang); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// What the same work costs through chroma's own formatter.
	src := bigXML(100)
	b.Run("xml-64KB-chroma-formatter", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			referenceHTML(b, src, "xml")
		}
	})
}
