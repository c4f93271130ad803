package examples

import (
	"strconv"
	"strings"

	"corsplay/internal/scenario"
)

// Default is the name of the example the page opens with.
const Default = "single-site"

// All returns the examples menu, in order. The slice is fresh on each call.
func All() []Example {
	return []Example{
		{
			Name:  "single-site",
			Title: "Single site: one web app reads and uploads",
			Description: "One rule for https://app.example.com allowing GET, PUT and HEAD with any request " +
				"header, and ETag readable by the page. The browser's preflight for a PUT with Content-Type " +
				"matches rule 1, and S3 echoes the origin with Access-Control-Allow-Credentials: true.",
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
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
`)),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Headers", "content-type"},
					{"Access-Control-Request-Method", "PUT"},
					{"Origin", "https://app.example.com"},
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
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://*.example.com</AllowedOrigin>
    <AllowedOrigin>https://example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)),
				Request: scenario.Request{Method: "GET", Target: "object", Headers: scenario.Headers{
					{"Origin", "https://shop.example.com"},
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
			Scenario: scenario.Input{
				Bucket: existing(cors(`{
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
`)),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Headers", "content-type,x-amz-checksum-crc32,x-amz-sdk-checksum-algorithm"},
					{"Access-Control-Request-Method", "PUT"},
					{"Origin", "https://upload.example.com"},
				}},
			},
		},
		{
			Name:  "multipart-etag",
			Title: "Multipart upload with ETag exposed (S3 console JSON)",
			Description: "Multipart uploads from JavaScript must read each part's ETag, which is not a " +
				"CORS-safelisted response header: the matched rule must list it in ExposeHeaders. " +
				"The actual PUT of a part matches rule 1 and S3 sends Access-Control-Expose-Headers: ETag.",
			Scenario: scenario.Input{
				Bucket: existing(cors(`[
  {
    "AllowedHeaders": ["*"],
    "AllowedMethods": ["GET", "PUT", "POST"],
    "AllowedOrigins": ["https://app.example.com"],
    "ExposeHeaders": ["ETag"],
    "MaxAgeSeconds": 3000
  }
]
`)),
				Request: scenario.Request{Method: "PUT", Target: "object", Headers: scenario.Headers{
					{"Content-Type", "application/octet-stream"},
					{"Origin", "https://app.example.com"},
				}},
			},
		},
		{
			Name:  "public-read",
			Title: "Public read: any origin may GET",
			Description: "AllowedOrigin * lets every site read the bucket. S3 answers " +
				"Access-Control-Allow-Origin: * and no Access-Control-Allow-Credentials, so requests " +
				"with credentials (cookies, withCredentials) are refused by the browser.",
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <MaxAgeSeconds>86400</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)),
				Request: scenario.Request{Method: "GET", Target: "object", Headers: scenario.Headers{
					{"Origin", "https://blog.example.org"},
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
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
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
`)),
				Request: scenario.Request{Method: "GET", Target: "object", Headers: scenario.Headers{
					{"Origin", "https://app.example.com"},
				}},
			},
		},
		{
			Name:  "rejected-options-method",
			Title: "Rejected: OPTIONS is not an AllowedMethod",
			Description: "S3 accepts only GET, PUT, HEAD, POST and DELETE. Listing OPTIONS (a common guess, " +
				"since the preflight uses it) makes PutBucketCors fail with 400 InvalidRequest, so this " +
				"configuration never reaches the bucket; the evaluation shown is hypothetical.",
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>OPTIONS</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`)),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Method", "GET"},
					{"Origin", "https://app.example.com"},
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
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`)),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Headers", "authorization"},
					{"Access-Control-Request-Method", "GET"},
					{"Origin", "https://app.example.com"},
				}},
			},
		},
		{
			Name:  "trailing-slash",
			Title: "Never matches: trailing slash in AllowedOrigin",
			Description: "A browser's Origin is scheme://host[:port] and never ends in /, so " +
				"https://app.example.com/ can never equal it. S3 accepts the configuration, but the " +
				"preflight finds no rule and gets 403.",
			Scenario: scenario.Input{
				Bucket: existing(cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com/</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`)),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Method", "PUT"},
					{"Origin", "https://app.example.com"},
				}},
			},
		},
		{
			Name:  "no-cors-config",
			Title: "Bucket without a CORS configuration",
			Description: "With no CORS configuration on the bucket, S3 answers every preflight with 403 " +
				"AccessForbidden, \"CORSResponse: CORS is not enabled for this bucket.\" — whatever the " +
				"request. Write a configuration in the editor and tick \"Bucket has a CORS configuration\" to compare.",
			Scenario: scenario.Input{
				Bucket: existing(nil),
				Request: scenario.Request{Method: "OPTIONS", Target: "object", Headers: scenario.Headers{
					{"Access-Control-Request-Method", "GET"},
					{"Origin", "https://app.example.com"},
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
		id := strconv.Itoa(i)
		b.WriteString("  <CORSRule>\n    <ID>rule-" + strings.Repeat("0", max(0, 3-len(id))) + id + "-uploads-downloads</ID>\n" +
			"    <AllowedOrigin>https://app" + id + ".example.com</AllowedOrigin>\n" +
			"    <AllowedOrigin>https://*.tenant" + id + ".example.org</AllowedOrigin>\n" +
			"    <AllowedOrigin>http://localhost:" + strconv.Itoa(3000+i) + "</AllowedOrigin>\n" +
			"    <AllowedMethod>GET</AllowedMethod>\n" +
			"    <AllowedMethod>PUT</AllowedMethod>\n" +
			"    <AllowedMethod>POST</AllowedMethod>\n" +
			"    <AllowedMethod>HEAD</AllowedMethod>\n" +
			"    <AllowedHeader>Content-Type</AllowedHeader>\n" +
			"    <AllowedHeader>x-amz-meta-*</AllowedHeader>\n" +
			"    <ExposeHeader>ETag</ExposeHeader>\n" +
			"    <ExposeHeader>x-amz-request-id</ExposeHeader>\n" +
			"    <MaxAgeSeconds>" + strconv.Itoa(600+i) + "</MaxAgeSeconds>\n" +
			"  </CORSRule>\n")
	}
	b.WriteString("</CORSConfiguration>\n")
	return b.String()
}
