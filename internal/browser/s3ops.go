package browser

import (
	"corsplay/internal/digest"
	"corsplay/internal/header"
	"strconv"
	"strings"
)

// What S3 sends besides CORS headers. The engine (internal/s3) answers
// with the CORS part only; to say which headers a script can read, the
// verdict needs the whole response, so this file models the operation
// behind each actual request: status, headers and body, for one example
// object in an unversioned bucket with default encryption (SSE-S3, on for
// every bucket since January 2023, so S3 sends
// x-amz-server-side-encryption: AES256 on object reads and writes).
// A versioned bucket would add x-amz-version-id; corsplay does not model
// versioning.
//
// Sources: the S3 API reference's "Response Syntax" of GetObject,
// HeadObject, PutObject, UploadPart, DeleteObject, CreateMultipartUpload,
// CompleteMultipartUpload, ListObjectsV2, HeadBucket, ListBuckets and
// "POST Object" (browser-based uploads, 204 by default); "Common Response
// Headers" (x-amz-id-2, x-amz-request-id, Date, Server: AmazonS3, sent on
// every response, preflights and errors included). Header order follows
// responses captured from S3 in AWS's documentation examples; S3's exact
// order was never recorded and no browser depends on it.

// Fixed stand-ins for values S3 makes up per request or per object.
const (
	exampleRequestID = "EXAMPLE0REQUEST0ID" // the placeholders s3.ErrorXML uses
	exampleHostID    = "EXAMPLE/HOST/ID="
	exampleDate      = "Mon, 23 Nov 2026 12:00:00 GMT"
	exampleModified  = "Wed, 04 Nov 2026 09:30:00 GMT"
	// ExampleBody is the example object's content (GET answers it).
	ExampleBody = "Hello from S3, as corsplay models it.\n"
	exampleType = "text/plain"
)

var (
	exampleETag = `"` + md5hex(ExampleBody) + `"`
	emptyETag   = `"` + md5hex("") + `"` // what a PUT of an empty body gets
)

