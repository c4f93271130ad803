package urlparse_test

import (
	"errors"
	"io/fs"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"corsplay/internal/urlparse"
)

// check compares urlparse with net/url on s: the error text (and the
// wrapped error's, which browser.parseURL shows), every field and every
// method.
func check(t *testing.T, s string) {
	t.Helper()
	want, werr := url.Parse(s)
	got, gerr := urlparse.Parse(s)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("Parse(%q): error %v, net/url's %v", s, gerr, werr)
	}
	if werr != nil {
		var wue *url.Error
		var gue *urlparse.Error
		if !errors.As(werr, &wue) || !errors.As(gerr, &gue) {
			t.Fatalf("Parse(%q): errors %T and %T", s, gerr, werr)
		}
		if gerr.Error() != werr.Error() || gue.Err.Error() != wue.Err.Error() || gue.Op != wue.Op || gue.URL != wue.URL {
			t.Fatalf("Parse(%q): error %q (%q), net/url's %q (%q)", s, gerr, gue.Err, werr, wue.Err)
		}
	} else {
		// Every field and method there is, and net/url's Path and
		// Fragment through EscapedPath and String.
		type fields struct {
			Scheme, Opaque, Host, RawQuery      string
			ForceQuery, HasUser                 bool
			String, EscapedPath, Hostname, Port string
		}
		w := fields{want.Scheme, want.Opaque, want.Host, want.RawQuery, want.ForceQuery, want.User != nil,
			want.String(), want.EscapedPath(), want.Hostname(), want.Port()}
		g := fields{got.Scheme, got.Opaque, got.Host, got.RawQuery, got.ForceQuery, got.HasUser,
			got.String(), got.EscapedPath(), got.Hostname(), got.Port()}
		if g != w {
			t.Fatalf("Parse(%q):\n got %+v\nwant %+v", s, g, w)
		}
	}
	wu, werr := url.PathUnescape(s)
	gu, gerr := urlparse.PathUnescape(s)
	if wu != gu || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		t.Fatalf("PathUnescape(%q) = %q, %v; net/url's %q, %v", s, gu, gerr, wu, werr)
	}
}

var corpus = []string{
	"", "*", "%2A", "%2a#x", "http:%2A", ":", ":foo", "//", "///", "////x", "/", "?", "#", "?#", "#?", "a", "a:", "a:b", "a/b:c", "a:b/c",
	"http://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg",
	"https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=EXAMPLE",
	"https://s3.amazonaws.com/amzn-s3-demo-bucket/a%20b/c+d.txt?versionId=1#frag",
	"HTTPS://Example.COM:443/", "http://example.com:80", "http://example.com:", "http://example.com:0", "http://example.com:65536",
	"http://example.com:8080/a?b#c", "http://example.com:x/", "http://example.com::80/", "http://a:1:2/", "ftp://a:1:2/",
	"mongodb://h1:1,h2:2/db", "http://[::1]/", "http://[::1]:8080/", "http://[::1]x/", "http://[::1", "http://a[::1]/",
	"http://[1.2.3.4]/", "http://[::ffff:1.2.3.4]/", "http://[fe80::1%25en0]/", "http://[fe80::1%25%65n0]:1/",
	"http://[fe80::1%en0]/", "http://[fe80::1%25en%0a0]/", "http://[fe80::1%25a%20b]/", "http://[fe80::1%25a%2Fb]/",
	"http://[zz]/", "http://[]/", "http://[::1]:%38/", "http://user@host/", "http://user:pass@host/", "http://u%41:p%42@h/",
	"http://u%zz@h/", "http://u:p%zz@h/", "http://a b@h/", "http://a@b@h/", "http://@h/", "http://:@h/", "http://ü@h/",
	"http://h%41/", "http://h%c3%bc/", "http://h%25/", "http://h%/", "http://h%zz/", "http://ü/", "http://a b/", "http://h</",
	"http://h>/", "http://h\"/", "http://h{}/", "http://h|/", "http://h\\/", "http://h^/", "http://h`/", "http://h_~.-/",
	"http://h!$&'()*+,;=/", "http:///path", "http:/path", "http:path", "http:", "http:?q", "http://", "http://?q", "http://#f",
	"http://h/a%2Fb", "http://h/a b", "http://h/%zz", "http://h/%", "http://h/%4", "http://h/ü", "http://h/%7e", "http://h/%7E",
	"http://h/a%20b", "http://h/;x,y", "http://h/[x]", "http://h/a:b", "http://h/*", "http://h/!$&'()*+,;=:@",
	"http://h/?", "http://h/??", "http://h/?a?b", "http://h/?a b", "http://h/?%zz", "http://h/#", "http://h/#f%zz",
	"http://h/#a b", "http://h/#%41", "http://h/#!()*'", "http://h/#?#", "http://h/#%2F", "http://h/p?q#%zz",
	"h:ttp://x", "1http://x", "+x:y", "x+y-z.w:v", "a_b:c", "/a:b", "./a:b", "a?b:c", "//user@host:port/path",
	"///a", "//[::1]/", "//a b/", "mailto:someone@example.com", "data:text/plain,hi", "javascript:alert(1)",
	"http://h/\x7f", "http://h/\x00", "http://h/\t", "http://h/\xff", "http://\xff/", "http://h/%c3%28",
	"https://amzn-s3-demo-bucket.s3.amazonaws.com", "https://amzn-s3-demo-bucket.s3.amazonaws.com?cors",
	"https://amzn-s3-demo-bucket.s3-website-us-east-1.amazonaws.com/index.html",
}

