// Package examples holds the playground's example scenarios: realistic
// bucket CORS configurations paired with the request that shows what each
// one is about.
//
// An Example is data: a stable Name (used in links: #example=NAME), a Title
// for the menu, a Description that says what happens, and a Scenario in the
// engine's input shape (docs/contract.md: a conformance case without "expect").
// The package's tests run every example through the engine and check that it
// really behaves as its description says, so the words in the menu cannot
// drift from what the engine computes.
//
// The list covers each configuration format S3 tooling uses (PutBucketCors
// XML, aws-cli JSON, S3 console JSON), the common set-ups (single site,
// wildcard subdomain, presigned upload, multipart upload, public read), and
// the classic failures (rule order, a configuration S3 rejects, a missing
// AllowedHeader, a bucket without CORS, a trailing slash in an origin).
package examples

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Scenario is the engine's input (see docs/contract.md): the bucket and the
// request. It marshals to exactly the JSON that scenario.RunJSON and the
// page's corsplay.evaluate take.
type Scenario struct {
	Bucket  Bucket  `json:"bucket"`
	Request Request `json:"request"`
}

// Bucket says whether the bucket exists and which CORS configuration it has;
// CORS is nil when the bucket has none.
type Bucket struct {
	Exists bool    `json:"exists"`
	CORS   *string `json:"cors"`
}

// Request is the simulated HTTP request. Method "OPTIONS" is a preflight;
// anything else is an actual request whose S3 operation would answer
// OperationStatus (0 means the engine's default, 200).
type Request struct {
	Method          string            `json:"method"`
	Target          string            `json:"target"`
	Headers         map[string]string `json:"headers"`
	OperationStatus int               `json:"operationStatus,omitempty"`
}

// Example is one entry of the examples menu.
type Example struct {
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Scenario    Scenario `json:"scenario"`
}

// JSON returns the example's scenario as the engine's input JSON.
func (e Example) JSON() []byte {
	b, err := json.Marshal(e.Scenario)
	if err != nil { // a struct of strings, bools and ints always marshals
		panic("examples: " + err.Error())
	}
	return b
}

// Default is the name of the example the page opens with.
const Default = "single-site"

// ByName returns the example called name.
func ByName(name string) (Example, bool) {
	for _, e := range All() {
		if e.Name == name {
			return e, true
		}
	}
	return Example{}, false
}

func cfg(s string) *string { return &s }

