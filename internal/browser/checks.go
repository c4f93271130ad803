package browser

import (
	"corsplay/internal/header"
	"corsplay/internal/urlparse"
	"sort"
	"strconv"
	"strings"
)

// corsCheck is Fetch's CORS check (Fetch §4.9 "CORS check"), with each browser's way of naming the failure: Chromium's
// CheckAccess picks "multiple values" for a value with a space or comma,
// "mismatch" for null or a parseable URL, and "invalid" otherwise.
func corsCheck(b string, resp *Response, origin string, credentialed bool) ([]Check, *Failure) {
	var checks []Check
	vals := values(resp.Headers, "Access-Control-Allow-Origin")
	if len(vals) == 0 {
		return append(checks, Check{"Access-Control-Allow-Origin", false, "The response has no Access-Control-Allow-Origin header."}),
			&Failure{Kind: FailMissingAllowOrigin}
	}
	acao := strings.Join(vals, ", ")
	multiple := len(vals) > 1 || strings.ContainsAny(acao, ", ")
	switch {
	case acao == "*" && credentialed:
		return append(checks, Check{"Access-Control-Allow-Origin", false, "Access-Control-Allow-Origin is \"*\", which a request with credentials mode \"include\" cannot accept."}),
			&Failure{Kind: FailWildcardOrigin, Value: acao}
	case acao == "*":
		return append(checks, Check{"Access-Control-Allow-Origin", true, "Access-Control-Allow-Origin is \"*\" and the request is uncredentialed: any origin passes."}), nil
	case acao != origin:
		kind := FailAllowOriginMismatch
		switch {
		case multiple:
			kind = FailMultipleAllowOrigin
		case b == Chrome && acao != "null" && !parseableURL(acao):
			kind = FailInvalidAllowOrigin
		}
		return append(checks, Check{"Access-Control-Allow-Origin", false, "Access-Control-Allow-Origin is " + strconv.Quote(acao) + ", not the page's origin " + strconv.Quote(origin) + " (compared byte for byte)."}),
			&Failure{Kind: kind, Value: acao}
	}
	checks = append(checks, Check{"Access-Control-Allow-Origin", true, "Access-Control-Allow-Origin echoes the page's origin " + strconv.Quote(origin) + "."})
	if !credentialed {
		return checks, nil
	}
	acac, _ := header.List(resp.Headers).Get("Access-Control-Allow-Credentials")
	if acac != "true" {
		return append(checks, Check{"Access-Control-Allow-Credentials", false, "With credentials mode \"include\", Access-Control-Allow-Credentials must be exactly \"true\"; it is " + strconv.Quote(acac) + "."}),
			&Failure{Kind: FailAllowCredentials, Value: acac}
	}
	return append(checks, Check{"Access-Control-Allow-Credentials", true, "Access-Control-Allow-Credentials is \"true\", as a credentialed request needs."}), nil
}

