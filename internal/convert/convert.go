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

	"corsplay/internal/config"
	"corsplay/internal/digest"
)

// Targets are the forms To writes.
var Targets = []string{"xml", "cli-json", "console-json", "put-request", "aws-cli", "cloudformation-yaml", "cloudformation-json", "cdk-ts", "cdk-python", "terraform", "terraform-module"}

// exampleBucket is the bucket name exports use; AWS's documentation uses it
// for "your bucket here".
const exampleBucket = "amzn-s3-demo-bucket"

// To rewrites a configuration in another form, or as what a person
// sends to apply it: the PutBucketCors HTTP request (with its Content-MD5,
// the base64 MD5 of the body, which the API requires) or the aws-cli
// command. It refuses text that does not parse, and text holding elements
// or keys S3 does not know, since those would be lost.
func To(src []byte, to string) ([]byte, error) {
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
		return putRequest(cfg), nil
	case "aws-cli":
		return awsCLI(cfg), nil
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
func putRequest(cfg *config.Config) []byte {
	body := config.Format(cfg, config.XML)
	sum := digest.MD5(body)
	var b bytes.Buffer
	b.WriteString("PUT /?cors HTTP/1.1\r\n")
	b.WriteString("Host: " + exampleBucket + ".s3.amazonaws.com\r\n")
	b.WriteString("Content-Type: application/xml\r\n")
	b.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\n")
	b.WriteString("Content-MD5: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n")
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// awsCLI is the aws-cli command applying cfg, with the JSON on one line in
// single quotes (POSIX shells).
func awsCLI(cfg *config.Config) []byte {
	js := config.Format(cfg, config.CLIJSON)
	var compact bytes.Buffer
	compactJSON(&compact, js)
	q := "'" + strings.ReplaceAll(compact.String(), "'", `'\''`) + "'"
	return []byte("aws s3api put-bucket-cors --bucket " + exampleBucket + " --cors-configuration " + q + "\n")
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
