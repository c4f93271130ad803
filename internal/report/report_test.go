package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update after checking):\n%s", name, got)
	}
}

// hostile is a test name and message that try to break out of each format.
const hostile = "evil, name: 100%\r\n::error file=x::owned <script>&\"'\x00\x1b\xff\u2028\U0001F600"

var findings = []Finding{
	{RuleID: "test-failed", Level: Error, Title: "corsplay test: app uploads", Message: "allowed: expected allowed, got blocked at the preflight (S3 answered 403)", File: "tests/cors.json", Line: 5, Column: 3},
	{RuleID: "lint/origin-wildcard", Level: Warning, Message: "Rule 1 allows any origin", File: `dir with space\c.xml`, Line: 2, Column: 20, EndLine: 2, EndColumn: 23},
	{RuleID: "unknown-rule", Level: Note, Title: hostile, Message: hostile, File: "a,b:c%.json", Line: 1},
	{RuleID: "test-failed", Level: Error, Message: "the file as a whole", File: "/abs/path.json"},
	{RuleID: "test-failed", Level: Error, Message: "no file at all"},
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		f    Finding
		want string
	}{
		{name: "plain", f: Finding{Level: Error, File: "t.json", Line: 5, Column: 3, Title: "corsplay test", Message: "expected allowed"},
			want: "::error file=t.json,line=5,col=3,title=corsplay test::expected allowed\n"},
		{name: "message escapes", f: Finding{Level: Warning, Message: "100% a\r\nb: c, d"},
			want: "::warning::100%25 a%0D%0Ab: c, d\n"},
		{name: "property escapes", f: Finding{Level: Note, File: "a,b:c%\n.json", Title: "x: y, z", Message: "m"},
			want: "::notice file=a%2Cb%3Ac%25%0A.json,title=x%3A y%2C z::m\n"},
		{name: "a command inside", f: Finding{Level: Error, Message: "::error file=x::owned\n::warning::two"},
			want: "::error::::error file=x::owned%0A::warning::two\n"},
		{name: "end column within a line", f: Finding{Level: Error, File: "f", Line: 2, Column: 3, EndLine: 2, EndColumn: 9, Message: "m"},
			want: "::error file=f,line=2,col=3,endLine=2,endColumn=9::m\n"},
		{name: "no end column across lines", f: Finding{Level: Error, File: "f", Line: 2, Column: 3, EndLine: 4, EndColumn: 9, Message: "m"},
			want: "::error file=f,line=2,col=3,endLine=4::m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(AppendGitHub(nil, []Finding{tt.f})); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestGitHubOneLineEach: whatever the text, each finding is one command
// line, and unescaping its parts (as the runner does) gives the text back.
func TestGitHubOneLineEach(t *testing.T) {
	out := string(AppendGitHub(nil, findings))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(findings) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(findings), out)
	}
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	// What a log line cannot hold reads back as U+FFFD.
	clean := strings.NewReplacer("\x00", "\uFFFD", "\x1b", "\uFFFD", "\xff", "\uFFFD")
	for i, l := range lines {
		if !strings.HasPrefix(l, "::") {
			t.Fatalf("line %d: %q", i, l)
		}
		head, msg, ok := strings.Cut(l[2:], "::")
		if !ok {
			t.Fatalf("line %d has no message: %q", i, l)
		}
		if got := unescape.Replace(msg); got != clean.Replace(findings[i].Message) {
			t.Errorf("line %d message reads back as %q, want %q", i, got, findings[i].Message)
		}
		if _, props, ok := strings.Cut(head, " "); ok {
			for _, p := range strings.Split(props, ",") {
				k, v, _ := strings.Cut(p, "=")
				if k == "title" && unescape.Replace(v) != clean.Replace(findings[i].Title) {
					t.Errorf("line %d title reads back as %q", i, unescape.Replace(v))
				}
				if k == "file" && unescape.Replace(v) != findings[i].File {
					t.Errorf("line %d file reads back as %q", i, unescape.Replace(v))
				}
			}
		}
	}
	golden(t, "github.golden", []byte(out))
}

// junit is the Surefire/Jenkins shape, as a consumer reads it.
type junit struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			ClassName string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	suites := []Suite{
		{Name: "tests/cors.json", Cases: []Case{
			{Name: "app uploads", ClassName: "tests/cors.json", File: "tests/cors.json", Line: 5},
			{Name: hostile, ClassName: "tests/cors.json", File: "tests/cors.json", Line: 9,
				Failure: &Problem{Message: hostile, Type: "allowed", Text: "line one\nline two: " + hostile}},
			{Name: "cannot run", ClassName: "tests/cors.json", Error: &Problem{Message: "the configuration cannot be read"}},
		}},
		{Name: "empty.json"},
	}
	out := AppendJUnit(nil, "corsplay test", suites)
	if !utf8.Valid(out) {
		t.Fatal("not UTF-8")
	}
	var j junit
	if err := xml.Unmarshal(out, &j); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	if j.Name != "corsplay test" || j.Tests != 3 || j.Failures != 1 || j.Errors != 1 || len(j.Suites) != 2 {
		t.Fatalf("testsuites %+v", j)
	}
	s := j.Suites[0]
	if s.Name != "tests/cors.json" || s.Tests != 3 || s.Failures != 1 || s.Errors != 1 || len(s.Cases) != 3 {
		t.Fatalf("testsuite %+v", s)
	}
	if c := s.Cases[0]; c.Name != "app uploads" || c.Line != 5 || c.Failure != nil || c.Error != nil {
		t.Errorf("passed case %+v", c)
	}
	// What XML 1.0 can hold reads back as written; the rest is U+FFFD.
	want := strings.NewReplacer("\x00", "\uFFFD", "\x1b", "\uFFFD", "\xff", "\uFFFD").Replace(hostile)
	if c := s.Cases[1]; c.Name != want || c.Failure == nil || c.Failure.Message != want || c.Failure.Type != "allowed" || c.Failure.Text != "line one\nline two: "+want {
		t.Errorf("failed case %+v\nwant name %q", c, want)
	}
	if c := s.Cases[2]; c.Error == nil || c.Error.Message != "the configuration cannot be read" || c.Failure != nil {
		t.Errorf("error case %+v", c)
	}
	if e := j.Suites[1]; e.Tests != 0 || len(e.Cases) != 0 {
		t.Errorf("empty suite %+v", e)
	}
	golden(t, "junit.golden", out)
}

