package paste_test

import (
	"errors"
	"strings"
	"testing"

	"corsplay/internal/browser"
	"corsplay/internal/paste"
)

type want struct {
	kind, browser, origin, url, method, credentials, resource, reason, value, redirectedFrom string
	preflight, body                                                                          bool
	status                                                                                   int
	headers                                                                                  string // name=value;… as the fetch sets them
	note                                                                                     string // a substring of one note or question
	ask                                                                                      string // field=filled;… of what the paste asks for
}

func askString(as []paste.Ask) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, a.Field+"="+a.Filled)
	}
	return strings.Join(parts, ";")
}

func headerString(h [][2]string) string {
	var parts []string
	for _, kv := range h {
		parts = append(parts, kv[0]+"="+kv[1])
	}
	return strings.Join(parts, ";")
}

var cases = []struct {
	name string
	text string
	want want
}{
	{name: "chrome: preflight, no ACAO (S3 403)",
		text: `Access to fetch at 'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://app.example.com", url: "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc",
			resource: "fetch", reason: "MissingAllowOriginHeader", preflight: true, method: "PUT", note: "names neither the method nor a header", ask: "method=PUT"}},
	{name: "chrome: actual request, older trailing opaque-response advice, in a noisy log",
		text: "app.js:12 Uploading…\n" +
			"index.html:1 Access to fetch at 'https://media.example.com/a.png' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n" +
			"a.png:1  GET https://media.example.com/a.png net::ERR_FAILED 200 (OK)\n",
		want: want{kind: "chrome", browser: "chrome", origin: "http://localhost:3000", url: "https://media.example.com/a.png", resource: "fetch", reason: "MissingAllowOriginHeader"}},
	{name: "chrome: redirected from",
		text: `Access to XMLHttpRequest at 'https://bucket.s3.eu-west-1.amazonaws.com/k' (redirected from 'https://bucket.s3.amazonaws.com/k') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://app.example.com", url: "https://bucket.s3.eu-west-1.amazonaws.com/k",
			redirectedFrom: "https://bucket.s3.amazonaws.com/k", resource: "XMLHttpRequest", reason: "MissingAllowOriginHeader", note: "redirected from"}},
	{name: "chrome: wildcard with credentials (XHR wording)",
		text: `Access to XMLHttpRequest at 'https://cdn.example.com/v.m3u8' from origin 'https://watch.example.com' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://watch.example.com", url: "https://cdn.example.com/v.m3u8", resource: "XMLHttpRequest",
			reason: "WildcardOriginNotAllowed", credentials: "include", note: "exact origin"}},
	{name: "chrome: header not allowed",
		text: `Access to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://a.example' has been blocked by CORS policy: Request header field x-amz-checksum-crc32 is not allowed by Access-Control-Allow-Headers in preflight response.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", resource: "fetch",
			reason: "HeaderDisallowedByPreflightResponse", preflight: true, headers: "x-amz-checksum-crc32=", note: "GET is filled in", ask: "method=GET"}},
	{name: "chrome: method not allowed",
		text: `Access to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://a.example' has been blocked by CORS policy: Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", resource: "fetch",
			reason: "MethodDisallowedByPreflightResponse", preflight: true, method: "DELETE"}},
	{name: "chrome: redirect on preflight",
		text: `Access to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://a.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", resource: "fetch",
			reason: "PreflightDisallowedRedirect", preflight: true, method: "PUT", note: "regional", ask: "method=PUT"}},
	{name: "chrome: ACAO mismatch, font",
		text: `Access to font at 'https://d111111abcdef8.cloudfront.net/f.woff2' from origin 'https://www.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://example.com' that is not equal to the supplied origin.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://www.example.com", url: "https://d111111abcdef8.cloudfront.net/f.woff2", resource: "font",
			reason: "AllowOriginMismatch", value: "https://example.com", note: "cache key"}},
	{name: "chrome: not ok status (something in front of S3)",
		text: `Access to fetch at 'https://api.example.com/s3/k' from origin 'https://a.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`,
		want: want{kind: "chrome", browser: "chrome", origin: "https://a.example", url: "https://api.example.com/s3/k", resource: "fetch",
			reason: "PreflightInvalidStatus", preflight: true, method: "PUT", note: "in front of S3", ask: "method=PUT"}},
	{name: "chrome-old: XMLHttpRequest cannot load, status 403",
		text: `XMLHttpRequest cannot load https://mybucket.s3.amazonaws.com/photo.jpg. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8080' is therefore not allowed access. The response had HTTP status code 403.`,
		want: want{kind: "chrome-old", browser: "chrome", origin: "http://localhost:8080", url: "https://mybucket.s3.amazonaws.com/photo.jpg", resource: "XMLHttpRequest",
			reason: "MissingAllowOriginHeader", preflight: true, method: "PUT", status: 403, note: "before 2019", ask: "method=PUT"}},
	{name: "chrome-old: Failed to load",
		text: `Failed to load https://b.s3.amazonaws.com/x: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://a.example' is therefore not allowed access.`,
		want: want{kind: "chrome-old", browser: "chrome", origin: "https://a.example", url: "https://b.s3.amazonaws.com/x", reason: "MissingAllowOriginHeader"}},
	{name: "chrome-old: preflight invalid (redirect)",
		text: `XMLHttpRequest cannot load https://b.s3.amazonaws.com/x. Response for preflight is invalid (redirect)`,
		want: want{kind: "chrome-old", browser: "chrome", url: "https://b.s3.amazonaws.com/x", resource: "XMLHttpRequest", reason: "PreflightDisallowedRedirect", preflight: true, method: "PUT", note: "page's origin", ask: "origin=;method=PUT"}},
	{name: "firefox: missing ACAO with status, curly quotes",
		text: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.",
		want: want{kind: "firefox", browser: "firefox", url: "https://b.s3.amazonaws.com/k", reason: "MissingAllowOriginHeader", status: 200, note: "page's origin", ask: "origin="}},
	{name: "firefox: preflight did not succeed",
		text: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k?x=1. (Reason: CORS preflight response did not succeed). Status code: 403.",
		want: want{kind: "firefox", browser: "firefox", url: "https://b.s3.amazonaws.com/k?x=1", reason: "PreflightInvalidStatus", preflight: true, method: "PUT", status: 403, ask: "origin=;method=PUT"}},
	{name: "firefox: credentials, URL quoted",
		text: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘https://b.s3.amazonaws.com/k’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
		want: want{kind: "firefox", browser: "firefox", url: "https://b.s3.amazonaws.com/k", reason: "WildcardOriginNotAllowed", credentials: "include", ask: "origin="}},
	{name: "firefox: header not allowed",
		text: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k. (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).",
		want: want{kind: "firefox", browser: "firefox", url: "https://b.s3.amazonaws.com/k", reason: "HeaderDisallowedByPreflightResponse", preflight: true, headers: "content-type=", note: "GET is filled in", ask: "origin=;method=GET"}},
	{name: "firefox: old straight quotes, preflight channel",
		text: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k. (Reason: CORS preflight channel did not succeed).",
		want: want{kind: "firefox", browser: "firefox", url: "https://b.s3.amazonaws.com/k", reason: "PreflightInvalidStatus", preflight: true, method: "PUT", ask: "origin=;method=PUT"}},
	{name: "safari: origin not allowed + Fetch API cannot load",
		text: "[Error] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 403\n[Error] Fetch API cannot load https://b.s3.amazonaws.com/k due to access control checks.\n[Error] Failed to load resource: Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 403 (k, line 0)",
		want: want{kind: "safari", browser: "safari", origin: "https://app.example.com", url: "https://b.s3.amazonaws.com/k", resource: "fetch", reason: "MissingAllowOriginHeader", status: 403}},
	{name: "safari: XMLHttpRequest, wildcard with credentials",
		text: "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.\nXMLHttpRequest cannot load https://b.s3.amazonaws.com/k due to access control checks.",
		want: want{kind: "safari", browser: "safari", url: "https://b.s3.amazonaws.com/k", resource: "XMLHttpRequest", reason: "WildcardOriginNotAllowed", credentials: "include", ask: "origin="}},
	{name: "safari: preflight not successful",
		text: "Preflight response is not successful. Status code: 403\nFetch API cannot load https://b.s3.amazonaws.com/k due to access control checks.",
		want: want{kind: "safari", browser: "safari", url: "https://b.s3.amazonaws.com/k", resource: "fetch", reason: "PreflightInvalidStatus", preflight: true, method: "PUT", status: 403, ask: "origin=;method=PUT"}},
	{name: "curl: Chrome Copy as cURL (bash), PUT upload",
		text: `curl 'https://amzn-s3-demo-bucket.s3.amazonaws.com/up/a.png?X-Amz-Signature=abc' \
  -X 'PUT' \
  -H 'accept: */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'content-type: image/png' \
  -H 'origin: https://app.example.com' \
  -H 'priority: u=1, i' \
  -H 'referer: https://app.example.com/' \
  -H 'sec-ch-ua: "Chromium";v="156"' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0' \
  --data-binary @a.png`,
		want: want{kind: "curl", origin: "https://app.example.com", url: "https://amzn-s3-demo-bucket.s3.amazonaws.com/up/a.png?X-Amz-Signature=abc", method: "PUT",
			headers: "content-type=image/png", body: true, note: "Left out headers"}},
	{name: "curl: Firefox form, --data-raw implies POST, cookie means credentials",
		text: `curl 'https://b.s3.amazonaws.com/' --compressed -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0' -H 'Accept: application/json' -H 'Origin: https://app.example.com' -H 'Cookie: session=abc' -H 'Content-Type: application/json' --data-raw '{"a":1}'`,
		want: want{kind: "curl", origin: "https://app.example.com", url: "https://b.s3.amazonaws.com/", method: "POST", credentials: "include",
			headers: "Accept=application/json;Content-Type=application/json", body: true, note: "credentialed"}},
	{name: "curl: cmd.exe quoting",
		text: "curl ^\"https://b.s3.amazonaws.com/k^\" ^\r\n  -X ^\"DELETE^\" ^\r\n  -H ^\"origin: https://a.example^\" ^\r\n  -H ^\"x-amz-date: 20260101T000000Z^\"",
		want: want{kind: "curl", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", method: "DELETE", headers: "x-amz-date=20260101T000000Z"}},
	{name: "curl: cmd.exe quoting with Chrome's ^\\^\" escapes",
		text: "curl ^\"https://b.s3.amazonaws.com/k^\" ^\n  -H ^\"sec-ch-ua: ^\\^\"Chromium^\\^\";v=^\\^\"156^\\^\"^\" ^\n  -H ^\"x-amz-meta-a: ^\\^\"q^\\^\" 100^%^\"",
		want: want{kind: "curl", url: "https://b.s3.amazonaws.com/k", method: "GET", headers: `x-amz-meta-a="q" 100%`, ask: "origin="}},
	{name: "curl: $'…' string, -XPUT, --header=, -I",
		text: `$ curl -XPUT --header='Origin: https://a.example' -H $'x-amz-meta-note: caf\xc3\xa9\'s' https://b.s3.amazonaws.com/k`,
		want: want{kind: "curl", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", method: "PUT", headers: "x-amz-meta-note=café's"}},
	{name: "curl: a copied preflight becomes its request",
		text: `curl -X OPTIONS https://b.s3.amazonaws.com/k -H "Origin: https://a.example" -H "Access-Control-Request-Method: PUT" -H "Access-Control-Request-Headers: content-type,x-amz-acl"`,
		want: want{kind: "curl", origin: "https://a.example", url: "https://b.s3.amazonaws.com/k", method: "PUT", preflight: true, headers: "content-type=;x-amz-acl=", note: "preflight"}},
	{name: "curl: HEAD, basic auth, no Origin",
		text: `curl -I -u user:pass https://b.s3.amazonaws.com/k`,
		want: want{kind: "curl", url: "https://b.s3.amazonaws.com/k", method: "HEAD", headers: "Authorization=Basic dXNlcjpwYXNz", note: "no Origin", ask: "origin="}},
}

func TestParse(t *testing.T) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			r, err := paste.Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			got := want{kind: r.Kind, browser: r.Browser, origin: r.Fetch.Origin, url: r.Fetch.URL, method: r.Fetch.Method, credentials: r.Fetch.Credentials,
				resource: r.Resource, reason: r.Reason, value: r.Value, redirectedFrom: r.RedirectedFrom, preflight: r.Preflight, body: r.Body,
				status: r.Status, headers: headerString(r.Fetch.Headers), note: w.note, ask: askString(r.Ask)}
			if got != w {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			said := strings.Join(r.Notes, "\n")
			for _, a := range r.Ask {
				said += "\n" + a.Question
			}
			if w.note != "" && !strings.Contains(said, w.note) {
				t.Errorf("no note or question containing %q in %q", w.note, said)
			}
			checkConsistent(t, r)
			if r.Line < 1 || r.Message == "" {
				t.Errorf("line %d, message %q", r.Line, r.Message)
			}
		})
	}
}

