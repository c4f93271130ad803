// Package expect reads and runs test files: the intent behind a CORS
// configuration, written down so that it is checked at every change. A
// test file has the format "corsplay-tests/1":
//
//	{"format": "corsplay-tests/1",
//	 "config": "<CORSConfiguration>…</CORSConfiguration>",
//	 "bucket": {"exists": true},
//	 "tests": [
//	  {"name": "app uploads", "browser": "chrome",
//	   "fetch": {"origin": "https://app.example.com", "url": "https://b.s3.us-east-1.amazonaws.com/k.png",
//	             "method": "PUT", "headers": {"Content-Type": "image/png"}},
//	   "expect": {"allowed": true, "readable": ["ETag"]}},
//	  {"name": "S3 level", "request": {"method": "OPTIONS", "target": "object",
//	     "headers": {"Origin": "https://app.example.com", "Access-Control-Request-Method": "PUT"}},
//	   "expect": {"status": 200, "headers": {"Access-Control-Allow-Origin": "https://app.example.com"}}}]}
//
// A browser-level test has a fetch (package browser's Fetch, judged for
// "browser", chrome by default) and expects "allowed", and optionally
// "readable" and "notReadable" response headers, "preflight" (whether one
// is sent) and a "message" substring of the browser's console message. An
// S3-level test has a request (scenario's Request) and expects a "status"
// and/or exact header values, null meaning the header is absent.
//
// Decode reads a file strictly: member names exactly as written here, no
// unknown or repeated members, no nulls except an absent header's, and
// expectations that could never hold (blocked yet readable, a header both
// readable and not, Set-Cookie readable...) are errors. Every error has its
// place (line, column). Limits: MaxFile bytes, MaxTests tests, MaxList
// items in a list; test names are unique, at most MaxName bytes, without
// control characters.
//
// A Runner runs a file's tests against a configuration through a
// runner.Runner, so a configuration is prepared once for all tests and,
// after an edit, prepared again from the previous one. Each Result says
// pass or fail, each failed check with what was expected and what
// happened, the rule that matched or came closest, S3's response and the
// browser's verdict in one sentence.
package expect
