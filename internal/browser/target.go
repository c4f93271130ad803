package browser

import (
	"corsplay/internal/urlparse"
	"strings"
)

// s3Target says which S3 resource a URL names. S3's endpoints
// (docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html and
// .../RESTAPI.html#virtual-hosted-path-style-requests):
//
//	bucket.s3.amazonaws.com, bucket.s3.REGION.amazonaws.com,
//	bucket.s3-REGION.amazonaws.com (legacy dash form),
//	bucket.s3.dualstack.REGION.amazonaws.com, bucket.s3-accelerate[.dualstack].amazonaws.com,
//	bucket.s3-website-REGION / .s3-website.REGION (website endpoints),
//	NAME-ACCOUNT.s3-accesspoint.REGION.amazonaws.com (access points),
//	all of them also under amazonaws.com.cn;
//	without a bucket label the same hosts take path-style URLs: s3.amazonaws.com/bucket/key.
//
// Any other host is taken to serve one bucket at its root (a CNAME, a
// CloudFront origin, an S3-compatible server): "/" is the bucket, a longer
// path an object.
// TargetOf says which S3 resource rawURL names, as s3Target does for a
// fetch's URL.
func TargetOf(rawURL string) (Target, error) {
	u, err := parseURL("url", rawURL)
	if err != nil {
		return Target{}, err
	}
	return s3Target(u), nil
}

func s3Target(u parsedURL) Target {
	t := Target{Query: u.query}
	host := strings.Trim(u.host, ".")
	suffix := ""
	for _, s := range []string{".amazonaws.com.cn", ".amazonaws.com"} {
		if strings.HasSuffix(host, s) {
			suffix = s
			break
		}
	}
	path := u.path
	if suffix != "" {
		labels := strings.Split(strings.TrimSuffix(host, suffix), ".")
		for i := len(labels) - 1; i >= 0; i-- {
			kind, region, ok := endpointLabel(labels[i], labels[i+1:])
			if !ok {
				continue
			}
			t.Endpoint = strings.Join(labels[i:], ".") + suffix
			t.Region = region
			if i == 0 {
				t.Style = "path-style"
				seg, rest := splitFirst(strings.TrimPrefix(path, "/"))
				t.Bucket = unescape(seg)
				t.Key = unescape(rest)
				switch {
				case t.Bucket == "":
					t.Kind = "service"
				case t.Key == "":
					t.Kind = "bucket"
				default:
					t.Kind = "object"
				}
				if kind == "website" {
					t.Note = "Website endpoints serve one bucket by host name; a path-style URL names a key in no bucket."
				} else if t.Bucket != "" {
					t.Note = "Path-style URLs are deprecated for buckets created after September 2020; virtual-hosted (" + t.Bucket + "." + t.Endpoint + ") is what SDKs use."
				}
				return t
			}
			t.Style = "virtual-hosted"
			if kind == "access-point" {
				t.Style = "access-point"
			}
			t.Bucket = strings.Join(labels[:i], ".")
			t.Key = unescape(strings.TrimPrefix(path, "/"))
			t.Kind = "bucket"
			if t.Key != "" {
				t.Kind = "object"
			}
			switch {
			case strings.Contains(t.Bucket, ".") && u.scheme == "https":
				t.Note = "The bucket name has dots, so https://" + u.host + " does not match S3's *.s3 certificate: the browser fails before any CORS check. Use a path-style URL or a bucket name without dots."
			case t.Region == "" && kind == "s3":
				t.Note = "The global endpoint answers with a 307 redirect to the regional one for buckets outside us-east-1 until DNS catches up; a preflight cannot follow a redirect. Prefer " + t.Bucket + ".s3.REGION.amazonaws.com."
			}
			return t
		}
	}
	t.Style = "custom"
	t.Endpoint = u.host
	t.Key = unescape(strings.TrimPrefix(path, "/"))
	t.Kind = "bucket"
	if t.Key != "" {
		t.Kind = "object"
	}
	t.Note = "Not an amazonaws.com host: corsplay takes it to serve one bucket at its root (a CNAME or an S3-compatible server), so \"/\" is the bucket and any longer path an object."
	return t
}

// endpointLabel reports whether label (followed by rest, before
// .amazonaws.com) is an S3 endpoint, and which region it names.
func endpointLabel(label string, rest []string) (kind, region string, ok bool) {
	restOK := func(allowDualstack bool) (string, bool) {
		switch len(rest) {
		case 0:
			return "", true
		case 1:
			if rest[0] == "dualstack" {
				return "", allowDualstack
			}
			return rest[0], isRegion(rest[0])
		case 2:
			return rest[1], allowDualstack && rest[0] == "dualstack" && isRegion(rest[1])
		}
		return "", false
	}
	switch {
	case label == "s3" || label == "s3-fips":
		r, ok := restOK(true)
		return "s3", r, ok
	case label == "s3-accelerate":
		_, ok := restOK(true)
		return "s3", "", ok && (len(rest) == 0 || rest[0] == "dualstack" && len(rest) == 1)
	case label == "s3-external-1":
		return "s3", "us-east-1", len(rest) == 0
	case label == "s3-accesspoint":
		r, ok := restOK(true)
		return "access-point", r, ok
	case label == "s3-website":
		r, ok := restOK(false)
		return "website", r, ok && len(rest) == 1
	case strings.HasPrefix(label, "s3-website-"):
		r := strings.TrimPrefix(label, "s3-website-")
		return "website", r, isRegion(r) && len(rest) == 0
	case strings.HasPrefix(label, "s3-"):
		r := strings.TrimPrefix(label, "s3-")
		return "s3", r, isRegion(r) && len(rest) == 0
	}
	return "", "", false
}

// isRegion recognises AWS region names: two letters, optional "-gov" or
// "-iso…", a word, a number (us-east-1, eu-central-2, us-gov-west-1,
// ap-southeast-5, cn-north-1).
func isRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || len(parts) > 4 || len(parts[0]) != 2 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < 'a' || p[i] > 'z' {
				return false
			}
		}
	}
	last := parts[len(parts)-1]
	if last == "" || len(last) > 2 {
		return false
	}
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	return true
}

func splitFirst(s string) (string, string) {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func unescape(s string) string {
	if u, err := urlparse.PathUnescape(s); err == nil {
		return u
	}
	return s
}
