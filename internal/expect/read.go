package expect

import (
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/header"
	"corsplay/internal/scenario"
)

// Decode reads a test file. The error, when there is one, is an *Error
// with the place of the first thing wrong.
func Decode(b []byte) (*File, error) {
	if len(b) > MaxFile {
		return nil, &Error{Pos: Pos{Line: 1, Column: 1}, Msg: "the test file is " + strconv.Itoa(len(b)) + " bytes; corsplay reads at most " + strconv.Itoa(MaxFile)}
	}
	d := &decoder{b: b, ln: lineCounter{b: b}}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		d.i = 3 // a byte order mark, as some editors write
	}
	f := d.file()
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

// Members each object may have, for messages about unknown ones.
const (
	fileMembers    = `"format", "config", "bucket", "tests" and "$schema"`
	testMembers    = `"name", "browser", "fetch", "request" and "expect"`
	fetchMembers   = `"origin", "url", "method", "headers", "credentials" and "mode"`
	requestMembers = `"method", "target", "headers" and "operationStatus"`
	expectMembers  = `"allowed", "readable", "notReadable", "preflight", "message" (browser level), "status" and "headers" (S3 level)`
)

func (d *decoder) unknown(key string, known string) {
	d.failAt(d.keyAt, d.whereParent()+": unknown member "+strconv.Quote(clip(key))+" ("+d.objectName()+" has "+known+")")
}

// whereParent is where() without the last step (the unknown member).
func (d *decoder) whereParent() string {
	last := d.path[len(d.path)-1]
	d.path = d.path[:len(d.path)-1]
	w := d.where()
	d.path = append(d.path, last)
	return w
}

// objectName names the kind of object the unknown member is in.
func (d *decoder) objectName() string {
	n := len(d.path)
	if n < 2 {
		return "a test file"
	}
	switch p := d.path[n-2]; p.key {
	case "", "tests":
		return "a test"
	case "expect":
		return "an expect object"
	default:
		return "a " + p.key
	}
}

func (d *decoder) file() *File {
	f := &File{Exists: true}
	d.ws()
	if d.peek() != '{' {
		d.fail(`a test file is a JSON object {"format": "` + Format + `", "tests": […]}, not ` + d.kind())
		return nil
	}
	rootAt := d.i
	var hasFormat, hasTests bool
	d.object(func(key string, at int) {
		switch key {
		case "format":
			hasFormat = true
			if s, ok := d.stringValue(); ok && s != Format {
				d.failAt(at, "format "+strconv.Quote(clip(s))+" is not one corsplay reads; this version reads "+strconv.Quote(Format))
			}
		case "$schema":
			d.stringValue()
		case "config":
			if s, ok := d.stringValue(); ok {
				f.Config, f.ConfigPos = &s, d.pos(at)
			}
		case "bucket":
			d.object(func(key string, at int) {
				switch key {
				case "exists":
					f.Exists, _ = d.boolValue()
				default:
					d.unknown(key, `"exists"`)
				}
			})
		case "tests":
			hasTests = true
			f.Tests = d.tests()
		default:
			d.unknown(key, fileMembers)
		}
	})
	if d.err != nil {
		return nil
	}
	d.ws()
	if d.i < len(d.b) {
		d.fail("unexpected data after the test file's object")
		return nil
	}
	if !hasFormat {
		d.failAt(rootAt, `"format" is missing: a test file starts {"format": "`+Format+`", …}`)
	}
	if !hasTests {
		d.failAt(rootAt, `"tests" is missing: a test file lists its tests in "tests": […]`)
	}
	return f
}

func (d *decoder) tests() []Test {
	if d.peek() != '[' {
		d.typeErr("a list of tests")
		return nil
	}
	var out []Test
	names := map[string]int{}
	d.array(func(n, at int) {
		if n == MaxTests {
			d.failAt(at, "tests: a file holds at most "+strconv.Itoa(MaxTests)+" tests")
			return
		}
		t, nameAt := d.test(at)
		if d.err != nil {
			return
		}
		if j, dup := names[t.Name]; dup {
			d.failAt(nameAt, d.where()+".name: "+strconv.Quote(t.Name)+" is already the name of tests["+strconv.Itoa(j)+"] (line "+strconv.Itoa(out[j].Pos.Line)+"); names must be unique")
			return
		}
		names[t.Name] = n
		out = append(out, t)
	})
	if out == nil {
		out = []Test{}
	}
	return out
}

