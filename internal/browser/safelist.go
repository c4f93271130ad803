package browser

import (
	"corsplay/internal/header"
	"sort"
	"strconv"
	"strings"
)

// Browser names.
const (
	Chrome  = "chrome"
	Firefox = "firefox"
	Safari  = "safari"
)

// Names lists the browsers corsplay models, in the order messages list them.
var Names = []string{Chrome, Firefox, Safari}

// Reason is one cause of a preflight.
type Reason struct {
	Kind string `json:"kind"` // method | header | value | total
	Name string `json:"name"` // the method, or the lower-case header name
	Why  string `json:"why"`
}

// safelistedMethod is Fetch's CORS-safelisted method.
func safelistedMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "POST" }

// normaliseMethod upper-cases the six methods Fetch normalises
// (case-insensitively); every other method is kept byte for byte.
func normaliseMethod(m string) string {
	switch u := strings.ToUpper(m); u {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return u
	}
	return m
}

// forbiddenMethod: fetch() throws for these.
func forbiddenMethod(m string) bool {
	switch strings.ToUpper(m) {
	case "CONNECT", "TRACE", "TRACK":
		return true
	}
	return false
}

var forbiddenNames = map[string]bool{
	"accept-charset": true, "accept-encoding": true, "access-control-request-headers": true,
	"access-control-request-method": true, "connection": true, "content-length": true,
	"cookie": true, "cookie2": true, "date": true, "dnt": true, "expect": true, "host": true,
	"keep-alive": true, "origin": true, "referer": true, "set-cookie": true, "te": true,
	"trailer": true, "transfer-encoding": true, "upgrade": true, "via": true,
}

// forbiddenHeader is Fetch's forbidden request-header, plus, for Chromium
// (and WebKit), User-Agent, which the standard no longer forbids but those
// engines still drop when a script sets it. Firefox follows the standard and
// sends a script's User-Agent, which then needs a preflight (docs/browser-verdict.md,
// where the browsers differ).
func forbiddenHeader(name, value, browser string) (bool, string) {
	n := strings.ToLower(name)
	switch {
	case forbiddenNames[n]:
		return true, "a forbidden request header: the browser sets it, a script cannot"
	case strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-"):
		return true, "names starting with " + strconv.Quote(n[:strings.IndexByte(n, '-')+1]) + " are forbidden request headers: a script cannot set them"
	case n == "x-http-method" || n == "x-http-method-override" || n == "x-method-override":
		for _, v := range strings.Split(value, ",") {
			if forbiddenMethod(strings.TrimSpace(v)) {
				return true, "it names a forbidden method (CONNECT, TRACE, TRACK), which makes it a forbidden request header"
			}
		}
	case n == "user-agent" && browser == Chrome:
		return true, "Chromium ignores a User-Agent set by a script (Firefox sends it, and then it needs a preflight)"
	}
	return false, ""
}

// unsafeByte is Fetch's CORS-unsafe request-header byte.
func unsafeByte(c byte) bool {
	return (c < 0x20 && c != '\t') || c == 0x7f || strings.IndexByte(`"():<>?@[\]{}`, c) >= 0
}

func firstUnsafe(v string) int {
	for i := 0; i < len(v); i++ {
		if unsafeByte(v[i]) {
			return i
		}
	}
	return -1
}

// safelistedHeader decides Fetch's "CORS-safelisted request-header" for one
// (name, value), per browser, and says why in a sentence either way.
func safelistedHeader(name, value, browser string) (ok bool, kind, why string) {
	n := strings.ToLower(name)
	if browser == Chrome {
		switch n {
		case "dpr", "device-memory":
			if isDecimal(value) {
				return true, "", "Chromium safelists the " + n + " client hint when it is a number"
			}
			return false, "value", "Chromium safelists " + n + " only as a number (digits, optionally .digits)"
		case "width", "viewport-width":
			if isDigits(value) {
				return true, "", "Chromium safelists the " + n + " client hint when it is an integer"
			}
			return false, "value", "Chromium safelists " + n + " only as an integer"
		case "save-data":
			if strings.EqualFold(value, "on") {
				return true, "", "Chromium safelists Save-Data: on"
			}
			return false, "value", "Chromium safelists save-data only with the value \"on\""
		}
	}
	switch n {
	case "accept", "accept-language", "content-language", "content-type", "range":
	default:
		return false, "header", n + " is not a CORS-safelisted request header (only Accept, Accept-Language, Content-Language, Content-Type and Range can be, with limits)"
	}
	if len(value) > 128 {
		return false, "value", "the value is " + strconv.Itoa(len(value)) + " bytes; a safelisted header's value may have at most 128"
	}
	switch n {
	case "accept":
		if i := firstUnsafe(value); i >= 0 {
			return false, "value", "the value holds " + quoteByte(value[i]) + ", a CORS-unsafe byte"
		}
		return true, "", "Accept without CORS-unsafe bytes is safelisted"
	case "accept-language", "content-language":
		for i := 0; i < len(value); i++ {
			c := value[i]
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || strings.IndexByte(" *,-.;=", c) >= 0) {
				return false, "value", "the value holds " + quoteByte(c) + "; " + n + " is safelisted only with letters, digits, space and * , - . ; ="
			}
		}
		return true, "", n + " with letters, digits and * , - . ; = is safelisted"
	case "content-type":
		if i := firstUnsafe(value); i >= 0 {
			return false, "value", "the value holds " + quoteByte(value[i]) + ", a CORS-unsafe byte"
		}
		ess, ok := mimeEssence(value)
		if !ok {
			return false, "value", strconv.Quote(value) + " does not parse as a MIME type (type/subtype)"
		}
		switch ess {
		case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
			return true, "", "Content-Type " + ess + " is one of the three safelisted types (parameters are ignored)"
		}
		return false, "value", "Content-Type " + ess + " is not application/x-www-form-urlencoded, multipart/form-data or text/plain, the only safelisted types"
	case "range":
		if simpleRange(value) {
			return true, "", "a single bytes=start- or bytes=start-end range is safelisted"
		}
		return false, "value", "only a single bytes=start- or bytes=start-end range is safelisted; " + strconv.Quote(value) + " is not (suffix ranges like bytes=-500 and multiple ranges need a preflight)"
	}
	return false, "header", ""
}

