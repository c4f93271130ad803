// Package s3 answers a request the way Amazon S3 does for a bucket with a
// CORS configuration, and says why.
//
// Compile normalises a configuration once into Rules; Rules.Match decides a
// request (origin, method, requested headers) without allocating, and
// Evaluate builds the whole answer: the response S3 sends (status, every
// header with S3's formatting, the error document) and, for every rule,
// whether its origin, method and each requested header matched and why not.
//
// S3's behaviour, as recorded against real S3 (docs/known-differences.md names the sources):
//
//   - OPTIONS is a preflight; any other method is an actual request.
//   - A preflight without Origin is 400 BadRequest, whatever the bucket.
//     Then: no bucket, 403 "Bucket not found"; no configuration, 403 "CORS
//     is not enabled for this bucket."; a matching rule, 200 with the CORS
//     headers; no matching rule, 403 "This CORS request is not allowed…".
//   - An actual request is never refused for CORS: it gets the operation's
//     own status, plus the CORS headers when a rule matches.
//   - A rule matches when the Origin matches one of its AllowedOrigin
//     patterns (the whole string, case-sensitively, one '*' standing for any
//     run of characters, possibly none), the method is one of its
//     AllowedMethod values (the Access-Control-Request-Method when present,
//     on actual requests too), and every name in Access-Control-Request-
//     Headers matches one of its AllowedHeader patterns case-insensitively.
//     Rules are tried in order; the first match wins.
//
// Where S3's behaviour was never recorded, the choice is documented next to
// the code and in docs/known-differences.md, and the Evaluation's Evidence
// says so.
package s3
