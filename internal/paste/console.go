package paste

import (
	"strconv"
	"strings"
)

// markers start the messages Parse recognises; the first one found in the
// text (by position) is the message read.
var markers = []struct {
	text string
	kind string
}{
	{"has been blocked by CORS policy", "chrome"},
	{"is therefore not allowed access", "chrome-old"},
	{"Response for preflight is invalid", "chrome-old"},
	{"Response for preflight has invalid HTTP status code", "chrome-old"},
	{"Cross-Origin Request Blocked", "firefox"},
	{"is not allowed by Access-Control-Allow-Origin", "safari"},
	{"Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true", "safari"},
	{"Credentials flag is true, but Access-Control-Allow-Credentials is not", "safari"},
	{"Access-Control-Allow-Origin cannot contain more than one origin", "safari"},
	{"Preflight response is not successful", "safari"},
	{"is not allowed by Access-Control-Allow-Headers.", "safari"},
	{"is not allowed by Access-Control-Allow-Methods.", "safari"},
	{"due to access control checks", "safari"},
}

// lineAt returns the line around byte i, at most MaxLine bytes of it, and
// its 1-based number.
func lineAt(text string, i int) (string, int, int, int) {
	s := strings.LastIndexByte(text[:i], '\n') + 1
	e := strings.IndexByte(text[i:], '\n')
	if e < 0 {
		e = len(text)
	} else {
		e += i
	}
	if s < i-MaxLine/2 {
		s = i - MaxLine/2
	}
	if e > i+MaxLine/2 {
		e = i + MaxLine/2
	}
	return strings.TrimRight(text[s:e], "\r"), 1 + strings.Count(text[:s], "\n"), s, e
}

func parseConsole(text string) (*Result, error) {
	best, kind := -1, ""
	for _, m := range markers {
		if i := strings.Index(text, m.text); i >= 0 && (best < 0 || i < best) {
			best, kind = i, m.kind
		}
	}
	if best < 0 {
		return nil, ErrNotFound
	}
	line, n, _, end := lineAt(text, best)
	r := &Result{Kind: kind, Line: n, Message: strings.TrimSpace(line), Notes: []string{}}
	switch kind {
	case "chrome":
		r.Browser = "chrome"
		chrome(r, line)
	case "chrome-old":
		r.Browser = "chrome"
		chromeOld(r, line)
	case "firefox":
		r.Browser = "firefox"
		firefox(r, line)
	default:
		r.Browser = "safari"
		// WebKit prints the reason and "… cannot load <url> due to access
		// control checks." on neighbouring lines: read a few after.
		window := line
		if end < len(text) {
			rest := text[end:]
			for k := 0; k < 4 && rest != ""; k++ {
				rest = strings.TrimLeft(rest, "\r\n")
				nl := strings.IndexByte(rest, '\n')
				if nl < 0 {
					nl = len(rest)
				}
				window += "\n" + rest[:min(nl, MaxLine)]
				rest = rest[nl:]
			}
		}
		safari(r, window)
	}
	if r.Reason == "" {
		r.Notes = append(r.Notes, "corsplay recognised the message but not its reason; the evaluation will show what S3 answers.")
	} else if why := meaning[r.Reason]; why != "" {
		r.Notes = append(r.Notes, why)
	}
	return r, nil
}

// reasons maps the text after Chrome's prefix to Chromium's CorsError names
// (the same names are used for the other browsers).
var chromeReasons = []struct {
	prefix, reason string
}{
	{"No 'Access-Control-Allow-Origin' header is present", "MissingAllowOriginHeader"},
	{"The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*'", "WildcardOriginNotAllowed"},
	{"The 'Access-Control-Allow-Origin' header has a value", "AllowOriginMismatch"},
	{"The 'Access-Control-Allow-Origin' header contains multiple values", "MultipleAllowOriginValues"},
	{"The 'Access-Control-Allow-Origin' header contains the invalid value", "InvalidAllowOriginValue"},
	{"The value of the 'Access-Control-Allow-Credentials' header", "InvalidAllowCredentials"},
	{"It does not have HTTP ok status", "PreflightInvalidStatus"},
	{"Redirect is not allowed for a preflight request", "PreflightDisallowedRedirect"},
	{"Method ", "MethodDisallowedByPreflightResponse"},
	{"Request header field ", "HeaderDisallowedByPreflightResponse"},
	{"Cannot parse Access-Control-Allow-Methods", "InvalidAllowMethodsPreflightResponse"},
	{"Cannot parse Access-Control-Allow-Headers", "InvalidAllowHeadersPreflightResponse"},
	{"Cross origin requests are only supported for protocol schemes", "CorsDisabledScheme"},
	{"Redirect location", "RedirectContainsCredentials"},
}

