// Package highlight turns CORS configurations, their JSON forms and S3's HTTP
// responses into syntax-highlighted HTML for the playground.
//
// It uses chroma v2's core only: its token types, their CSS class names and
// its Lexer interface, so chroma's formatters and stylesheets apply. The
// lexers are written by hand as plain byte scanners (no chroma.Rules, no regular expressions):
// chroma's regex lexers compile their patterns on first use (170–450 ms in
// the browser) and run far slower per keystroke, and chroma's `lexers` and
// `styles` packages add ~0.9 MB and 1–2 s of start-up to the wasm. Nothing in
// this package imports them; the stylesheet is generated at build time by
// ./gencss. Even chroma's formatters/html stays out (see format.go).
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
//     and a body highlighted as XML or JSON per its Content-Type), and
//     "text" (escaped, no colours). Anything else is an error.
package highlight

import (
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Languages lists the names HTML accepts, in a stable order.
var Languages = []string{"xml", "json", "http", "text"}

// Lexer returns the chroma lexer for lang, or nil when there is none.
func Lexer(lang string) chroma.Lexer {
	switch lang {
	case "xml":
		return xmlLexer
	case "json":
		return jsonLexer
	case "http":
		return httpLexer
	case "text":
		return textLexer
	}
	return nil
}

// Tokens returns the tokens of src in lang; their values concatenate to src.
func Tokens(src, lang string) ([]chroma.Token, error) {
	l := Lexer(lang)
	if l == nil {
		return nil, unknownLanguage(lang)
	}
	it, err := l.Tokenise(nil, src)
	if err != nil {
		return nil, err
	}
	return it.Tokens(), nil
}

// HTML returns src in lang as highlighted, escaped HTML.
func HTML(src, lang string) (string, error) {
	l, ok := Lexer(lang).(*scanLexer)
	if !ok {
		return "", unknownLanguage(lang)
	}
	out := scanner{src: src, toks: make([]chroma.Token, 0, len(src)/8+4)}
	l.scan(&out)
	out.emit(chroma.Text, len(src))
	var b strings.Builder
	b.Grow(len(src)*2 + 64)
	writeHTML(&b, out.toks)
	return b.String(), nil
}

func unknownLanguage(lang string) error {
	return fmt.Errorf("highlight: unknown language %q (want one of %s)", lang, strings.Join(Languages, ", "))
}

// scanLexer adapts a scanning function to chroma.Lexer.
type scanLexer struct {
	config chroma.Config
	scan   func(s *scanner)
}

func newLexer(name string, scan func(*scanner)) *scanLexer {
	return &scanLexer{config: chroma.Config{Name: name, Aliases: []string{strings.ToLower(name)}}, scan: scan}
}

func (l *scanLexer) Config() *chroma.Config { return &l.config }

// Tokenise ignores options: the lexers are stateless and must keep every
// byte of text (no EnsureLF/EnsureNL rewriting), so line and column numbers
// the engine reports still match what the page shows.
func (l *scanLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	s := &scanner{src: text}
	l.scan(s)
	s.emit(chroma.Text, len(text)) // a scanner that stops early loses nothing
	return chroma.Literator(s.toks...), nil
}

func (l *scanLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer     { return l }
func (l *scanLexer) SetAnalyser(func(text string) float32) chroma.Lexer { return l }
func (l *scanLexer) AnalyseText(string) float32                         { return 0 }

// scanner walks src once, emitting contiguous tokens. Token values are
// substrings of src (no copies); neighbours of the same type are merged so
// the HTML has as few spans as possible.
type scanner struct {
	src       string
	pos       int // start of the text not yet emitted
	lastStart int // start of the last token in src
	toks      []chroma.Token
}

// emit makes src[pos:end] one token of type typ and moves pos to end.
func (s *scanner) emit(typ chroma.TokenType, end int) {
	if end <= s.pos {
		return
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].Type == typ {
		s.toks[n-1].Value = s.src[s.lastStart:end]
	} else {
		s.toks = append(s.toks, chroma.Token{Type: typ, Value: s.src[s.pos:end]})
		s.lastStart = s.pos
	}
	s.pos = end
}

// emitSub appends the tokens of src[pos:end] scanned by scan (for an HTTP
// body in XML or JSON).
func (s *scanner) emitSub(scan func(*scanner), end int) {
	sub := &scanner{src: s.src[s.pos:end]}
	scan(sub)
	sub.emit(chroma.Text, len(sub.src))
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

var textLexer = newLexer("Text", func(s *scanner) { s.emit(chroma.Text, len(s.src)) })
