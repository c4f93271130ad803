package browser

import (
	"corsplay/internal/header"
	"errors"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/s3"
)

// S3Request is one HTTP request the browser sends to S3, as an Evaluator
// takes it.
type S3Request struct {
	Method          string
	Target          string // object | bucket | service
	Headers         [][2]string
	OperationStatus int // what the operation itself answers (0: 200)
}

// Answer is S3's answer to one request.
type Answer struct {
	Response    Response
	MatchedRule int    // -1 when no rule matched
	Summary     string // one sentence on why
	// Explained is the evaluator's whole explanation (for corsplay,
	// scenario's evaluation, rule by rule); the verdict carries it as is.
	Explained Explanation
}

// Explanation is an evaluator's explanation of its answer, which writes
// itself into the verdict's JSON (nil is null).
type Explanation interface {
	AppendJSON(b []byte) []byte
}

// Evaluator answers one request as S3 would. corsplay's runner package
// gives one backed by (*runner.Prepared).Evaluate; tests may give others.
type Evaluator func(S3Request) (Answer, error)

// Response is an HTTP response, in the shape of scenario's evaluation.response.
type Response = s3.Response

// HTTPRequest is a request as the browser puts it on the wire.
type HTTPRequest struct {
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Headers [][2]string `json:"headers"`
}