// mimeEssence parses type/subtype (parameters after ";" ignored), both HTTP
// tokens, and returns it lower-cased.
func mimeEssence(v string) (string, bool) {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	v = strings.Trim(v, " \t\r\n")
	slash := strings.IndexByte(v, '/')
	if slash <= 0 || slash == len(v)-1 || !header.IsToken(v[:slash]) || !header.IsToken(v[slash+1:]) {
		return "", false
	}
	return strings.ToLower(v), true
}

// simpleRange: "bytes=" digits "-" [digits], start ≤ end, no whitespace
// (Fetch "parse a single range header value" with allowWhitespace false).
func simpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	start, end, ok := strings.Cut(rest, "-")
	if !ok || !isDigits(start) {
		return false
	}
	if end == "" {
		return true
	}
	if !isDigits(end) {
		return false
	}
	s, err1 := strconv.ParseUint(start, 10, 64)
	e, err2 := strconv.ParseUint(end, 10, 64)
	return err1 == nil && err2 == nil && s <= e
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDecimal(s string) bool {
	a, b, dot := strings.Cut(s, ".")
	return isDigits(a) && (!dot || isDigits(b))
}

func quoteByte(c byte) string {
	if c < 0x20 || c == 0x7f {
		return "byte 0x" + strconv.FormatUint(uint64(c)|0x100, 16)[1:]
	}
	return strconv.Quote(string(rune(c)))
}

// unsafeNames is Fetch's "CORS-unsafe request-header names" with a reason
// for each: the non-safelisted names, plus every safelisted one when their
// values together exceed 1024 bytes; lower-cased, de-duplicated, sorted.
// headers are already combined per name and stripped of forbidden ones.
func unsafeNames(headers [][2]string, browser string) ([]string, []Reason) {
	var names []string
	var reasons []Reason
	var potentially []string
	size := 0
	for _, kv := range headers {
		n := strings.ToLower(kv[0])
		ok, kind, why := safelistedHeader(kv[0], kv[1], browser)
		if !ok {
			names = append(names, n)
			reasons = append(reasons, Reason{Kind: kind, Name: n, Why: why})
			continue
		}
		potentially = append(potentially, n)
		size += len(kv[1])
	}
	if size > 1024 {
		for _, n := range potentially {
			names = append(names, n)
			reasons = append(reasons, Reason{Kind: "total", Name: n, Why: "the safelisted headers' values add up to " + strconv.Itoa(size) + " bytes, over the 1024-byte limit, so every one of them counts as unsafe"})
		}
	}
	sort.Strings(names)
	names = dedupe(names)
	sort.SliceStable(reasons, func(i, j int) bool { return reasons[i].Name < reasons[j].Name })
	return names, reasons
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// NeedsPreflight reports whether browser name sends a CORS-preflight before
// fetch f: a CORS-mode request whose method is not GET, HEAD or POST or
// which sets a header that is not CORS-safelisted. Same-origin pages are
// not considered (f.Origin may be empty: the origin does not change the
// answer for another origin's URL). The error is Normalise's.
func NeedsPreflight(f Fetch, name string) (bool, error) {
	if f.Origin == "" {
		f.Origin = "https://origin.invalid"
	}
	req, _, _, err := Normalise(f, name)
	if err != nil {
		return false, err
	}
	if req.Mode != "cors" {
		return false, nil
	}
	unsafe, _ := unsafeNames(req.Headers, name)
	return !safelistedMethod(req.Method) || len(unsafe) > 0, nil
}
