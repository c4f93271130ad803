package expect

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// wrap puts tests (a JSON list's inside) into a file whose tests start on
// line 2.
func wrap(tests string) string {
	return `{"format": "corsplay-tests/1",` + "\n" + `"tests": [` + tests + `]}`
}

const okFetch = `"fetch": {"origin": "https://app.example.com", "url": "https://b.s3.amazonaws.com/k"}`
const okRequest = `"request": {"method": "GET", "headers": {"Origin": "https://app.example.com"}}`

type decodeErrorCase struct {
	name      string
	in        string
	line, col int
	msg       string // a part of the message
}

func decodeErrorCases() []decodeErrorCase {
	return []decodeErrorCase{
		{name: "not an object", in: `[1]`, line: 1, col: 1, msg: "a test file is a JSON object"},
		{name: "empty", in: ``, line: 1, col: 1, msg: "not the end of the file"},
		{name: "no format", in: `{"tests": []}`, line: 1, col: 1, msg: `"format" is missing`},
		{name: "wrong format", in: `{"format": "corsplay-tests/2", "tests": []}`, line: 1, col: 12, msg: `format "corsplay-tests/2" is not one corsplay reads`},
		{name: "format not a string", in: `{"format": 1}`, line: 1, col: 12, msg: "format must be a string, not a number"},
		{name: "no tests", in: `{"format": "corsplay-tests/1"}`, line: 1, col: 1, msg: `"tests" is missing`},
		{name: "unknown top member", in: "{\"format\": \"corsplay-tests/1\",\n  \"test\": []}", line: 2, col: 3, msg: `unknown member "test" (a test file has "format"`},
		{name: "repeated member", in: `{"format": "corsplay-tests/1", "format": "corsplay-tests/1"}`, line: 1, col: 32, msg: `"format" is given twice`},
		{name: "trailing data", in: `{"format": "corsplay-tests/1", "tests": []} x`, line: 1, col: 45, msg: "unexpected data"},
		{name: "config null", in: `{"format": "corsplay-tests/1", "config": null, "tests": []}`, line: 1, col: 42, msg: "config must be a string, not null"},
		{name: "bucket exists type", in: `{"format": "corsplay-tests/1", "bucket": {"exists": "yes"}, "tests": []}`, line: 1, col: 53, msg: "bucket.exists must be true or false, not a string"},
		{name: "bucket unknown", in: `{"format": "corsplay-tests/1", "bucket": {"cors": ""}, "tests": []}`, line: 1, col: 43, msg: `bucket: unknown member "cors" (a bucket has "exists")`},
		{name: "tests not a list", in: `{"format": "corsplay-tests/1", "tests": {}}`, line: 1, col: 41, msg: "tests must be a list of tests, not an object"},
		{name: "test not an object", in: wrap(`"x"`), line: 2, col: 11, msg: "tests[0] must be a test"},
		{name: "unknown test member", in: wrap(`{"name": "a", "fecth": {}}`), line: 2, col: 25, msg: `tests[0]: unknown member "fecth" (a test has "name"`},
		{name: "no name", in: wrap(`{` + okFetch + `, "expect": {"allowed": true}}`), line: 2, col: 11, msg: `tests[0]: "name" is missing`},
		{name: "empty name", in: wrap(`{"name": "", ` + okFetch + `, "expect": {"allowed": true}}`), line: 2, col: 20, msg: "tests[0].name is empty"},
		{name: "name with newline", in: wrap(`{"name": "a\nb", ` + okFetch + `, "expect": {"allowed": true}}`), line: 2, col: 20, msg: "control character"},
		{name: "name too long", in: wrap(`{"name": "` + strings.Repeat("n", MaxName+1) + `", ` + okFetch + `, "expect": {"allowed": true}}`), line: 2, col: 20, msg: "201 bytes; at most 200"},
		{name: "duplicate name", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true}},` + "\n" + `{"name": "a", ` + okFetch + `, "expect": {"allowed": true}}`), line: 3, col: 10, msg: `tests[1].name: "a" is already the name of tests[0] (line 2)`},
		{name: "neither fetch nor request", in: wrap(`{"name": "a", "expect": {"allowed": true}}`), line: 2, col: 11, msg: `a test has a "fetch"`},
		{name: "both fetch and request", in: wrap(`{"name": "a", ` + okFetch + `, ` + okRequest + `, "expect": {"status": 200}}`), line: 2, col: 123, msg: "not both"},
		{name: "browser on a request", in: wrap(`{"name": "a", "browser": "chrome", ` + okRequest + `, "expect": {"status": 200}}`), line: 2, col: 36, msg: "only a test with a \"fetch\" is judged by a browser"},
		{name: "unknown browser", in: wrap(`{"name": "a", "browser": "edge", ` + okFetch + `, "expect": {"allowed": true}}`), line: 2, col: 36, msg: `browser "edge" is not one corsplay models`},
		{name: "no expect", in: wrap(`{"name": "a", ` + okFetch + `}`), line: 2, col: 11, msg: `"expect" is missing`},
		{name: "fetch without origin", in: wrap(`{"name": "a", "fetch": {"url": "https://b.s3.amazonaws.com/k"}, "expect": {"allowed": true}}`), line: 2, col: 34, msg: "fetch.origin is required"},
		{name: "fetch bad url", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "url": "ftp://x/"}, "expect": {"allowed": true}}`), line: 2, col: 34, msg: `uses the "ftp" scheme`},
		{name: "fetch unknown member", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "body": "x"}}`), line: 2, col: 66, msg: `tests[0].fetch: unknown member "body" (a fetch has "origin"`},
		{name: "fetch headers wrong", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "headers": ["x"]}}`), line: 2, col: 78, msg: `tests[0].fetch.headers[0] must be a ["name", "value"] pair, not a string`},
		{name: "fetch header pair of three", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "headers": [["a", "b", "c"]]}}`), line: 2, col: 89, msg: "two strings"},
		{name: "fetch header pair of one", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "headers": [["a"]]}}`), line: 2, col: 78, msg: "two strings"},
		{name: "fetch header value number", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "headers": {"X-A": 1}}}`), line: 2, col: 85, msg: "tests[0].fetch.headers.X-A must be a string, not a number"},
		{name: "request without method", in: wrap(`{"name": "a", "request": {"target": "object"}, "expect": {"status": 200}}`), line: 2, col: 36, msg: `tests[0].request: "method" is missing`},
		{name: "request bad target", in: wrap(`{"name": "a", "request": {"method": "GET", "target": "key"}, "expect": {"status": 200}}`), line: 2, col: 36, msg: `target "key" must be`},
		{name: "request operationStatus float", in: wrap(`{"name": "a", "request": {"method": "GET", "operationStatus": 200.5}}`), line: 2, col: 73, msg: "operationStatus must be an integer, not 200.5"},
		{name: "request operationStatus range", in: wrap(`{"name": "a", "request": {"method": "GET", "operationStatus": 700}, "expect": {"status": 200}}`), line: 2, col: 36, msg: "operationStatus 700 is not an HTTP status"},
		{name: "request header with newline", in: wrap(`{"name": "a", "request": {"method": "GET", "headers": [["X", "a\r\nb"]]}, "expect": {"status": 200}}`), line: 2, col: 36, msg: "line break"},
		{name: "expect unknown", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"alowed": true}}`), line: 2, col: 123, msg: `tests[0].expect: unknown member "alowed" (an expect object has "allowed"`},
		{name: "allowed not bool", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": "yes"}}`), line: 2, col: 134, msg: "tests[0].expect.allowed must be true or false, not a string"},
		{name: "browser test without allowed", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"preflight": true}}`), line: 2, col: 122, msg: `a browser-level test expects "allowed"`},
		{name: "status on a fetch", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "status": 200}}`), line: 2, col: 150, msg: "tests[0].expect.status is an S3-level expectation"},
		{name: "headers on a fetch", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "headers": {}}}`), line: 2, col: 151, msg: "tests[0].expect.headers is an S3-level expectation"},
		{name: "allowed on a request", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"allowed": true}}`), line: 2, col: 127, msg: "tests[0].expect.allowed is a browser-level expectation"},
		{name: "request expects nothing", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {}}`), line: 2, col: 115, msg: `an S3-level test expects a "status", "headers", or both`},
		{name: "blocked yet readable", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": false, "readable": ["ETag"]}}`), line: 2, col: 153, msg: "nothing can be readable when allowed is false"},
		{name: "allowed with a message", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "message": "x"}}`), line: 2, col: 151, msg: "no message can be expected when allowed is true"},
		{name: "empty message", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": false, "message": ""}}`), line: 2, col: 152, msg: "message is empty"},
		{name: "readable and not", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "readable": ["ETag"], "notReadable": ["etag"]}}`), line: 2, col: 177, msg: "etag is also in readable"},
		{name: "set-cookie readable", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "readable": ["Set-Cookie"]}}`), line: 2, col: 152, msg: "no script can read Set-Cookie"},
		{name: "readable bad name", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "readable": ["a b"]}}`), line: 2, col: 152, msg: `"a b" is not a valid header name`},
		{name: "readable not strings", in: wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "readable": [1]}}`), line: 2, col: 153, msg: "tests[0].expect.readable[0] must be a string, not a number"},
		{name: "preflight in no-cors", in: wrap(`{"name": "a", "fetch": {"origin": "https://a.example", "url": "https://b.s3.amazonaws.com/k", "mode": "no-cors"}, "expect": {"allowed": false, "preflight": true}}`), line: 2, col: 167, msg: `mode "no-cors" never sends a preflight`},
		{name: "status range", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"status": 99}}`), line: 2, col: 126, msg: "status 99 is not an HTTP status"},
		{name: "status string", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"status": "200"}}`), line: 2, col: 126, msg: "status must be an integer, not a string"},
		{name: "expected header repeated", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"headers": {"Vary": null, "vary": "Origin"}}}`), line: 2, col: 142, msg: "vary is given twice"},
		{name: "expected header value number", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"headers": {"Vary": 1}}}`), line: 2, col: 136, msg: "tests[0].expect.headers.Vary must be the header's exact value"},
		{name: "expected header bad name", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"headers": {"": "x"}}}`), line: 2, col: 128, msg: `"" is not a valid HTTP header name`},
		{name: "bad escape", in: `{"format": "corsplay-tests/1", "tests": [], "config": "\q"}`, line: 1, col: 56, msg: "bad escape"},
		{name: "unterminated string", in: `{"format": "corsplay-t`, line: 1, col: 12, msg: "never ends"},
		{name: "columns count code points", in: "{\"format\": \"corsplay-tests/1\", \"tests\": [], \"config\": \"é\", \"é\": 1}", line: 1, col: 60, msg: `unknown member "é"`},
		{name: "missing comma", in: `{"format": "corsplay-tests/1" "tests": []}`, line: 1, col: 31, msg: "expected ',' or '}'"},
		{name: "deep nesting", in: `{"format": "corsplay-tests/1", "tests": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`, line: 1, col: 42, msg: "tests[0] must be a test"},
		{name: "huge number", in: wrap(`{"name": "a", ` + okRequest + `, "expect": {"status": 1e999999999}}`), line: 2, col: 126, msg: "must be an integer, not 1e999999999"},
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := decodeErrorCases()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error; decoded %+v", f)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T, want *Error: %v", err, err)
			}
			if e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %d:%d: %s\nwant %d:%d: …%s…", e.Line, e.Column, e.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	t.Run("file size", func(t *testing.T) {
		_, err := Decode(make([]byte, MaxFile+1))
		if err == nil || !strings.Contains(err.Error(), "corsplay reads at most 8388608") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("test count", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{"format": "corsplay-tests/1", "tests": [`)
		for i := range MaxTests + 1 {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(`{"name": "t` + strconv.Itoa(i) + `", ` + okFetch + `, "expect": {"allowed": true}}`)
		}
		b.WriteString("]}")
		_, err := Decode([]byte(b.String()))
		var e *Error
		if !errors.As(err, &e) || e.Line != MaxTests+1 || !strings.Contains(e.Msg, "at most 10000 tests") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("list length", func(t *testing.T) {
		names := strings.Repeat(`"X-A",`, MaxList) + `"X-B"`
		_, err := Decode([]byte(wrap(`{"name": "a", ` + okFetch + `, "expect": {"allowed": true, "readable": [` + names + `]}}`)))
		if err == nil || !strings.Contains(err.Error(), "at most 200 items") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestDecodeExample(t *testing.T) {
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Config == nil || !strings.HasPrefix(*f.Config, "<CORSConfiguration>") || f.ConfigPos.Line != 2 || !f.Exists || len(f.Tests) != 3 {
		t.Fatalf("decoded %+v", f)
	}
	up := f.Tests[0]
	if up.Name != "app uploads" || up.Browser != "chrome" || up.Pos != (Pos{Line: 5, Column: 3, Offset: strings.Index(string(b), `{"name": "app uploads"`)}) ||
		up.Fetch.Method != "PUT" || len(up.Fetch.Headers) != 1 || up.Fetch.Credentials != "same-origin" ||
		up.Expect.Allowed == nil || !*up.Expect.Allowed || len(up.Expect.Readable) != 1 || up.Expect.ReadablePos.Line != 8 {
		t.Errorf("tests[0] decoded as %+v", up)
	}
	s3 := f.Tests[2]
	if s3.Level() != "s3" || s3.Request.Method != "OPTIONS" || s3.Expect.Status != 200 || len(s3.Expect.Headers) != 1 ||
		s3.Expect.Headers[0].Value == nil || *s3.Expect.Headers[0].Value != "https://app.example.com" {
		t.Errorf("tests[2] decoded as %+v", s3)
	}
}

// TestDecodeTestdata: every example test file decodes; every file under
// testdata/bad does not, and names the place its first line says.
func TestDecodeTestdata(t *testing.T) {
	good, _ := filepath.Glob("testdata/*.json")
	if len(good) < 3 {
		t.Fatalf("only %d example files", len(good))
	}
	for _, name := range good {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDecodeNullHeader(t *testing.T) {
	f, err := Decode([]byte(wrap(`{"name": "a", ` + okRequest + `, "expect": {"headers": {"Vary": null, "Access-Control-Allow-Origin": "*"}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	h := f.Tests[0].Expect.Headers
	if len(h) != 2 || h[0].Name != "Vary" || h[0].Value != nil || h[1].Value == nil || *h[1].Value != "*" || h[0].Pos.Line != 2 {
		t.Fatalf("got %+v", h)
	}
}
