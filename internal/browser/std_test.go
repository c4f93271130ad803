package browser

// The URL code as it was with net/url and fmt (parseURLStd, parseOriginStd,
// parseableURLStd, unescapeStd: the previous parseURL, parseOrigin,
// parseableURL and unescape, renamed), and the tests that compare the
// engine's, built on internal/urlparse and string concatenation, with them,
// and its other messages and hex with fmt's and encoding/hex's.

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func parseURLStd(field, raw string) (parsedURL, error) {
	var p parsedURL
	s := strings.Trim(raw, " \t\r\n\f\v\x00")
	// WHATWG URL parsing removes tabs and newlines anywhere.
	if strings.ContainsAny(s, "\t\n\r") {
		s = urlWhitespace.Replace(s)
	}
	if s == "" {
		return p, fmt.Errorf("%s is empty; give an absolute URL such as https://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg", field)
	}
	if len(s) > MaxURL {
		return p, fmt.Errorf("%s is %d bytes; corsplay takes at most %d", field, len(s), MaxURL)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return p, fmt.Errorf("%s contains a control character (byte 0x%02x at %d)", field, s[i], i)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return p, fmt.Errorf("%s %q is not a valid URL: %v", field, clip(raw), err)
	}
	if u.Scheme == "" {
		return p, fmt.Errorf("%s %q has no scheme; it must be absolute, like https://host/path (a relative URL would resolve against the page, which is same-origin)", field, clip(raw))
	}
	p.scheme = strings.ToLower(u.Scheme)
	if p.scheme != "http" && p.scheme != "https" {
		return p, fmt.Errorf("%s %q uses the %q scheme; CORS applies to http and https only", field, clip(raw), p.scheme)
	}
	if u.Opaque != "" || u.Host == "" {
		return p, fmt.Errorf("%s %q has no host (write %s://host/path)", field, clip(raw), p.scheme)
	}
	if u.User != nil {
		return p, fmt.Errorf("%s %q includes a user name or password; fetch() refuses such URLs (\"Request cannot be constructed from a URL that includes credentials\")", field, clip(raw))
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return p, fmt.Errorf("%s %q has an empty host", field, clip(raw))
	}
	if strings.ContainsAny(host, " <>\"{}|\\^`%") {
		return p, fmt.Errorf("%s %q has characters a host name cannot hold", field, clip(raw))
	}
	if strings.Contains(u.Host, ":") && !strings.HasSuffix(u.Host, "]") {
		port := u.Port()
		n, err := strconv.Atoi(port)
		if port == "" && strings.HasSuffix(u.Host, ":") {
			n, err = 0, nil // "host:" means the default port
		}
		if err != nil || n < 0 || n > 65535 {
			return p, fmt.Errorf("%s %q has an invalid port %q", field, clip(raw), port)
		}
		if port != "" && !(p.scheme == "http" && n == 80) && !(p.scheme == "https" && n == 443) {
			p.port = strconv.Itoa(n)
		}
	}
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil && strings.Contains(host, ":") {
		host = "[" + ip.Unmap().String() + "]"
	}
	p.host = host
	p.path = u.EscapedPath()
	if p.path == "" {
		p.path = "/"
	}
	p.query = u.RawQuery
	p.serialized = p.origin() + p.path
	if u.ForceQuery || p.query != "" {
		p.serialized += "?" + p.query
	}
	return p, nil
}

func parseOriginStd(raw string) (origin string, u parsedURL, note string, err error) {
	s := strings.TrimSpace(raw)
	if s == "null" {
		return "null", u, "The page has an opaque origin (a sandboxed iframe, a file: or data: URL): the browser sends Origin: null.", nil
	}
	if s == "" {
		return "", u, "", errors.New(`fetch.origin is required: the page's origin, such as "https://app.example.com"`)
	}
	if !strings.Contains(s, "://") {
		return "", u, "", fmt.Errorf("fetch.origin %q has no scheme; an origin is scheme://host[:port], such as https://%s", clip(raw), clip(s))
	}
	u, err = parseURLStd("fetch.origin", s)
	if err != nil {
		return "", u, "", err
	}
	rest := s[strings.Index(s, "://")+3:]
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		tail := rest[i:]
		if tail != "/" {
			return "", u, "", fmt.Errorf("fetch.origin %q has a path, query or fragment (%q); an origin is only scheme://host[:port]", clip(raw), clip(tail))
		}
		note = "The origin was given with a trailing \"/\"; a browser's Origin never has one, so corsplay uses " + u.origin() + "."
	}
	origin = u.origin()
	if note == "" && origin != s {
		note = "The origin is written as a browser serialises it: " + origin + " (lower-case, no default port)."
	}
	return origin, u, note, nil
}

