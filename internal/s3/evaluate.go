package s3

import (
	"corsplay/internal/header"
	"strconv"
	"strings"

	"corsplay/internal/config"
)

// Messages S3 answers with, byte for byte (including S3's own typo).
const (
	MsgNoOrigin  = "Insufficient information. Origin request header needed."
	MsgNoBucket  = "CORSResponse: Bucket not found"
	MsgNoConfig  = "CORSResponse: CORS is not enabled for this bucket."
	MsgNotAllowd = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
	MsgBadACRM   = "Invalid Access-Control-Request-Method: "
	// VaryValue is the Vary header S3 sends whenever a rule matched.
	VaryValue = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"
	// MaxHeaderBytes is S3's limit on a request's header section.
	MaxHeaderBytes = 8 << 10
)

// Targets of a request.
const (
	TargetObject  = "object"  // a key in the bucket
	TargetBucket  = "bucket"  // the bucket root
	TargetService = "service" // the S3 endpoint itself (ListBuckets)
)

// Header is a request's header list, in order; names compare
// case-insensitively.
type Header = header.List

// Request is what reaches S3.
type Request struct {
	Method string
	Target string
	Header Header
	// OperationStatus is what the operation itself answers an actual
	// request with (200, 403 AccessDenied, 404 NoSuchKey...). CORS never
	// changes it.
	OperationStatus int
	// Brief asks for each rule's verdict and reason without the per-field
	// checks (see RuleVerdict): same answer, a fraction of the work.
	Brief bool
	// Quiet asks for no rule verdicts at all (Evaluation.Rules is empty):
	// the response and the summary, which still names the closest rule,
	// are the same. For callers that use only those.
	Quiet bool
}

// Bucket is the state of the bucket the request names.
type Bucket struct {
	Exists bool
	// Rules is the bucket's configuration, or nil when it has none.
	Rules *Rules
}

// ErrorDoc is the S3 error document in a response body.
type ErrorDoc struct {
	Code         string `json:"code"`
	Message      string `json:"message"`
	Method       string `json:"method,omitempty"`
	ResourceType string `json:"resourceType,omitempty"`
	BucketName   string `json:"-"`
}

// Response is what S3 sends back.
type Response struct {
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"`
	Headers    [][2]string `json:"headers"`
	Error      *ErrorDoc   `json:"error"`
	Body       string      `json:"body"`
}

// Get returns a response header's value.
func (r *Response) Get(name string) (string, bool) { return Header(r.Headers).Get(name) }

// Check is the verdict on one condition of a rule.
type Check struct {
	OK      bool   `json:"ok"`
	Value   string `json:"value"`
	Pattern string `json:"pattern,omitempty"`
	Reason  string `json:"reason"`
}

// HeaderCheck is the verdict on one requested header name.
type HeaderCheck struct {
	Name    string `json:"name"`
	OK      bool   `json:"ok"`
	Pattern string `json:"pattern,omitempty"`
	Reason  string `json:"reason"`
}

// RuleVerdict explains one rule. A brief evaluation (Request.Brief) leaves
// Origin, Method and Headers zero, and they are left out of its JSON; a full
// one always fills them (Headers is then a list, empty when no header was
// requested).
type RuleVerdict struct {
	Index   int           `json:"index"`
	ID      string        `json:"id"`
	Matched bool          `json:"matched"`
	Skipped bool          `json:"skipped"` // an earlier rule matched first
	Would   bool          `json:"wouldMatch"`
	Reason  string        `json:"reason"`
	Origin  Check         `json:"origin,omitzero"`
	Method  Check         `json:"method,omitzero"`
	Headers []HeaderCheck `json:"headers,omitzero"`

	originOK, methodOK bool // for closest, in brief evaluations too
}

