package browser

import (
	"strings"
	"testing"
)

// fakeS3 answers every preflight with pre and every actual request with a
// 200 carrying the same CORS headers; it lets the judge meet responses S3
// itself never sends (a proxy in front, a misconfigured gateway).
func fakeS3(pre Response) Evaluator {
	return func(r S3Request) (Answer, error) {
		if r.Method == "OPTIONS" {
			return Answer{Response: pre, MatchedRule: -1}, nil
		}
		var hs [][2]string
		for _, kv := range pre.Headers {
			if strings.HasPrefix(strings.ToLower(kv[0]), "access-control-allow-origin") || strings.EqualFold(kv[0], "Access-Control-Allow-Credentials") || strings.EqualFold(kv[0], "Access-Control-Expose-Headers") {
				hs = append(hs, kv)
			}
		}
		st := r.OperationStatus
		if st == 0 {
			st = 200
		}
		return Answer{Response: Response{Status: st, Headers: hs}, MatchedRule: -1}, nil
	}
}

var okPreflight = Response{Status: 200, Headers: [][2]string{
	{"Access-Control-Allow-Origin", "https://app.example.com"}, {"Access-Control-Allow-Credentials", "true"},
	{"Access-Control-Allow-Methods", "GET, PUT, DELETE"}, {"Access-Control-Allow-Headers", "*, authorization, content-type, x-a, x-b, accept, range, content-language, dpr, user-agent, x-amz-date, x-http-method-override"}}}

