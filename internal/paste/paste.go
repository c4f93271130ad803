// Package paste reads what a person pastes when something fails — a
// browser console's CORS error or a "Copy as cURL" command — and turns it
// into the browser-level request corsplay evaluates (browser.Fetch), with
// notes on what the message means for S3.
//
// Recognised console messages (docs/browser-verdict.md lists them):
//
//   - Chrome: "Access to <kind> at '<url>' [(redirected from '<url>') ]from
//     origin '<origin>' has been blocked by CORS policy: [Response to
//     preflight request doesn't pass access control check: ]<reason>", every
//     reason Chromium's cors_error_string.cc prints;
//   - older Chrome: "[XMLHttpRequest cannot load <url>. | Failed to load
//     <url>: ]<reason> Origin '<origin>' is therefore not allowed access.[
//     The response had HTTP status code <n>.]", and "Response for preflight
//     is invalid (redirect)" / "has invalid HTTP status code <n>";
//   - Firefox: "Cross-Origin Request Blocked: The Same Origin Policy
//     disallows reading the remote resource at <url>. (Reason: <reason>).[
//     Status code: <n>.]", curly or straight quotes (Firefox does not name
//     the page's origin);
//   - Safari: "Origin <origin> is not allowed by Access-Control-Allow-Origin.[
//     Status code: <n>]" and the other WebKit reasons, with the URL from the
//     nearby "Fetch API cannot load <url> due to access control checks." or
//     "XMLHttpRequest cannot load <url> …".
//
// In a long console log the first CORS message wins; the work is linear in
// the text, at most MaxInput bytes are read, and each line at most MaxLine.
//
// A curl command is read with the shell's quoting — bash ('…', "…", $'…',
// backslashes, line continuations) and cmd.exe (Chrome's "Copy as cURL
// (cmd)": ^ escapes and "…") — and its options: -X/--request, -H/--header,
// -d/--data*/-F/--form (a body; POST unless -X says otherwise), -I/--head,
// -G/--get, -b/--cookie (credentials "include"), -u/--user (Authorization),
// -A/--user-agent, --url, --compressed and other options that take no part
// in CORS. Origin becomes fetch.origin; a Cookie header means credentials
// "include"; headers the browser sets itself (Accept-Encoding, User-Agent,
// Sec-*, Referer, Priority…) are dropped with a note, since a script cannot
// set them and they do not cause a preflight. A copied preflight (OPTIONS
// with Access-Control-Request-Method) is turned back into the request it
// was sent for.
package paste

import (
	"errors"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/urlparse"
)

// Bounds on the work done for one paste.
const (
	MaxInput = 2 << 20 // bytes read; the rest of a longer paste is ignored
	MaxLine  = 16 << 10
)

// ErrNotFound is the answer to a paste with neither a CORS error nor a curl
// command in it.
var ErrNotFound = errors.New("no CORS error or curl command found: paste the browser console's red CORS line (Chrome, Firefox or Safari) or a request copied with \"Copy as cURL\"")

// Result is what a paste says.
type Result struct {
	Kind    string        `json:"kind"`              // chrome, chrome-old, firefox, safari or curl
	Browser string        `json:"browser,omitempty"` // chrome, firefox or safari ("" for curl)
	Fetch   browser.Fetch `json:"fetch"`
	// Resource is what was loaded as the message names it: fetch,
	// XMLHttpRequest, font, image, script, CSS stylesheet...
	Resource string `json:"resource,omitempty"`
	// Preflight: the message is about the preflight (OPTIONS).
	Preflight bool `json:"preflight"`
	// Reason names the browser's error, e.g. MissingAllowOriginHeader
	// (Chromium's CorsError names, used for every browser).
	Reason         string   `json:"reason,omitempty"`
	Status         int      `json:"status,omitempty"` // an HTTP status the message gives
	Value          string   `json:"value,omitempty"`  // a header value the message quotes
	RedirectedFrom string   `json:"redirectedFrom,omitempty"`
	Body           bool     `json:"body,omitempty"` // curl: the request has a body
	Message        string   `json:"message"`        // the text recognised
	Line           int      `json:"line"`           // its 1-based line in the paste
	Notes          []string `json:"notes"`
	// Ask lists what the paste does not say and the person must give:
	// the page's origin, or the method of a preflighted request. Fetch is
	// then filled so that it stays true to the message (a preflight message
	// gives a request that needs a preflight), and Filled says with what.
	Ask []Ask `json:"ask,omitempty"`
}

// Ask is one thing a paste does not say.
type Ask struct {
	Field    string `json:"field"`    // origin or method
	Question string `json:"question"` // what to fill in, and why
	Filled   string `json:"filled"`   // what Fetch holds meanwhile ("" for nothing)
}

// Parse reads a pasted console log or curl command.
func Parse(text string) (*Result, error) {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	t := strings.TrimLeft(text, " \t\r\n\uFEFF")
	if isCurl(t) {
		return parseCurl(t, 1+strings.Count(text[:len(text)-len(t)], "\n"))
	}
	r, err := parseConsole(text)
	if err != nil {
		return nil, err
	}
	if r.Fetch.URL != "" {
		if !httpURL(r.Fetch.URL) {
			r.Notes = append(r.Notes, "The URL in the message does not look like an http(s) URL; check it before evaluating.")
		}
	}
	if r.Fetch.Origin == "" {
		r.Ask = append(r.Ask, Ask{Field: "origin", Question: "The message does not name the page's origin: fill it in (the scheme, host and port of the page making the request)."})
	}
	if r.Fetch.Method == "" && r.Preflight {
		askMethod(r)
	}
	return r, nil
}

// askMethod fills the method of a request the message says was preflighted
// but does not name, so that the request evaluated needs a preflight too:
// the headers the message names may already make it one (the method is
// then left GET, fetch's default); otherwise PUT, a presigned upload's
// method and the commonest preflighted request to S3. Either way the
// person is asked for the real one.
func askMethod(r *Result) {
	const why = "A preflight means the request used a method other than GET, HEAD and POST or a header that is not safelisted (such as Content-Type: application/json or x-amz-*). "
	if pre, err := browser.NeedsPreflight(r.Fetch, r.Browser); err == nil && pre {
		r.Ask = append(r.Ask, Ask{Field: "method", Filled: "GET",
			Question: "The message does not name the method: GET is filled in, and the header it names already needs a preflight. " + why + "Choose your request's method."})
		return
	}
	r.Fetch.Method = "PUT"
	r.Ask = append(r.Ask, Ask{Field: "method", Filled: "PUT",
		Question: "The message is about a preflight but names neither the method nor a header: PUT (a presigned upload) is filled in so that the request needs one, as yours did. " + why + "Choose your request's method and add the headers it sends."})
}

// httpURL: s parses as an http(s) URL with a host.
func httpURL(s string) bool {
	u, err := urlparse.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isCurl: the paste starts with a curl command (possibly after a prompt).
func isCurl(t string) bool {
	t = strings.TrimPrefix(t, "$ ")
	t = strings.TrimPrefix(t, "> ")
	return len(t) > 5 && strings.HasPrefix(t, "curl") && strings.ContainsAny(t[4:5], " \t\\^")
}