const preflightPrefix = "Response to preflight request doesn't pass access control check: "

// reason fills Reason (and what the reason names) from Chrome's text.
func reason(r *Result, rest string) {
	if strings.HasPrefix(rest, preflightPrefix) {
		r.Preflight = true
		rest = rest[len(preflightPrefix):]
	}
	for _, c := range chromeReasons {
		if !strings.HasPrefix(rest, c.prefix) {
			continue
		}
		r.Reason = c.reason
		switch c.reason {
		case "WildcardOriginNotAllowed", "InvalidAllowCredentials":
			r.Fetch.Credentials = "include"
		case "MethodDisallowedByPreflightResponse":
			r.Preflight = true
			if f := strings.Fields(rest[len(c.prefix):]); len(f) > 0 {
				r.Fetch.Method = f[0]
			}
		case "HeaderDisallowedByPreflightResponse":
			r.Preflight = true
			if f := strings.Fields(rest[len(c.prefix):]); len(f) > 0 {
				r.Fetch.Headers = append(r.Fetch.Headers, [2]string{f[0], ""})
			}
		case "PreflightInvalidStatus", "PreflightDisallowedRedirect", "InvalidAllowMethodsPreflightResponse", "InvalidAllowHeadersPreflightResponse":
			r.Preflight = true
		}
		if q := quoted(rest[len(c.prefix):]); q != nil && (c.reason == "AllowOriginMismatch" || c.reason == "MultipleAllowOriginValues" || c.reason == "InvalidAllowOriginValue" || c.reason == "InvalidAllowCredentials") {
			r.Value = q[1]
		}
		return
	}
}

func chrome(r *Result, line string) {
	m := chromeMatch(line)
	if m == nil {
		return
	}
	r.Resource, r.Fetch.URL, r.RedirectedFrom, r.Fetch.Origin = m[1], m[2], m[3], m[4]
	if r.RedirectedFrom != "" {
		r.Notes = append(r.Notes, "The request was redirected from "+r.RedirectedFrom+"; the error is about the response from "+r.Fetch.URL+".")
	}
	if r.Resource == "XMLHttpRequest" && strings.Contains(m[5], "withCredentials") {
		r.Fetch.Credentials = "include"
	}
	reason(r, m[5])
	resourceNote(r)
}

func chromeOld(r *Result, line string) {
	if m := oldMatch(line); m != nil {
		r.Resource = m[1]
		r.Fetch.URL = m[2]
		if m[3] != "" {
			r.Fetch.URL = m[3]
		}
		r.Fetch.Origin = m[5]
		if m[6] != "" {
			r.Status, _ = strconv.Atoi(m[6])
		}
		reason(r, strings.TrimSpace(m[4]))
	} else if m := oldPreMatch(line); m != nil {
		r.Resource = m[1]
		r.Fetch.URL = m[2]
		if m[3] != "" {
			r.Fetch.URL = m[3]
		}
		r.Preflight = true
		if m[4] != "" {
			r.Status, _ = strconv.Atoi(m[4])
			r.Reason = "PreflightInvalidStatus"
		} else {
			r.Reason = "PreflightDisallowedRedirect"
		}
	}
	if r.Resource == "Fetch API" {
		r.Resource = "fetch"
	}
	r.Notes = append(r.Notes, "This is the wording of Chrome releases before 2019; current Chrome prints \"Access to fetch at … has been blocked by CORS policy\".")
	resourceNote(r)
}