func parseableURLStd(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

func unescapeStd(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// checkURLStd compares parseURL, parseOrigin, parseableURL and unescape
// with the net/url versions on s: results, notes and error texts.
func checkURLStd(t *testing.T, s string) {
	t.Helper()
	errText := func(err error) string {
		if err == nil {
			return "<nil>"
		}
		return err.Error()
	}
	gu, gerr := parseURL("fetch.url", s)
	wu, werr := parseURLStd("fetch.url", s)
	if gu != wu || errText(gerr) != errText(werr) {
		t.Fatalf("parseURL(%q) = %+v, %v\nnet/url's     %+v, %v", s, gu, gerr, wu, werr)
	}
	go1, gu, gnote, gerr := parseOrigin(s)
	wo, wu, wnote, werr := parseOriginStd(s)
	if go1 != wo || gu != wu || gnote != wnote || errText(gerr) != errText(werr) {
		t.Fatalf("parseOrigin(%q) = %q %+v %q %v\nnet/url's        %q %+v %q %v", s, go1, gu, gnote, gerr, wo, wu, wnote, werr)
	}
	if g, w := parseableURL(s), parseableURLStd(s); g != w {
		t.Fatalf("parseableURL(%q) = %v, net/url's %v", s, g, w)
	}
	if g, w := unescape(s), unescapeStd(s); g != w {
		t.Fatalf("unescape(%q) = %q, net/url's %q", s, g, w)
	}
}

var urlStdCorpus = []string{
	"", " ", "\t", "null", " null ", "*", ":", "//", "/k", "k", "?", "#",
	"https://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg",
	"https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=EXAMPLE",
	"https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/a/b%20c.txt", "https://s3.amazonaws.com/b/k/x#frag",
	"https://app.example.com", "https://app.example.com/", "https://app.example.com//", "https://app.example.com/app",
	"https://app.example.com?x", "https://app.example.com#f", "HTTPS://App.Example.COM:443", "http://a.com:80/", "http://a.com:443",
	"https://a.com:80", "http://a.com:", "http://a.com:0", "http://a.com:00080", "http://a.com:65535", "http://a.com:65536",
	"http://a.com:99999999999999999999", "http://a.com:x", "http://a.com:1:2", "http://a.com::", "http://[::1]", "http://[::1]:80/",
	"http://[::1]:8080/x", "http://[::FFFF:1.2.3.4]/", "http://[::ffff:102:304]:1/", "http://[fe80::1%25en0]/", "http://[FE80::1]/",
	"http://[::1", "http://[1.2.3.4]/", "http://[]/", "http://[::1]x/", "https://u@b.com", "https://u:p@b.com/k", "https://@b.com/",
	"https://:@b.com/", "ftp://b/k", "ws://a.com", "file:///etc/passwd", "data:text/plain,x", "javascript:alert(1)", "mailto:a@b.c",
	"https:b.com", "https:/b.com", "https:///b.com", "https://", "https://?x", "https://#x", "https://:80/", "http://%41/",
	"http://a%20b/", "http://a b/", "http://a<b/", "http://a%3cb/", "http://ü.com/", "http://xn--tda.com/", "http://a.com/ü?ü#ü",
	"http://a.com/%zz", "http://a.com/%", "http://a.com/a%2Fb", "http://a.com/a b", "http://a.com/?a b", "http://a.com/??",
	"http://a.com/?", "http://a.com?", "http://a.com/#?", "  https://a.com/k  ", "\x00https://a.com\x00", "\fhttps://a.com\v",
	"https://a.\tcom/\nk\r", "https://a.com/\x01", "https://a.com/\x7f", "https://a.com/\x1f", "h\ttps://a.com", "a.com",
	"app.example.com:443", "https://a.com/" + strings.Repeat("x", 300), "https://" + strings.Repeat("a", 300) + "/k",
	"https://a.com/" + strings.Repeat("é", 120) + "%zz", strings.Repeat("x", 300) + ":", "https://a.com/" + strings.Repeat("y", MaxURL),
	"HtTp://A.CoM", "https://a.com%2F/", "https://a.com%3A80/", "https://[::1%25a]/", "https://a.com/%2e%2e/", "https://a.com/./../",
	"%", "%41", "%zz", "a%2Fb", "a+b", "%e9", "http://a.com/%E9", "http://1.2.3.4:8080", "http://0x7f.1/", "http://a.com./",
}

var (
	stdSchemes = []string{"", "http://", "https://", "HTTPS://", "http:", "https:/", "ftp://", "h://", " https://", "\thttp://", "null"}
	stdUsers   = []string{"", "", "", "", "u@", "u:p@", "@", "a b@"}
	stdHosts   = []string{"", "a.com", "A.COM", "b.s3.amazonaws.com", "s3.us-west-2.amazonaws.com", "[::1]", "[::ffff:1.2.3.4]",
		"[fe80::1%25en0]", "[::1", "a b", "a%41", "a%", "ü", "1.2.3.4", "a:b:c", "a\tb", "a<", "a^", "a%7c"}
	stdPorts  = []string{"", "", "", ":", ":80", ":443", ":8080", ":65536", ":x", ":0080"}
	stdPaths  = []string{"", "", "/", "/k", "/b/k", "/a%20b", "/%zz", "/ü", "/a b", "//", "/k\n"}
	stdQuerys = []string{"", "", "?", "?x=1", "?a b", "??"}
	stdFrags  = []string{"", "", "#", "#f", "#%zz"}
	stdEnds   = []string{"", "", " ", "\x00", "\n"}
)

func generatedURLs(n int, seed int64) []string {
	// A small linear congruential generator: reproducible without math/rand.
	x := uint64(seed)
	pick := func(xs []string) string {
		x = x*6364136223846793005 + 1442695040888963407
		return xs[(x>>33)%uint64(len(xs))]
	}
	out := make([]string, n)
	for i := range out {
		out[i] = pick(stdSchemes) + pick(stdUsers) + pick(stdHosts) + pick(stdPorts) + pick(stdPaths) + pick(stdQuerys) + pick(stdFrags) + pick(stdEnds)
	}
	return out
}

func TestURLMatchesStd(t *testing.T) {
	for _, s := range urlStdCorpus {
		checkURLStd(t, s)
	}
	for _, s := range generatedURLs(50000, 1) {
		checkURLStd(t, s)
	}
}

func FuzzURLMatchesStd(f *testing.F) {
	for _, s := range urlStdCorpus {
		f.Add(s)
	}
	for _, s := range generatedURLs(100, 2) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkURLStd(t, s)
	})
}

