package highlight

import (
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
)

// reference is chroma's own HTML formatter with the options the package
// promises to match; used only by tests.
var reference = chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true))

// referenceHTML formats src with chroma's formatter.
func referenceHTML(t testing.TB, src, lang string) string {
	t.Helper()
	toks, err := Tokens(src, lang)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := reference.Format(&b, chroma.MustNewStyle("empty", chroma.StyleEntries{}), chroma.Literator(chromaTokens(t, toks)...)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// chromaTokens converts tokens to chroma's by type name.
func chromaTokens(t testing.TB, toks []Token) []chroma.Token {
	t.Helper()
	out := make([]chroma.Token, len(toks))
	for i, tok := range toks {
		ct, err := chroma.TokenTypeString(tok.Type.String())
		if err != nil {
			t.Fatalf("chroma has no token type %s", tok.Type)
		}
		out[i] = chroma.Token{Type: ct, Value: tok.Value}
	}
	return out
}

// TestTokenTypesMatchChroma checks that each token type names a chroma type
// and carries chroma's CSS class for it, so chroma stylesheets apply.
func TestTokenTypesMatchChroma(t *testing.T) {
	for typ := range numTypes {
		ct, err := chroma.TokenTypeString(typ.String())
		if err != nil {
			t.Errorf("%d: chroma has no token type %q", typ, typ.String())
			continue
		}
		if want := chroma.StandardTypes[ct]; typ.Class() != want {
			t.Errorf("%s: class %q, chroma's is %q", typ, typ.Class(), want)
		}
	}
	if numTypes.String() != "TokenType(?)" || numTypes.Class() != "" {
		t.Error("out-of-range type must have no name or class")
	}
}

// TestMatchesChromaFormatter checks HTML against chroma's formatter on every
// testdata input in every language.
func TestMatchesChromaFormatter(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.*")
	extra := []string{"", "\n", "a\n\nb\n", "<a>\n<!--\n\n-->\n", "\"'<>&\n"}
	srcs := append([]string{}, extra...)
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	for _, src := range srcs {
		for _, lang := range Languages {
			got, err := HTML(src, lang)
			if err != nil {
				t.Fatal(err)
			}
			if want := referenceHTML(t, src, lang); got != want {
				t.Errorf("HTML(%.40q, %s) differs from chroma's formatter:\n got %s\nwant %s", src, lang, got, want)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden token files in testdata/")

// langOf maps a testdata file to its language by extension.
func langOf(name string) string {
	switch filepath.Ext(name) {
	case ".xml":
		return "xml"
	case ".json":
		return "json"
	case ".http":
		return "http"
	case ".yaml":
		return "yaml"
	case ".tf":
		return "hcl"
	}
	return "text"
}

// dump renders tokens one per line, for golden files people can review.
func dump(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%-22s %q\n", t.Type, t.Value)
	}
	return b.String()
}

// TestGoldenTokens compares the tokens of every input in testdata/ with
// testdata/golden/NAME.tokens. Run `go test ./internal/highlight -update`
// after an intended change and review the diff.
func TestGoldenTokens(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.*")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs in testdata: %v", err)
	}
	for _, in := range inputs {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			toks, err := Tokens(string(src), langOf(name))
			if err != nil {
				t.Fatal(err)
			}
			checkTokens(t, string(src), toks)
			got := dump(toks)
			golden := filepath.Join("testdata", "golden", name+".tokens")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("tokens of %s differ from %s (run with -update and review the diff)\ngot:\n%s", in, golden, got)
			}
		})
	}
}

// checkTokens asserts the lexer invariants: no empty token, no two
// neighbours of one type (they are merged), values concatenate to src.
func checkTokens(t *testing.T, src string, toks []Token) {
	t.Helper()
	var b strings.Builder
	for i, tok := range toks {
		if tok.Value == "" {
			t.Errorf("token %d (%s) is empty", i, tok.Type)
		}
		if i > 0 && toks[i-1].Type == tok.Type {
			t.Errorf("tokens %d and %d are both %s: not merged", i-1, i, tok.Type)
		}
		b.WriteString(tok.Value)
	}
	if b.String() != src {
		t.Errorf("tokens do not concatenate to the input:\n got %q\nwant %q", b.String(), src)
	}
}