// checkConsistent: a message about a preflight gives a request that needs
// one, and what the paste does not say is asked for, with what was filled
// in meanwhile.
func checkConsistent(t *testing.T, r *paste.Result) {
	t.Helper()
	for _, a := range r.Ask {
		if a.Question == "" || (a.Field == "method" && !strings.EqualFold(a.Filled, orGET(r.Fetch.Method))) || (a.Field == "origin" && (a.Filled != "" || r.Fetch.Origin != "")) {
			t.Errorf("ask %+v does not match the fetch %+v", a, r.Fetch)
		}
	}
	if r.Fetch.Origin == "" && !strings.Contains(askString(r.Ask), "origin=") {
		t.Errorf("no origin, and it is not asked for: %+v", r.Ask)
	}
	if !r.Preflight || r.Kind == "curl" {
		return // a copied preflight gives the request it names, as it is
	}
	pre, err := browser.NeedsPreflight(r.Fetch, r.Browser)
	if err != nil {
		return // a fetch no browser would send: evaluating it says why
	}
	if !pre {
		t.Errorf("a preflight message gave a request that needs none: %+v", r.Fetch)
	}
}

func orGET(m string) string {
	if m == "" {
		return "GET"
	}
	return m
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{name: "empty", text: "", want: "no CORS error or curl command found"},
		{name: "an unrelated log", text: "GET https://a.example/ 404 (Not Found)\nUncaught TypeError: x is undefined", want: "no CORS error or curl command found"},
		{name: "unterminated quote", text: "curl 'https://a.example", want: "unterminated"},
		{name: "no URL", text: "curl -H 'Origin: https://a.example'", want: "no URL"},
		{name: "not http", text: "curl ftp://a.example/x", want: "not an http(s) URL"},
		{name: "option without value", text: "curl https://a.example -H", want: "needs a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := paste.Parse(tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := paste.Parse("nothing"); !errors.Is(err, paste.ErrNotFound) {
		t.Errorf("want ErrNotFound, got %v", err)
	}
}

// bigLog is a 1 MB console log with one CORS error near its end.
func bigLog() string {
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString("main.js:42 [HMR] update applied; fetching https://api.example.com/items?page=2 took 12ms\n")
	}
	b.WriteString("Access to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://a.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
	return b.String()
}

func TestBigLog(t *testing.T) {
	r, err := paste.Parse(bigLog())
	if err != nil || r.Fetch.Origin != "https://a.example" || r.Line < 10000 {
		t.Fatalf("%+v %v", r, err)
	}
	// One 3 MB line without a newline: bounded, no error beyond "not found".
	if _, err := paste.Parse(strings.Repeat("x", 3<<20)); !errors.Is(err, paste.ErrNotFound) {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text)
	}
	f.Add("curl $'\\x")
	f.Add("curl ^")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := paste.Parse(s)
		if err != nil {
			if r != nil {
				t.Fatal("result with an error")
			}
			return
		}
		if r.Kind == "" || r.Notes == nil {
			t.Fatalf("incomplete result %+v", r)
		}
		checkConsistent(t, r)
	})
}

func BenchmarkParse1MB(b *testing.B) {
	s := bigLog()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := paste.Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}
