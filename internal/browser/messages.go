package browser

import "strconv"

// Failure kinds, named after Chromium's network::mojom::CorsError (without
// the "Preflight" prefix Chromium adds for the preflight's own copy; Stage
// says which request failed). The same kinds describe Firefox and Safari
// failures, whose own wording messages.go renders.
const (
	FailMissingAllowOrigin  = "MissingAllowOriginHeader"
	FailWildcardOrigin      = "WildcardOriginNotAllowed"
	FailAllowOriginMismatch = "AllowOriginMismatch"
	FailMultipleAllowOrigin = "MultipleAllowOriginValues"
	FailInvalidAllowOrigin  = "InvalidAllowOriginValue"
	FailAllowCredentials    = "InvalidAllowCredentials"
	FailPreflightStatus     = "PreflightInvalidStatus"
	FailPreflightRedirect   = "PreflightDisallowedRedirect"
	FailMethod              = "MethodDisallowedByPreflightResponse"
	FailHeader              = "HeaderDisallowedByPreflightResponse"
	FailParseMethods        = "InvalidAllowMethodsPreflightResponse"
	FailParseHeaders        = "InvalidAllowHeadersPreflightResponse"
	FailSameOriginMode      = "SameOriginModeCrossOrigin" // not a CorsError: fetch() rejects before sending
	FailNoCorsMethod        = "NoCorsUnsupportedMethod"   // not a CorsError: fetch() throws
)

// Failure is why the browser blocked the request.
type Failure struct {
	Stage  string `json:"stage"` // request (never sent) | preflight | actual
	Kind   string `json:"kind"`  // one of the Fail* names
	Value  string `json:"value,omitempty"`
	Status int    `json:"status,omitempty"` // the failing response's status
	// Issue is the title of Chrome DevTools' Issues-panel entry for it.
	Issue string `json:"devtoolsIssue,omitempty"`
}

// Rejections: what the promise returned by fetch() rejects with.
var rejections = map[string]string{
	Chrome:  "TypeError: Failed to fetch",
	Firefox: "TypeError: NetworkError when attempting to fetch resource.",
	Safari:  "TypeError: Load failed",
}

// devtoolsIssue titles (devtools-frontend issues_manager/descriptions).
func devtoolsIssue(kind string) string {
	switch kind {
	case FailMissingAllowOrigin, FailMultipleAllowOrigin, FailInvalidAllowOrigin, FailParseMethods, FailParseHeaders:
		return "Ensure CORS response header values are valid"
	case FailPreflightStatus, FailPreflightRedirect:
		return "Ensure preflight responses are valid"
	case FailAllowOriginMismatch:
		return "Ensure CORS requesting origin matches resource's allowed origin"
	case FailWildcardOrigin:
		return "Ensure credentialed requests aren't sent to CORS resources with origin wildcards"
	case FailAllowCredentials:
		return "Ensure CORS requests include credentials only when allowed"
	case FailMethod:
		return "Ensure CORS request uses allowed method"
	case FailHeader:
		return "Ensure CORS request includes only allowed headers"
	}
	return ""
}

// message renders a failure in browser b's console wording, for a fetch
// of url from origin (docs/browser-verdict.md lists the wordings).
func message(b string, f *Failure, url, origin, method string) string {
	if f == nil {
		return ""
	}
	switch b {
	case Firefox:
		return firefoxMessage(f, url, method)
	case Safari:
		return safariMessage(f, url, origin, method)
	}
	return chromeMessage(f, url, origin, method)
}

