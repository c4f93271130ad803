package fix_test

import (
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/fix"
)

const xmlTwoRules = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`

const xmlSpecific = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
  <CORSRule>
    <AllowedOrigin>https://admin.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`

const cliJSON = `{
    "CORSRules": [
        {
            "AllowedHeaders": [
                "content-type"
            ],
            "AllowedMethods": [
                "GET"
            ],
            "AllowedOrigins": [
                "https://app.example.com"
            ]
        }
    ]
}
`

const consoleInline = `[
  {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com"]}
]
`

func parse(t *testing.T, s string) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// changes lists the diff's added and removed lines.
func changes(d []fix.Line) []string {
	var out []string
	for _, l := range d {
		if l.Op != " " {
			out = append(out, l.Op+l.Text)
		}
	}
	return out
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		need       fix.Need
		wantNil    bool
		wantAction string
		wantRule   int
		wantDiff   []string // the added/removed lines, in order
	}{
		{name: "xml: origin and method match, add the header", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://app.example.com", Method: "GET", Headers: []string{"x-amz-date"}},
			wantAction: "add", wantRule: 1,
			wantDiff: []string{"+    <AllowedHeader>x-amz-date</AllowedHeader>"}},
		{name: "xml: origin matches, add the method after the last AllowedMethod", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"content-type"}},
			wantAction: "add", wantRule: 1,
			wantDiff: []string{"+    <AllowedMethod>PUT</AllowedMethod>"}},
		{name: "xml: credentials with a * rule first: move the exact rule before it", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://app.example.com", Method: "GET", Credentials: true},
			wantAction: "move", wantRule: 1,
			// shown as the * rule moving down: the same text, fewer lines
			wantDiff: []string{"-  <CORSRule>", "-    <AllowedOrigin>*</AllowedOrigin>", "-    <AllowedMethod>GET</AllowedMethod>", "-  </CORSRule>",
				"+  <CORSRule>", "+    <AllowedOrigin>*</AllowedOrigin>", "+    <AllowedMethod>GET</AllowedMethod>", "+  </CORSRule>"}},
		{name: "xml: expose a header on the rule the actual request matches", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://other.example", Method: "GET", Expose: []string{"ETag", "content-type"}},
			wantAction: "add", wantRule: 0,
			wantDiff: []string{"+    <ExposeHeader>ETag</ExposeHeader>"}},
		{name: "xml: origin and method match a * rule, add the header there", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://new.example.net", Method: "GET", Headers: []string{"x-amz-date"}},
			wantAction: "add", wantRule: 0,
			wantDiff: []string{"+    <AllowedHeader>x-amz-date</AllowedHeader>"}},
		{name: "xml: no rule admits the origin: add it to the rule that has method and header", src: xmlSpecific,
			need:       fix.Need{Origin: "https://new.example.net", Method: "PUT", Headers: []string{"content-type"}, Credentials: true},
			wantAction: "add", wantRule: 1,
			wantDiff: []string{"+    <AllowedOrigin>https://new.example.net</AllowedOrigin>"}},
		{name: "xml: a * rule never gets a method: a new rule", src: xmlTwoRules,
			need:       fix.Need{Origin: "https://new.example.net", Method: "DELETE"},
			wantAction: "add-rule", wantRule: -1,
			wantDiff: []string{"+  <CORSRule>", "+    <AllowedOrigin>https://new.example.net</AllowedOrigin>",
				"+    <AllowedMethod>DELETE</AllowedMethod>", "+  </CORSRule>"}},
		{name: "cli json: add a method to a multi-line list", src: cliJSON,
			need:       fix.Need{Origin: "https://app.example.com", Method: "PUT"},
			wantAction: "add", wantRule: 0,
			wantDiff: []string{`-                "GET"`, `+                "GET",`, `+                "PUT"`}},
		{name: "cli json: add a missing key in the aws-cli order, lists laid out alike", src: cliJSON,
			need:       fix.Need{Origin: "https://app.example.com", Method: "GET", Expose: []string{"ETag"}},
			wantAction: "add", wantRule: 0,
			// the old "]" closes the new list: three added lines, nothing removed
			wantDiff: []string{`+            ],`, `+            "ExposeHeaders": [`, `+                "ETag"`}},
		{name: "console json inline: add a header key before AllowedMethods", src: consoleInline,
			need:       fix.Need{Origin: "https://app.example.com", Method: "GET", Headers: []string{"range"}},
			wantAction: "add", wantRule: 0,
			wantDiff: []string{`-  {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com"]}`,
				`+  {"AllowedHeaders": ["range"], "AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com"]}`}},
		{name: "escaping: a JSON value with a quote is escaped", src: consoleInline,
			need:       fix.Need{Origin: `https://a"b.example`, Method: "GET"},
			wantAction: "add", wantRule: 0,
			wantDiff: []string{`-  {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com"]}`,
				`+  {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://app.example.com", "https://a\"b.example"]}`}},
		{name: "escaping: an XML value with & is escaped", src: xmlSpecific,
			need:       fix.Need{Origin: "https://a&b.example", Method: "PUT", Headers: []string{"content-type"}},
			wantAction: "add", wantRule: 1,
			wantDiff: []string{"+    <AllowedOrigin>https://a&amp;b.example</AllowedOrigin>"}},
		{name: "a trailing slash is corrected rather than a second origin added", src: `[{"AllowedOrigins": ["https://App.example.com/"], "AllowedMethods": ["GET"]}]`,
			need:       fix.Need{Origin: "https://app.example.com", Method: "GET"},
			wantAction: "replace", wantRule: 0,
			wantDiff: []string{`-[{"AllowedOrigins": ["https://App.example.com/"], "AllowedMethods": ["GET"]}]`,
				`+[{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"]}]`}},
		{name: "already allowed: nil", src: xmlTwoRules,
			need: fix.Need{Origin: "https://app.example.com", Method: "GET"}, wantNil: true},
		{name: "PATCH cannot be allowed by S3: nil", src: xmlTwoRules,
			need: fix.Need{Origin: "https://app.example.com", Method: "PATCH"}, wantNil: true},
		{name: "the opaque origin null is never suggested", src: xmlTwoRules,
			need: fix.Need{Origin: "null", Method: "PUT"}, wantNil: true},
		{name: "a header name with a space cannot be allowed", src: xmlTwoRules,
			need: fix.Need{Origin: "https://app.example.com", Method: "GET", Headers: []string{"x bad"}}, wantNil: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fix.Suggest([]byte(tt.src), parse(t, tt.src), tt.need)
			if tt.wantNil {
				if f != nil {
					t.Fatalf("want no fix, got %q", f.Summary)
				}
				return
			}
			if f == nil {
				t.Fatal("no fix")
			}
			if f.Action != tt.wantAction || f.Rule != tt.wantRule {
				t.Errorf("action %q rule %d, want %q rule %d (%s)", f.Action, f.Rule, tt.wantAction, tt.wantRule, f.Summary)
			}
			if got := changes(f.Diff); strings.Join(got, "\n") != strings.Join(tt.wantDiff, "\n") {
				t.Errorf("diff:\n%s\nwant:\n%s\nconfig:\n%s", strings.Join(got, "\n"), strings.Join(tt.wantDiff, "\n"), f.Config)
			}
			if ok, why := allowed(t, f.Config, tt.need); !ok {
				t.Errorf("still blocked: %s", why)
			}
		})
	}
}