// test reads one test and checks it as a whole; nameAt is where its name is.
func (d *decoder) test(at int) (t Test, nameAt int) {
	if d.peek() != '{' {
		d.typeErr(`a test, {"name": …, "fetch" or "request": …, "expect": …}`)
		return
	}
	t.Pos = d.pos(at)
	nameAt = -1
	browserAt, fetchAt, requestAt, expectAt := -1, -1, -1, -1
	d.object(func(key string, at int) {
		switch key {
		case "name":
			nameAt = at
			t.Name, _ = d.stringValue()
		case "browser":
			browserAt = at
			t.Browser, _ = d.stringValue()
		case "fetch":
			fetchAt = at
			t.Fetch = d.fetch()
		case "request":
			requestAt = at
			t.Request = d.request()
		case "expect":
			expectAt = at
			t.Expect = d.expect(at)
		default:
			d.unknown(key, testMembers)
		}
	})
	if d.err != nil {
		return
	}
	w := d.where()
	switch {
	case nameAt < 0:
		d.failAt(at, w+`: "name" is missing; every test has a name, unique in the file`)
	case t.Name == "":
		d.failAt(nameAt, w+".name is empty")
	case len(t.Name) > MaxName:
		d.failAt(nameAt, w+".name is "+strconv.Itoa(len(t.Name))+" bytes; at most "+strconv.Itoa(MaxName))
	case strings.ContainsFunc(t.Name, isControl):
		d.failAt(nameAt, w+".name contains a control character (a line break, a tab…); a name is one line of text")
	case fetchAt < 0 && requestAt < 0:
		d.failAt(at, w+`: a test has a "fetch" (what a page's script does, judged by a browser) or a "request" (what reaches S3)`)
	case fetchAt >= 0 && requestAt >= 0:
		d.failAt(requestAt, w+`: a test has a "fetch" or a "request", not both; write two tests`)
	case requestAt >= 0 && browserAt >= 0:
		d.failAt(browserAt, w+`.browser: only a test with a "fetch" is judged by a browser; a "request" goes straight to S3`)
	case expectAt < 0:
		d.failAt(at, w+`: "expect" is missing: what should happen`)
	}
	if d.err != nil {
		return
	}
	if browserAt >= 0 {
		switch t.Browser {
		case browser.Chrome, browser.Firefox, browser.Safari:
		default:
			d.failAt(browserAt, w+".browser "+strconv.Quote(clip(t.Browser))+` is not one corsplay models: "chrome", "firefox" or "safari"`)
			return
		}
	}
	if t.Fetch != nil {
		// What no browser would attempt is an error here, in the engine's
		// words, rather than a failed test at every run.
		if _, _, _, err := browser.Normalise(*t.Fetch, t.Browser); err != nil {
			d.failAt(fetchAt, w+": "+err.Error())
			return
		}
	} else if msg := checkRequest(t.Request); msg != "" {
		d.failAt(requestAt, w+".request: "+msg)
		return
	}
	d.push("expect", 0)
	d.checkExpect(&t, expectAt)
	d.pop()
	return
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029'
}

func (d *decoder) fetch() *browser.Fetch {
	f := &browser.Fetch{}
	d.object(func(key string, at int) {
		switch key {
		case "origin":
			f.Origin, _ = d.stringValue()
		case "url":
			f.URL, _ = d.stringValue()
		case "method":
			f.Method, _ = d.stringValue()
		case "headers":
			f.Headers, _ = d.headerList()
		case "credentials":
			f.Credentials, _ = d.stringValue()
		case "mode":
			f.Mode, _ = d.stringValue()
		default:
			d.unknown(key, fetchMembers)
		}
	})
	return f
}