var (
	schemes   = []string{"", "http:", "HTTPS:", "Http:", "ftp:", "h:", "1x:", ":", "a+b:", "mailto:", "ws:"}
	seps      = []string{"", "//", "/", "///", "\\\\", "//", "//"}
	userinfos = []string{"", "", "", "u@", "u:p@", "u%41:p%zz@", "a@b@", "a b@", "@", ":@", "ü@", "u%2@"}
	hosts     = []string{"", "host", "HOST.example.COM", "[::1]", "[::ffff:1.2.3.4]", "[fe80::1%25en0]", "[fe80::1%en0]",
		"[1.2.3.4]", "[::1", "a[::1]", "h%41", "h%c3%bc", "ü", "a b", "h<", "h%", "h%zz", "1.2.3.4", "a:b:c", "h_",
		"h~", "h!$&'()*+,;=", "[::1]x", "b.s3.amazonaws.com", "s3.us-west-2.amazonaws.com", "[", "]", "a]"}
	ports  = []string{"", "", "", ":", ":80", ":443", ":8080", ":99999", ":x", ":-1", "::80", ":%38", ":08"}
	paths  = []string{"", "/", "/a/b", "/a%2Fb", "/a b", "/%zz", "/%", "/ü", "/;x", "/[x]", "a:b", "/%41", "/%7e", "/a%20b", "/*", "*", "/a:b", "//x", "/a+b", "/%25"}
	querys = []string{"", "", "?", "?a=b", "?a b", "?%zz", "??", "?a?b", "?cors", "?x=%2F#"}
	frags  = []string{"", "", "#", "#f", "#f%zz", "#a b", "#%41", "#!()*'", "#?#", "#%2f", "#ü"}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

func generated(n int) []string {
	r := rand.New(rand.NewSource(1))
	out := make([]string, n)
	for i := range out {
		out[i] = pick(r, schemes) + pick(r, seps) + pick(r, userinfos) + pick(r, hosts) + pick(r, ports) + pick(r, paths) + pick(r, querys) + pick(r, frags)
	}
	return out
}

// fromRepository collects the URL-like strings in the repository's tests
// and test data: what the engine's tests feed it.
func fromRepository(t *testing.T) []string {
	re := regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*:(//)?[^\s"'\x60<>\\]*`)
	seen := map[string]bool{}
	var out []string
	for _, dir := range []string{"../../internal", "../../testdata", "../../e2e", "../../web"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(p) {
			case ".go", ".json", ".txt", ".xml", ".js", ".html", "":
			default:
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil || len(b) > 4<<20 {
				return nil
			}
			for _, m := range re.FindAllString(string(b), -1) {
				if strings.Contains(m, "://") && !seen[m] {
					seen[m] = true
					out = append(out, m)
				}
			}
			return nil
		})
	}
	if len(out) < 50 {
		t.Fatalf("only %d URLs found in the repository", len(out))
	}
	return out
}

func TestParseMatchesNetURL(t *testing.T) {
	for _, s := range corpus {
		check(t, s)
	}
	repo := fromRepository(t)
	for _, s := range repo {
		check(t, s)
	}
	for _, s := range generated(100000) {
		check(t, s)
	}
	t.Logf("%d hand-written, %d from the repository, 100000 generated", len(corpus), len(repo))
}

func FuzzParse(f *testing.F) {
	for _, s := range corpus {
		f.Add(s)
	}
	for _, s := range generated(200) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check(t, s)
	})
}