// firefoxReasons maps Firefox's reasons (security.properties) to the
// Chromium names.
var firefoxReasons = []struct {
	contains, reason string
}{
	{"Access-Control-Allow-Origin' missing", "MissingAllowOriginHeader"},
	{"Access-Control-Allow-Origin' does not match", "AllowOriginMismatch"},
	{"Multiple CORS header 'Access-Control-Allow-Origin'", "MultipleAllowOriginValues"},
	{"Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'", "WildcardOriginNotAllowed"},
	{"expected 'true' in CORS header 'Access-Control-Allow-Credentials'", "InvalidAllowCredentials"},
	{"CORS preflight response did not succeed", "PreflightInvalidStatus"},
	{"CORS preflight channel did not succeed", "PreflightInvalidStatus"},
	{"Did not find method in CORS header 'Access-Control-Allow-Methods'", "MethodDisallowedByPreflightResponse"},
	{"is not allowed according to header 'Access-Control-Allow-Headers'", "HeaderDisallowedByPreflightResponse"},
	{"in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel", "HeaderDisallowedByPreflightResponse"},
	{"invalid token", "InvalidAllowHeadersPreflightResponse"},
	{"CORS request external redirect not allowed", "PreflightDisallowedRedirect"},
	{"CORS request did not succeed", "NetworkFailure"},
	{"CORS request not HTTP", "CorsDisabledScheme"},
}

// straight turns Firefox's curly quotes into straight ones.
var straight = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"")

func firefox(r *Result, line string) {
	line = straight.Replace(line)
	r.Resource = ""
	if m := foxMatch(line + " "); m != nil {
		r.Fetch.URL = strings.Trim(m[1], "'")
		rs := m[2]
		if m[3] != "" {
			r.Status, _ = strconv.Atoi(m[3])
		}
		for _, f := range firefoxReasons {
			if strings.Contains(rs, f.contains) {
				r.Reason = f.reason
				break
			}
		}
		switch r.Reason {
		case "WildcardOriginNotAllowed", "InvalidAllowCredentials":
			r.Fetch.Credentials = "include"
		case "HeaderDisallowedByPreflightResponse":
			r.Preflight = true
			if q := quoted(rs); q != nil {
				r.Fetch.Headers = append(r.Fetch.Headers, [2]string{q[1], ""})
			}
		case "PreflightInvalidStatus", "MethodDisallowedByPreflightResponse", "PreflightDisallowedRedirect", "InvalidAllowHeadersPreflightResponse":
			r.Preflight = true
		case "AllowOriginMismatch":
			if q := quotedAll(rs); len(q) > 1 {
				r.Value = q[len(q)-1][1]
			}
		}
	}
	r.Notes = append(r.Notes, "Firefox checks a preflight's status before its headers, so S3's 403 preflight reads \"CORS preflight response did not succeed\" here and \"No 'Access-Control-Allow-Origin' header\" in Chrome.")
}

func safari(r *Result, window string) {
	switch {
	case strings.Contains(window, "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true"):
		r.Reason = "WildcardOriginNotAllowed"
		r.Fetch.Credentials = "include"
	case strings.Contains(window, "Credentials flag is true, but Access-Control-Allow-Credentials is not"):
		r.Reason = "InvalidAllowCredentials"
		r.Fetch.Credentials = "include"
	case strings.Contains(window, "Access-Control-Allow-Origin cannot contain more than one origin"):
		r.Reason = "MultipleAllowOriginValues"
	case strings.Contains(window, "Preflight response is not successful"):
		r.Reason = "PreflightInvalidStatus"
		r.Preflight = true
	}
	if m := safHeader(window); m != nil {
		r.Reason, r.Preflight = "HeaderDisallowedByPreflightResponse", true
		r.Fetch.Headers = append(r.Fetch.Headers, [2]string{m[1], ""})
	}
	if m := safMethod(window); m != nil {
		r.Reason, r.Preflight = "MethodDisallowedByPreflightResponse", true
		r.Fetch.Method = m[1]
	}
	if m := safOrigin(window); m != nil {
		r.Fetch.Origin = m[1]
		if r.Reason == "" {
			// WebKit says this both when the header is missing and when it
			// names another origin.
			r.Reason = "MissingAllowOriginHeader"
		}
	}
	if m := safStatus(window); m != nil {
		r.Status, _ = strconv.Atoi(m[1])
	}
	if m := safLoad(window); m != nil {
		r.Resource, r.Fetch.URL = m[1], m[2]
		if r.Resource == "Fetch API" {
			r.Resource = "fetch"
		}
	}
	r.Notes = append(r.Notes, "Safari says \"not allowed by Access-Control-Allow-Origin\" both when the header is missing and when it names another origin; the status code tells a failed preflight (403 from S3) from a response without CORS headers.")
	resourceNote(r)
}