func parseableURL(s string) bool {
	u, err := urlparse.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// judgePreflight is Fetch's CORS-preflight fetch (§4.8), step 7 onwards:
// the response must pass the CORS check and have an ok status, then the
// method and each CORS-unsafe header must be allowed. Each step adds its
// checks; the first that fails ends the judgement.
func judgePreflight(b string, resp *Response, req Request, unsafe []string, credentialed bool) ([]Check, *Failure) {
	j := &preflightJudge{b: b, resp: resp, credentialed: credentialed}
	f := j.corsAndStatus(req.Origin)
	if f == nil {
		f = j.parseAllowLists()
	}
	if f == nil {
		f = j.allowMethod(req.Method)
	}
	if f == nil {
		f = j.allowHeaders(unsafe)
	}
	return j.checks, f
}

// preflightJudge holds one preflight response and the checks made on it.
type preflightJudge struct {
	b            string
	resp         *Response
	credentialed bool
	checks       []Check

	acam, acah       string   // Access-Control-Allow-Methods and -Headers as sent
	methods, allowed []string // their items
}

func (j *preflightJudge) add(name string, ok bool, detail string) {
	j.checks = append(j.checks, Check{name, ok, detail})
}

// corsAndStatus is step 7's condition, in each browser's order:
// Chromium's CheckPreflightAccess refuses a redirect, then runs the CORS
// check before the status check (so S3's 403 reads as "no
// Access-Control-Allow-Origin"), while Firefox
// (CheckPreflightRequestApproved) and WebKit (validatePreflightResponse)
// check the status first.
func (j *preflightJudge) corsAndStatus(origin string) *Failure {
	cors := func() *Failure {
		c, f := corsCheck(j.b, j.resp, origin, j.credentialed)
		j.checks = append(j.checks, c...)
		return f
	}
	if j.b != Chrome {
		if f := j.okStatus(); f != nil {
			return f
		}
		return cors()
	}
	if st := j.resp.Status; st >= 300 && st < 400 {
		j.add("redirect", false, "The preflight was answered with a redirect ("+strconv.Itoa(st)+"); a preflight cannot follow one.")
		return &Failure{Kind: FailPreflightRedirect}
	}
	if f := cors(); f != nil {
		return f
	}
	return j.okStatus()
}

// okStatus: the preflight's status is 200–299, and not a redirect.
func (j *preflightJudge) okStatus() *Failure {
	st := j.resp.Status
	switch {
	case st >= 300 && st < 400:
		j.add("ok status", false, "The preflight was answered with a redirect ("+strconv.Itoa(st)+"); a preflight cannot follow one.")
		return &Failure{Kind: FailPreflightRedirect}
	case st < 200 || st > 299:
		j.add("ok status", false, "The preflight's status is "+strconv.Itoa(st)+"; it must be 200–299.")
		return &Failure{Kind: FailPreflightStatus}
	}
	j.add("ok status", true, "Status "+strconv.Itoa(st)+" is an ok status.")
	return nil
}

// parseAllowLists is steps 7.1 to 7.3: Access-Control-Allow-Methods and
// Access-Control-Allow-Headers must be lists of tokens.
func (j *preflightJudge) parseAllowLists() *Failure {
	h := header.List(j.resp.Headers)
	var bad string
	j.acam, _ = h.Get("Access-Control-Allow-Methods")
	if j.methods, bad = tokenList(j.acam); bad != "" {
		j.add("Access-Control-Allow-Methods", false, "Access-Control-Allow-Methods "+strconv.Quote(j.acam)+" does not parse: "+strconv.Quote(bad)+" is not a token.")
		return &Failure{Kind: FailParseMethods, Value: bad}
	}
	j.acah, _ = h.Get("Access-Control-Allow-Headers")
	if j.allowed, bad = tokenList(j.acah); bad != "" {
		j.add("Access-Control-Allow-Headers", false, "Access-Control-Allow-Headers "+strconv.Quote(j.acah)+" does not parse: "+strconv.Quote(bad)+" is not a token.")
		return &Failure{Kind: FailParseHeaders, Value: bad}
	}
	return nil
}

// allowMethod is step 7.5: the method is CORS-safelisted, listed (Chromium
// compares without case), or covered by "*" for an uncredentialed request.
func (j *preflightJudge) allowMethod(m string) *Failure {
	found, wildcard := false, false
	for _, x := range j.methods {
		if x == "*" {
			wildcard = true
		}
		if x == m || (j.b == Chrome && strings.ToUpper(x) == strings.ToUpper(m)) {
			found = true
		}
	}
	switch {
	case safelistedMethod(m):
		j.add("Access-Control-Allow-Methods", true, m+" is a CORS-safelisted method: it needs no listing.")
	case found:
		j.add("Access-Control-Allow-Methods", true, m+" is listed in Access-Control-Allow-Methods: "+strconv.Quote(j.acam)+".")
	case wildcard && !j.credentialed:
		j.add("Access-Control-Allow-Methods", true, "Access-Control-Allow-Methods is \"*\" and the request is uncredentialed.")
	default:
		d := m + " is not in Access-Control-Allow-Methods (" + strconv.Quote(j.acam) + ")."
		if wildcard {
			d += " \"*\" does not count for a credentialed request."
		}
		j.add("Access-Control-Allow-Methods", false, d)
		return &Failure{Kind: FailMethod, Value: m}
	}
	return nil
}

// allowHeaders is steps 7.6 and 7.7, for each CORS-unsafe header name (in
// order, sorted): listed, or covered by "*" for an uncredentialed request;
// "*" never covers Authorization, except in Firefox, which still lets it
// with a deprecation warning.
func (j *preflightJudge) allowHeaders(unsafe []string) *Failure {
	if len(unsafe) == 0 {
		j.add("Access-Control-Allow-Headers", true, "The request has no CORS-unsafe headers to allow.")
	}
	hasStar := false
	set := map[string]bool{}
	for _, h := range j.allowed {
		if h == "*" {
			hasStar = true
		}
		set[strings.ToLower(h)] = true
	}
	for _, h := range unsafe {
		switch {
		case set[h]:
			j.add("Access-Control-Allow-Headers", true, h+" is listed in Access-Control-Allow-Headers.")
		case h == "authorization" && hasStar && !j.credentialed && j.b == Firefox:
			j.add("Access-Control-Allow-Headers", true, "authorization is covered by \"*\" only in Firefox, which logs a deprecation warning (CORSAllowHeaderFromPreflightDeprecation); Chrome and Safari require it by name.")
		case h != "authorization" && hasStar && !j.credentialed:
			j.add("Access-Control-Allow-Headers", true, h+" is covered by Access-Control-Allow-Headers: * (uncredentialed request).")
		default:
			d := h + " is not in Access-Control-Allow-Headers (" + strconv.Quote(j.acah) + ")."
			if h == "authorization" && hasStar {
				d += " \"*\" never covers Authorization."
			} else if hasStar {
				d += " \"*\" does not count for a credentialed request."
			}
			j.add("Access-Control-Allow-Headers", false, d)
			return &Failure{Kind: FailHeader, Value: h}
		}
	}
	return nil
}

// tokenList parses a #token header value; it returns the first item that
// is not a token.
func tokenList(v string) ([]string, string) {
	var out []string
	for _, p := range strings.Split(v, ",") {
		p = strings.Trim(p, " \t")
		if p == "" {
			continue
		}
		if !header.IsToken(p) {
			return nil, p
		}
		out = append(out, p)
	}
	return out, ""
}

// Preflight cache caps and defaults (Fetch §4.8's CORS-preflight cache; Chromium
// preflight_result.cc kMaxTimeout 2 h and kDefaultTimeout 5 s; Firefox
// nsCORSListenerProxy.cpp min(age, 86400); WebKit
// CrossOriginPreflightResultCache.cpp maxPreflightCacheTimeout 600 s).
var cacheCaps = map[string]int{Chrome: 7200, Firefox: 86400, Safari: 600}

const defaultMaxAge = 5

func effectiveMaxAge(b, raw string, present bool) int {
	if !present {
		return defaultMaxAge
	}
	raw = strings.TrimSpace(raw)
	n, err := strconv.Atoi(raw)
	switch {
	case b == Firefox && !isDigits(raw):
		return 0 // Firefox stops caching on any non-digit
	case err != nil && isDigits(raw):
		n = 1 << 30 // too large to parse: clamped below
	case err != nil:
		return defaultMaxAge
	case n < 0:
		return 0 // Chromium: a negative value means "do not cache"
	}
	if c := cacheCaps[b]; n > c {
		return c
	}
	return n
}

func preflightCache(b string, resp *Response) *Cache {
	raw, present := header.List(resp.Headers).Get("Access-Control-Max-Age")
	c := &Cache{CapSeconds: cacheCaps[b], Browsers: map[string]int{}}
	if n, err := strconv.Atoi(strings.TrimSpace(raw)); present && err == nil {
		c.MaxAgeSeconds = &n
	}
	for _, x := range Names {
		c.Browsers[x] = effectiveMaxAge(x, raw, present)
	}
	c.EffectiveSeconds = c.Browsers[b]
	switch {
	case !present:
		c.Note = "No Access-Control-Max-Age (the rule has no MaxAgeSeconds): browsers keep the preflight for 5 seconds."
	case c.MaxAgeSeconds != nil && *c.MaxAgeSeconds > c.EffectiveSeconds && c.EffectiveSeconds > 0:
		c.Note = "Max-Age " + strconv.Itoa(*c.MaxAgeSeconds) + " s is above this browser's cap of " + strconv.Itoa(c.CapSeconds) + " s, so it keeps the preflight " + strconv.Itoa(c.EffectiveSeconds) + " s."
	default:
		c.Note = "The browser keeps this preflight " + strconv.Itoa(c.EffectiveSeconds) + " s."
	}
	c.Note += " The cache key is the full URL (query string included), the origin and the credentials mode: every presigned URL and every object key needs its own preflight. DevTools' \"Disable cache\" turns it off."
	return c
}

// CORS-safelisted response-header names (Fetch §2.2.2, "CORS-safelisted
// response-header name").
var safelistedResponse = map[string]bool{
	"cache-control": true, "content-language": true, "content-length": true, "content-type": true,
	"expires": true, "last-modified": true, "pragma": true,
}

// readable splits a CORS response's header names into those a script can
// read through response.headers and those it cannot (lower-case, sorted,
// unique): safelisted names plus Access-Control-Expose-Headers, whose "*"
// means "all" only without credentials. Set-Cookie is never readable.
func readable(hs [][2]string, credentialed bool) (read, hidden []string) {
	exposed := map[string]bool{}
	for _, v := range values(hs, "Access-Control-Expose-Headers") {
		for _, p := range strings.Split(v, ",") {
			if p = strings.ToLower(strings.Trim(p, " \t")); p != "" {
				exposed[p] = true
			}
		}
	}
	all := exposed["*"] && !credentialed
	seen := map[string]bool{}
	read, hidden = []string{}, []string{}
	for _, kv := range hs {
		n := strings.ToLower(kv[0])
		if seen[n] {
			continue
		}
		seen[n] = true
		switch {
		case n == "set-cookie" || n == "set-cookie2":
			hidden = append(hidden, n)
		case safelistedResponse[n] || exposed[n] || all:
			read = append(read, n)
		default:
			hidden = append(hidden, n)
		}
	}
	sort.Strings(read)
	sort.Strings(hidden)
	return read, hidden
}

func forbiddenResponse(hs [][2]string) []string {
	out := []string{}
	for _, kv := range hs {
		n := strings.ToLower(kv[0])
		if (n == "set-cookie" || n == "set-cookie2") && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func without(s, drop []string) []string {
	out := []string{}
	for _, x := range s {
		if !contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func values(hs [][2]string, name string) []string {
	var out []string
	for _, kv := range hs {
		if strings.EqualFold(kv[0], name) {
			out = append(out, kv[1])
		}
	}
	return out
}
