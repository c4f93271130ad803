package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeHTML writes toks exactly as chroma's HTML formatter does with
// html.WithClasses(true) and html.WithAllClasses(true) (a test compares the
// two byte for byte on every input, fuzzed): `<pre class="chroma"><code>`, a
// `<span class="line"><span class="cl">` per line, a span with the token's
// class around every token that has one, `</code></pre>`.
//
// Why not call the formatter: it formats every token with fmt.Sprintf and
// copies every line. On a 64 KB configuration it took 3.8 ms natively
// (several times that in wasm), against a keystroke budget of 2 ms; this
// loop does the same work with one growing buffer.
func writeHTML(b *strings.Builder, toks []chroma.Token) {
	b.WriteString(`<pre class="chroma"><code>`)
	inLine := false
	for _, tok := range toks {
		open, close := spanOf(tok.Type)
		for v := tok.Value; v != ""; {
			seg := v
			if i := strings.IndexByte(v, '\n'); i >= 0 {
				seg = v[:i+1]
			}
			v = v[len(seg):]
			if !inLine {
				b.WriteString(`<span class="line"><span class="cl">`)
				inLine = true
			}
			b.WriteString(open)
			escape(b, seg)
			b.WriteString(close)
			if seg[len(seg)-1] == '\n' {
				b.WriteString(`</span></span>`)
				inLine = false
			}
		}
	}
	if inLine {
		b.WriteString(`</span></span>`)
	}
	b.WriteString(`</code></pre>`)
}

// spanOf returns the tags around a token of type t: chroma's class for t or
// its nearest ancestor type, or none for plain text.
func spanOf(t chroma.TokenType) (open, close string) {
	if s, ok := spans[t]; ok {
		return s[0], s[1]
	}
	cls := className(t)
	if cls == "" {
		return "", ""
	}
	return `<span class="` + cls + `">`, `</span>`
}

// spans caches the tags of every standard type; built once at init from
// chroma's table (a map of ~100 entries, microseconds).
var spans = func() map[chroma.TokenType][2]string {
	m := make(map[chroma.TokenType][2]string, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		if cls := className(t); cls != "" {
			m[t] = [2]string{`<span class="` + cls + `">`, `</span>`}
		} else {
			m[t] = [2]string{"", ""}
		}
	}
	return m
}()

// className mirrors chroma's html.Formatter.class without a prefix.
func className(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// escape writes s with the five characters html.EscapeString escapes
// replaced by the same entities.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '"':
			rep = "&#34;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}