func resourceNote(r *Result) {
	switch r.Resource {
	case "", "fetch", "XMLHttpRequest":
	case "font", "image", "script", "CSS stylesheet", "video", "audio":
		r.Notes = append(r.Notes, "A "+r.Resource+" is loaded in CORS mode only with a crossorigin attribute (fonts always): it is never preflighted, so only the response's Access-Control-Allow-Origin matters. If it works on some loads and not others, suspect a cached copy without Vary: Origin.")
	}
}

// meaning says what each reason means when the server is S3.
var meaning = map[string]string{
	"MissingAllowOriginHeader":            "S3 sent no Access-Control-Allow-Origin. S3 does that when the bucket has no CORS configuration, when no rule allows this origin, method and requested headers together (a preflight then gets 403), or when the request reached S3 without an Origin header (a CDN that does not forward it, or a cached response from an earlier non-CORS load without Vary: Origin). The browser never says which; the evaluation shows rule by rule.",
	"WildcardOriginNotAllowed":            "The matching rule has AllowedOrigin *, so S3 answered Access-Control-Allow-Origin: *, which browsers refuse for a request with credentials. Put a rule with the page's exact origin before it (first match wins): S3 then echoes the origin and adds Access-Control-Allow-Credentials: true.",
	"AllowOriginMismatch":                 "Access-Control-Allow-Origin names another origin. S3 always echoes the request's own origin (or *), so this comes from a cache or CDN that served a response made for another origin — the cache key must include Origin — or from an origin pattern that is not what S3 sees.",
	"MultipleAllowOriginValues":           "The response had several Access-Control-Allow-Origin values. S3 sends one; a proxy or CDN in front added another.",
	"InvalidAllowOriginValue":             "Access-Control-Allow-Origin holds something that is not an origin; S3 never sends that, so it comes from something in front of S3.",
	"InvalidAllowCredentials":             "The request has credentials but Access-Control-Allow-Credentials is not \"true\". S3 sends it only when a rule without * matched: add a rule with the page's exact origin.",
	"PreflightInvalidStatus":              "The preflight's status was not 2xx. S3 answers a preflight that no rule allows with 403 (Chrome then reports the missing Access-Control-Allow-Origin instead); a non-2xx with CORS headers points at a proxy, CDN or gateway in front of S3 (for example one that tries to authenticate the OPTIONS request, which never carries a signature).",
	"PreflightDisallowedRedirect":         "The preflight got a redirect, which browsers never follow. S3 redirects requests for a bucket in another region from the global or path-style endpoint (new buckets especially): use the regional virtual-hosted URL, https://BUCKET.s3.REGION.amazonaws.com/KEY.",
	"MethodDisallowedByPreflightResponse": "The preflight response did not list the method. S3 lists every AllowedMethod of the rule that matched, and matches only a rule that allows the method, so from S3 this cannot happen: the answer came from something else, or the method is one S3 does not support (only GET, PUT, HEAD, POST and DELETE).",
	"HeaderDisallowedByPreflightResponse": "The preflight response did not allow a request header. S3 echoes every requested header when a rule matches, so the usual cause is a rule that does not allow it — S3 then answers 403 (Chrome reports the missing Access-Control-Allow-Origin) — or something in front of S3 that answered instead. Add the header to the rule's AllowedHeader.",
	"NetworkFailure":                      "The request failed at the network level (DNS, TLS, connection) before any CORS check: not a CORS configuration problem.",
	"CorsDisabledScheme":                  "The page or the URL is not http(s) (a file:// page, for example): serve the page over http(s).",
}
