// Package browser says what a browser does with a script's fetch() to S3:
// whether it is a CORS request at all, whether a preflight is needed and
// why, the preflight as the browser sends it, S3's answer, the browser's
// judgement step by step, the actual request, S3's answer to it, the CORS
// check on that, and then: allowed or blocked, the exact console message in
// Chrome, Firefox and Safari, which response headers the script can read,
// and how long the preflight stays cached.
//
// S3's answers come from an Evaluator (corsplay's runner package backs it
// with the engine in internal/s3); this package adds what S3 sends besides
// CORS headers (s3ops.go: status, ETag, Content-Type, x-amz-request-id...
// per operation) because a script's readable headers depend on them.
//
// The model, from the WHATWG Fetch Standard (whatwg/fetch@586cd2a4):
//
//   - Same origin (scheme, host, port equal): no CORS at all (§4.1 main
//     fetch, "basic" tainting); the Origin header is still sent on methods
//     other than GET and HEAD.
//   - mode "same-origin" to another origin: a network error before anything
//     is sent. mode "no-cors": only GET, HEAD and POST (else fetch() throws),
//     only no-CORS-safelisted headers survive, no checks, an opaque response.
//   - mode "cors" (the default): a preflight (§4.8 CORS-preflight fetch) is
//     needed when the method is not CORS-safelisted (GET, HEAD, POST) or the
//     CORS-unsafe request-header names (§2.2.2) are not empty: a header is
//     safelisted only with a value ≤ 128 bytes and Accept without unsafe
//     bytes; Accept-Language and Content-Language from [0-9A-Za-z *,-.;=];
//     Content-Type without unsafe bytes whose MIME essence is
//     application/x-www-form-urlencoded, multipart/form-data or text/plain;
//     Range as one bytes=start- or bytes=start-end range. All safelisted
//     names turn unsafe when their values exceed 1024 bytes together.
//     Forbidden request headers (Host, Origin, Cookie, Sec-*, Proxy-*…) are
//     dropped: a script cannot set them. Chromium also safelists the DPR,
//     Device-Memory, Width, Viewport-Width and Save-Data client hints, and
//     drops a script's User-Agent, which Firefox sends (and preflights).
//   - The preflight is OPTIONS to the same URL with Origin,
//     Access-Control-Request-Method, Access-Control-Request-Headers (names
//     lower-cased, sorted, joined by "," without spaces), Accept: */*, and
//     the browser's own Sec-Fetch-*, Referer, User-Agent; never cookies.
//   - Judging the preflight (§4.8 step 7): the CORS check (§4.10), an ok
//     status, parsing Access-Control-Allow-Methods/-Headers, the method
//     (safelisted, listed, or "*" without credentials), each unsafe header
//     (listed case-insensitively, or "*" without credentials; "*" never
//     covers Authorization, except in Firefox behind a pref, with a
//     warning). Chromium runs the CORS check before the status check, so
//     S3's 403 without Access-Control-Allow-Origin reads as "No
//     'Access-Control-Allow-Origin' header"; Firefox and Safari check the
//     status first and report "did not succeed / not successful" with 403.
//   - The CORS check (§4.10): Access-Control-Allow-Origin present, "*" only
//     without credentials, else equal to the origin byte for byte; with
//     credentials, Access-Control-Allow-Credentials exactly "true".
//   - The actual request carries the browser's Origin; S3 judges it again on
//     its own, so it may match a different rule than the preflight (or none).
//   - What a script reads (§2.2.6 CORS-safelisted response-header names):
//     Cache-Control, Content-Language, Content-Length, Content-Type,
//     Expires, Last-Modified, Pragma, plus Access-Control-Expose-Headers
//     ("*" means all only without credentials); never Set-Cookie.
//   - The preflight cache (§4.9): Max-Age, default 5 s, capped at 7200 s
//     (Chromium), 86400 s (Firefox), 600 s (WebKit); keyed by the full URL.
//
// Console messages are each browser's own strings (Chromium
// cors_error_string.cc, Firefox security.properties, WebKit
// CrossOriginAccessControl.cpp); Chrome's were checked against Chromium 156
// in e2e/fetch, which drives a real browser through scenarios served as the
// engine computes them.
package browser
