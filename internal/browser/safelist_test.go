package browser

import (
	"corsplay/internal/header"
	"slices"
	"strings"
	"testing"
)

func TestPreflightNeeded(t *testing.T) {
	long := strings.Repeat("a", 129)
	tests := []struct {
		name    string
		browser string
		method  string
		headers [][2]string
		mode    string
		needed  bool
		unsafe  []string // Access-Control-Request-Headers, in order
		kinds   []string // reason kinds, in order
		ignored []string
	}{
		{name: "GET no headers", method: "GET", needed: false},
		{name: "HEAD", method: "HEAD", needed: false},
		{name: "POST", method: "POST", needed: false},
		{name: "lower-case post is normalised", method: "post", needed: false},
		{name: "PUT", method: "PUT", needed: true, kinds: []string{"method"}},
		{name: "DELETE", method: "DELETE", needed: true, kinds: []string{"method"}},
		{name: "PATCH kept as written", method: "patch", needed: true, kinds: []string{"method"}},
		{name: "Content-Type text/plain with charset", method: "POST", headers: [][2]string{{"Content-Type", "text/plain; charset=utf-8"}}, needed: false},
		{name: "Content-Type multipart upper-case", method: "POST", headers: [][2]string{{"Content-Type", "MULTIPART/FORM-DATA; boundary=x"}}, needed: false},
		{name: "Content-Type form", method: "POST", headers: [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}, needed: false},
		{name: "Content-Type json", method: "POST", headers: [][2]string{{"Content-Type", "application/json"}}, needed: true, unsafe: []string{"content-type"}, kinds: []string{"value"}},
		{name: "Content-Type not a MIME type", method: "POST", headers: [][2]string{{"Content-Type", "text"}}, needed: true, unsafe: []string{"content-type"}, kinds: []string{"value"}},
		{name: "Content-Type unsafe byte", method: "POST", headers: [][2]string{{"Content-Type", `text/plain; a="b"`}}, needed: true, unsafe: []string{"content-type"}, kinds: []string{"value"}},
		{name: "Accept ok", method: "GET", headers: [][2]string{{"Accept", "application/json, text/*;q=0.5"}}, needed: false},
		{name: "Accept with unsafe byte", method: "GET", headers: [][2]string{{"Accept", "text/{x}"}}, needed: true, unsafe: []string{"accept"}, kinds: []string{"value"}},
		{name: "Accept over 128 bytes", method: "GET", headers: [][2]string{{"Accept", long}}, needed: true, unsafe: []string{"accept"}, kinds: []string{"value"}},
		{name: "Accept exactly 128 bytes", method: "GET", headers: [][2]string{{"Accept", long[:128]}}, needed: false},
		{name: "Accept-Language ok", method: "GET", headers: [][2]string{{"Accept-Language", "de-CH, de;q=0.9, *"}}, needed: false},
		{name: "Content-Language with @", method: "GET", headers: [][2]string{{"Content-Language", "en@x"}}, needed: true, unsafe: []string{"content-language"}, kinds: []string{"value"}},
		{name: "Range start-end", method: "GET", headers: [][2]string{{"Range", "bytes=0-99"}}, needed: false},
		{name: "Range start-", method: "GET", headers: [][2]string{{"Range", "bytes=100-"}}, needed: false},
		{name: "Range suffix", method: "GET", headers: [][2]string{{"Range", "bytes=-500"}}, needed: true, unsafe: []string{"range"}, kinds: []string{"value"}},
		{name: "Range two ranges", method: "GET", headers: [][2]string{{"Range", "bytes=0-1,3-4"}}, needed: true, unsafe: []string{"range"}, kinds: []string{"value"}},
		{name: "Range end before start", method: "GET", headers: [][2]string{{"Range", "bytes=9-1"}}, needed: true, unsafe: []string{"range"}, kinds: []string{"value"}},
		{name: "Range with space", method: "GET", headers: [][2]string{{"Range", "bytes= 0-1"}}, needed: true, unsafe: []string{"range"}, kinds: []string{"value"}},
		{name: "custom header", method: "GET", headers: [][2]string{{"X-Amz-Date", "20261123T120000Z"}}, needed: true, unsafe: []string{"x-amz-date"}, kinds: []string{"header"}},
		{name: "names sorted and lower-cased", method: "PUT", headers: [][2]string{{"X-B", "1"}, {"Content-Type", "image/png"}, {"x-a", "2"}}, needed: true,
			unsafe: []string{"content-type", "x-a", "x-b"}, kinds: []string{"method", "value", "header", "header"}},
		{name: "repeats combined into one name", method: "GET", headers: [][2]string{{"X-A", "1"}, {"x-a", "2"}}, needed: true, unsafe: []string{"x-a"}, kinds: []string{"header"}},
		{name: "forbidden headers dropped", method: "GET", headers: [][2]string{{"Cookie", "a=b"}, {"Origin", "https://evil"}, {"Sec-Foo", "1"}, {"Proxy-Authorization", "x"}, {"Host", "h"}}, needed: false,
			ignored: []string{"cookie", "origin", "sec-foo", "proxy-authorization", "host"}},
		{name: "X-HTTP-Method-Override with TRACE is forbidden", method: "GET", headers: [][2]string{{"X-HTTP-Method-Override", "TRACE"}}, needed: false, ignored: []string{"x-http-method-override"}},
		{name: "X-HTTP-Method-Override with PUT is just unsafe", method: "GET", headers: [][2]string{{"X-HTTP-Method-Override", "PUT"}}, needed: true, unsafe: []string{"x-http-method-override"}, kinds: []string{"header"}},
		{name: "Authorization", method: "GET", headers: [][2]string{{"Authorization", "Bearer x"}}, needed: true, unsafe: []string{"authorization"}, kinds: []string{"header"}},
		{name: "Chrome safelists DPR", browser: Chrome, method: "GET", headers: [][2]string{{"DPR", "2.5"}}, needed: false},
		{name: "Firefox does not", browser: Firefox, method: "GET", headers: [][2]string{{"DPR", "2.5"}}, needed: true, unsafe: []string{"dpr"}, kinds: []string{"header"}},
		{name: "Chrome: DPR must be a number", browser: Chrome, method: "GET", headers: [][2]string{{"DPR", "high"}}, needed: true, unsafe: []string{"dpr"}, kinds: []string{"value"}},
		{name: "Chrome: Save-Data on", browser: Chrome, method: "GET", headers: [][2]string{{"Save-Data", "on"}}, needed: false},
		{name: "Chrome drops User-Agent", browser: Chrome, method: "GET", headers: [][2]string{{"User-Agent", "x/1"}}, needed: false, ignored: []string{"user-agent"}},
		{name: "Firefox preflights User-Agent", browser: Firefox, method: "GET", headers: [][2]string{{"User-Agent", "x/1"}}, needed: true, unsafe: []string{"user-agent"}, kinds: []string{"header"}},
		{name: "Safari preflights User-Agent", browser: Safari, method: "GET", headers: [][2]string{{"User-Agent", "x/1"}}, needed: true, unsafe: []string{"user-agent"}, kinds: []string{"header"}},
		{name: "no-cors drops unsafe headers", method: "GET", mode: "no-cors", headers: [][2]string{{"X-A", "1"}, {"Range", "bytes=0-1"}}, needed: false, ignored: []string{"x-a", "range"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.browser
			if b == "" {
				b = Chrome
			}
			f := Fetch{Origin: "https://app.example.com", URL: "https://b.s3.amazonaws.com/k", Method: tt.method, Headers: tt.headers, Mode: tt.mode}
			v, err := Judge(fakeS3(okPreflight), f, b)
			if err != nil {
				t.Fatal(err)
			}
			if v.Preflight.Needed != tt.needed || v.Preflight.Sent != tt.needed {
				t.Errorf("needed %v sent %v, want %v; reasons %+v", v.Preflight.Needed, v.Preflight.Sent, tt.needed, v.Preflight.Reasons)
			}
			if tt.mode == "" && !slices.Equal(v.UnsafeHeaders, orEmpty(tt.unsafe)) {
				t.Errorf("unsafe %q, want %q", v.UnsafeHeaders, tt.unsafe)
			}
			var kinds []string
			for _, r := range v.Preflight.Reasons {
				kinds = append(kinds, r.Kind)
				if r.Why == "" {
					t.Errorf("reason %+v has no why", r)
				}
			}
			if !slices.Equal(kinds, tt.kinds) {
				t.Errorf("reason kinds %q, want %q", kinds, tt.kinds)
			}
			if !slices.Equal(v.Request.Ignored, orEmpty(tt.ignored)) {
				t.Errorf("ignored %q, want %q", v.Request.Ignored, tt.ignored)
			}
			if tt.needed {
				acrh, has := header.List(v.Preflight.Request.Headers).Get("Access-Control-Request-Headers")
				if want := strings.Join(tt.unsafe, ","); has != (want != "") || acrh != want {
					t.Errorf("Access-Control-Request-Headers %q (present %v), want %q", acrh, has, want)
				}
			}
		})
	}
}

func TestOver1024MakesSafelistedUnsafe(t *testing.T) {
	// Unreachable with the standard's five names (5 × 128 < 1024), so the
	// rule is tested directly.
	hs := [][2]string{}
	for i := 0; i < 9; i++ {
		hs = append(hs, [2]string{"Accept", strings.Repeat("a", 120)})
	}
	names, reasons := unsafeNames(hs, Firefox)
	if !slices.Equal(names, []string{"accept"}) || len(reasons) != 9 || reasons[0].Kind != "total" {
		t.Fatalf("names %q reasons %+v", names, reasons)
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