// Evidence says what a verdict rests on: Plain in words for anyone, Source
// and Cases for whoever checks (Cases names the recorded S3 cases behind
// the checks that decided this answer, nothing else).
type Evidence struct {
	Level  string   `json:"level"` // recorded, secondary or inferred
	Source string   `json:"source"`
	Plain  string   `json:"plain"`
	Cases  []string `json:"cases"`
}

// Evaluation is the whole answer to one request.
type Evaluation struct {
	Kind        string // preflight or actual
	MatchedRule int    // -1 when none
	Summary     string
	Rules       []RuleVerdict
	Response    Response
	Evidence    Evidence
}

var (
	recorded = func(plain string, cases ...string) Evidence {
		return Evidence{Level: "recorded", Source: "recorded against S3: " + strings.Join(cases, ", "), Plain: "Recorded from real S3: " + plain, Cases: cases}
	}
	inferred = func(plain, why string) Evidence {
		return Evidence{Level: "inferred", Source: why, Plain: "Not recorded from S3: " + plain, Cases: []string{}}
	}
	secondary = func(plain, why string) Evidence {
		return Evidence{Level: "secondary", Source: why, Plain: plain, Cases: []string{}}
	}
)

// Each answer's evidence, made once: an evaluation copies one and
// allocates nothing for it.
var (
	evHeadersTooLarge           = inferred("S3 documents an 8 KB limit on request headers, but its exact answer was never captured.", "S3 documents an 8 KB limit on request headers; the exact error for it was not recorded")
	evPreflightNoOrigin         = recorded("a preflight without Origin got this 400.", "test_cors_match_origins/opt-no-origin")
	evPreflightNoOriginNoConfig = recorded("a preflight without Origin got this 400.", "test_cors_http_options_no_config/options-no-origin")
	evPreflightNoBucket         = recorded("a preflight to a bucket that does not exist got this 403.", "test_cors_http_options_non_existent_bucket/options-with-origin")
	evPreflightService          = inferred("people report a 403 without CORS headers here; the body is assumed to be the one for a missing bucket.", "a 403 without CORS headers is reported for OPTIONS on the service endpoint (aws-sdk-js-v3#6228); the body is taken to be the no-bucket answer")
	evPreflightNoConfig         = recorded("a preflight to a bucket without a CORS configuration got this 403.", "test_cors_http_options_no_config/options-with-origin-and-method")
	evBadACRM                   = inferred("servers built to behave like S3 answer 400 here.", "not recorded against S3; S3-compatible servers built to match it (Ceph RGW, Scality, versitygw, Huawei OBS) answer 400 \"Invalid Access-Control-Request-Method: …\"")
	evPreflightWrongOrigin      = recorded("a preflight from an origin no rule allows got this 403.", "test_cors_match_origins/opt-wrong-origin")
	evPreflightWrongMethod      = recorded("a preflight for a method no rule allows got this 403.", "test_cors_match_methods/opt-put")
	evPreflightWrongHeader      = recorded("a preflight asking for a header no rule allows got this 403.", "test_cors_match_headers/opt-get-non-allowed")
	evPreflightAllowed          = func() Evidence {
		e := recorded("a preflight a rule allows got this 200 and these headers.", "test_cors_match_origins/opt-right-origin")
		e.Source += " and the other opt-* snapshots"
		return e
	}()
	evPreflightLaterRule = secondary("From AWS's documentation and compatibility tests: the first rule that allows the request answers it.", "first-match order across several rules is documented by AWS and tested by S3-compatibility suites; single-rule answers are recorded against S3")
	evNoSuchBucket       = secondary("From S3's documentation: a missing bucket is a 404 NoSuchBucket.", "S3's documented NoSuchBucket error; CORS headers need a configuration")
	evActualNoOrigin     = recorded("a GET without Origin got no CORS headers.", "test_cors_match_origins/get-no-origin")
	evActualService      = secondary("From compatibility tests run against S3: listing buckets never gets CORS headers.", "Scality's AWS-parity tests: ListBuckets never gets bucket CORS headers")
	evActualNoConfig     = recorded("a GET to a bucket without a CORS configuration got no CORS headers.", "test_cors_http_get_no_config")
	evActualWrongOrigin  = recorded("a GET from an origin no rule allows got its usual answer, without CORS headers.", "test_cors_match_origins/get-wrong-origin")
	evActualWrongMethod  = recorded("a request whose method no rule allows got its usual answer, without CORS headers.", "test_cors_match_methods/get-wrong-op")
	evActualAllowed      = recorded("a request from an allowed origin with an allowed method got these CORS headers.", "test_cors_match_origins/get-right-origin", "test_cors_match_methods/get-op")
	evActualWithACRH     = secondary("From another project's tests run against S3: an actual request that names headers gets Access-Control-Allow-Headers too.", "Allow-Headers on an actual request is reported by versitygw's tests against S3, not recorded")
)