// TestMessagesMatchFmt: the messages Judge and Normalise build by
// concatenation are the ones fmt built from the format strings they had.
func TestMessagesMatchFmt(t *testing.T) {
	long := strings.Repeat("M", 250)
	hdrs := make(Headers, MaxHeaders+1)
	for i := range hdrs {
		hdrs[i] = [2]string{"X-" + strconv.Itoa(i), "v"}
	}
	base := Fetch{Origin: "https://a.com", URL: "https://b.s3.amazonaws.com/k"}
	with := func(f func(*Fetch)) Fetch { c := base; f(&c); return c }
	tests := []struct {
		f    Fetch
		b    string
		want string
	}{
		{base, "netscape", fmt.Sprintf(`browser %q is not modelled; use "chrome", "firefox" or "safari"`, "netscape")},
		{base, "Ch\"rome\x01", fmt.Sprintf(`browser %q is not modelled; use "chrome", "firefox" or "safari"`, "ch\"rome\x01")},
		{with(func(f *Fetch) { f.Method = "GE T" }), "", fmt.Sprintf("fetch.method %q is not an HTTP method name (fetch() throws \"Failed to execute 'fetch' on 'Window': '%s' is not a valid HTTP method.\")", "GE T", "GE T")},
		{with(func(f *Fetch) { f.Method = long + " é" }), "", fmt.Sprintf("fetch.method %q is not an HTTP method name (fetch() throws \"Failed to execute 'fetch' on 'Window': '%s' is not a valid HTTP method.\")", clip(long+" é"), clip(long+" é"))},
		{with(func(f *Fetch) { f.Method = "trace" }), "", fmt.Sprintf("fetch.method %s is forbidden: fetch() throws \"Failed to execute 'fetch' on 'Window': '%s' HTTP method is unsupported.\"", "trace", "trace")},
		{with(func(f *Fetch) { f.Credentials = "all\"" }), "", fmt.Sprintf(`fetch.credentials %q must be "omit", "same-origin" or "include"`, "all\"")},
		{with(func(f *Fetch) { f.Mode = " navigate " }), "", fmt.Sprintf("fetch.mode %q cannot be set by a script; use \"cors\", \"no-cors\" or \"same-origin\"", "navigate")},
		{with(func(f *Fetch) { f.Mode = "websocket" }), "", fmt.Sprintf("fetch.mode %q cannot be set by a script; use \"cors\", \"no-cors\" or \"same-origin\"", "websocket")},
		{with(func(f *Fetch) { f.Mode = long + "\u2028" }), "", fmt.Sprintf(`fetch.mode %q must be "cors", "no-cors" or "same-origin"`, clip(long+"\u2028"))},
		{with(func(f *Fetch) { f.Headers = hdrs }), "", fmt.Sprintf("fetch.headers has %d headers; corsplay takes at most %d", len(hdrs), MaxHeaders)},
		{with(func(f *Fetch) { f.Headers = Headers{{"Content Type", "x"}} }), "", fmt.Sprintf("fetch.headers: %q is not a valid header name (%s); fetch() throws \"Failed to execute 'fetch' on 'Window': Invalid name\"", "Content Type", "it contains a space")},
		{with(func(f *Fetch) { f.Headers = Headers{{"", "x"}} }), "", fmt.Sprintf("fetch.headers: %q is not a valid header name (%s); fetch() throws \"Failed to execute 'fetch' on 'Window': Invalid name\"", "", "it is empty")},
		{with(func(f *Fetch) { f.Headers = Headers{{"X(\xff", "x"}} }), "", fmt.Sprintf("fetch.headers: %q is not a valid header name (%s); fetch() throws \"Failed to execute 'fetch' on 'Window': Invalid name\"", "X(\xff", "it is not an HTTP token")},
		{with(func(f *Fetch) { f.Headers = Headers{{"X-Big", strings.Repeat("v", MaxValue+1)}} }), "", fmt.Sprintf("fetch.headers: the value of %s is %d bytes; corsplay takes at most %d", "X-Big", MaxValue+1, MaxValue)},
		{with(func(f *Fetch) { f.Headers = Headers{{"X-NL", "a\x00b"}} }), "", fmt.Sprintf("fetch.headers: the value of %s contains a line break or NUL; fetch() throws \"Invalid value\"", "X-NL")},
		{with(func(f *Fetch) { f.URL = "" }), "", fmt.Sprintf("%s is empty; give an absolute URL such as https://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg", "fetch.url")},
		{with(func(f *Fetch) { f.URL = "https://a.com/" + strings.Repeat("x", MaxURL) }), "", fmt.Sprintf("%s is %d bytes; corsplay takes at most %d", "fetch.url", MaxURL+14, MaxURL)},
	}
	for c := byte(0); c < 0x20; c++ {
		if c != '\t' && c != '\n' && c != '\r' {
			tests = append(tests, struct {
				f    Fetch
				b    string
				want string
			}{with(func(f *Fetch) { f.URL = "https://a.com/k" + string(rune(c)) + "x" }), "", fmt.Sprintf("%s contains a control character (byte 0x%02x at %d)", "fetch.url", c, 15)})
		}
	}
	tests = append(tests, struct {
		f    Fetch
		b    string
		want string
	}{with(func(f *Fetch) { f.URL = "https://a.com/\x7f" }), "", fmt.Sprintf("%s contains a control character (byte 0x%02x at %d)", "fetch.url", 0x7f, 14)})
	for _, tt := range tests {
		_, err := Judge(noEval, tt.f, tt.b)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Judge(%+v, %q): error %v\nwant %q", tt.f, tt.b, err, tt.want)
		}
	}
	if _, err := Judge(nil, base, ""); err == nil || err.Error() != "browser.Judge: no evaluator" {
		t.Errorf("Judge(nil): %v", err)
	}
}

// noEval answers nothing: TestMessagesMatchFmt's fetches fail before S3.
func noEval(S3Request) (Answer, error) { return Answer{}, errors.New("no S3 here") }

func TestMD5HexMatchesStd(t *testing.T) {
	for _, s := range []string{"", "parts", ExampleBody, "\x00\xff", strings.Repeat("z", 1000)} {
		sum := md5.Sum([]byte(s))
		if got, want := md5hex(s), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("md5hex(%q) = %q, want %q", s, got, want)
		}
	}
}