func TestSuggestNoConfiguration(t *testing.T) {
	f := fix.Suggest(nil, nil, fix.Need{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"content-type"}, Expose: []string{"ETag"}})
	if f == nil || f.Action != fix.ActionAddRule {
		t.Fatalf("want a new configuration, got %+v", f)
	}
	if ok, why := allowed(t, f.Config, fix.Need{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"content-type"}, Expose: []string{"ETag"}}); !ok {
		t.Errorf("new configuration does not allow it: %s\n%s", why, f.Config)
	}
	if f := fix.Suggest([]byte("<CORSConfiguration>"), nil, fix.Need{Origin: "https://a.example", Method: "GET"}); f != nil {
		t.Errorf("unparsed text got a fix: %q", f.Summary)
	}
}

func TestPrimitives(t *testing.T) {
	tests := []struct {
		name string
		src  string
		do   func(src []byte, c *config.Config) (*fix.Fix, error)
		want []string
	}{
		{name: "replace an XML value", src: xmlTwoRules,
			do: func(s []byte, c *config.Config) (*fix.Fix, error) {
				return fix.Replace(s, c, 1, 0, "https://app.example.org")
			},
			want: []string{"-    <AllowedOrigin>https://app.example.com</AllowedOrigin>", "+    <AllowedOrigin>https://app.example.org</AllowedOrigin>"}},
		{name: "remove an XML value on its own line", src: xmlTwoRules,
			do:   func(s []byte, c *config.Config) (*fix.Fix, error) { return fix.Remove(s, c, 1, 2) },
			want: []string{"-    <AllowedHeader>content-type</AllowedHeader>"}},
		{name: "remove a JSON list item that is not last", src: `[{"AllowedOrigins": ["https://a.example", "https://b.example"], "AllowedMethods": ["GET"]}]`,
			do: func(s []byte, c *config.Config) (*fix.Fix, error) { return fix.Remove(s, c, 0, 0) },
			want: []string{`-[{"AllowedOrigins": ["https://a.example", "https://b.example"], "AllowedMethods": ["GET"]}]`,
				`+[{"AllowedOrigins": ["https://b.example"], "AllowedMethods": ["GET"]}]`}},
		{name: "remove the last JSON item of a multi-line list", src: "[\n {\n  \"AllowedOrigins\": [\n   \"https://a.example\",\n   \"https://a.example\"\n  ],\n  \"AllowedMethods\": [\"GET\"]\n }\n]\n",
			do:   func(s []byte, c *config.Config) (*fix.Fix, error) { return fix.Remove(s, c, 0, 1) },
			want: []string{`-   "https://a.example",`}},
		{name: "compact XML: inline insertion", src: `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
			do: func(s []byte, c *config.Config) (*fix.Fix, error) {
				return fix.Add(s, c, 0, config.FieldExposeHeader, "ETag")
			},
			want: []string{`-<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
				`+<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`}},
		{name: "namespace prefix and CRLF are kept", src: "<s3:CORSConfiguration xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">\r\n <s3:CORSRule>\r\n  <s3:AllowedOrigin>*</s3:AllowedOrigin>\r\n  <s3:AllowedMethod>GET</s3:AllowedMethod>\r\n </s3:CORSRule>\r\n</s3:CORSConfiguration>\r\n",
			do: func(s []byte, c *config.Config) (*fix.Fix, error) {
				f, err := fix.Add(s, c, 0, config.FieldAllowedMethod, "HEAD")
				if err == nil && !strings.Contains(f.Config, "</s3:AllowedMethod>\r\n  <s3:AllowedMethod>HEAD</s3:AllowedMethod>\r\n") {
					t.Errorf("CRLF or prefix lost:\n%q", f.Config)
				}
				return f, err
			},
			want: []string{"+  <s3:AllowedMethod>HEAD</s3:AllowedMethod>"}},
		{name: "remove an XML rule", src: xmlTwoRules,
			do:   func(s []byte, c *config.Config) (*fix.Fix, error) { return fix.RemoveRule(s, c, 0) },
			want: []string{"-  <CORSRule>", "-    <AllowedOrigin>*</AllowedOrigin>", "-    <AllowedMethod>GET</AllowedMethod>", "-  </CORSRule>"}},
		{name: "remove the last JSON rule", src: "[\n  {\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"GET\"]},\n  {\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"GET\"]}\n]\n",
			do:   func(s []byte, c *config.Config) (*fix.Fix, error) { return fix.RemoveRule(s, c, 1) },
			want: []string{`-  {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]},`}},
		{name: "add a rule before the first (console JSON, multi-line)", src: "[\n  {\n    \"AllowedOrigins\": [\"*\"],\n    \"AllowedMethods\": [\"GET\"]\n  }\n]\n",
			do: func(s []byte, c *config.Config) (*fix.Fix, error) {
				return fix.AddRule(s, c, 0, fix.RuleSpec{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: "600"})
			},
			want: []string{"+  {", `+    "AllowedMethods": ["GET"],`, `+    "AllowedOrigins": ["https://app.example.com"],`, `+    "MaxAgeSeconds": 600`, "+  },"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.do([]byte(tt.src), parse(t, tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := changes(f.Diff); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diff:\n%s\nwant:\n%s\nconfig:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), f.Config)
			}
			if !accepted(t, f.Config) {
				t.Errorf("S3 would reject:\n%s", f.Config)
			}
		})
	}
}