// All returns the examples in menu order. The slice is fresh on each call.
func All() []Example {
	return []Example{
		{
			Name:  "single-site",
			Title: "Single site: one web app reads and uploads",
			Description: "One rule for https://app.example.com allowing GET, PUT and HEAD with any request " +
				"header, and ETag readable by the page. The browser's preflight for a PUT with Content-Type " +
				"matches rule 1, and S3 echoes the origin with Access-Control-Allow-Credentials: true.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <CORSRule>
    <ID>web-app</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                         "https://app.example.com",
					"Access-Control-Request-Method":  "PUT",
					"Access-Control-Request-Headers": "content-type",
				}},
			},
		},
		{
			Name:  "wildcard-subdomain",
			Title: "Wildcard subdomain: https://*.example.com",
			Description: "A single * in an AllowedOrigin matches any run of characters, so " +
				"https://*.example.com admits https://shop.example.com. It is a text pattern, not a " +
				"subdomain rule: the apex https://example.com needs its own AllowedOrigin (the second " +
				"one here). Try the apex with the second line removed.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://*.example.com</AllowedOrigin>
    <AllowedOrigin>https://example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "GET", Target: "object", Headers: map[string]string{
					"Origin": "https://shop.example.com",
				}},
			},
		},
		{
			Name:  "presigned-upload",
			Title: "Presigned PUT upload from the browser (aws-cli JSON)",
			Description: "A browser uploading to a presigned URL sends a preflight for PUT that lists " +
				"content-type and, with AWS SDK for JavaScript v3.729+, the checksum headers. " +
				"AllowedHeaders Content-Type and x-amz-* cover them all (names compare case-insensitively), " +
				"so rule 1 matches and S3 echoes the requested names in Access-Control-Allow-Headers.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`{
  "CORSRules": [
    {
      "ID": "browser-uploads",
      "AllowedOrigins": ["https://upload.example.com"],
      "AllowedMethods": ["PUT"],
      "AllowedHeaders": ["Content-Type", "x-amz-*"],
      "MaxAgeSeconds": 3600
    }
  ]
}
`)},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                         "https://upload.example.com",
					"Access-Control-Request-Method":  "PUT",
					"Access-Control-Request-Headers": "content-type,x-amz-checksum-crc32,x-amz-sdk-checksum-algorithm",
				}},
			},
		},
		{
			Name:  "multipart-etag",
			Title: "Multipart upload with ETag exposed (S3 console JSON)",
			Description: "Multipart uploads from JavaScript must read each part's ETag, which is not a " +
				"CORS-safelisted response header: the matched rule must list it in ExposeHeaders. " +
				"The actual PUT of a part matches rule 1 and S3 sends Access-Control-Expose-Headers: ETag.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`[
  {
    "AllowedHeaders": ["*"],
    "AllowedMethods": ["GET", "PUT", "POST"],
    "AllowedOrigins": ["https://app.example.com"],
    "ExposeHeaders": ["ETag"],
    "MaxAgeSeconds": 3000
  }
]
`)},
				Request: Request{Method: "PUT", Target: "object", Headers: map[string]string{
					"Origin":       "https://app.example.com",
					"Content-Type": "application/octet-stream",
				}},
			},
		},
		{
			Name:  "public-read",
			Title: "Public read: any origin may GET",
			Description: "AllowedOrigin * lets every site read the bucket. S3 answers " +
				"Access-Control-Allow-Origin: * and no Access-Control-Allow-Credentials, so requests " +
				"with credentials (cookies, withCredentials) are refused by the browser.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <MaxAgeSeconds>86400</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "GET", Target: "object", Headers: map[string]string{
					"Origin": "https://blog.example.org",
				}},
			},
		},
		{
			Name:  "rule-order",
			Title: "Several rules: the first match wins",
			Description: "Rules are tried in order and only the first match counts. The broad * GET rule " +
				"comes first, so a GET from https://app.example.com matches rule 1: S3 answers * without " +
				"credentials and without the ETag exposure of rule 2, which is never reached. Move rule 2 " +
				"above rule 1 to fix it.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <ID>public-read</ID>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
  <CORSRule>
    <ID>app</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "GET", Target: "object", Headers: map[string]string{
					"Origin": "https://app.example.com",
				}},
			},
		},
		{
			Name:  "rejected-options-method",
			Title: "Rejected: OPTIONS is not an AllowedMethod",
			Description: "S3 accepts only GET, PUT, HEAD, POST and DELETE. Listing OPTIONS (a common guess, " +
				"since the preflight uses it) makes PutBucketCors fail with 400 InvalidRequest, so this " +
				"configuration never reaches the bucket; the evaluation shown is hypothetical.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>OPTIONS</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                        "https://app.example.com",
					"Access-Control-Request-Method": "GET",
				}},
			},
		},
		{
			Name:  "missing-allowed-header",
			Title: "Preflight refused: header not allowed",
			Description: "The rule has no AllowedHeader, so any preflight that lists request headers " +
				"fails: the fetch sends Authorization, no rule matches, and S3 answers 403 AccessForbidden. " +
				"The browser then reports a missing Access-Control-Allow-Origin header. Add " +
				"<AllowedHeader>Authorization</AllowedHeader> to fix it.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                         "https://app.example.com",
					"Access-Control-Request-Method":  "GET",
					"Access-Control-Request-Headers": "authorization",
				}},
			},
		},
		{
			Name:  "trailing-slash",
			Title: "Never matches: trailing slash in AllowedOrigin",
			Description: "A browser's Origin is scheme://host[:port] and never ends in /, so " +
				"https://app.example.com/ can never equal it. S3 accepts the configuration, but the " +
				"preflight finds no rule and gets 403.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: cfg(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com/</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`)},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                        "https://app.example.com",
					"Access-Control-Request-Method": "PUT",
				}},
			},
		},
		{
			Name:  "no-cors-config",
			Title: "Bucket without a CORS configuration",
			Description: "With no CORS configuration on the bucket, S3 answers every preflight with 403 " +
				"AccessForbidden, \"CORSResponse: CORS is not enabled for this bucket.\" — whatever the " +
				"request. Write a configuration in the editor and tick \"Bucket has a CORS configuration\" to compare.",
			Scenario: Scenario{
				Bucket: Bucket{Exists: true, CORS: nil},
				Request: Request{Method: "OPTIONS", Target: "object", Headers: map[string]string{
					"Origin":                        "https://app.example.com",
					"Access-Control-Request-Method": "GET",
				}},
			},
		},
	}
}

// Large returns a realistic configuration of n rules, for benchmarks and
// the browser timing script: 100 rules are about 63 KB, just under S3's
// 64 KB limit for a CORS configuration.
func Large(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `  <CORSRule>
    <ID>rule-%03d-uploads-downloads</ID>
    <AllowedOrigin>https://app%d.example.com</AllowedOrigin>
    <AllowedOrigin>https://*.tenant%d.example.org</AllowedOrigin>
    <AllowedOrigin>http://localhost:%d</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>Content-Type</AllowedHeader>
    <AllowedHeader>x-amz-meta-*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <ExposeHeader>x-amz-request-id</ExposeHeader>
    <MaxAgeSeconds>%d</MaxAgeSeconds>
  </CORSRule>
`, i, i, i, 3000+i, 600+i)
	}
	b.WriteString("</CORSConfiguration>\n")
	return b.String()
}