func (d *decoder) request() *scenario.Request {
	r := &scenario.Request{}
	d.object(func(key string, at int) {
		switch key {
		case "method":
			r.Method, _ = d.stringValue()
		case "target":
			r.Target, _ = d.stringValue()
		case "headers":
			r.Headers, _ = d.headerList()
		case "operationStatus":
			r.OperationStatus, _ = d.intValue()
		default:
			d.unknown(key, requestMembers)
		}
	})
	return r
}

// checkRequest finds what S3 could not be sent, as the scenario contract
// refuses it, with the message the contract gives.
func checkRequest(r *scenario.Request) string {
	switch {
	case r.Method == "":
		return `"method" is missing (e.g. "GET", or "OPTIONS" for a preflight)`
	case !header.IsToken(r.Method):
		return "method " + strconv.Quote(clip(r.Method)) + " is not an HTTP method name"
	}
	switch r.Target {
	case "", "object", "bucket", "service":
	default:
		return "target " + strconv.Quote(clip(r.Target)) + ` must be "object", "bucket" or "service"`
	}
	for _, kv := range r.Headers {
		if !header.IsToken(kv[0]) {
			return "header name " + strconv.Quote(clip(kv[0])) + " is not a valid HTTP header name"
		}
		if strings.ContainsAny(kv[1], "\r\n\x00") {
			return "the value of header " + strconv.Quote(kv[0]) + " contains a line break or NUL, which HTTP does not allow"
		}
	}
	if st := r.OperationStatus; st != 0 && (st < 100 || st > 599) {
		return "operationStatus " + strconv.Itoa(st) + " is not an HTTP status (100–599)"
	}
	return ""
}

func (d *decoder) expect(at int) Expect {
	e := Expect{Pos: d.pos(at)}
	d.object(func(key string, at int) {
		switch key {
		case "allowed":
			e.AllowedPos = d.pos(at)
			if v, ok := d.boolValue(); ok {
				e.Allowed = &v
			}
		case "readable":
			e.ReadablePos = d.pos(at)
			e.Readable, _ = d.stringList()
		case "notReadable":
			e.NotReadablePos = d.pos(at)
			e.NotReadable, _ = d.stringList()
		case "preflight":
			e.PreflightPos = d.pos(at)
			if v, ok := d.boolValue(); ok {
				e.Preflight = &v
			}
		case "message":
			e.MessagePos = d.pos(at)
			if s, ok := d.stringValue(); ok {
				e.Message = &s
			}
		case "status":
			e.StatusPos = d.pos(at)
			e.Status, _ = d.intValue()
			if d.err == nil && (e.Status < 100 || e.Status > 599) {
				d.failAt(at, d.where()+" "+strconv.Itoa(e.Status)+" is not an HTTP status (100–599)")
			}
		case "headers":
			e.HeadersPos = d.pos(at)
			e.Headers = d.expectHeaders()
		default:
			d.unknown(key, expectMembers)
		}
	})
	return e
}

// expectHeaders reads {"Name": "exact value" or null}.
func (d *decoder) expectHeaders() []HeaderExpect {
	out := []HeaderExpect{}
	d.members(func(k string, keyAt, at int) {
		d.push(k, 0)
		defer d.pop()
		switch {
		case len(out) == MaxList:
			d.failAt(keyAt, d.whereParent()+": at most "+strconv.Itoa(MaxList)+" headers")
			return
		case !header.IsToken(k):
			d.failAt(keyAt, d.whereParent()+": "+strconv.Quote(clip(k))+" is not a valid HTTP header name")
			return
		}
		for _, h := range out {
			if strings.EqualFold(h.Name, k) {
				d.failAt(keyAt, d.whereParent()+": "+k+" is given twice (header names compare case-insensitively)")
				return
			}
		}
		h := HeaderExpect{Name: k, Pos: d.pos(keyAt)}
		if !d.literal("null") {
			if d.peek() != '"' {
				d.typeErr("the header's exact value (a string), or null for \"absent\"")
				return
			}
			v, ok := d.str()
			if !ok {
				return
			}
			h.Value = &v
		}
		out = append(out, h)
	})
	return out
}

