package paste

// curlURL and httpURL as they were with net/url (curlURLStd, httpURLStd),
// compared with the engine's, built on internal/urlparse.

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func curlURLStd(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		if err == nil && u.Scheme == "" && !strings.Contains(rawURL, "://") {
			u, err = url.Parse("http://" + rawURL) // curl's default scheme
		}
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return "", errors.New("the curl command's URL " + strconv.Quote(rawURL) + " is not an http(s) URL")
		}
	}
	return u.String(), nil
}

func httpURLStd(s string) bool {
	u, err := url.Parse(s)
	return !(err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "")
}

func checkURLStd(t *testing.T, s string) {
	t.Helper()
	g, gerr := curlURL(s)
	w, werr := curlURLStd(s)
	if g != w || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
		t.Fatalf("curlURL(%q) = %q, %v; with net/url %q, %v", s, g, gerr, w, werr)
	}
	if g, w := httpURL(s), httpURLStd(s); g != w {
		t.Fatalf("httpURL(%q) = %v; with net/url %v", s, g, w)
	}
}

var urlStdCorpus = []string{
	"", "*", ":", "//", "/k", "k", "?", "#", "example.com", "example.com/x?y#z", "localhost:9000/x", "localhost", "127.0.0.1:8080/a",
	"[::1]:80/x", "//example.com/x", "https://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg",
	"https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=EXAMPLE",
	"'https://b.s3.amazonaws.com/k'", "HTTPS://B.S3.AMAZONAWS.COM/K", "https://b.s3.amazonaws.com/a b?c d#e f", "https://b.com/ü#ü",
	"https://b.com/%zz", "https://b.com/%41%2f", "https://u:p@b.com/", "https://u%40x@b.com/", "https://ü.com/", "https://%c3%bc.com/",
	"https://b.com:443/", "https://b.com:x/", "https://b.com:1:2/", "ftp://b.com/", "file:///etc/passwd", "https:b.com", "https:///k",
	"https://[::1]/", "https://[fe80::1%25en0]:8080/", "https://[::1", "https://b.com/#a%zz", "https://b.com/#!()*'", "https://b.com/?",
	"https://b.com?", "https://b.com/k\x7f", "b.com/\x01", "a:b/c", "1a:b", "https://b.com/[x]", "https://b.com/;,/",
}

func generatedURLs(n int, seed uint64) []string {
	parts := [][]string{
		{"", "", "http://", "https://", "HTTP://", "ftp://", "https:", "//", "x:"},
		{"", "", "", "u@", "u:p@", "a b@", "@"},
		{"", "b.com", "B.S3.amazonaws.com", "[::1]", "[fe80::1%25en0]", "[::1", "a b", "a%41", "ü", "1.2.3.4", "a:b:c", "localhost"},
		{"", "", ":", ":80", ":443", ":x", ":65536"},
		{"", "/", "/k", "/a%20b", "/%zz", "/ü", "/a b", "/[x]", "//"},
		{"", "", "?", "?x=1", "?a b", "??"},
		{"", "", "#", "#f", "#%zz", "#a b", "#ü"},
	}
	x := seed
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for _, p := range parts {
			x = x*6364136223846793005 + 1442695040888963407
			b.WriteString(p[(x>>33)%uint64(len(p))])
		}
		out[i] = b.String()
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
