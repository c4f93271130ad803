// Package highlight turns CORS configurations, their JSON forms and S3's HTTP
// responses into syntax-highlighted HTML for the playground.
//
// The output is chroma's: chroma v2's token vocabulary and CSS classes, byte
// for byte what chroma's formatters/html writes with classes (tests compare
// against chroma itself), coloured by a stylesheet that ./gencss generates
// from chroma's styles at build time. The lexers are hand-written byte
// scanners: no regular expressions, no state machine tables.
//
// Why this package does not import chroma at run time, measured on the
// engine's wasm (-trimpath -ldflags='-s -w', brotli -q 11):
//   - engine without highlighting: 1,003,195 B;
//   - + this package built on chroma core (chroma.Lexer, chroma.Token,
//     formatters/html): 1,238,939 B (+236 KB), over the 1.1 MB budget.
//     chroma's package-level serialisation tables keep its regex lexer and
//     the whole of regexp2 (≈ 515 KB of wasm code) linked even when no
//     regex lexer is used;
//   - + this package alone: a few KB.
//
// chroma's regex lexers would also compile their patterns on first use
// (170–450 ms in the browser) and tokenise a 64 KB configuration in 14 ms
// natively against 0.6 ms here (BenchmarkTokens); chroma's formatter takes
// 5.8 ms against 0.8 ms for writeHTML (BenchmarkHTML). chroma's `lexers`
// and `styles` packages would add ~0.9 MB more and 1–2 s of start-up.
//
// Contract:
//   - HTML(src, lang) returns `<pre class="chroma"><code>…</code></pre>` with
//     one `<span class="line"><span class="cl">…</span></span>` per line and
//     a CSS class on every token: byte for byte what chroma's
//     formatters/html gives with html.WithClasses(true) and
//     html.WithAllClasses(true) (tested and fuzzed against it), written by a
//     loop several times faster (see format.go).
//   - Every byte of src appears in the output, HTML-escaped, in order; markup
//     in src never becomes markup in the output. Stripping the tags and
//     unescaping the output gives src back exactly (fuzzed).
//   - Lexers never fail and never panic: malformed input yields Error or
//     best-effort tokens, and the concatenated token values equal src.
//   - Languages: "xml", "json", "http" (a request or a status line, headers
//     and a body highlighted as XML or JSON per its Content-Type), "yaml"
//     (CloudFormation templates, as chroma's YAML lexer), "hcl"
//     (Terraform's .tf files, in the token types of chroma's Terraform
//     lexer; after EnableHCL) and "text" (escaped, no colours). Anything
//     else is an error.
package highlight

import (
	"errors"
	"strconv"
	"strings"
)

// Languages lists the names HTML accepts, in a stable order.
var Languages = []string{"xml", "json", "http", "yaml", "hcl", "text"}

// hclLexer is scanHCL once EnableHCL has run. The default page's module
// never calls EnableHCL, so the linker leaves the HCL lexer out of it; the
// module that reads Terraform files (wasm/iac) enables it.
var hclLexer func(*scanner)

// EnableHCL makes "hcl" a language HTML and Tokens accept.
func EnableHCL() { hclLexer = scanHCL }

// lexer returns the scanning function for lang, or nil.
func lexer(lang string) func(*scanner) {
	switch lang {
	case "xml":
		return scanXML
	case "json":
		return scanJSON
	case "http":
		return scanHTTP
	case "yaml":
		return scanYAML
	case "hcl":
		return hclLexer
	case "text":
		return scanText
	}
	return nil
}

// Tokens returns the tokens of src in lang; their values concatenate to src
// and no two neighbours have the same type.
func Tokens(src, lang string) ([]Token, error) {
	scan := lexer(lang)
	if scan == nil {
		return nil, unknownLanguage(lang)
	}
	// Lexers are stateless and keep every byte (no newline rewriting), so
	// line and column numbers the engine reports match what the page shows.
	s := scanner{src: src, toks: make([]Token, 0, len(src)/8+4)}
	scan(&s)
	s.emit(Text, len(src)) // a scanner that stops early loses nothing
	return s.toks, nil
}

// HTML returns src in lang as highlighted, escaped HTML.
func HTML(src, lang string) (string, error) {
	toks, err := Tokens(src, lang)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(src)*3 + 64)
	writeHTML(&b, toks)
	return b.String(), nil
}

func unknownLanguage(lang string) error {
	return errors.New("highlight: unknown language " + strconv.Quote(lang) + " (want one of " + strings.Join(Languages, ", ") + ")")
}

func scanText(s *scanner) { s.emit(Text, len(s.src)) }

// scanner walks src once, emitting contiguous tokens. Token values are
// substrings of src (no copies); neighbours of the same type are merged so
// the HTML has as few spans as possible.
type scanner struct {
	src       string
	pos       int // start of the text not yet emitted
	lastStart int // start of the last token in src
	toks      []Token
}

// emit makes src[pos:end] one token of type typ and moves pos to end.
func (s *scanner) emit(typ TokenType, end int) {
	if end <= s.pos {
		return
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].Type == typ {
		s.toks[n-1].Value = s.src[s.lastStart:end]
	} else {
		s.toks = append(s.toks, Token{Type: typ, Value: s.src[s.pos:end]})
		s.lastStart = s.pos
	}
	s.pos = end
}

// emitSub appends the tokens of src[pos:end] scanned by scan (for an HTTP
// body in XML or JSON).
func (s *scanner) emitSub(scan func(*scanner), end int) {
	sub := &scanner{src: s.src[s.pos:end]}
	scan(sub)
	sub.emit(Text, len(sub.src))
	base := s.pos
	for i, tok := range sub.toks {
		if i == 0 && len(s.toks) > 0 && s.toks[len(s.toks)-1].Type == tok.Type {
			// Merge across the boundary, as emit would have.
			s.toks[len(s.toks)-1].Value = s.src[s.lastStart : base+len(tok.Value)]
			continue
		}
		s.toks = append(s.toks, tok)
		if i == len(sub.toks)-1 {
			s.lastStart = base + sub.lastStart
		}
	}
	s.pos = end
}

// at reports whether src continues with prefix at i.
func (s *scanner) at(i int, prefix string) bool { return strings.HasPrefix(s.src[i:], prefix) }

// indexFrom returns the index of sub in src at or after i, or -1.
func (s *scanner) indexFrom(i int, sub string) int {
	j := strings.Index(s.src[i:], sub)
	if j < 0 {
		return -1
	}
	return i + j
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