func TestJudgeFailures(t *testing.T) {
	const (
		url    = "https://b.s3.amazonaws.com/k"
		origin = "https://app.example.com"
	)
	cp := "Access to fetch at '" + url + "' from origin '" + origin + "' has been blocked by CORS policy: "
	pf := cp + "Response to preflight request doesn't pass access control check: "
	ff := "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at " + url + ". (Reason: "
	tests := []struct {
		name    string
		method  string
		headers [][2]string
		creds   string
		pre     Response
		kind    string
		stage   string
		chrome  string
		firefox string
		safari  string
	}{
		{name: "403 without ACAO: Chrome says missing, Firefox and Safari the status", method: "PUT",
			pre: Response{Status: 403}, kind: FailMissingAllowOrigin, stage: "preflight",
			chrome: pf + "No 'Access-Control-Allow-Origin' header is present on the requested resource.", firefox: ff + "CORS preflight response did not succeed). Status code: 403.", safari: "Preflight response is not successful. Status code: 403"},
		{name: "403 with ACAO (a proxy): not ok status everywhere", method: "PUT",
			pre: Response{Status: 403, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}}}, kind: FailPreflightStatus, stage: "preflight",
			chrome: pf + "It does not have HTTP ok status.", firefox: ff + "CORS preflight response did not succeed). Status code: 403.", safari: "Preflight response is not successful. Status code: 403"},
		{name: "redirect", method: "PUT", pre: Response{Status: 307, Headers: [][2]string{{"Location", "https://x"}}}, kind: FailPreflightRedirect, stage: "preflight",
			chrome: pf + "Redirect is not allowed for a preflight request.", firefox: ff + "CORS preflight response did not succeed). Status code: 307.", safari: "Preflight response is not successful. Status code: 307"},
		{name: "mismatch", method: "PUT", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "https://other.example.com"}}}, kind: FailAllowOriginMismatch, stage: "preflight",
			chrome: pf + "The 'Access-Control-Allow-Origin' header has a value 'https://other.example.com' that is not equal to the supplied origin.", firefox: ff + "CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://other.example.com’).", safari: "Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200"},
		{name: "trailing slash is a mismatch", method: "PUT", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "https://app.example.com/"}}}, kind: FailAllowOriginMismatch, stage: "preflight",
			chrome: pf + "The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com/' that is not equal to the supplied origin."},
		{name: "multiple values", method: "PUT", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "https://a.com"}, {"Access-Control-Allow-Origin", "https://app.example.com"}}}, kind: FailMultipleAllowOrigin, stage: "preflight",
			chrome: pf + "The 'Access-Control-Allow-Origin' header contains multiple values 'https://a.com, https://app.example.com', but only one is allowed.", firefox: ff + "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).", safari: "Access-Control-Allow-Origin cannot contain more than one origin."},
		{name: "invalid value", method: "PUT", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "app.example.com"}}}, kind: FailInvalidAllowOrigin, stage: "preflight",
			chrome: pf + "The 'Access-Control-Allow-Origin' header contains the invalid value 'app.example.com'."},
		{name: "wildcard with credentials", method: "PUT", creds: "include", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}}}, kind: FailWildcardOrigin, stage: "preflight",
			chrome:  pf + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
			firefox: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘" + url + "’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
			safari:  "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."},
		{name: "credentials without ACAC", method: "PUT", creds: "include", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", origin}}}, kind: FailAllowCredentials, stage: "preflight",
			chrome: pf + "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.", firefox: ff + "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).", safari: `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".`},
		{name: "method not listed", method: "DELETE", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Methods", "GET, PUT"}}}, kind: FailMethod, stage: "preflight",
			chrome: cp + "Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.", firefox: ff + "Did not find method in CORS header ‘Access-Control-Allow-Methods’).", safari: "Method DELETE is not allowed by Access-Control-Allow-Methods."},
		{name: "method * with credentials", method: "DELETE", creds: "include", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Credentials", "true"}, {"Access-Control-Allow-Methods", "*"}}}, kind: FailMethod, stage: "preflight"},
		{name: "header not listed", method: "GET", headers: [][2]string{{"X-B", "1"}, {"X-A", "1"}}, pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Headers", "x-b"}}}, kind: FailHeader, stage: "preflight",
			chrome: cp + "Request header field x-a is not allowed by Access-Control-Allow-Headers in preflight response.", firefox: ff + "header ‘x-a’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).", safari: "Request header field x-a is not allowed by Access-Control-Allow-Headers."},
		{name: "Authorization under * (Chrome, Safari block; Firefox allows)", method: "GET", headers: [][2]string{{"Authorization", "x"}}, pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Headers", "*"}}}, kind: FailHeader, stage: "preflight",
			chrome: cp + "Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.", firefox: "", safari: "Request header field authorization is not allowed by Access-Control-Allow-Headers."},
		{name: "unparseable methods", method: "PUT", pre: Response{Status: 200, Headers: [][2]string{{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Methods", "PUT GET"}}}, kind: FailParseMethods, stage: "preflight",
			chrome: cp + "Cannot parse Access-Control-Allow-Methods response header field in preflight response.", firefox: ff + "invalid token ‘PUT GET’ in CORS header ‘Access-Control-Allow-Methods’)."},
		{name: "actual without ACAO", method: "GET", pre: Response{Status: 200}, kind: FailMissingAllowOrigin, stage: "actual",
			chrome: cp + "No 'Access-Control-Allow-Origin' header is present on the requested resource.", firefox: ff + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.", safari: "Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Fetch{Origin: origin, URL: url, Method: tt.method, Headers: tt.headers, Credentials: tt.creds}
			v, err := Judge(fakeS3(tt.pre), f, Chrome)
			if err != nil {
				t.Fatal(err)
			}
			if v.Allowed || v.Failure == nil {
				t.Fatalf("allowed; want %s (%s)", tt.kind, v.Summary)
			}
			if v.Failure.Kind != tt.kind || v.Failure.Stage != tt.stage {
				t.Errorf("failure %s at %s, want %s at %s", v.Failure.Kind, v.Failure.Stage, tt.kind, tt.stage)
			}
			for b, want := range map[string]string{Chrome: tt.chrome, Firefox: tt.firefox, Safari: tt.safari} {
				if want == "" && tt.firefox == "" && b == Firefox && tt.chrome != "" && strings.Contains(tt.name, "Firefox allows") {
					if !v.AllowedIn[Firefox] || v.Messages[Firefox] != "" {
						t.Errorf("firefox: allowed %v message %q; want allowed", v.AllowedIn[Firefox], v.Messages[Firefox])
					}
					continue
				}
				if want != "" && v.Messages[b] != want {
					t.Errorf("%s:\n got %q\nwant %q", b, v.Messages[b], want)
				}
			}
			if v.Message != v.Messages[Chrome] || v.Rejection != "TypeError: Failed to fetch" {
				t.Errorf("message %q rejection %q", v.Message, v.Rejection)
			}
		})
	}
}

func TestReadableHeaders(t *testing.T) {
	hs := [][2]string{{"Content-Type", "text/plain"}, {"ETag", `"x"`}, {"x-amz-request-id", "1"}, {"Set-Cookie", "a=b"}, {"Last-Modified", "x"}}
	tests := []struct {
		name         string
		expose       string
		credentialed bool
		read         string
	}{
		{name: "safelisted only", read: "content-type,last-modified"},
		{name: "exposed, any case", expose: "ETag, X-Amz-Request-Id", read: "content-type,etag,last-modified,x-amz-request-id"},
		{name: "* without credentials: all but set-cookie", expose: "*", read: "access-control-expose-headers,content-type,etag,last-modified,x-amz-request-id"},
		{name: "* with credentials: only a header named *", expose: "*", credentialed: true, read: "content-type,last-modified"},
		{name: "set-cookie never", expose: "Set-Cookie", read: "content-type,last-modified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hs
			if tt.expose != "" {
				h = append([][2]string{{"Access-Control-Expose-Headers", tt.expose}}, hs...)
			}
			r, hidden := readable(h, tt.credentialed)
			if got := strings.Join(r, ","); got != tt.read {
				t.Errorf("readable %q, want %q", got, tt.read)
			}
			if !contains(hidden, "set-cookie") {
				t.Errorf("set-cookie not hidden: %q", hidden)
			}
		})
	}
}