// Check is one step of the browser's judgement.
type Check struct {
	Step   string `json:"step"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Exchange is one request the browser sends and what becomes of it.
type Exchange struct {
	Sent        bool         `json:"sent"`
	Request     *HTTPRequest `json:"request"`
	Operation   string       `json:"operation,omitempty"` // the S3 operation an actual request is
	Response    *Response    `json:"response"`
	Evaluation  Explanation  `json:"evaluation"`
	MatchedRule *int         `json:"matchedRule"`
	Checks      []Check      `json:"checks"`
	OK          bool         `json:"ok"`
	s3Summary   string       // S3's own sentence, for the verdict's summary
}

// Preflight is the CORS-preflight: whether it is needed, why, and how it went.
type Preflight struct {
	Needed  bool     `json:"needed"`
	Reasons []Reason `json:"reasons"`
	Exchange
}

// Cache is how long the preflight's answer is reused.
type Cache struct {
	MaxAgeSeconds    *int           `json:"maxAgeSeconds"` // S3's Access-Control-Max-Age, nil when absent
	EffectiveSeconds int            `json:"effectiveSeconds"`
	CapSeconds       int            `json:"capSeconds"`
	Browsers         map[string]int `json:"browsers"` // effective seconds in each browser
	Note             string         `json:"note"`
}

// Verdict is what the browser does with a fetch.
type Verdict struct {
	Name            string            `json:"name"`
	CORS            bool              `json:"cors"`
	Request         Request           `json:"request"`
	Credentialed    bool              `json:"credentialed"`  // the CORS checks treat it as credentialed
	UnsafeHeaders   []string          `json:"unsafeHeaders"` // CORS-unsafe request-header names, as Access-Control-Request-Headers lists them
	Notes           []string          `json:"notes"`
	Preflight       Preflight         `json:"preflight"`
	Actual          Exchange          `json:"actual"`
	Allowed         bool              `json:"allowed"`
	Opaque          bool              `json:"opaque"` // no-cors: the script gets a response it cannot read
	Failure         *Failure          `json:"failure"`
	Message         string            `json:"message"`
	Messages        map[string]string `json:"messages"`
	AllowedIn       map[string]bool   `json:"allowedIn"`
	Console         []string          `json:"console"`
	Rejection       string            `json:"rejection"` // what fetch() rejects with, "" when it resolves
	ReadableHeaders []string          `json:"readableHeaders"`
	HiddenHeaders   []string          `json:"hiddenHeaders"`
	Cache           *Cache            `json:"cache"`
	Summary         string            `json:"summary"`
	// Hypothetical: the verdict is judged with a configuration S3 rejects,
	// which no bucket can have; Reality then says what really happens.
	// Set by the caller that knows S3's verdict on the configuration
	// (package scenario).
	Hypothetical bool   `json:"hypothetical,omitempty"`
	Reality      string `json:"reality,omitempty"`
}

// Judge says what browser name does with fetch f, asking eval for S3's
// answers. It returns an error only for a fetch no browser would attempt
// (bad URL or origin, header names with spaces...), each explained.
func Judge(eval Evaluator, f Fetch, name string) (*Verdict, error) {
	if eval == nil {
		return nil, errors.New("browser.Judge: no evaluator")
	}
	name, err := modelled(name)
	if err != nil {
		return nil, err
	}
	v, err := judge(eval, f, name)
	if err != nil {
		return nil, err
	}
	v.Messages = map[string]string{}
	v.AllowedIn = map[string]bool{}
	for _, b := range Names {
		o := v
		if b != name {
			if o, err = judge(eval, f, b); err != nil {
				return nil, err
			}
		}
		v.Messages[b] = o.Message
		v.AllowedIn[b] = o.Allowed
	}
	return v, nil
}

// JudgeOne is Judge for browser name alone: Messages and AllowedIn hold
// only its entry. A caller that reads one browser's verdict (corsplay
// test) pays for one judgement instead of one per browser.
func JudgeOne(eval Evaluator, f Fetch, name string) (*Verdict, error) {
	if eval == nil {
		return nil, errors.New("browser.JudgeOne: no evaluator")
	}
	name, err := modelled(name)
	if err != nil {
		return nil, err
	}
	v, err := judge(eval, f, name)
	if err != nil {
		return nil, err
	}
	v.Messages = map[string]string{name: v.Message}
	v.AllowedIn = map[string]bool{name: v.Allowed}
	return v, nil
}

// modelled reads a browser's name: "" is chrome.
func modelled(name string) (string, error) {
	if name == "" {
		return Chrome, nil
	}
	name = strings.ToLower(strings.TrimSpace(name))
	if name != Chrome && name != Firefox && name != Safari {
		return "", errors.New("browser " + strconv.Quote(name) + ` is not modelled; use "chrome", "firefox" or "safari"`)
	}
	return name, nil
}

// Normalise reads a Fetch the way the browser does, for browser name.
func Normalise(f Fetch, name string) (Request, parsedURL, []string, error) {
	var r Request
	var notes []string
	origin, _, note, err := parseOrigin(f.Origin)
	if err != nil {
		return r, parsedURL{}, nil, err
	}
	if note != "" {
		notes = append(notes, note)
	}
	u, err := parseURL("fetch.url", f.URL)
	if err != nil {
		return r, u, nil, err
	}
	r.Origin, r.URL = origin, u.serialized
	m := strings.TrimSpace(f.Method)
	if m == "" {
		m = "GET"
	}
	if !header.IsToken(m) {
		return r, u, nil, errors.New("fetch.method " + strconv.Quote(clip(m)) + " is not an HTTP method name (fetch() throws \"Failed to execute 'fetch' on 'Window': '" + clip(m) + "' is not a valid HTTP method.\")")
	}
	if forbiddenMethod(m) {
		return r, u, nil, errors.New("fetch.method " + m + " is forbidden: fetch() throws \"Failed to execute 'fetch' on 'Window': '" + m + "' HTTP method is unsupported.\"")
	}
	r.Method = normaliseMethod(m)
	switch r.Credentials = strings.TrimSpace(f.Credentials); r.Credentials {
	case "":
		r.Credentials = "same-origin"
	case "omit", "same-origin", "include":
	default:
		return r, u, nil, errors.New("fetch.credentials " + strconv.Quote(clip(f.Credentials)) + ` must be "omit", "same-origin" or "include"`)
	}
	switch r.Mode = strings.TrimSpace(f.Mode); r.Mode {
	case "":
		r.Mode = "cors"
	case "cors", "no-cors", "same-origin":
	case "navigate", "websocket":
		return r, u, nil, errors.New("fetch.mode " + strconv.Quote(r.Mode) + " cannot be set by a script; use \"cors\", \"no-cors\" or \"same-origin\"")
	default:
		return r, u, nil, errors.New("fetch.mode " + strconv.Quote(clip(f.Mode)) + ` must be "cors", "no-cors" or "same-origin"`)
	}
	if len(f.Headers) > MaxHeaders {
		return r, u, nil, errors.New("fetch.headers has " + strconv.Itoa(len(f.Headers)) + " headers; corsplay takes at most " + strconv.Itoa(MaxHeaders))
	}
	// Headers.append: validate, trim the value, combine repeats with ", ".
	r.Headers = [][2]string{}
	r.Ignored = []string{}
	for _, kv := range f.Headers {
		n, val := kv[0], strings.Trim(kv[1], " \t\r\n")
		if !header.IsToken(n) {
			why := "it is not an HTTP token"
			if strings.ContainsAny(n, " \t") {
				why = "it contains a space"
			} else if n == "" {
				why = "it is empty"
			}
			return r, u, nil, errors.New("fetch.headers: " + strconv.Quote(clip(n)) + " is not a valid header name (" + why + "); fetch() throws \"Failed to execute 'fetch' on 'Window': Invalid name\"")
		}
		if len(val) > MaxValue {
			return r, u, nil, errors.New("fetch.headers: the value of " + n + " is " + strconv.Itoa(len(val)) + " bytes; corsplay takes at most " + strconv.Itoa(MaxValue))
		}
		if strings.ContainsAny(val, "\r\n\x00") {
			return r, u, nil, errors.New("fetch.headers: the value of " + n + " contains a line break or NUL; fetch() throws \"Invalid value\"")
		}
		if bad, why := forbiddenHeader(n, val, name); bad {
			r.Ignored = append(r.Ignored, strings.ToLower(n))
			notes = append(notes, "The script sets "+n+", which the browser ignores: "+why+".")
			continue
		}
		if r.Mode == "no-cors" {
			if ok, _, _ := noCorsSafelisted(n, val); !ok {
				r.Ignored = append(r.Ignored, strings.ToLower(n))
				notes = append(notes, "In no-cors mode the browser silently drops "+n+": only Accept, Accept-Language, Content-Language and a safelisted Content-Type survive.")
				continue
			}
		}
		merged := false
		for i := range r.Headers {
			if strings.EqualFold(r.Headers[i][0], n) {
				r.Headers[i][1] += ", " + val
				merged = true
			}
		}
		if !merged {
			r.Headers = append(r.Headers, [2]string{n, val})
		}
	}
	r.Target = s3Target(u)
	if r.Target.Note != "" {
		notes = append(notes, r.Target.Note)
	}
	return r, u, notes, nil
}

func noCorsSafelisted(n, v string) (bool, string, string) {
	switch strings.ToLower(n) {
	case "accept", "accept-language", "content-language", "content-type":
		return safelistedHeader(n, v, "")
	}
	return false, "header", ""
}

func judge(eval Evaluator, f Fetch, name string) (*Verdict, error) {
	req, u, notes, err := Normalise(f, name)
	if err != nil {
		return nil, err
	}
	v := &Verdict{Name: name, Request: req, Notes: notes, UnsafeHeaders: []string{},
		Preflight: Preflight{Reasons: []Reason{}, Exchange: emptyExchange()}, Actual: emptyExchange(),
		Console: []string{}, ReadableHeaders: []string{}, HiddenHeaders: []string{}}
	if v.Notes == nil {
		v.Notes = []string{}
	}
	sameOrigin := req.Origin == u.origin()
	v.CORS = !sameOrigin && req.Mode == "cors"
	v.Credentialed = req.Credentials == "include" || (sameOrigin && req.Credentials == "same-origin")

	switch {
	case sameOrigin:
		return v, sameOriginVerdict(eval, v, u)
	case req.Mode == "same-origin":
		v.fail(&Failure{Stage: "request", Kind: FailSameOriginMode})
		v.Summary = "Blocked before anything is sent: mode \"same-origin\" forbids a request to another origin (" + u.origin() + " is not " + req.Origin + ")."
		return v, nil
	case req.Mode == "no-cors":
		return v, noCorsVerdict(eval, v, u)
	}

	// A CORS request (Fetch §4.1 main fetch, "cors" response tainting).
	unsafe, reasons := unsafeNames(req.Headers, name)
	v.UnsafeHeaders = unsafe
	if !safelistedMethod(req.Method) {
		reasons = append([]Reason{{Kind: "method", Name: req.Method, Why: req.Method + " is not a CORS-safelisted method (only GET, HEAD and POST are)"}}, reasons...)
	}
	v.Preflight.Reasons = reasons
	v.Preflight.Needed = len(reasons) > 0
	if req.Credentials == "same-origin" {
		v.Notes = append(v.Notes, "credentials \"same-origin\" (fetch's default) sends no cookies to another origin, so the CORS checks treat this request as uncredentialed.")
	}

	if v.Preflight.Needed {
		if err := v.runPreflight(eval, u); err != nil {
			return nil, err
		}
		if !v.Preflight.OK {
			v.Summary = v.preflightSummary()
			return v, nil
		}
	}
	if err := v.runActual(eval, u, true); err != nil {
		return nil, err
	}
	if !v.Actual.OK {
		v.Summary = v.actualSummary()
		return v, nil
	}
	v.Allowed = true
	v.ReadableHeaders, v.HiddenHeaders = readable(v.Actual.Response.Headers, v.Credentialed)
	v.Summary = v.allowedSummary()
	return v, nil
}

func emptyExchange() Exchange { return Exchange{Checks: []Check{}} }

func (v *Verdict) fail(f *Failure) {
	f.Issue = devtoolsIssue(f.Kind)
	v.Failure = f
	v.Allowed = false
	v.Message = message(v.Name, f, v.Request.URL, v.Request.Origin, v.Request.Method)
	v.Console = console(v.Name, f, v.Message, v.Request.URL)
	v.Rejection = rejections[v.Name]
	if f.Kind == FailNoCorsMethod && v.Name == Chrome {
		v.Rejection = "TypeError: " + v.Message
	}
	if f.Kind == FailSameOriginMode && v.Name == Chrome {
		v.Rejection = "TypeError: Failed to fetch"
	}
}

// Respond is S3's whole answer to one HTTP request: the engine's answer
// (status, CORS headers, error document) completed with what the operation
// itself sends (s3ops.go). It is what the verdict shows for each request,
// and what e2e/fetch's test server sends to a real browser.
func Respond(eval Evaluator, method, rawURL string, headers [][2]string) (Response, error) {
	u, err := parseURL("url", rawURL)
	if err != nil {
		return Response{}, err
	}
	resp, _, _, err := respond(eval, method, s3Target(u), headers)
	return resp, err
}

func respond(eval Evaluator, method string, t Target, headers [][2]string) (Response, Answer, operation, error) {
	var op operation
	if method != "OPTIONS" {
		op = s3Operation(method, t, headers)
	}
	ans, err := eval(S3Request{Method: method, Target: t.Kind, Headers: headers, OperationStatus: op.Status})
	if err != nil {
		return Response{}, ans, op, err
	}
	resp := ans.Response
	hs := append([][2]string{}, resp.Headers...)
	if method != "OPTIONS" && resp.Status == op.Status && op.Status < 300 {
		for _, kv := range op.Headers {
			if _, dup := header.List(hs).Get(kv[0]); !dup {
				hs = append(hs, kv)
			}
		}
		if method != "HEAD" {
			resp.Body = op.Body
		}
	}
	resp.Headers = withCommon(hs)
	return resp, ans, op, nil
}

// ask sends one request to S3 and fills the exchange.
func (ex *Exchange) ask(eval Evaluator, t Target, wire *HTTPRequest) (operation, error) {
	resp, ans, op, err := respond(eval, wire.Method, t, wire.Headers)
	if err != nil {
		return op, err
	}
	ex.Sent = true
	ex.Request = wire
	ex.Response = &resp
	ex.Evaluation = ans.Explained
	ex.s3Summary = ans.Summary
	if ans.MatchedRule >= 0 {
		m := ans.MatchedRule
		ex.MatchedRule = &m
	}
	return op, nil
}

func (v *Verdict) runPreflight(eval Evaluator, u parsedURL) error {
	req := v.Request
	hs := [][2]string{{"Host", hostHeader(u)}, {"Connection", "keep-alive"}}
	hs = append(hs, [2]string{"Accept", "*/*"}, [2]string{"Access-Control-Request-Method", req.Method})
	if len(v.UnsafeHeaders) > 0 {
		hs = append(hs, [2]string{"Access-Control-Request-Headers", strings.Join(v.UnsafeHeaders, ",")})
	}
	hs = append(hs, [2]string{"Origin", req.Origin})
	hs = append(hs, browserHeaders(v.Name, req, u, true)...)
	wire := &HTTPRequest{Method: "OPTIONS", URL: req.URL, Headers: hs}
	if _, err := v.Preflight.ask(eval, req.Target, wire); err != nil {
		return err
	}
	resp := v.Preflight.Response
	checks, f := judgePreflight(v.Name, resp, req, v.UnsafeHeaders, v.Credentialed)
	v.Preflight.Checks = checks
	v.Preflight.OK = f == nil
	v.Cache = preflightCache(v.Name, resp)
	if f != nil {
		f.Stage = "preflight"
		f.Status = resp.Status
		v.fail(f)
		v.Cache.EffectiveSeconds = 0
		for b := range v.Cache.Browsers {
			v.Cache.Browsers[b] = 0
		}
		v.Cache.Note = "A failed preflight is not cached (and clears what was cached for this origin and URL): the next attempt sends a new one. " + v.Cache.Note
	}
	return nil
}

func (v *Verdict) runActual(eval Evaluator, u parsedURL, cors bool) error {
	req := v.Request
	wire := &HTTPRequest{Method: req.Method, URL: req.URL, Headers: actualHeaders(v.Name, req, u, cors)}
	op, err := v.Actual.ask(eval, req.Target, wire)
	if err != nil {
		return err
	}
	v.Actual.Operation = op.Name
	if op.Note != "" {
		v.Notes = append(v.Notes, op.Note)
	}
	if !cors {
		v.Actual.OK = true
		return nil
	}
	resp := v.Actual.Response
	c, f := corsCheck(v.Name, resp, req.Origin, v.Credentialed)
	v.Actual.Checks = c
	v.Actual.OK = f == nil
	if f != nil {
		f.Stage = "actual"
		f.Status = resp.Status
		v.fail(f)
		// A blocked response is a network error to the script: nothing
		// S3 sent is readable.
		r, h := readable(resp.Headers, false)
		v.HiddenHeaders = append(h, r...)
		sort.Strings(v.HiddenHeaders)
	}
	if v.Preflight.Sent && v.Preflight.MatchedRule != nil && (v.Actual.MatchedRule == nil || *v.Actual.MatchedRule != *v.Preflight.MatchedRule) {
		got := "no rule"
		if v.Actual.MatchedRule != nil {
			got = "rule " + strconv.Itoa(*v.Actual.MatchedRule+1)
		}
		v.Notes = append(v.Notes, "S3 judged the preflight by rule "+strconv.Itoa(*v.Preflight.MatchedRule+1)+" but the actual "+req.Method+" by "+got+": each request is matched on its own.")
	}
	return nil
}

// sameOriginVerdict: no CORS at all (Fetch main fetch, "basic" tainting).
func sameOriginVerdict(eval Evaluator, v *Verdict, u parsedURL) error {
	if err := v.runActual(eval, u, false); err != nil {
		return err
	}
	v.Allowed = true
	v.ReadableHeaders, v.HiddenHeaders = readable(v.Actual.Response.Headers, false)
	v.ReadableHeaders = append(v.ReadableHeaders, v.HiddenHeaders...)
	sort.Strings(v.ReadableHeaders)
	v.HiddenHeaders = forbiddenResponse(v.Actual.Response.Headers)
	v.ReadableHeaders = without(v.ReadableHeaders, v.HiddenHeaders)
	v.Summary = "Same origin (" + v.Request.Origin + "): no CORS checks, no preflight; the script reads the response whatever S3's CORS configuration says."
	return nil
}

// noCorsVerdict: an opaque response (Fetch "opaque" tainting).
func noCorsVerdict(eval Evaluator, v *Verdict, u parsedURL) error {
	if !safelistedMethod(v.Request.Method) {
		v.fail(&Failure{Stage: "request", Kind: FailNoCorsMethod, Value: v.Request.Method})
		v.Summary = "fetch() throws at once: mode \"no-cors\" allows only GET, HEAD and POST, so no " + v.Request.Method + " is sent."
		return nil
	}
	if err := v.runActual(eval, u, false); err != nil {
		return err
	}
	v.Allowed = true
	v.Opaque = true
	_, v.HiddenHeaders = readable(v.Actual.Response.Headers, false)
	r, _ := readable(v.Actual.Response.Headers, false)
	v.HiddenHeaders = append(v.HiddenHeaders, r...)
	sort.Strings(v.HiddenHeaders)
	v.Summary = "No CORS check: mode \"no-cors\" lets the request through but gives the script an opaque response (type \"opaque\", status 0, no headers, no body). Good for <img>-like uses, useless for reading data."
	if v.Request.Method == "GET" || v.Request.Method == "HEAD" {
		v.Summary += " No Origin header is sent, so S3 adds no CORS headers and no Vary — a cache may later serve this copy to a CORS request (pain point 2)."
	}
	return nil
}

// hostHeader is the Host the browser sends: host[:port] as in the URL.
func hostHeader(u parsedURL) string {
	if u.port != "" {
		return u.host + ":" + u.port
	}
	return u.host
}

// browserHeaders are the headers the browser adds to a preflight on its
// own, after the CORS ones, in the order Chromium 156 sends them (observed
// in e2e/fetch). Firefox and Safari send the same Fetch-defined set with
// their own User-Agent; corsplay shows them in Chromium's order.
func browserHeaders(name string, r Request, u parsedURL, preflight bool) [][2]string {
	var hs [][2]string
	hs = append(hs, [2]string{"User-Agent", userAgents[name]})
	hs = append(hs, [2]string{"Sec-Fetch-Mode", r.Mode}, [2]string{"Sec-Fetch-Site", fetchSite(r.Origin, u)}, [2]string{"Sec-Fetch-Dest", "empty"})
	if r.Origin != "null" {
		// The default referrer policy, strict-origin-when-cross-origin,
		// sends only the page's origin to another origin.
		hs = append(hs, [2]string{"Referer", r.Origin + "/"})
	}
	return append(hs, [2]string{"Accept-Encoding", acceptEncoding(u, false)}, [2]string{"Accept-Language", defaultLanguage})
}

const defaultLanguage = "en-US,en;q=0.9"

// acceptEncoding: Chromium offers br and zstd over https and to loopback
// hosts only, and asks for "identity" when the request has a Range (a
// compressed body would make the byte positions meaningless).
func acceptEncoding(u parsedURL, ranged bool) string {
	switch {
	case ranged:
		return "identity"
	case u.scheme == "http" && !loopback(u.host):
		return "gzip, deflate"
	}
	return "gzip, deflate, br, zstd"
}

// actualHeaders is the actual request as Chromium 156 puts it on the wire
// (observed in e2e/fetch): Host, Connection, Content-Length for a method
// with a body, the script's headers (Chromium's own order among them and
// User-Agent varies: it keeps them in a hash map), User-Agent, Accept,
// Origin, the Sec-Fetch-* trio, Referer, Accept-Encoding, Accept-Language,
// and a script's Range last.
func actualHeaders(name string, r Request, u parsedURL, cors bool) [][2]string {
	hs := [][2]string{{"Host", hostHeader(u)}, {"Connection", "keep-alive"}}
	if r.Method == "PUT" || r.Method == "POST" {
		// Chromium sends a length for the methods that carry a body even
		// when there is none; corsplay models no request body.
		hs = append(hs, [2]string{"Content-Length", "0"})
	}
	var rng string
	ranged := false
	for _, kv := range r.Headers {
		switch strings.ToLower(kv[0]) {
		case "range":
			rng, ranged = kv[1], true
		case "accept":
		default:
			hs = append(hs, kv)
		}
	}
	hs = append(hs, [2]string{"User-Agent", userAgents[name]})
	if a, ok := header.List(r.Headers).Get("Accept"); ok {
		hs = append(hs, [2]string{"Accept", a})
	} else {
		hs = append(hs, [2]string{"Accept", "*/*"})
	}
	// Fetch "append a request Origin header": always for CORS requests,
	// otherwise only for methods other than GET and HEAD.
	if cors || (r.Method != "GET" && r.Method != "HEAD") {
		hs = append(hs, [2]string{"Origin", r.Origin})
	}
	site := fetchSite(r.Origin, u)
	hs = append(hs, [2]string{"Sec-Fetch-Site", site}, [2]string{"Sec-Fetch-Mode", r.Mode}, [2]string{"Sec-Fetch-Dest", "empty"})
	if r.Credentials == "include" && site == "cross-site" {
		// The Storage Access headers: a credentialed cross-site request
		// says whether it has storage access (observed: "none").
		hs = append(hs, [2]string{"Sec-Fetch-Storage-Access", "none"})
	}
	if r.Origin != "null" {
		hs = append(hs, [2]string{"Referer", r.Origin + "/"})
	}
	hs = append(hs, [2]string{"Accept-Encoding", acceptEncoding(u, ranged)})
	if _, ok := header.List(r.Headers).Get("Accept-Language"); !ok {
		hs = append(hs, [2]string{"Accept-Language", defaultLanguage})
	}
	if ranged {
		hs = append(hs, [2]string{"Range", rng})
	}
	return hs
}

var userAgents = map[string]string{
	Chrome:  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
	Firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
	Safari:  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
}

func isIP(host string) bool {
	_, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil
}

func loopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.Unmap().IsLoopback()
}

// fetchSite is Sec-Fetch-Site. "Site" is scheme plus registrable domain;
// corsplay approximates the registrable domain by the last two labels
// (every S3 endpoint is on the public-suffix list, so a page is always
// cross-site to S3), and an IP address by itself.
func fetchSite(origin string, u parsedURL) string {
	if origin == "null" {
		return "cross-site"
	}
	if origin == u.origin() {
		return "same-origin"
	}
	scheme, host, _ := strings.Cut(origin, "://")
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	if scheme != u.scheme {
		return "cross-site"
	}
	if host == u.host {
		return "same-site"
	}
	if isIP(host) || isIP(u.host) {
		return "cross-site"
	}
	if strings.HasSuffix(u.host, ".amazonaws.com") || strings.HasSuffix(u.host, ".amazonaws.com.cn") {
		return "cross-site"
	}
	if site(host) == site(u.host) {
		return "same-site"
	}
	return "cross-site"
}

func site(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) <= 2 {
		return host
	}
	return strings.Join(labels[len(labels)-2:], ".")
}
