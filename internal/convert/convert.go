// Package convert rewrites a CORS configuration in another of the forms S3
// tooling uses (PutBucketCors XML, aws-cli JSON, S3 console JSON), or as
// what a person sends to apply it: the PutBucketCors HTTP request or the
// aws-cli command; or as the infrastructure code that declares it: a
// CloudFormation template (YAML or JSON) or an AWS CDK s3.Bucket
// (TypeScript or Python).
package convert

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/config"
	"corsplay/internal/digest"
)

// Targets are the forms To writes.
var Targets = []string{"xml", "cli-json", "console-json", "put-request", "aws-cli", "cloudformation-yaml", "cloudformation-json", "cdk-ts", "cdk-python", "terraform", "terraform-module"}

// exampleBucket is the bucket name exports use; AWS's documentation uses it
// for "your bucket here".
const exampleBucket = "amzn-s3-demo-bucket"

// Bucket is the bucket an export applies a configuration to.
type Bucket struct {
	Name   string // a valid S3 bucket name
	Region string // "" when the URL does not say
}

// BucketOf is the bucket a request URL names, virtual-hosted
// (BUCKET.s3.REGION.amazonaws.com) or path style (s3.REGION.amazonaws.com/
// BUCKET), when it is a valid S3 bucket name; else amzn-s3-demo-bucket. The
// name goes into a shell command, so nothing else is taken.
func BucketOf(rawURL string) Bucket {
	demo := Bucket{Name: exampleBucket}
	if strings.TrimSpace(rawURL) == "" {
		return demo
	}
	t, err := browser.TargetOf(rawURL)
	if err != nil || (t.Style != "virtual-hosted" && t.Style != "path-style") || !BucketName(t.Bucket) {
		return demo
	}
	if !regionName(t.Region) {
		t.Region = ""
	}
	return Bucket{Name: t.Bucket, Region: t.Region}
}

// Demo reports whether b is the example bucket (the URL named none).
func (b Bucket) Demo() bool { return b.Name == exampleBucket }

// BucketName reports whether s follows S3's general purpose bucket naming
// rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
// 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending
// with a letter or digit, no two dots together, not an IP address.
func BucketName(s string) bool {
	if len(s) < 3 || len(s) > 63 || strings.Contains(s, "..") {
		return false
	}
	digitsAndDots := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && c != '.' && c != '-' || (i == 0 || i == len(s)-1) && !alnum {
			return false
		}
		digitsAndDots = digitsAndDots && (c >= '0' && c <= '9' || c == '.')
	}
	return !(digitsAndDots && strings.Count(s, ".") == 3)
}

// regionName: s looks like an AWS region (us-east-1, cn-north-1).
func regionName(s string) bool {
	if s == "" || len(s) > 30 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// To rewrites a configuration in another form, or as what a person
// sends to apply it: the PutBucketCors HTTP request (with its Content-MD5,
// the base64 MD5 of the body, which the API requires) or the aws-cli
// command, both for amzn-s3-demo-bucket. It refuses text that does not
// parse, and text holding elements or keys S3 does not know, since those
// would be lost.
func To(src []byte, to string) ([]byte, error) {
	return ToBucket(src, to, Bucket{Name: exampleBucket})
}

// ToBucket is To with the bucket (and region) the request and the command
// name; a zero or invalid one is amzn-s3-demo-bucket.
func ToBucket(src []byte, to string, at Bucket) ([]byte, error) {
	if !BucketName(at.Name) {
		at = Bucket{Name: exampleBucket}
	}
	if !regionName(at.Region) {
		at.Region = ""
	}
	cfg, err := config.Parse(src)
	if err != nil {
		var se *config.SyntaxError
		if errors.As(err, &se) {
			return nil, errors.New("line " + strconv.Itoa(se.Pos.Line) + ", column " + strconv.Itoa(se.Pos.Column) + ": " + se.Msg)
		}
		return nil, err
	}
	if lost := unconvertible(cfg); lost != "" {
		return nil, errors.New("cannot convert without losing " + lost + "; fix it first")
	}
	switch to {
	case "xml":
		return config.Format(cfg, config.XML), nil
	case "cli-json":
		return config.Format(cfg, config.CLIJSON), nil
	case "console-json":
		return config.Format(cfg, config.ConsoleJSON), nil
	case "put-request":
		return putRequest(cfg, at), nil
	case "aws-cli":
		return awsCLI(cfg, at), nil
	case "cloudformation-yaml":
		return cloudFormationYAML(cfg)
	case "cloudformation-json":
		return cloudFormationJSON(cfg)
	case "cdk-ts":
		return cdk(cfg, false)
	case "cdk-python":
		return cdk(cfg, true)
	case "terraform":
		return terraform(cfg, false)
	case "terraform-module":
		return terraform(cfg, true)
	}
	return nil, errors.New("unknown target " + strconv.Quote(to) + ": use one of " + strings.Join(Targets, ", "))
}

func unconvertible(cfg *config.Config) string {
	at := func(v config.Value, what string) string {
		return what + " at line " + strconv.Itoa(v.Span.Start.Line) + ", column " + strconv.Itoa(v.Span.Start.Column)
	}
	for _, u := range cfg.Unknown {
		return at(u, strconv.Quote(u.Text))
	}
	for _, s := range cfg.Stray {
		return at(s, stray(s))
	}
	for _, r := range cfg.Rules {
		for _, u := range r.Unknown {
			return at(u, strconv.Quote(u.Text))
		}
		for _, s := range r.Stray {
			return at(s, stray(s))
		}
	}
	for _, d := range cfg.Directives {
		return at(d, "the declaration "+d.Text)
	}
	return ""
}

// putRequest is the PutBucketCors request for cfg, unsigned.
func putRequest(cfg *config.Config, at Bucket) []byte {
	body := config.Format(cfg, config.XML)
	sum := digest.MD5(body)
	var b bytes.Buffer
	b.WriteString("PUT /?cors HTTP/1.1\r\n")
	host := at.Name + ".s3.amazonaws.com"
	if at.Region != "" {
		host = at.Name + ".s3." + at.Region + ".amazonaws.com"
	}
	b.WriteString("Host: " + host + "\r\n")
	b.WriteString("Content-Type: application/xml\r\n")
	b.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\n")
	b.WriteString("Content-MD5: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n")
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// awsCLI is the aws-cli command applying cfg, with the JSON on one line in
// single quotes (POSIX shells).
func awsCLI(cfg *config.Config, at Bucket) []byte {
	js := config.Format(cfg, config.CLIJSON)
	var compact bytes.Buffer
	compactJSON(&compact, js)
	q := "'" + strings.ReplaceAll(compact.String(), "'", `'\''`) + "'"
	region := ""
	if at.Region != "" {
		region = " --region " + at.Region
	}
	return []byte("aws s3api put-bucket-cors --bucket " + at.Name + region + " --cors-configuration " + q + "\n")
}

// compactJSON removes the indentation Format added (outside strings).
func compactJSON(w *bytes.Buffer, js []byte) {
	in := false
	for i := 0; i < len(js); i++ {
		c := js[i]
		if in {
			w.WriteByte(c)
			if c == '\\' && i+1 < len(js) {
				i++
				w.WriteByte(js[i])
			} else if c == '"' {
				in = false
			}
			continue
		}
		switch c {
		case ' ', '\n', '\t', '\r':
			continue
		case '"':
			in = true
		}
		w.WriteByte(c)
	}
}

func stray(v config.Value) string {
	if v.Kind != "" {
		return "a JSON " + v.Kind + " where S3 expects no such value"
	}
	return strconv.Quote(v.Text)
}
