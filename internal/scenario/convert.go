package scenario

import (
	"bytes"
	"corsplay/internal/digest"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/config"
)

// Targets of Convert.
var ConvertTargets = []string{"xml", "cli-json", "console-json", "put-request", "aws-cli"}

// ExampleBucket is the bucket name exports use; AWS's documentation uses it
// for "your bucket here".
const ExampleBucket = "amzn-s3-demo-bucket"

// ExportTarget is the bucket an export applies a configuration to.
type ExportTarget struct {
	Bucket string // a valid S3 bucket name
	Region string // "" when the URL does not say
}

// ExportBucket is the bucket a request URL names, virtual-hosted
// (BUCKET.s3.REGION.amazonaws.com) or path style (s3.REGION.amazonaws.com/
// BUCKET), when it is a valid S3 bucket name; else ExampleBucket. The name
// goes into a shell command, so nothing else is taken.
func ExportBucket(rawURL string) ExportTarget {
	demo := ExportTarget{Bucket: ExampleBucket}
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
	return ExportTarget{Bucket: t.Bucket, Region: t.Region}
}

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

// Convert rewrites a configuration in another form, or as what a person
// sends to apply it: the PutBucketCors HTTP request (with its Content-MD5,
// the base64 MD5 of the body, which the API requires) or the aws-cli
// command, both for ExampleBucket. It refuses text that does not parse, and
// text holding elements or keys S3 does not know, since those would be lost.
func Convert(src []byte, to string) ([]byte, error) {
	return ConvertFor(src, to, ExportTarget{Bucket: ExampleBucket})
}

// ConvertFor is Convert with the bucket (and region) the request and the
// command name; a zero or invalid target is ExampleBucket.
func ConvertFor(src []byte, to string, at ExportTarget) ([]byte, error) {
	if !BucketName(at.Bucket) {
		at = ExportTarget{Bucket: ExampleBucket}
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
	}
	return nil, errors.New("unknown target " + strconv.Quote(to) + ": use one of " + strings.Join(ConvertTargets, ", "))
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

// PutRequest is the PutBucketCors request for cfg, unsigned.
func putRequest(cfg *config.Config, at ExportTarget) []byte {
	body := config.Format(cfg, config.XML)
	sum := digest.MD5(body)
	var b bytes.Buffer
	b.WriteString("PUT /?cors HTTP/1.1\r\n")
	host := at.Bucket + ".s3.amazonaws.com"
	if at.Region != "" {
		host = at.Bucket + ".s3." + at.Region + ".amazonaws.com"
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
func awsCLI(cfg *config.Config, at ExportTarget) []byte {
	js := config.Format(cfg, config.CLIJSON)
	var compact bytes.Buffer
	compactJSON(&compact, js)
	q := "'" + strings.ReplaceAll(compact.String(), "'", `'\''`) + "'"
	region := ""
	if at.Region != "" {
		region = " --region " + at.Region
	}
	return []byte("aws s3api put-bucket-cors --bucket " + at.Bucket + region + " --cors-configuration " + q + "\n")
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