func chromeMessage(f *Failure, url, origin, method string) string {
	switch f.Kind {
	case FailSameOriginMode:
		return "Fetch API cannot load " + url + `. Request mode is "same-origin" but the URL's origin is not same as the request origin ` + origin + "."
	case FailNoCorsMethod:
		return "Failed to execute 'fetch' on 'Window': '" + method + "' is unsupported in no-cors mode."
	}
	s := "Access to fetch at '" + url + "' from origin '" + origin + "' has been blocked by CORS policy: "
	preflight := f.Stage == "preflight"
	switch f.Kind {
	case FailMethod:
		return s + "Method " + f.Value + " is not allowed by Access-Control-Allow-Methods in preflight response."
	case FailHeader:
		return s + "Request header field " + f.Value + " is not allowed by Access-Control-Allow-Headers in preflight response."
	case FailParseMethods:
		return s + "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
	case FailParseHeaders:
		return s + "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
	}
	if preflight {
		s += "Response to preflight request doesn't pass access control check: "
	}
	switch f.Kind {
	case FailMissingAllowOrigin:
		// Chromium 156 no longer appends the "opaque response … 'no-cors'"
		// sentence older releases added for fetch (e2e/fetch checks it in
		// real Chromium).
		return s + "No 'Access-Control-Allow-Origin' header is present on the requested resource."
	case FailWildcardOrigin:
		return s + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
	case FailAllowOriginMismatch:
		return s + "The 'Access-Control-Allow-Origin' header has a value '" + f.Value + "' that is not equal to the supplied origin."
	case FailMultipleAllowOrigin:
		return s + "The 'Access-Control-Allow-Origin' header contains multiple values '" + f.Value + "', but only one is allowed."
	case FailInvalidAllowOrigin:
		return s + "The 'Access-Control-Allow-Origin' header contains the invalid value '" + f.Value + "'."
	case FailAllowCredentials:
		return s + "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + f.Value + "' which must be 'true' when the request's credentials mode is 'include'."
	case FailPreflightStatus:
		return s + "It does not have HTTP ok status."
	case FailPreflightRedirect:
		return s + "Redirect is not allowed for a preflight request."
	}
	return s
}

func firefoxMessage(f *Failure, url, method string) string {
	s := "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at " + url + ". (Reason: "
	status := strconv.Itoa(f.Status)
	switch f.Kind {
	case FailSameOriginMode, FailNoCorsMethod:
		// No console line of its own: the rejection is all a page sees.
		return rejections[Firefox]
	case FailMissingAllowOrigin:
		return s + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: " + status + "."
	case FailAllowOriginMismatch, FailInvalidAllowOrigin:
		return s + "CORS header ‘Access-Control-Allow-Origin’ does not match ‘" + f.Value + "’)."
	case FailMultipleAllowOrigin:
		return s + "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."
	case FailWildcardOrigin:
		return "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘" + url + "’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."
	case FailAllowCredentials:
		return s + "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."
	case FailPreflightStatus, FailPreflightRedirect:
		return s + "CORS preflight response did not succeed). Status code: " + status + "."
	case FailMethod:
		return s + "Did not find method in CORS header ‘Access-Control-Allow-Methods’)."
	case FailHeader:
		return s + "header ‘" + f.Value + "’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."
	case FailParseMethods:
		return s + "invalid token ‘" + f.Value + "’ in CORS header ‘Access-Control-Allow-Methods’)."
	case FailParseHeaders:
		return s + "invalid token ‘" + f.Value + "’ in CORS header ‘Access-Control-Allow-Headers’)."
	}
	return s + ")"
}

func safariMessage(f *Failure, url, origin, method string) string {
	status := strconv.Itoa(f.Status)
	switch f.Kind {
	case FailSameOriginMode, FailNoCorsMethod:
		return rejections[Safari]
	case FailMissingAllowOrigin, FailAllowOriginMismatch, FailInvalidAllowOrigin:
		return "Origin " + origin + " is not allowed by Access-Control-Allow-Origin. Status code: " + status
	case FailMultipleAllowOrigin:
		return "Access-Control-Allow-Origin cannot contain more than one origin."
	case FailWildcardOrigin:
		return "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
	case FailAllowCredentials:
		return `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".`
	case FailPreflightStatus, FailPreflightRedirect:
		return "Preflight response is not successful. Status code: " + status
	case FailMethod:
		return "Method " + f.Value + " is not allowed by Access-Control-Allow-Methods."
	case FailHeader:
		return "Request header field " + f.Value + " is not allowed by Access-Control-Allow-Headers."
	case FailParseMethods:
		return "Access-Control-Allow-Methods cannot be parsed."
	case FailParseHeaders:
		return "Access-Control-Allow-Headers cannot be parsed."
	}
	return ""
}

// console is every line the browser prints for a failure, in order.
func console(b string, f *Failure, msg, url string) []string {
	if f == nil {
		return []string{}
	}
	switch b {
	case Chrome:
		switch f.Kind {
		case FailNoCorsMethod:
			// fetch() rejects with the TypeError; a script that catches
			// it leaves the console empty (observed).
			return []string{}
		case FailSameOriginMode:
			return []string{msg}
		}
		// Observed in Chromium 156: the CORS line, then the network error.
		return []string{msg, "Failed to load resource: net::ERR_FAILED"}
	case Safari:
		if f.Kind == FailSameOriginMode || f.Kind == FailNoCorsMethod {
			return []string{msg}
		}
		return []string{msg, "Fetch API cannot load " + url + " due to access control checks."}
	}
	return []string{msg}
}
