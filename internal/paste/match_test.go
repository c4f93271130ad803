package paste

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The patterns the hand matchers of match.go implement, as regexps: the
// tests hold every matcher to what regexp answers.
var patterns = []struct {
	name  string
	re    *regexp.Regexp
	match func(string) []string
	line  bool // only called on one line (no "\n")
}{
	{"chrome", regexp.MustCompile(`Access to (.+?) at '([^']*)' (?:\(redirected from '([^']*)'\) )?from origin '([^']*)' has been blocked by CORS policy: (.*)`), chromeMatch, true},
	{"old", regexp.MustCompile(`(?:(XMLHttpRequest|Fetch API) cannot load (\S+?)\.? |Failed to load (\S+?): )?(.*?)\s*Origin '([^']*)' is therefore not allowed access\.(?: The response had HTTP status code (\d+)\.)?`), oldMatch, true},
	{"oldPre", regexp.MustCompile(`(?:(XMLHttpRequest|Fetch API) cannot load (\S+?)\.? |Failed to load (\S+?): )?Response for preflight (?:is invalid \(redirect\)|has invalid HTTP status code (\d+))`), oldPreMatch, false},
	{"fox", regexp.MustCompile(`disallows reading the remote resource at '?(\S+?)'?\. \(Reason: (.*?)\)\.?(?: Status code: (\d+)\.?)?\s*(?:\[|$)`), foxMatch, true},
	{"quoted", regexp.MustCompile(`'([^']*)'`), quoted, false},
	{"safOrigin", regexp.MustCompile(`Origin (\S+) is not allowed by Access-Control-Allow-Origin\.?(?: Status code: (\d+))?`), safOrigin, false},
	{"safLoad", regexp.MustCompile(`(Fetch API|XMLHttpRequest) cannot load (\S+?)\.? due to access control checks`), safLoad, false},
	{"safStatus", regexp.MustCompile(`Status code: (\d+)`), safStatus, false},
	{"safHeader", regexp.MustCompile(`Request header field (\S+) is not allowed by Access-Control-Allow-Headers`), safHeader, false},
	{"safMethod", regexp.MustCompile(`Method (\S+) is not allowed by Access-Control-Allow-Methods`), safMethod, false},
}

// matchSeeds are real messages and near misses around each pattern's
// choices (optional groups, lazy tokens, dots, quotes).
var matchSeeds = []string{
	"Access to fetch at 'https://b.s3.amazonaws.com/k' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
	"Access to XMLHttpRequest at 'https://b/k' (redirected from 'https://a/k') from origin 'https://o' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
	"Access to font at 'x' (redirected from 'y) from origin 'o' has been blocked by CORS policy: ",
	"Access to a at 'b' at 'c' from origin 'd' has been blocked by CORS policy: e",
	"x Access to Access to a at 'u' from origin 'o' has been blocked by CORS policy: r",
	"XMLHttpRequest cannot load https://b.s3.amazonaws.com/k. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://o' is therefore not allowed access. The response had HTTP status code 403.",
	"Failed to load https://b/k: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://o' is therefore not allowed access.",
	"Fetch API cannot load a.b.. x  \t Origin 'q' is therefore not allowed access. The response had HTTP status code .",
	"Origin 'a' is therefore not allowed Origin 'b' is therefore not allowed access.",
	"XMLHttpRequest cannot load x. Response for preflight has invalid HTTP status code 403",
	"Failed to load https://x/y: Response for preflight is invalid (redirect)",
	"zz Response for preflight has invalid HTTP status code  Fetch API cannot load u Response for preflight is invalid (redirect)",
	"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 403.",
	"disallows reading the remote resource at 'https://x/y'. (Reason: a) b). [Learn More] ",
	"disallows reading the remote resource at 'x. (Reason: (a)). Status code: 2 x) ",
	"disallows reading the remote resource at a.b. (Reason: r). Status code: 12. \t",
	"it's 'quoted' and 'again'",
	"[Error] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 403\n[Error] Fetch API cannot load https://b/k. due to access control checks.",
	"Origin a Origin b is not allowed by Access-Control-Allow-Origin Status code: x",
	"XMLHttpRequest cannot load a.b.c due to access control checks.",
	"Request header field x-amz-date is not allowed by Access-Control-Allow-Headers.",
	"Method PUT is not allowed by Access-Control-Allow-Methods.",
	"Status code: Status code: 404",
}

func checkMatchers(t *testing.T, s string) {
	for _, p := range patterns {
		in := s
		if p.line {
			in = strings.ReplaceAll(in, "\n", " ")
		}
		want := p.re.FindStringSubmatch(in)
		got := p.match(in)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s(%q)\n got %q\nwant %q", p.name, in, got, want)
		}
	}
	wantAll := patterns[4].re.FindAllStringSubmatch(s, -1)
	if got := quotedAll(s); !reflect.DeepEqual(got, wantAll) {
		t.Errorf("quotedAll(%q) = %q, want %q", s, got, wantAll)
	}
}

func TestMatchersAgreeWithRegexp(t *testing.T) {
	for _, s := range matchSeeds {
		checkMatchers(t, s)
		// Every prefix and suffix: the near misses.
		for i := 0; i <= len(s); i++ {
			checkMatchers(t, s[:i])
			checkMatchers(t, s[i:])
		}
	}
}

func FuzzMatchersAgreeWithRegexp(f *testing.F) {
	for _, s := range matchSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMatchers(t, s)
	})
}