func md5hex(s string) string {
	h := digest.MD5([]byte(s))
	b := make([]byte, 0, 2*len(h))
	for _, c := range h {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return string(b)
}

// operation is what S3 does with an actual request, CORS aside.
type operation struct {
	Name    string      // the S3 API operation
	Status  int         // its status
	Headers [][2]string // its own headers, when it succeeds (common headers are added for every response)
	Body    string
	Note    string
}

func hasParam(query, name string) bool {
	for _, p := range strings.Split(query, "&") {
		k, _, _ := strings.Cut(p, "=")
		if k == name {
			return true
		}
	}
	return false
}

func s3Operation(method string, t Target, reqHeaders [][2]string) operation {
	sse := [2]string{"x-amz-server-side-encryption", "AES256"}
	xml := [2]string{"Content-Type", "application/xml"}
	chunked := [2]string{"Transfer-Encoding", "chunked"}
	notAllowed := operation{Name: "(none)", Status: 405, Note: "S3 has no " + method + " operation on this resource: 405 MethodNotAllowed (inferred)."}
	switch t.Kind {
	case "service":
		switch method {
		case "GET":
			return operation{Name: "ListBuckets", Status: 200, Headers: [][2]string{xml, chunked},
				Body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets></Buckets></ListAllMyBucketsResult>`}
		}
		return notAllowed
	case "bucket":
		region := t.Region
		if region == "" {
			region = "us-east-1"
		}
		switch {
		case method == "GET":
			return operation{Name: "ListObjectsV2", Status: 200, Headers: [][2]string{{"x-amz-bucket-region", region}, xml, chunked},
				Body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>` + xmlText(t.Bucket) + `</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>hello.txt</Key><LastModified>2026-11-04T09:30:00.000Z</LastModified><ETag>&quot;` + exampleETag[1:len(exampleETag)-1] + `&quot;</ETag><Size>` + strconv.Itoa(len(ExampleBody)) + `</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>`}
		case method == "HEAD":
			return operation{Name: "HeadBucket", Status: 200, Headers: [][2]string{{"x-amz-bucket-region", region}, {"x-amz-access-point-alias", "false"}, xml}}
		case method == "POST" && hasParam(t.Query, "delete"):
			return operation{Name: "DeleteObjects", Status: 200, Headers: [][2]string{xml, chunked},
				Body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></DeleteResult>`}
		case method == "POST":
			// A browser-based upload (an HTML form or a presigned POST): 204
			// unless success_action_status asks otherwise.
			return operation{Name: "PostObject", Status: 204, Headers: [][2]string{sse, {"ETag", emptyETag}}}
		case method == "DELETE":
			return operation{Name: "DeleteBucket", Status: 204}
		case method == "PUT":
			return operation{Name: "CreateBucket", Status: 200, Headers: [][2]string{{"Location", "/" + t.Bucket}, {"Content-Length", "0"}}}
		}
		return notAllowed
	}
	switch method {
	case "GET", "HEAD":
		name := "GetObject"
		if method == "HEAD" {
			name = "HeadObject"
		}
		size := len(ExampleBody)
		common := [][2]string{{"Last-Modified", exampleModified}, {"ETag", exampleETag}, sse, {"Accept-Ranges", "bytes"}, {"Content-Type", exampleType}}
		if rv, ok := header.List(reqHeaders).Get("Range"); ok {
			start, end, kind := byteRange(rv, size)
			switch kind {
			case rangeOne:
				hs := append(common, [2]string{"Content-Range", "bytes " + strconv.Itoa(start) + "-" + strconv.Itoa(end) + "/" + strconv.Itoa(size)},
					[2]string{"Content-Length", strconv.Itoa(end - start + 1)})
				return operation{Name: name, Status: 206, Headers: hs, Body: ExampleBody[start : end+1], Note: "S3 answers a byte range with 206 Partial Content."}
			case rangeUnsatisfiable:
				return operation{Name: name, Status: 416, Note: "The range starts past the end of the object: 416 InvalidRange."}
			case rangeIgnored:
				// S3 serves one range per request; it ignores a Range it
				// does not support and sends the whole object (inferred from
				// the GetObject reference, "doesn't support retrieving
				// multiple ranges of data per GET request").
				return operation{Name: name, Status: 200, Headers: append(common, [2]string{"Content-Length", strconv.Itoa(size)}), Body: ExampleBody,
					Note: "S3 does not serve several ranges in one request: it sends the whole object."}
			}
		}
		return operation{Name: name, Status: 200, Headers: append(common, [2]string{"Content-Length", strconv.Itoa(size)}), Body: ExampleBody}
	case "PUT":
		name := "PutObject"
		if hasParam(t.Query, "uploadId") && hasParam(t.Query, "partNumber") {
			name = "UploadPart"
		}
		return operation{Name: name, Status: 200, Headers: [][2]string{sse, {"ETag", emptyETag}, {"Content-Length", "0"}}}
	case "DELETE":
		return operation{Name: "DeleteObject", Status: 204}
	case "POST":
		switch {
		case hasParam(t.Query, "uploads"):
			return operation{Name: "CreateMultipartUpload", Status: 200, Headers: [][2]string{sse, xml, chunked},
				Body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>` + xmlText(t.Bucket) + `</Bucket><Key>` + xmlText(t.Key) + `</Key><UploadId>EXAMPLE-UPLOAD-ID</UploadId></InitiateMultipartUploadResult>`}
		case hasParam(t.Query, "uploadId"):
			return operation{Name: "CompleteMultipartUpload", Status: 200, Headers: [][2]string{sse, xml, chunked},
				Body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>` + xmlText(t.Bucket) + `</Bucket><Key>` + xmlText(t.Key) + `</Key><ETag>&quot;` + md5hex("parts") + `-2&quot;</ETag></CompleteMultipartUploadResult>`}
		}
		return operation{Name: "(none)", Status: 405, Note: "POST to a key without ?uploads or ?uploadId is no S3 operation: 405 MethodNotAllowed (inferred). Browser uploads POST to the bucket root."}
	}
	return notAllowed
}

const (
	rangeNone = iota
	rangeOne
	rangeUnsatisfiable
	rangeIgnored
)

// byteRange resolves a Range header against an object of size bytes.
func byteRange(v string, size int) (start, end, kind int) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), "bytes=")
	if !ok || strings.Contains(rest, ",") {
		return 0, 0, rangeIgnored
	}
	a, b, ok := strings.Cut(strings.TrimSpace(rest), "-")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !ok || (a == "" && b == "") || (a != "" && !isDigits(a)) || (b != "" && !isDigits(b)) {
		return 0, 0, rangeIgnored
	}
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n > 1<<40 {
			return 1 << 40
		}
		return n
	}
	if a == "" { // suffix: the last b bytes
		n := num(b)
		if n == 0 {
			return 0, 0, rangeUnsatisfiable
		}
		if n > size {
			n = size
		}
		return size - n, size - 1, rangeOne
	}
	start = num(a)
	if start >= size {
		return 0, 0, rangeUnsatisfiable
	}
	end = size - 1
	if b != "" {
		if e := num(b); e < start {
			return 0, 0, rangeIgnored
		} else if e < end {
			end = e
		}
	}
	return start, end, rangeOne
}

// commonHeaders wrap every S3 response: request IDs and Date first, Server
// last, as S3's documented examples show them.
func withCommon(hs [][2]string) [][2]string {
	out := make([][2]string, 0, len(hs)+4)
	out = append(out, [2]string{"x-amz-id-2", exampleHostID}, [2]string{"x-amz-request-id", exampleRequestID}, [2]string{"Date", exampleDate})
	out = append(out, hs...)
	return append(out, [2]string{"Server", "AmazonS3"})
}

func xmlText(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return xmlTextEscaper.Replace(s)
}

var xmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