// refused names the first condition that keeps every rule from a request
// no rule matched ("origin", "method" or "header"): the one no rule gets
// past. With no rules at all, "origin". It judges the rules itself, since
// a quiet evaluation explains none.
func refused(rs *Rules, origin, method string) string {
	originOK, methodOK := false, false
	for i := range rs.list {
		r := &rs.list[i]
		if r.originOK(origin) >= 0 {
			originOK = true
			methodOK = methodOK || r.methodOK(method)
		}
	}
	switch {
	case !originOK:
		return "origin"
	case !methodOK:
		return "method"
	}
	return "header"
}

// Evaluate answers req as S3 does for bucket b.
func Evaluate(b Bucket, req Request) Evaluation {
	ev := Evaluation{Kind: "actual", MatchedRule: -1, Rules: []RuleVerdict{}}
	if req.Method == "OPTIONS" {
		ev.Kind = "preflight"
	}
	origin, hasOrigin := req.Header.Get("Origin")
	// S3 treats an empty Origin as none (inferred: a browser never sends one).
	hasOrigin = hasOrigin && origin != ""
	acrm, hasACRM := req.Header.Get("Access-Control-Request-Method")
	acrh, hasACRH := req.Header.Get("Access-Control-Request-Headers")

	if n := headerBytes(req.Header); n > MaxHeaderBytes {
		ev.Response = errorResponse(400, &ErrorDoc{Code: "RequestHeaderSectionTooLarge", Message: "Your request header section exceeds the maximum allowed size."}, req.Method)
		ev.Summary = "The request's headers are " + strconv.Itoa(n) + " bytes; S3 refuses more than " + strconv.Itoa(MaxHeaderBytes) + " before it looks at CORS."
		ev.Evidence = evHeadersTooLarge
		return ev
	}

	if ev.Kind == "preflight" {
		return preflight(b, req, ev, origin, hasOrigin, acrm, hasACRM, acrh, hasACRH)
	}
	return actual(b, req, ev, origin, hasOrigin, acrm, hasACRM, acrh, hasACRH)
}