// TestSARIF checks the log against SARIF 2.1.0's required properties and
// value constraints (sarif-schema-2.1.0.json): version, runs, tool.driver
// with a name, each rule's id, each result's message.text, a level from
// the enumeration, ruleIndex pointing at the rule with that id, URIs that
// parse, and regions whose lines and columns start at 1.
func TestSARIF(t *testing.T) {
	tool := Tool{Name: "corsplay", InformationURI: "https://github.com/corsplay/corsplay", Rules: []Rule{
		{ID: "test-failed", Description: "A test in a corsplay-tests/1 file failed."},
		{ID: "lint/origin-wildcard", Description: "Wildcard origin.", HelpURI: "https://example.com/help"},
	}}
	out := AppendSARIF(nil, tool, findings)
	var log map[string]any
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if log["version"] != "2.1.0" || log["$schema"] == nil {
		t.Fatalf("version %v", log["version"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "corsplay" {
		t.Errorf("driver %v", driver)
	}
	rules := driver["rules"].([]any)
	for _, r := range rules {
		if id, _ := r.(map[string]any)["id"].(string); id == "" {
			t.Errorf("rule without an id: %v", r)
		}
	}
	results := run["results"].([]any)
	if len(results) != len(findings) {
		t.Fatalf("%d results for %d findings", len(results), len(findings))
	}
	for i, x := range results {
		r := x.(map[string]any)
		if r["message"].(map[string]any)["text"] != strings.ToValidUTF8(findings[i].Message, "\uFFFD") {
			t.Errorf("result %d message %v", i, r["message"])
		}
		switch r["level"] {
		case "none", "note", "warning", "error":
		default:
			t.Errorf("result %d level %v", i, r["level"])
		}
		if r["ruleId"] != findings[i].RuleID {
			t.Errorf("result %d ruleId %v", i, r["ruleId"])
		}
		if k, ok := r["ruleIndex"].(float64); ok {
			if int(k) >= len(rules) || rules[int(k)].(map[string]any)["id"] != r["ruleId"] {
				t.Errorf("result %d ruleIndex %v does not name rule %v", i, k, r["ruleId"])
			}
		} else if findings[i].RuleID != "unknown-rule" {
			t.Errorf("result %d has no ruleIndex", i)
		}
		locs, _ := r["locations"].([]any)
		if (len(locs) == 1) != (findings[i].File != "") {
			t.Fatalf("result %d locations %v", i, locs)
		}
		if len(locs) == 0 {
			continue
		}
		pl := locs[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := pl["artifactLocation"].(map[string]any)["uri"].(string)
		if u, err := url.Parse(uri); err != nil {
			t.Errorf("result %d uri %q: %v", i, uri, err)
		} else if p, _ := url.PathUnescape(u.Path); !strings.HasSuffix(strings.ReplaceAll(findings[i].File, `\`, "/"), strings.TrimPrefix(p, "/")) {
			t.Errorf("result %d uri %q reads as %q, not %q", i, uri, p, findings[i].File)
		}
		if reg, ok := pl["region"].(map[string]any); ok {
			for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
				if v, ok := reg[k]; ok && v.(float64) < 1 {
					t.Errorf("result %d region %s = %v", i, k, v)
				}
			}
			if reg["startLine"].(float64) != float64(findings[i].Line) {
				t.Errorf("result %d startLine %v", i, reg["startLine"])
			}
		} else if findings[i].Line > 0 {
			t.Errorf("result %d has no region", i)
		}
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, out, "", "  "); err != nil {
		t.Fatal(err)
	}
	golden(t, "sarif.golden", pretty.Bytes())
}

func TestURI(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{name: "relative", path: "tests/cors.json", want: "tests/cors.json"},
		{name: "space and percent", path: "my dir/100%.json", want: "my%20dir/100%25.json"},
		{name: "windows separators", path: `dir\file.json`, want: "dir/file.json"},
		{name: "absolute", path: "/home/u/t.json", want: "file:///home/u/t.json"},
		{name: "drive letter", path: `C:\t.json`, want: "file:///C:/t.json"},
		{name: "non-ASCII", path: "é.json", want: "%C3%A9.json"},
		{name: "colon in a relative path", path: "a:b.json", want: "a%3Ab.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := URI(tt.path); got != tt.want {
				t.Errorf("URI(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}
