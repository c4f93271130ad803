// Package synth writes the configuration a test file (corsplay-tests/1,
// package expect) asks for: Synthesize returns the smallest configuration
// S3 accepts that passes every test — fewest rules, then fewest values, "*"
// only where a test needs it — and MakePass the smallest edit of an
// existing configuration that does (the many-request version of package
// fix's Suggest). When no configuration can pass every test, both name the
// tests that cannot all hold, and why.
//
// How Synthesize works:
//
//   - Each test becomes wants on S3's answer to the requests it involves. A
//     browser-level test is judged by package browser against the most
//     permissive answer S3 could give (it echoes origin, method, headers and
//     credentials): what the browser sends to it are the requests S3 will
//     match (the preflight's origin, Access-Control-Request-Method and
//     -Headers; the actual request's origin and method), and a fetch that
//     answer does not let through is blocked whatever the configuration.
//     Allowed: each request must match a rule, one without "*" when the
//     request is credentialed, and the actual request's rule exposes the
//     headers to read and not those that must stay hidden. Blocked: the
//     request the browser stops at (the preflight, else the actual one)
//     must match no rule — or, for a credentialed request, a "*" rule
//     first. An S3-level test gives a want from its status (a preflight's
//     200 or 403) and the headers it expects (Access-Control-Allow-Origin
//     "*" or the origin, Allow-Credentials, Allow-Methods, Expose-Headers,
//     Max-Age, Vary; null means no rule matched).
//   - Wants on the same request are merged; two that S3 cannot both give
//     (one needs "*", the other the origin echoed; allowed and refused...)
//     are a conflict, by construction: S3 answers a request from the first
//     rule that matches, so the same request gets one answer.
//   - A depth-first search puts the wants that need a match into rules
//     (each rule the smallest that matches its wants: their origins, or "*"
//     when one needs it; their methods, headers and exposed headers),
//     pruning a rule that matches a request that must be refused, and
//     orders the rules so that each request meets a rule that gives it
//     what it needs first. The first assignment found is the greedy one;
//     the search goes on for fewer rules and values within Budget steps.
//   - When the search finds nothing, the pairs and then triples of wants
//     that cannot hold together (searched on their own) are the conflicts.
//   - The configuration is parsed again, checked by package validation, and
//     run through the test runner (package expect) before it is returned;
//     a test the runner still fails (a console message the model does not
//     choose, say) is reported as a conflict that is not Proven.
//
// MakePass edits the pasted text step by step with package fix's
// primitives (each keeps the rest of the text as written), choosing at each
// step the edit that leaves the fewest tests failing, and answers with the
// synthesized configuration, written in the pasted form, when that changes
// fewer lines or the steps stop short. From an empty text it is Synthesize.
package synth