func preflight(b Bucket, req Request, ev Evaluation, origin string, hasOrigin bool, acrm string, hasACRM bool, acrh string, hasACRH bool) Evaluation {
	method := acrm
	if !hasACRM {
		method = "OPTIONS"
	}
	switch {
	case !hasOrigin:
		ev.Response = errorResponse(400, &ErrorDoc{Code: "BadRequest", Message: MsgNoOrigin}, req.Method)
		ev.Response.Headers = append(ev.Response.Headers, [2]string{"Connection", "close"})
		ev.Summary = "S3 refuses a preflight without an Origin header (400), before it looks at the bucket. A Referer does not stand in for it."
		ev.Evidence = evPreflightNoOrigin
		if b.Rules == nil {
			ev.Evidence = evPreflightNoOriginNoConfig
		}
		return ev
	case req.Target == TargetService || !b.Exists:
		ev.Response = errorResponse(403, &ErrorDoc{Code: "AccessForbidden", Message: MsgNoBucket, Method: method, ResourceType: "BUCKET"}, req.Method)
		ev.Summary = "The bucket does not exist, so S3 has no CORS configuration to apply: 403."
		ev.Evidence = evPreflightNoBucket
		if req.Target == TargetService {
			ev.Summary = "A preflight to the S3 endpoint itself (ListBuckets) names no bucket, so no CORS configuration applies: 403."
			ev.Evidence = evPreflightService
		}
		return ev
	case b.Rules == nil:
		ev.Response = errorResponse(403, &ErrorDoc{Code: "AccessForbidden", Message: MsgNoConfig, Method: method, ResourceType: "BUCKET"}, req.Method)
		ev.Summary = "The bucket has no CORS configuration, so S3 answers every preflight with 403."
		ev.Evidence = evPreflightNoConfig
		return ev
	case !hasACRM || !validMethod(acrm):
		v := acrm
		if !hasACRM {
			// S3's message shows a missing header as "null" (a Java null).
			v = "null"
		}
		ev.Response = errorResponse(400, &ErrorDoc{Code: "BadRequest", Message: MsgBadACRM + v}, req.Method)
		ev.Response.Headers = append(ev.Response.Headers, [2]string{"Connection", "close"})
		if !hasACRM {
			ev.Summary = "A preflight needs Access-Control-Request-Method; without it S3 answers 400 before trying any rule."
		} else {
			ev.Summary = "Access-Control-Request-Method " + strconv.Quote(acrm) + " is not one of GET, PUT, HEAD, POST, DELETE (spelled in capitals), so S3 answers 400 before trying any rule."
		}
		ev.Evidence = evBadACRM
		if hasACRM {
			// Say which rules would have allowed the method had it been valid.
			ev.Rules, _ = rulesFor(b.Rules, req, origin, acrm, acrh, hasACRH, -1)
		}
		return ev
	}
	m := b.Rules.Match(origin, acrm, acrh)
	var near string
	ev.Rules, near = rulesFor(b.Rules, req, origin, acrm, acrh, hasACRH, m)
	if m < 0 {
		rt := "OBJECT"
		if req.Target == TargetBucket {
			rt = "BUCKET"
		}
		ev.Response = errorResponse(403, &ErrorDoc{Code: "AccessForbidden", Message: MsgNotAllowd, Method: acrm, ResourceType: rt}, req.Method)
		ev.Summary = "No rule allows this preflight, so S3 answers 403 without any CORS headers. " + near
		switch refused(b.Rules, origin, acrm) {
		case "origin":
			ev.Evidence = evPreflightWrongOrigin
		case "method":
			ev.Evidence = evPreflightWrongMethod
		default:
			ev.Evidence = evPreflightWrongHeader
		}
		return ev
	}
	ev.MatchedRule = m
	ev.Response = Response{Status: 200, StatusText: "OK", Headers: corsHeaders(&b.Rules.list[ruleAt(b.Rules, m)], origin, acrh, hasACRH), Body: ""}
	ev.Response.Headers = append(ev.Response.Headers, [2]string{"Content-Length", "0"})
	ev.Summary = "Rule " + ruleName(b.Rules, m) + " allows this preflight: S3 answers 200 with its CORS headers."
	ev.Evidence = evPreflightAllowed
	if m > 0 {
		ev.Evidence = evPreflightLaterRule
	}
	return ev
}