// reconstruct rebuilds both sides of a diff.
func reconstruct(d []fix.Line) (old, new []string) {
	for _, l := range d {
		if l.Op != "+" {
			old = append(old, l.Text)
		}
		if l.Op != "-" {
			new = append(new, l.Text)
		}
	}
	return old, new
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int // changed lines
	}{
		{name: "equal", a: "a\nb\n", b: "a\nb\n", want: 0},
		{name: "insert in the middle", a: "a\nb\nc\n", b: "a\nb\nx\nc\n", want: 1},
		{name: "replace one line", a: "a\nb\nc\n", b: "a\nB\nc\n", want: 2},
		{name: "from empty", a: "", b: "a\nb\n", want: 2},
		{name: "CRLF is not a change", a: "a\r\nb\r\n", b: "a\nb\n", want: 0},
		{name: "two separate edits", a: "1\n2\n3\n4\n5\n", b: "1\nx\n3\n4\ny\n", want: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fix.Diff(tt.a, tt.b)
			if got := fix.Changed(d); got != tt.want {
				t.Errorf("changed %d lines, want %d: %v", got, tt.want, d)
			}
			o, n := reconstruct(d)
			if strings.Join(o, "\n") != strings.Join(strings.Split(strings.TrimSuffix(strings.ReplaceAll(tt.a, "\r", ""), "\n"), "\n"), "\n") && tt.a != "" {
				t.Errorf("old side %q", o)
			}
			if strings.Join(n, "\n") != strings.TrimSuffix(strings.ReplaceAll(tt.b, "\r", ""), "\n") {
				t.Errorf("new side %q", n)
			}
		})
	}
}