// TestHTML checks the formatter output for small inputs: the wrapper, a
// class on each kind of token, and escaping of everything the user typed.
func TestHTML(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		src     string
		want    []string // substrings that must appear
		notWant []string // substrings that must not appear
	}{
		{
			name: "xml tag, attribute, text",
			lang: "xml",
			src:  `<CORSConfiguration xmlns="x"><ID>a</ID></CORSConfiguration>`,
			want: []string{
				`<pre class="chroma"><code><span class="line"><span class="cl">`,
				`<span class="nt">&lt;CORSConfiguration</span>`,
				`<span class="na">xmlns</span><span class="o">=</span><span class="s">&#34;x&#34;</span>`,
				`a<span class="nt">&lt;/ID&gt;&lt;/CORSConfiguration&gt;</span>`,
				`</code></pre>`,
			},
		},
		{
			name:    "script element in xml text is escaped",
			lang:    "xml",
			src:     `<AllowedOrigin><script>alert(1)</script></AllowedOrigin>`,
			want:    []string{`&lt;script&gt;`, `&lt;/script&gt;`},
			notWant: []string{`<script>`, `</script>`},
		},
		{
			name:    "script in a json string is escaped",
			lang:    "json",
			src:     `["</span><script>alert(1)</script>"]`,
			want:    []string{`<span class="s2">&#34;&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;</span>`},
			notWant: []string{`<script>`, `</span><script`},
		},
		{
			name:    "attribute-breaking quotes are escaped",
			lang:    "xml",
			src:     `<a b='" onmouseover="alert(1)'>`,
			want:    []string{`&#39;&#34; onmouseover=&#34;alert(1)&#39;`},
			notWant: []string{`" onmouseover="`},
		},
		{
			name:    "markup in http body with text content type",
			lang:    "http",
			src:     "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<img src=x onerror=alert(1)>",
			want:    []string{`&lt;img src=x onerror=alert(1)&gt;`},
			notWant: []string{`<img`},
		},
		{
			name: "json key, string, number, constant",
			lang: "json",
			src:  `{"MaxAgeSeconds": 3000, "ID": "a", "x": true}`,
			want: []string{
				`<span class="nt">&#34;MaxAgeSeconds&#34;</span>`,
				`<span class="mi">3000</span>`,
				`<span class="s2">&#34;a&#34;</span>`,
				`<span class="kc">true</span>`,
			},
		},
		{
			name: "http status line and headers",
			lang: "http",
			src:  "HTTP/1.1 403 Forbidden\nVary: Origin\n\n",
			want: []string{
				`<span class="kr">HTTP</span><span class="o">/</span><span class="m">1.1</span> <span class="m">403</span> <span class="gd">Forbidden</span>`,
				`<span class="nt">Vary</span><span class="o">:</span> <span class="s">Origin</span>`,
			},
		},
		{
			name: "successful status is not an exception",
			lang: "http",
			src:  "HTTP/1.1 200 OK\n",
			want: []string{`<span class="m">200</span> <span class="gi">OK</span>`},
		},
		{
			name:    "plain text is escaped and uncoloured",
			lang:    "text",
			src:     "aws s3api put-bucket-cors --cors-configuration '<x>'",
			want:    []string{`aws s3api put-bucket-cors --cors-configuration &#39;&lt;x&gt;&#39;`},
			notWant: []string{`<span class="err">`},
		},
		{
			name: "one line span per line",
			lang: "json",
			src:  "[\n1,\n2\n]",
			want: []string{`<span class="line"><span class="cl"><span class="mi">2</span>`},
		},
		{
			name: "empty input",
			lang: "xml",
			src:  "",
			want: []string{`<pre class="chroma"><code></code></pre>`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(tt.src, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("HTML(%q, %q) lacks %q\ngot: %s", tt.src, tt.lang, w, got)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("HTML(%q, %q) contains %q\ngot: %s", tt.src, tt.lang, nw, got)
				}
			}
			if back := textOf(got); back != tt.src {
				t.Errorf("text of the HTML = %q, want the input %q", back, tt.src)
			}
		})
	}
}

func TestUnknownLanguage(t *testing.T) {
	for _, lang := range []string{"", "XML", "toml", "<script>"} {
		if _, err := HTML("x", lang); err == nil {
			t.Errorf("HTML(_, %q) succeeded, want an error", lang)
		}
		if _, err := Tokens("x", lang); err == nil {
			t.Errorf("Tokens(_, %q) succeeded, want an error", lang)
		}
	}
	for _, lang := range Languages {
		if lexer(lang) == nil {
			t.Errorf("Languages lists %q but it has no lexer", lang)
		}
	}
}

// TestKeepsLineEndings checks that no lexer rewrites \r\n (chroma's
// EnsureLF would): offsets the engine reports must match the text.
func TestKeepsLineEndings(t *testing.T) {
	for _, lang := range Languages {
		toks, err := Tokens("a\r\nb\r\n", lang)
		if err != nil {
			t.Fatal(err)
		}
		checkTokens(t, "a\r\nb\r\n", toks)
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// textOf strips the tags of highlighted HTML and unescapes it: the text a
// browser shows.
func textOf(h string) string { return html.UnescapeString(tagRE.ReplaceAllString(h, "")) }

func FuzzHighlight(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*.*")
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	for _, s := range []string{"", "<", "&", "\"", "<!--", "<![CDATA[", "<?", "</", "HTTP/", "GET HTTP/", "\xff\xfe<a\x80>", "-", "1e", "/*", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, lang := range Languages {
			toks, err := Tokens(src, lang)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			checkTokens(t, src, toks)
			h, err := HTML(src, lang)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			if back := textOf(h); back != src {
				t.Fatalf("%s: text of the HTML is %q, want %q", lang, back, src)
			}
			if want := referenceHTML(t, src, lang); h != want {
				t.Fatalf("%s: HTML differs from chroma's formatter:\n got %s\nwant %s", lang, h, want)
			}
		}
	})
}