func TestMaxAge(t *testing.T) {
	tests := []struct {
		name                    string
		raw                     string
		present                 bool
		chrome, firefox, safari int
	}{
		{name: "absent: 5 s", present: false, chrome: 5, firefox: 5, safari: 5},
		{name: "3000", raw: "3000", present: true, chrome: 3000, firefox: 3000, safari: 600},
		{name: "a day", raw: "86400", present: true, chrome: 7200, firefox: 86400, safari: 600},
		{name: "a year", raw: "31536000", present: true, chrome: 7200, firefox: 86400, safari: 600},
		{name: "huge", raw: "99999999999999999999", present: true, chrome: 7200, firefox: 86400, safari: 600},
		{name: "negative", raw: "-1", present: true, chrome: 0, firefox: 0, safari: 0},
		{name: "garbage", raw: "ten", present: true, chrome: 5, firefox: 0, safari: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for b, want := range map[string]int{Chrome: tt.chrome, Firefox: tt.firefox, Safari: tt.safari} {
				if got := effectiveMaxAge(b, tt.raw, tt.present); got != want {
					t.Errorf("%s: %d, want %d", b, got, want)
				}
			}
		})
	}
}

func TestTargets(t *testing.T) {
	tests := []struct {
		url                      string
		style, bucket, key, kind string
		region                   string
	}{
		{url: "https://b.s3.amazonaws.com/k", style: "virtual-hosted", bucket: "b", key: "k", kind: "object"},
		{url: "https://b.s3.amazonaws.com", style: "virtual-hosted", bucket: "b", kind: "bucket"},
		{url: "https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/a/b%20c.txt", style: "virtual-hosted", bucket: "my.dotted.bucket", key: "a/b c.txt", kind: "object", region: "eu-west-1"},
		{url: "https://b.s3-us-west-2.amazonaws.com/k", style: "virtual-hosted", bucket: "b", key: "k", kind: "object", region: "us-west-2"},
		{url: "https://b.s3.dualstack.ap-south-1.amazonaws.com/", style: "virtual-hosted", bucket: "b", kind: "bucket", region: "ap-south-1"},
		{url: "https://s3-logs.s3.amazonaws.com/k", style: "virtual-hosted", bucket: "s3-logs", key: "k", kind: "object"},
		{url: "https://b.s3-accelerate.amazonaws.com/k", style: "virtual-hosted", bucket: "b", key: "k", kind: "object"},
		{url: "https://b.s3.cn-north-1.amazonaws.com.cn/k", style: "virtual-hosted", bucket: "b", key: "k", kind: "object", region: "cn-north-1"},
		{url: "https://s3.amazonaws.com/b/k/x", style: "path-style", bucket: "b", key: "k/x", kind: "object"},
		{url: "https://s3.us-east-2.amazonaws.com/b/", style: "path-style", bucket: "b", kind: "bucket", region: "us-east-2"},
		{url: "https://s3.amazonaws.com/", style: "path-style", kind: "service"},
		{url: "https://ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k", style: "access-point", bucket: "ap-123456789012", key: "k", kind: "object", region: "us-west-2"},
		{url: "https://cdn.example.com/img/a.png", style: "custom", key: "img/a.png", kind: "object"},
		{url: "http://localhost:9000/", style: "custom", kind: "bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			u, err := parseURL("url", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			g := s3Target(u)
			if g.Style != tt.style || g.Bucket != tt.bucket || g.Key != tt.key || g.Kind != tt.kind || g.Region != tt.region {
				t.Errorf("got %+v", g)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		f    Fetch
		b    string
		want string // part of the error
	}{
		{name: "no origin", f: Fetch{URL: "https://b.s3.amazonaws.com/k"}, want: "fetch.origin is required"},
		{name: "origin with path", f: Fetch{Origin: "https://app.example.com/app", URL: "https://b.s3.amazonaws.com/k"}, want: "has a path"},
		{name: "origin with user-info", f: Fetch{Origin: "https://u:p@app.example.com", URL: "https://b.s3.amazonaws.com/k"}, want: "user name or password"},
		{name: "origin without scheme", f: Fetch{Origin: "app.example.com", URL: "https://b.s3.amazonaws.com/k"}, want: "has no scheme"},
		{name: "relative url", f: Fetch{Origin: "https://a.com", URL: "/k"}, want: "has no scheme"},
		{name: "ftp url", f: Fetch{Origin: "https://a.com", URL: "ftp://b/k"}, want: "scheme"},
		{name: "url with credentials", f: Fetch{Origin: "https://a.com", URL: "https://u:p@b.s3.amazonaws.com/k"}, want: "includes a user name"},
		{name: "bad port", f: Fetch{Origin: "https://a.com", URL: "https://b.com:99999/k"}, want: "port"},
		{name: "malformed url", f: Fetch{Origin: "https://a.com", URL: "https://[::1/k"}, want: "not a valid URL"},
		{name: "header name with space", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Headers: [][2]string{{"Content Type", "x"}}}, want: "contains a space"},
		{name: "header value with newline", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Headers: [][2]string{{"X", "a\nb"}}}, want: "line break"},
		{name: "method with space", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Method: "GE T"}, want: "not an HTTP method"},
		{name: "TRACE", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Method: "trace"}, want: "forbidden"},
		{name: "credentials", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Credentials: "yes"}, want: "fetch.credentials"},
		{name: "mode navigate", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k", Mode: "navigate"}, want: "cannot be set"},
		{name: "browser", f: Fetch{Origin: "https://a.com", URL: "https://b.com/k"}, b: "edge", want: "not modelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Judge(fakeS3(okPreflight), tt.f, tt.b)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestOriginNormalised(t *testing.T) {
	v, err := Judge(fakeS3(okPreflight), Fetch{Origin: "HTTPS://App.Example.com:443/", URL: "https://b.s3.amazonaws.com/k"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Request.Origin != "https://app.example.com" || len(v.Notes) == 0 {
		t.Errorf("origin %q notes %q", v.Request.Origin, v.Notes)
	}
}