func actual(b Bucket, req Request, ev Evaluation, origin string, hasOrigin bool, acrm string, hasACRM bool, acrh string, hasACRH bool) Evaluation {
	if !b.Exists && req.Target != TargetService {
		ev.Response = errorResponse(404, &ErrorDoc{Code: "NoSuchBucket", Message: "The specified bucket does not exist"}, req.Method)
		ev.Summary = "The bucket does not exist: S3 answers 404 NoSuchBucket, with no CORS headers."
		ev.Evidence = evNoSuchBucket
		return ev
	}
	ev.Response = operationResponse(req)
	method := req.Method
	if hasACRM {
		method = acrm
	}
	switch {
	case !hasOrigin:
		ev.Summary = "Without an Origin header this is not a CORS request: S3 answers as usual, with no CORS headers and no Vary."
		ev.Evidence = evActualNoOrigin
		return ev
	case req.Target == TargetService:
		ev.Summary = "The S3 endpoint itself (ListBuckets) belongs to no bucket, so no CORS configuration applies: no CORS headers."
		ev.Evidence = evActualService
		return ev
	case b.Rules == nil:
		ev.Summary = "The bucket has no CORS configuration: S3 answers as usual, with no CORS headers. The browser will block the response."
		ev.Evidence = evActualNoConfig
		return ev
	}
	m := b.Rules.Match(origin, method, acrh)
	var near string
	ev.Rules, near = rulesFor(b.Rules, req, origin, method, acrh, hasACRH, m)
	if hasACRM && !req.Brief {
		for i := range ev.Rules {
			ev.Rules[i].Method.Reason += " (S3 judges an actual request by its Access-Control-Request-Method, " + acrm + ", not by " + req.Method + ")"
		}
	}
	if m < 0 {
		ev.Summary = "No rule matches, so S3 sends its usual answer without CORS headers (S3 never refuses an actual request for CORS; the browser does). " + near
		if refused(b.Rules, origin, method) == "origin" {
			ev.Evidence = evActualWrongOrigin
		} else {
			ev.Evidence = evActualWrongMethod
		}
		return ev
	}
	ev.MatchedRule = m
	hs := corsHeaders(&b.Rules.list[ruleAt(b.Rules, m)], origin, acrh, hasACRH)
	ev.Response.Headers = append(hs, ev.Response.Headers...)
	ev.Summary = "Rule " + ruleName(b.Rules, m) + " matches: S3 adds its CORS headers to the usual answer (" + strconv.Itoa(ev.Response.Status) + ")."
	ev.Evidence = evActualAllowed
	if hasACRH {
		ev.Evidence = evActualWithACRH
	}
	return ev
}

func validMethod(m string) bool {
	switch m {
	case "GET", "PUT", "HEAD", "POST", "DELETE":
		return true
	}
	return false
}

func ruleAt(rs *Rules, index int) int {
	for i := range rs.list {
		if rs.list[i].index == index {
			return i
		}
	}
	return -1
}

// ruleName is how prose names a rule: counted from 1, with its ID.
func ruleName(rs *Rules, index int) string {
	s := strconv.Itoa(index + 1)
	if i := ruleAt(rs, index); i >= 0 && rs.list[i].id != "" {
		s += " (" + strconv.Quote(rs.list[i].id) + ")"
	}
	return s
}

// corsHeaders are the headers S3 adds when rule r matched, in a fixed order
// (S3's own order was never recorded).
func corsHeaders(r *rule, origin, acrh string, hasACRH bool) [][2]string {
	hs := make([][2]string, 0, 7)
	if r.anyOrigin {
		hs = append(hs, [2]string{"Access-Control-Allow-Origin", "*"})
	} else {
		// The request's Origin, byte for byte, never the pattern.
		hs = append(hs, [2]string{"Access-Control-Allow-Origin", origin})
	}
	hs = append(hs, [2]string{"Access-Control-Allow-Methods", r.allowMethods})
	if hasACRH {
		if ns := names(acrh); len(ns) > 0 {
			hs = append(hs, [2]string{"Access-Control-Allow-Headers", strings.Join(ns, ", ")})
		}
	}
	if r.expose != "" {
		hs = append(hs, [2]string{"Access-Control-Expose-Headers", r.expose})
	}
	if r.maxAge != "" {
		hs = append(hs, [2]string{"Access-Control-Max-Age", r.maxAge})
	}
	if !r.anyOrigin {
		hs = append(hs, [2]string{"Access-Control-Allow-Credentials", "true"})
	}
	hs = append(hs, [2]string{"Vary", VaryValue})
	return hs
}

