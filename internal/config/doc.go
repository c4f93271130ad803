// Package config holds an S3 bucket CORS configuration as a person pasted it,
// and the three forms it comes in:
//
//   - PutBucketCors XML: a <CORSConfiguration> root (with or without the S3
//     namespace and an XML declaration) holding <CORSRule> elements whose
//     children ID, AllowedOrigin, AllowedMethod, AllowedHeader, ExposeHeader
//     and MaxAgeSeconds may come in any order;
//   - aws-cli JSON: {"CORSRules": [{"AllowedOrigins": [...], ...}]};
//   - S3 console JSON: [{"AllowedOrigins": [...], ...}].
//
// Parse detects the form from the first significant byte ('<', '{' or '['),
// and keeps the position of every rule and every value (1-based line and
// column, columns counted in Unicode code points) so that an editor can mark
// them. Parse is lenient on purpose: it records what it finds, including
// elements and keys S3 does not know, values that are not integers and fields
// of the wrong JSON type, and leaves the verdict to package validation. It
// only gives up on input that is not well-formed at all, and it never reads
// more than MaxInput bytes.
//
// Format renders a Config in any of the three forms; rendering and parsing
// round-trip (the same rules, values and order).
package config