func FuzzSuggest(f *testing.F) {
	for _, s := range []string{xmlTwoRules, cliJSON, consoleInline, "[]", "<CORSConfiguration/>", `{"CORSRules": [{"AllowedOrigins": "x"}]}`} {
		f.Add(s, "https://app.example.com", "PUT", "content-type,x-amz-date", true, "ETag")
		f.Add(s, "https://new.example", "GET", "", false, "")
	}
	f.Fuzz(func(t *testing.T, src, origin, method, headers string, cred bool, expose string) {
		cfg, err := config.Parse([]byte(src))
		if err != nil {
			cfg = nil
		}
		need := fix.Need{Origin: origin, Method: method, Headers: strings.Split(headers, ","), Credentials: cred, Expose: strings.Split(expose, ",")}
		fx := fix.Suggest([]byte(src), cfg, need)
		if fx == nil {
			return
		}
		if _, err := config.Parse([]byte(fx.Config)); err != nil {
			t.Fatalf("fixed text does not parse: %v\n%s", err, fx.Config)
		}
		_, n := reconstruct(fx.Diff)
		if strings.Join(n, "\n") != strings.TrimSuffix(strings.ReplaceAll(fx.Config, "\r\n", "\n"), "\n") {
			t.Fatalf("diff does not rebuild the new text")
		}
	})
}

// BenchmarkSuggest100 suggests a fix for a request that the last of 100
// rules almost allows (the header is missing), in a 100-rule configuration.
func BenchmarkSuggest100(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<CORSConfiguration>\n")
	for i := 0; i < 100; i++ {
		sb.WriteString("  <CORSRule>\n    <AllowedOrigin>https://app" + strings.Repeat("x", i%7) + ".example.com</AllowedOrigin>\n")
		if i == 99 {
			sb.WriteString("    <AllowedOrigin>https://target.example.com</AllowedOrigin>\n")
		}
		sb.WriteString("    <AllowedMethod>GET</AllowedMethod>\n    <AllowedMethod>PUT</AllowedMethod>\n    <ExposeHeader>ETag</ExposeHeader>\n  </CORSRule>\n")
	}
	sb.WriteString("</CORSConfiguration>\n")
	src := []byte(sb.String())
	cfg, err := config.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	need := fix.Need{Origin: "https://target.example.com", Method: "PUT", Headers: []string{"content-type"}, Expose: []string{"ETag"}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if f := fix.Suggest(src, cfg, need); f == nil || f.Rule != 99 {
			b.Fatal("unexpected fix", f)
		}
	}
}