// errorResponse is an S3 error: XML body, no CORS headers, no Vary. A HEAD
// response carries no body.
func errorResponse(status int, doc *ErrorDoc, method string) Response {
	r := Response{Status: status, StatusText: statusText(status), Error: doc,
		Headers: [][2]string{{"Content-Type", "application/xml"}, {"Transfer-Encoding", "chunked"}}}
	if method == "HEAD" {
		r.Headers = nil
		return r
	}
	r.Body = ErrorXML(doc)
	return r
}

// ErrorXML writes an S3 error document. RequestId and HostId are fixed
// placeholders: S3's are random.
func ErrorXML(d *ErrorDoc) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
	b.WriteString(config.EscapeXML(d.Code))
	b.WriteString("</Code><Message>")
	b.WriteString(config.EscapeXML(d.Message))
	b.WriteString("</Message>")
	if d.Method != "" {
		b.WriteString("<Method>" + config.EscapeXML(d.Method) + "</Method>")
	}
	if d.ResourceType != "" {
		b.WriteString("<ResourceType>" + d.ResourceType + "</ResourceType>")
	}
	if d.BucketName != "" {
		b.WriteString("<BucketName>" + config.EscapeXML(d.BucketName) + "</BucketName>")
	}
	b.WriteString("<RequestId>EXAMPLE0REQUEST0ID</RequestId><HostId>EXAMPLE/HOST/ID=</HostId></Error>")
	return b.String()
}

// operationResponse is what the operation itself answers an actual request
// with, before CORS adds anything.
func operationResponse(req Request) Response {
	st := req.OperationStatus
	if st == 0 {
		st = 200
	}
	if st < 400 {
		return Response{Status: st, StatusText: statusText(st)}
	}
	doc := &ErrorDoc{Code: "InternalError", Message: "We encountered an internal error. Please try again."}
	switch st {
	case 400:
		doc = &ErrorDoc{Code: "InvalidRequest", Message: "Invalid Request"}
	case 403:
		doc = &ErrorDoc{Code: "AccessDenied", Message: "Access Denied"}
	case 404:
		doc = &ErrorDoc{Code: "NoSuchKey", Message: "The specified key does not exist."}
		if req.Target != TargetObject {
			doc = &ErrorDoc{Code: "NoSuchBucket", Message: "The specified bucket does not exist"}
		}
	case 405:
		doc = &ErrorDoc{Code: "MethodNotAllowed", Message: "The specified method is not allowed against this resource."}
	case 409:
		doc = &ErrorDoc{Code: "OperationAborted", Message: "A conflicting conditional operation is currently in progress against this resource. Please try again."}
	case 412:
		doc = &ErrorDoc{Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold"}
	case 416:
		doc = &ErrorDoc{Code: "InvalidRange", Message: "The requested range is not satisfiable"}
	case 501:
		doc = &ErrorDoc{Code: "NotImplemented", Message: "A header you provided implies functionality that is not implemented"}
	case 503:
		doc = &ErrorDoc{Code: "SlowDown", Message: "Please reduce your request rate."}
	}
	return errorResponse(st, doc, req.Method)
}

func headerBytes(h Header) int {
	n := 0
	for _, kv := range h {
		n += len(kv[0]) + len(kv[1]) + 4 // ": " and CRLF
	}
	return n
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 204:
		return "No Content"
	case 206:
		return "Partial Content"
	case 301:
		return "Moved Permanently"
	case 304:
		return "Not Modified"
	case 307:
		return "Temporary Redirect"
	case 400:
		return "Bad Request"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 405:
		return "Method Not Allowed"
	case 409:
		return "Conflict"
	case 412:
		return "Precondition Failed"
	case 416:
		return "Range Not Satisfiable"
	case 500:
		return "Internal Server Error"
	case 501:
		return "Not Implemented"
	case 503:
		return "Service Unavailable"
	}
	return "Status " + strconv.Itoa(code)
}