// neverReadable: response headers no script reads, whatever S3 exposes
// (Fetch §2.2.6: forbidden response-header names).
var neverReadable = map[string]bool{"set-cookie": true, "set-cookie2": true}

// checkExpect refuses expectations that do not fit the test's level or
// could never all hold.
func (d *decoder) checkExpect(t *Test, at int) {
	e := &t.Expect
	w := d.where()
	if t.Fetch == nil {
		for _, c := range []struct {
			set  bool
			name string
			at   Pos
		}{{e.Allowed != nil, "allowed", e.AllowedPos}, {e.Readable != nil, "readable", e.ReadablePos},
			{e.NotReadable != nil, "notReadable", e.NotReadablePos}, {e.Preflight != nil, "preflight", e.PreflightPos},
			{e.Message != nil, "message", e.MessagePos}} {
			if c.set {
				d.failAt(c.at.Offset, w+"."+c.name+" is a browser-level expectation, and this test has a request (S3 level); give it a fetch, or expect a status and headers")
				return
			}
		}
		if e.Status == 0 && len(e.Headers) == 0 {
			d.failAt(at, w+`: an S3-level test expects a "status", "headers", or both`)
		}
		return
	}
	switch {
	case e.Status != 0:
		d.failAt(e.StatusPos.Offset, w+`.status is an S3-level expectation, and this test has a fetch (browser level), which sends up to two requests; expect "allowed", or test the request itself`)
		return
	case e.Headers != nil:
		d.failAt(e.HeadersPos.Offset, w+`.headers is an S3-level expectation, and this test has a fetch (browser level); expect "readable" or "notReadable" headers`)
		return
	case e.Allowed == nil:
		d.failAt(at, w+`: a browser-level test expects "allowed": true or false`)
		return
	}
	allowed := *e.Allowed
	if !allowed && len(e.Readable) > 0 {
		d.failAt(e.ReadablePos.Offset, w+".readable: a blocked fetch's script reads no headers at all, so nothing can be readable when allowed is false")
		return
	}
	if allowed && e.Message != nil {
		d.failAt(e.MessagePos.Offset, w+".message: an allowed fetch logs no CORS error, so no message can be expected when allowed is true")
		return
	}
	if e.Message != nil && *e.Message == "" {
		d.failAt(e.MessagePos.Offset, w+".message is empty; give a part of the console message, such as \"No 'Access-Control-Allow-Origin' header\"")
		return
	}
	mode := strings.TrimSpace(t.Fetch.Mode)
	if e.Preflight != nil && *e.Preflight && mode != "" && mode != "cors" {
		d.failAt(e.PreflightPos.Offset, w+".preflight: a fetch in mode "+strconv.Quote(mode)+" never sends a preflight")
		return
	}
	for i, n := range e.Readable {
		if !header.IsToken(n) {
			d.failAt(e.ReadablePos.Offset, w+".readable["+strconv.Itoa(i)+"]: "+strconv.Quote(clip(n))+" is not a valid header name")
			return
		}
		if neverReadable[strings.ToLower(n)] {
			d.failAt(e.ReadablePos.Offset, w+".readable["+strconv.Itoa(i)+"]: no script can read "+n+" (a forbidden response header), whatever S3 exposes")
			return
		}
		for _, m := range e.NotReadable {
			if strings.EqualFold(n, m) {
				d.failAt(e.NotReadablePos.Offset, w+".notReadable: "+m+" is also in readable; a header is one or the other")
				return
			}
		}
	}
	for i, n := range e.NotReadable {
		if !header.IsToken(n) {
			d.failAt(e.NotReadablePos.Offset, w+".notReadable["+strconv.Itoa(i)+"]: "+strconv.Quote(clip(n))+" is not a valid header name")
			return
		}
	}
}
