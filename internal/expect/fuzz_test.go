package expect

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"corsplay/internal/browser"
)

// FuzzDecode: Decode never panics; an error is an *Error whose line and
// column are those of its offset, counted here independently; a file it
// takes holds tests that each have a unique name, one of fetch and
// request, and places in increasing order, and runs without a panic.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, c := range decodeErrorCases() {
		f.Add([]byte(c.in))
	}
	r := NewRunner(nil)
	cfg := oneRule
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Decode(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T: %v", err, err)
			}
			if e.Offset < 0 || e.Offset > len(b) || e.Msg == "" {
				t.Fatalf("error at offset %d of %d: %q", e.Offset, len(b), e.Msg)
			}
			if len(b) <= MaxFile {
				if line, col := lineCol(b, e.Offset); line != e.Line || col != e.Column {
					t.Fatalf("offset %d is %d:%d, the error says %d:%d", e.Offset, line, col, e.Line, e.Column)
				}
			}
			return
		}
		names := map[string]bool{}
		last := -1
		for _, tt := range file.Tests {
			if tt.Name == "" || names[tt.Name] || (tt.Fetch == nil) == (tt.Request == nil) || tt.Pos.Offset <= last {
				t.Fatalf("test %+v", tt)
			}
			names[tt.Name] = true
			last = tt.Pos.Offset
			if line, col := lineCol(b, tt.Pos.Offset); line != tt.Pos.Line || col != tt.Pos.Column || b[tt.Pos.Offset] != '{' {
				t.Fatalf("test %q at %+v, which is %d:%d", tt.Name, tt.Pos, line, col)
			}
		}
		rep := r.Run(file, &cfg)
		if rep.Passed+rep.Failed != len(file.Tests) {
			t.Fatalf("%d passed, %d failed of %d", rep.Passed, rep.Failed, len(file.Tests))
		}
		_ = rep.AppendJSON(nil)
	})
}

// lineCol counts lines, and code points as utf8.RuneCount does, up to off.
func lineCol(b []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return bytes.Count(b[:off], []byte{'\n'}) + 1, utf8.RuneCount(b[start:off]) + 1
}

// FuzzExpectWhatHappens: for any fetch and any configuration, the test that
// expects exactly what happened (allowed or blocked, preflight or not, the
// readable headers, the console message) passes, as the page's "Expect
// allowed / Expect blocked" buttons rely on; the same test expecting the
// opposite verdict fails on the allowed check, with a reason.
func FuzzExpectWhatHappens(f *testing.F) {
	f.Add(oneRule, "https://app.example.com", "PUT", "Content-Type", "image/png", "", "chrome")
	f.Add(oneRule, "https://evil.example", "GET", "", "", "include", "firefox")
	f.Add(`[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"], "ExposeHeaders": ["*"]}]`, "http://localhost:3000", "HEAD", "Range", "bytes=0-", "omit", "safari")
	f.Add(`<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>DELETE</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`, "https://a.example.com", "DELETE", "Authorization", "x", "include", "chrome")
	r := NewRunner(nil)
	f.Fuzz(func(t *testing.T, cfg, origin, method, hname, hvalue, credentials, name string) {
		switch name {
		case browser.Chrome, browser.Firefox, browser.Safari:
		default:
			name = browser.Chrome
		}
		var hs Headers
		if hname != "" {
			hs = Headers{{hname, hvalue}}
		}
		fetch := &browser.Fetch{Origin: origin, URL: "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/k.png", Method: method, Headers: hs, Credentials: credentials}
		if _, _, _, err := browser.Normalise(*fetch, name); err != nil {
			return // Decode refuses such a fetch
		}
		yes := true
		probe := &File{Exists: true, Tests: []Test{{Name: "probe", Browser: name, Fetch: fetch, Expect: Expect{Allowed: &yes}}}}
		rep := r.Run(probe, &cfg)
		res := rep.Results[0]
		if rep.Error != "" || res.Error != "" {
			if res.Passed || res.Reason() == "" {
				t.Fatalf("a test that cannot run passed: %+v", res)
			}
			return
		}
		if res.Allowed == nil || res.Preflight == nil || res.Passed != *res.Allowed {
			t.Fatalf("probe %+v", res)
		}
		allowed, sent := *res.Allowed, *res.Preflight
		e := Expect{Allowed: &allowed, Preflight: &sent}
		if allowed {
			e.Readable = res.Readable
		} else if res.Message != "" {
			msg := res.Message
			e.Message = &msg
		}
		same := &File{Exists: true, Tests: []Test{{Name: "what happens", Browser: name, Fetch: fetch, Expect: e}}}
		if got := r.Run(same, &cfg).Results[0]; !got.Passed {
			t.Fatalf("the test of what happened fails: %s\nverdict: %s", got.Reason(), res.Summary)
		}
		not := !allowed
		opposite := &File{Exists: true, Tests: []Test{{Name: "the opposite", Browser: name, Fetch: fetch, Expect: Expect{Allowed: &not}}}}
		got := r.Run(opposite, &cfg).Results[0]
		if got.Passed || len(got.Failures) != 1 || got.Failures[0].Check != "allowed" ||
			!strings.HasPrefix(got.Reason(), "allowed: expected "+verdictWord(not)+", got "+verdictWord(allowed)[:5]) {
			t.Fatalf("the opposite test: passed %v, %s", got.Passed, got.Reason())
		}
	})
}
