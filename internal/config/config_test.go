package config_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"corsplay/internal/config"
)

type wantValue struct {
	field        config.Field
	text         string
	line, column int
}

var parseTests = []struct {
	name      string
	src       string
	form      config.Form
	rules     int
	values    []wantValue // checked in order against all values of all rules
	unknown   []string    // unknown element/key names, any level
	syntaxErr string      // substring of the *SyntaxError message
	syntaxAt  [2]int      // its line and column, when given
}{
	{
		name:  "xml with declaration and namespace",
		src:   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n  <CORSRule>\n    <AllowedOrigin>https://a.example</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n</CORSConfiguration>",
		form:  config.XML,
		rules: 1,
		values: []wantValue{
			{config.FieldAllowedOrigin, "https://a.example", 4, 20},
			{config.FieldAllowedMethod, "GET", 5, 20},
		},
	},
	{
		name:  "xml without namespace, fields in any order, entities decoded",
		src:   "<CORSConfiguration><CORSRule><MaxAgeSeconds>5</MaxAgeSeconds><AllowedHeader>a&amp;b</AllowedHeader><ID>x</ID><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>*</AllowedOrigin><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>",
		form:  config.XML,
		rules: 1,
		values: []wantValue{
			{config.FieldMaxAgeSeconds, "5", 1, 45},
			{config.FieldAllowedHeader, "a&b", 1, 77},
			{config.FieldID, "x", 1, 104},
			{config.FieldAllowedMethod, "PUT", 1, 125},
			{config.FieldAllowedOrigin, "*", 1, 159},
			{config.FieldExposeHeader, "ETag", 1, 190},
		},
	},
	{
		name:   "columns count code points, not bytes",
		src:    "<CORSConfiguration><!-- é --><CORSRule><AllowedOrigin>é</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
		form:   config.XML,
		rules:  1,
		values: []wantValue{{config.FieldAllowedOrigin, "é", 1, 55}, {config.FieldAllowedMethod, "GET", 1, 87}},
	},
	{
		name:    "unknown elements are kept for validation",
		src:     "<CORSConfiguration><CORSRule><AllowedOrigins>x</AllowedOrigins><AllowedMethod>GET</AllowedMethod></CORSRule><Other/></CORSConfiguration>",
		form:    config.XML,
		rules:   1,
		values:  []wantValue{{config.FieldAllowedMethod, "GET", 1, 79}},
		unknown: []string{"Other", "AllowedOrigins"},
	},
	{
		name:  "aws-cli json",
		src:   "{\n  \"CORSRules\": [\n    {\"AllowedOrigins\": [\"https://a.example\"], \"AllowedMethods\": [\"GET\", \"HEAD\"], \"MaxAgeSeconds\": 30}\n  ]\n}",
		form:  config.CLIJSON,
		rules: 1,
		values: []wantValue{
			{config.FieldAllowedOrigin, "https://a.example", 3, 25},
			{config.FieldAllowedMethod, "GET", 3, 66},
			{config.FieldAllowedMethod, "HEAD", 3, 73},
			{config.FieldMaxAgeSeconds, "30", 3, 99},
		},
	},
	{
		name:   "console json, escapes decoded",
		src:    `[{"AllowedOrigins": ["https://\u00e9.example"], "AllowedMethods": ["GET"]}]`,
		form:   config.ConsoleJSON,
		rules:  1,
		values: []wantValue{{config.FieldAllowedOrigin, "https://é.example", 1, 22}, {config.FieldAllowedMethod, "GET", 1, 68}},
	},
	{
		name:    "json wrapper the aws-cli does not take",
		src:     `{"CORSConfiguration": {"CORSRules": []}}`,
		form:    config.CLIJSON,
		rules:   0,
		unknown: []string{"CORSConfiguration"},
	},
	{name: "byte order mark", src: "\uFEFF<CORSConfiguration><CORSRule/></CORSConfiguration>", form: config.XML, rules: 1},
	{name: "not well-formed: unclosed", src: "<CORSConfiguration><CORSRule>", syntaxErr: "unexpected end", syntaxAt: [2]int{1, 30}},
	{name: "not well-formed: mismatched", src: "<CORSConfiguration>\n<CORSRule></CORSConfiguration>", syntaxErr: "element <CORSRule> closed by </CORSConfiguration>"},
	{name: "two roots", src: "<CORSConfiguration/><CORSConfiguration/>", syntaxErr: "only one root element"},
	{name: "text before root", src: "hello <CORSConfiguration/>", syntaxErr: "text is not allowed before"},
	{name: "empty document", src: "   ", syntaxErr: "no root element"},
	{name: "NUL byte", src: "<CORSConfiguration>\x00</CORSConfiguration>", syntaxErr: "illegal character"},
	{name: "invalid UTF-8", src: "<CORSConfiguration>\xff</CORSConfiguration>", syntaxErr: "invalid UTF-8", syntaxAt: [2]int{1, 20}},
	{name: "undefined entity", src: "<!DOCTYPE x [<!ENTITY e \"boom\">]><CORSConfiguration>&e;</CORSConfiguration>", syntaxErr: "invalid character entity &e;"},
	{
		name:   "prefixed root, CDATA, character references and CRLF",
		src:    "<s3:CORSConfiguration xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">\r\n<s3:CORSRule><s3:AllowedOrigin><![CDATA[https://a<b]]></s3:AllowedOrigin><s3:AllowedMethod>G&#69;&#x54;</s3:AllowedMethod></s3:CORSRule></s3:CORSConfiguration>",
		form:   config.XML,
		rules:  1,
		values: []wantValue{{config.FieldAllowedOrigin, "https://a<b", 2, 32}, {config.FieldAllowedMethod, "GET", 2, 92}},
	},
	{name: "comments and processing instructions are skipped", src: "<?xml version=\"1.0\"?><!-- c --><CORSConfiguration><?pi x?><CORSRule><!-- inside --></CORSRule></CORSConfiguration><!-- after -->", form: config.XML, rules: 1},
	{name: "repeated attribute", src: `<CORSConfiguration a="1" a="2"/>`, syntaxErr: "attribute a repeated"},
	{name: "unquoted attribute", src: `<CORSConfiguration a=1/>`, syntaxErr: "must be quoted"},
	{name: "double hyphen in comment", src: `<CORSConfiguration><!-- a -- b --></CORSConfiguration>`, syntaxErr: `"--" is not allowed`},
	{name: "declaration not at the start", src: ` <?xml version="1.0"?><CORSConfiguration/>`, syntaxErr: "XML declaration must be at the very start"},
	{name: "bad character reference", src: `<CORSConfiguration>&#0;</CORSConfiguration>`, syntaxErr: "invalid character entity &#0;"},
	{name: "bare ampersand", src: `<CORSConfiguration>a & b</CORSConfiguration>`, syntaxErr: "no semicolon"},
	{name: "name starting with a digit", src: `<1CORSConfiguration/>`, syntaxErr: "expected an element name"},
	{name: "end tag without start", src: `</CORSConfiguration>`, syntaxErr: "unexpected end element"},
	{name: "CDATA end in text", src: `<CORSConfiguration>a]]>b</CORSConfiguration>`, syntaxErr: `"]]>" is not allowed`},
	{name: "json: trailing comma", src: `[{"AllowedOrigins": ["a"],}]`, syntaxErr: "expected a string key", syntaxAt: [2]int{1, 27}},
	{name: "json: too deep", src: strings.Repeat("[", 100), syntaxErr: "nested more than 64 levels"},
	{name: "json: text after", src: `[] x`, syntaxErr: "unexpected text after"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(tt.src))
			if tt.syntaxErr != "" {
				var se *config.SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("err = %v, want a SyntaxError containing %q", err, tt.syntaxErr)
				}
				if !strings.Contains(se.Msg, tt.syntaxErr) {
					t.Errorf("message %q does not contain %q", se.Msg, tt.syntaxErr)
				}
				if tt.syntaxAt != [2]int{} && (se.Pos.Line != tt.syntaxAt[0] || se.Pos.Column != tt.syntaxAt[1]) {
					t.Errorf("at %d:%d, want %d:%d", se.Pos.Line, se.Pos.Column, tt.syntaxAt[0], tt.syntaxAt[1])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Form != tt.form || len(cfg.Rules) != tt.rules {
				t.Fatalf("form %s with %d rules, want %s with %d", cfg.Form, len(cfg.Rules), tt.form, tt.rules)
			}
			var got []config.Value
			var unknown []string
			for _, u := range cfg.Unknown {
				unknown = append(unknown, u.Text)
			}
			for _, r := range cfg.Rules {
				got = append(got, r.Values...)
				for _, u := range r.Unknown {
					unknown = append(unknown, u.Text)
				}
			}
			if tt.values != nil && len(got) != len(tt.values) {
				t.Fatalf("%d values, want %d: %+v", len(got), len(tt.values), got)
			}
			for i, w := range tt.values {
				g := got[i]
				if g.Field != w.field || g.Text != w.text || g.Span.Start.Line != w.line || g.Span.Start.Column != w.column {
					t.Errorf("value %d = %s %q at %d:%d, want %s %q at %d:%d", i, g.Field, g.Text, g.Span.Start.Line, g.Span.Start.Column, w.field, w.text, w.line, w.column)
				}
			}
			if strings.Join(unknown, ",") != strings.Join(tt.unknown, ",") {
				t.Errorf("unknown = %v, want %v", unknown, tt.unknown)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	big := "<CORSConfiguration>" + strings.Repeat(" ", config.MaxXML) + "</CORSConfiguration>"
	_, err := config.Parse([]byte(big))
	var tl *config.TooLargeError
	if !errors.As(err, &tl) || tl.Size != len(big) {
		t.Fatalf("err = %v, want TooLargeError of %d bytes", err, len(big))
	}
	// JSON may be larger than 64 KB as pasted; what counts is the XML sent.
	js := "[" + strings.Repeat(" ", config.MaxXML) + "]"
	if _, err := config.Parse([]byte(js)); err != nil {
		t.Fatalf("indented JSON over 64 KB refused: %v", err)
	}
}

// TestValueSpans checks that a value's span covers exactly its text in the
// source, for XML (between the tags) and JSON (the quoted token).
func TestValueSpans(t *testing.T) {
	srcs := []string{
		"<CORSConfiguration>\n <CORSRule>\n  <AllowedOrigin>https://ü.example</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n </CORSRule>\n</CORSConfiguration>\n",
		"{\"CORSRules\": [{\"AllowedOrigins\": [\"https://ü.example\"], \"AllowedMethods\": [\"GET\"]}]}",
	}
	for _, src := range srcs {
		cfg, err := config.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range cfg.Rules[0].Values {
			got := src[v.Span.Start.Offset:v.Span.End.Offset]
			if cfg.Form != config.XML {
				got = strings.Trim(got, `"`)
			}
			if got != v.Text {
				t.Errorf("%s: span holds %q, value is %q", cfg.Form, got, v.Text)
			}
		}
	}
}

var roundTripSources = []string{
	`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><ID>r1</ID><AllowedOrigin>https://a.example</AllowedOrigin><AllowedOrigin>http://*.b.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-request-id</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
	`{"CORSRules": [{"AllowedHeaders": ["Authorization", "x-amz-*"], "AllowedMethods": ["POST"], "AllowedOrigins": ["https://a&b<c>.example"], "ExposeHeaders": [], "MaxAgeSeconds": 0}]}`,
	`[{"ID": "quote \" and 'apostrophe'", "AllowedOrigins": [""], "AllowedMethods": ["DELETE", "HEAD"]}]`,
}

// TestRoundTrip converts every source through every form and back: the
// same rules, the same values per field, in the same order.
func TestRoundTrip(t *testing.T) {
	forms := []config.Form{config.XML, config.CLIJSON, config.ConsoleJSON}
	for _, src := range roundTripSources {
		orig, err := config.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, f1 := range forms {
			for _, f2 := range forms {
				a, err := config.Parse(config.Format(orig, f1))
				if err != nil {
					t.Fatalf("%s: %v", f1, err)
				}
				b, err := config.Parse(config.Format(a, f2))
				if err != nil {
					t.Fatalf("%s→%s: %v", f1, f2, err)
				}
				if b.Form != f2 {
					t.Errorf("Format(%s) parsed as %s", f2, b.Form)
				}
				if d := diffRules(orig, b); d != "" {
					t.Errorf("%s → %s → %s: %s", orig.Form, f1, f2, d)
				}
			}
		}
	}
}

func diffRules(a, b *config.Config) string {
	if len(a.Rules) != len(b.Rules) {
		return "rule count differs"
	}
	for i := range a.Rules {
		for _, f := range []config.Field{config.FieldID, config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldMaxAgeSeconds} {
			x, y := a.Rules[i].Texts(f), b.Rules[i].Texts(f)
			if strings.Join(x, "\x00") != strings.Join(y, "\x00") || len(x) != len(y) {
				return "rule " + string(rune('0'+i)) + " " + string(f) + ": " + strings.Join(x, "|") + " vs " + strings.Join(y, "|")
			}
		}
	}
	return ""
}

// FuzzParse: any bytes give a config or an error, never a panic; positions
// stay inside the text; and a config without anything S3 does not know
// round-trips through XML.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add([]byte(tt.src))
	}
	for _, s := range roundTripSources {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := config.Parse(src)
		if err != nil {
			if cfg != nil {
				t.Fatal("both a config and an error")
			}
			return
		}
		clean := len(cfg.Unknown) == 0 && len(cfg.Stray) == 0
		for _, r := range cfg.Rules {
			if r.Span.Start.Offset < 0 || r.Span.End.Offset > len(src) || r.Span.Start.Offset > r.Span.End.Offset {
				t.Fatalf("rule span %+v outside %d bytes", r.Span, len(src))
			}
			for _, v := range r.Values {
				if v.Span.Start.Offset < r.Span.Start.Offset || v.Span.End.Offset > r.Span.End.Offset {
					t.Fatalf("value span %+v outside its rule %+v", v.Span, r.Span)
				}
				if !xmlSafe(v.Text) || (v.Kind != "" && v.Kind != "string") {
					clean = false
				}
			}
			clean = clean && len(r.Unknown) == 0 && len(r.Stray) == 0
		}
		if !clean {
			return
		}
		back, err := config.Parse(config.Format(cfg, config.XML))
		if err != nil {
			t.Fatalf("Format(XML) does not parse: %v\n%s", err, config.Format(cfg, config.XML))
		}
		if d := diffRules(cfg, back); d != "" {
			t.Fatalf("XML round trip: %s", d)
		}
	})
}

// xmlSafe reports whether s can be written as XML text and read back as
// itself (XML has no way to write most control characters, and normalises
// line ends).
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
	}
	return true
}
