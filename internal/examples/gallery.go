package examples

import (
	"corsplay/internal/browser"
	"corsplay/internal/scenario"
)

const (
	app    = "https://app.example.com"
	bucket = "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com"
)

func headers(kv ...string) scenario.Headers {
	var h scenario.Headers
	for i := 0; i+1 < len(kv); i += 2 {
		h = append(h, [2]string{kv[i], kv[i+1]})
	}
	return h
}

const getOnly = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`

// Gallery returns the ten classic failures, in the order the page lists
// them. The slice is fresh on each call.
func Gallery() []Example {
	return []Example{
		{
			Name:    "preflight-403",
			Title:   "“No 'Access-Control-Allow-Origin' header” on an upload",
			Problem: "Chrome: “Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.”",
			Explanation: "The PUT needs a preflight. No rule allows origin + PUT + content-type together (the only rule allows GET and HEAD), " +
				"so S3 answers the OPTIONS with 403 AccessForbidden and no CORS headers. Chrome only reports the missing header, never which of origin, method or header failed — " +
				"the rule-by-rule evaluation does. Fix: add PUT to the rule's AllowedMethod and content-type to its AllowedHeader. A multipart upload also needs ETag exposed (see the multipart item).",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(getOnly)},
				Fetch: fetch(app, bucket+"/uploads/report.pdf", "PUT", headers("Content-Type", "application/pdf"), ""), Browser: "chrome"},
			Source: "aws-sdk-js#1939",
		},
		{
			Name:    "vary-cache",
			Title:   "Works, then randomly fails: a cached copy without Vary: Origin",
			Problem: "Fonts or images fail with “No 'Access-Control-Allow-Origin' header” on some loads only; “Disable cache” fixes it.",
			Explanation: "First the page loads the object without CORS (an <img> without crossorigin: mode no-cors, no Origin header). " +
				"S3 answers 200 with no Access-Control-* headers and no Vary, because it adds Vary only when a rule matched a request with Origin. " +
				"The browser (or a CDN) caches that response. Later a fetch() or a crossorigin load asks for the same URL with Origin; if it is served from the cache, " +
				"it has no Access-Control-Allow-Origin and is blocked — although S3 itself would have answered with CORS headers (step 2). " +
				"Fix: load the object with crossorigin everywhere (so every request carries Origin), or make the CDN vary its cache key on Origin; " +
				"S3 cannot be told to send Vary on requests without Origin.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(getOnly)},
				Fetch: (&fetchMode{app, bucket + "/img/logo.png", "GET", nil, "", "no-cors"}).f(), Browser: "chrome"},
			Steps: []Step{{Label: "Later: fetch() with Origin, as S3 would answer it if the cache were bypassed",
				Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(getOnly)},
					Fetch: fetch(app, bucket+"/img/logo.png", "GET", nil, ""), Browser: "chrome"}}},
			Source: "apache/trafficserver#3954, Fetch §CORS protocol and HTTP caches",
		},
		{
			Name:    "multipart-etag",
			Title:   "Multipart upload fails: ETag not exposed",
			Problem: "“ETagMissing: No access to ETag property on response. Check CORS configuration to expose ETag header.” — while the Network tab shows the ETag.",
			Explanation: "The UploadPart PUT is allowed (the preflight passes and the response carries Access-Control-Allow-Origin), but ETag is not a CORS-safelisted response header: " +
				"JavaScript can read it only if the matching rule lists it in ExposeHeader. The SDK needs each part's ETag for CompleteMultipartUpload. " +
				"Fix: add <ExposeHeader>ETag</ExposeHeader> to the rule. Response headers a script may read go in ExposeHeader, not AllowedHeader, and S3 rejects \"*\" there.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
</CORSConfiguration>
`)},
				Fetch: fetch(app, bucket+"/big.iso?partNumber=1&uploadId=EXAMPLEUPLOADID", "PUT", headers("Content-Type", "application/octet-stream"), ""), Browser: "chrome"},
			Source: "aws-sdk-js#191, EvaporateJS#426",
		},
		{
			Name:    "wildcard-apex",
			Title:   "https://*.example.com does not allow https://example.com",
			Problem: "The site works on www.example.com but not on example.com, with the same configuration.",
			Explanation: "AllowedOrigin is matched against the whole origin string; '*' stands for any characters, so https://*.example.com needs something before “.example.com” " +
				"and never matches https://example.com. S3 serves the GET normally (200) but adds no CORS headers, so the browser blocks it. " +
				"Fix: list https://example.com as well. (And never write https://*example.com: it also admits https://evilexample.com.)",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://*.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`)},
				Fetch: fetch("https://example.com", bucket+"/data.json", "GET", nil, ""), Browser: "chrome"},
			Source: "S3 docs ManageCorsUsing",
		},
		{
			Name:    "trailing-slash",
			Title:   "A trailing slash in AllowedOrigin",
			Problem: "“Everything looks right”, yet the origin is never allowed.",
			Explanation: "Browsers send Origin as scheme://host[:port] with no path and no trailing slash, so AllowedOrigin https://app.example.com/ can never be equal to it. " +
				"S3 answers the GET with 200 and no CORS headers; the browser blocks it. Fix: https://app.example.com (the lint's quick fix).",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`[
  {
    "AllowedHeaders": [],
    "AllowedMethods": ["GET"],
    "AllowedOrigins": ["https://app.example.com/"],
    "ExposeHeaders": []
  }
]
`)},
				Fetch: fetch(app, bucket+"/config.json", "GET", nil, ""), Browser: "chrome"},
			Source: "Fetch §CORS protocol and credentials",
		},
		{
			Name:    "header-case",
			Title:   "Header-name case: S3 does not care",
			Problem: "A preflight fails with AllowedHeader “Content-Type” on an emulator; people blame the case.",
			Explanation: "Browsers send Access-Control-Request-Headers lower-cased (content-type); real S3 compares header names case-insensitively, so the rule matches " +
				"and the request is allowed — recorded against S3. A failure here comes from an emulator or a gateway, not from S3. " +
				"Method names are different: AllowedMethod must be upper case (GET, PUT, HEAD, POST, DELETE) or S3 rejects the configuration.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>Content-Type</AllowedHeader>
    <AllowedHeader>X-Amz-Date</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
  </CORSRule>
</CORSConfiguration>
`)},
				Fetch: fetch(app, bucket+"/data/items.json", "PUT", headers("Content-Type", "application/json", "x-amz-date", "20260101T000000Z"), ""), Browser: "chrome"},
			Source: "localstack#9957",
		},
		{
			Name:    "presigned-put",
			Title:   "Presigned PUT upload fails at the preflight",
			Problem: "A browser upload to a presigned URL fails with a CORS error and a 403 on OPTIONS (often since AWS SDK for JS v3.729 added checksum headers).",
			Explanation: "The rule allows PUT but lists no AllowedHeader. The upload sends Content-Type (a File with a type) and, with the v3 SDK, x-amz-checksum-crc32 and " +
				"x-amz-sdk-checksum-algorithm, so the preflight asks for those headers; a rule without AllowedHeader rejects any preflight that lists headers, " +
				"and S3 answers 403. Fix: add content-type, x-amz-checksum-crc32 and x-amz-sdk-checksum-algorithm to the rule's AllowedHeader (or *). A multipart upload also needs ETag exposed, which this single PUT does not read.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`{
  "CORSRules": [
    {
      "AllowedOrigins": ["https://app.example.com"],
      "AllowedMethods": ["PUT"]
    }
  ]
}
`)},
				Fetch: fetch(app, bucket+"/uploads/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=EXAMPLE", "PUT",
					headers("Content-Type", "image/png", "x-amz-checksum-crc32", "AAAAAA==", "x-amz-sdk-checksum-algorithm", "CRC32"), ""), Browser: "chrome"},
			Source: "aws-sdk-js-v3#6818, boto3#421",
		},
		{
			Name:    "credentials-wildcard",
			Title:   "Credentials with a * rule",
			Problem: "“The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.”",
			Explanation: "The request is credentialed (credentials: 'include', withCredentials, or CloudFront signed cookies). The first matching rule lists AllowedOrigin *, so S3 answers " +
				"Access-Control-Allow-Origin: * without Access-Control-Allow-Credentials, which browsers refuse for credentialed requests. " +
				"Fix: a rule with the page's exact origin, https://app.example.com, before the * rule (first match wins): S3 then echoes the origin and adds Access-Control-Allow-Credentials: true.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`)},
				Fetch: fetch(app, bucket+"/private/video.m3u8", "GET", nil, "include"), Browser: "chrome"},
			Source: "minio#7420, hls.js#329",
		},
		{
			Name:    "cdn-strips-origin",
			Title:   "CloudFront in front of S3 drops Origin",
			Problem: "CORS works straight to S3 but not through the CDN (x-cache: Hit from cloudfront, no access-control-* headers).",
			Explanation: "When the CDN's cache behaviour does not forward Origin, S3 receives the request without it, treats it as not CORS, and answers 200 with no CORS headers and no Vary " +
				"(the first scenario: the request as S3 receives it through the CDN). The same fetch straight to S3 is allowed (step 2). " +
				"Fix: forward Origin (and Access-Control-Request-Method/-Headers) to S3 and include them in the cache key, and allow OPTIONS in the cache behaviour.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(getOnly)},
				Request: scenario.Request{Method: "GET", Target: "object", Headers: headers("Accept", "*/*")}},
			Steps: []Step{{Label: "The same fetch straight to S3, with Origin",
				Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(getOnly)},
					Fetch: fetch(app, bucket+"/fonts/inter.woff2", "GET", nil, ""), Browser: "chrome"}}},
			Source: "speke-reference-server#37",
		},
		{
			Name:    "max-age-cap",
			Title:   "MaxAgeSeconds “ignored”: browser caps and per-URL caching",
			Problem: "A preflight before every upload despite MaxAgeSeconds 86400.",
			Explanation: "The request is allowed, and S3 sends Access-Control-Max-Age: 86400, but browsers cap the preflight cache: Safari at 600 s, Chromium at 7200 s, Firefox at 86400 s. " +
				"And the cache key is the full URL, so every presigned URL (new signature) or new object key needs its own preflight whatever the Max-Age. " +
				"Nothing to fix in S3: expect a preflight per upload.",
			Scenario: scenario.Input{Bucket: scenario.Bucket{CORS: cors(`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>86400</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`)},
				Fetch: fetch(app, bucket+"/uploads/1.jpg?X-Amz-Signature=EXAMPLE", "PUT", headers("Content-Type", "image/jpeg"), ""), Browser: "safari"},
			Source: "Chromium preflight_result.cc, WebKit CrossOriginPreflightResultCache.cpp",
		},
	}
}

// fetch is a script's fetch(url, {method, headers, credentials}) from a
// page at origin.
func fetch(origin, url, method string, h scenario.Headers, credentials string) *browser.Fetch {
	return (&fetchMode{origin, url, method, h, credentials, ""}).f()
}

// fetchMode is a fetch with a mode ("no-cors" for an element load without
// crossorigin).
type fetchMode struct {
	origin, url, method string
	headers             scenario.Headers
	credentials, mode   string
}

func (m *fetchMode) f() *browser.Fetch {
	return &browser.Fetch{Origin: m.origin, URL: m.url, Method: m.method, Headers: browser.Headers(m.headers),
		Credentials: m.credentials, Mode: m.mode}
}
