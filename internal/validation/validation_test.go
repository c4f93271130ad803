package validation_test

import (
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/validation"
)

const ns = `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`

func rule(body string) string { return ns + "<CORSRule>" + body + "</CORSRule></CORSConfiguration>" }

var checkTests = []struct {
	name     string
	src      string
	accepted bool
	code     string // S3's error code, when rejected by S3
	message  string // S3's message, when rejected by S3 (exact)
	client   string // substring of the client's message, when the aws-cli refuses
	problems int    // how many problems in all
	verified bool   // whether S3's answer (the first problem) is recorded
	line     int    // the first problem's line and column, when given
	column   int
}{
	{name: "minimal rule", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>`), accepted: true},
	{name: "empty origin is stored", src: rule(`<AllowedOrigin></AllowedOrigin><AllowedMethod>GET</AllowedMethod>`), accepted: true},
	{name: "header patterns", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><AllowedHeader>x-amz-*</AllowedHeader>`), accepted: true},
	{name: "unsupported method", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>MYMETHOD</AllowedMethod>`),
		code: "InvalidRequest", message: "Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD", problems: 1, verified: true, line: 1, column: 125},
	{name: "lower-case method", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>get</AllowedMethod>`),
		code: "InvalidRequest", message: "Found unsupported HTTP method in CORS config. Unsupported method is get", problems: 1, verified: true},
	{name: "empty method", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod/>`),
		code: "InvalidRequest", message: "Found unsupported HTTP method in CORS config. Unsupported method is ", problems: 1, verified: true},
	{name: "zero rules", src: ns + `</CORSConfiguration>`, code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "empty rule", src: rule(``), code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "missing origin", src: rule(`<AllowedMethod>GET</AllowedMethod>`), code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "missing method", src: rule(`<AllowedOrigin>*</AllowedOrigin>`), code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "two wildcards in origin", src: rule(`<AllowedOrigin>*example*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>`),
		code: "InvalidRequest", message: `AllowedOrigin "*example*.com" can not have more than one wildcard.`, problems: 1, verified: true},
	{name: "two wildcards in header", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>*-amz-*</AllowedHeader>`),
		code: "InvalidRequest", message: `AllowedHeader "*-amz-*" can not have more than one wildcard.`, problems: 1},
	{name: "wildcard in expose header", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>*</ExposeHeader>`),
		code: "InvalidRequest", message: `ExposeHeader "*" contains wildcard. We currently do not support wildcard for ExposeHeader.`, problems: 1, verified: true},
	{name: "space in expose header", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>test header</ExposeHeader>`),
		code: "InvalidRequest", message: `AllowedHeader "test header" contains invalid character.`, problems: 1},
	{name: "non-integer max age", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>1.5</MaxAgeSeconds>`),
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "negative max age", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>-1</MaxAgeSeconds>`),
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1},
	{name: "max age beyond 32 bits", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>99999999999</MaxAgeSeconds>`),
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "long ID", src: rule(`<ID>` + strings.Repeat("x", 256) + `</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>`),
		code: "InvalidArgument", message: "ID length should not exceed allowed limit of 255", problems: 1},
	{name: "ID of 255 is fine", src: rule(`<ID>` + strings.Repeat("x", 255) + `</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>`), accepted: true},
	{name: "unknown element", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposedHeader>ETag</ExposedHeader>`),
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1},
	{name: "wrong root", src: `<CORSRules><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSRules>`,
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1},
	{name: "wrong namespace", src: `<CORSConfiguration xmlns="urn:other"><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1},
	{name: "not well-formed", src: "<CORSConfiguration>\n<CORSRule>", code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true, line: 2, column: 11},
	{name: "empty body", src: "  \n", code: "MissingRequestBodyError", message: "Request Body is empty", problems: 1},
	{name: "over 64 KB", src: rule(`<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>` + strings.Repeat(" ", 65536)),
		code: "MaxMessageLengthExceeded", message: "Your request was too big.", problems: 1},
	{name: "101 rules", src: ns + strings.Repeat("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>", 101) + "</CORSConfiguration>",
		code: "InvalidRequest", message: "The number of CORS rules should not exceed allowed limit of 100 rules.", problems: 1},
	{name: "100 rules are fine", src: ns + strings.Repeat("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>", 100) + "</CORSConfiguration>", accepted: true},
	{
		name: "schema before values: the later MalformedXML wins over an earlier bad method",
		src:  ns + `<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
		code: "MalformedXML", message: validation.MsgMalformedXML, problems: 2, verified: true,
	},
	{
		name: "every value problem is listed; the first in document order is S3's answer",
		src:  rule(`<AllowedOrigin>a**</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod><ExposeHeader>*</ExposeHeader>`),
		code: "InvalidRequest", message: `AllowedOrigin "a**" can not have more than one wildcard.`, problems: 3, verified: true,
	},
	{name: "aws-cli json accepted", src: `{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 10}]}`, accepted: true},
	{name: "console json accepted", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]`, accepted: true},
	{name: "json: misspelt key", src: `[{"AllowedOrigin": ["*"], "AllowedMethods": ["GET"]}]`,
		client: `Missing required parameter in CORSConfiguration.CORSRules[0]: "AllowedOrigins"`, problems: 2},
	{name: "json: max age as a string", src: `{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": "3000"}]}`,
		client: `Invalid type for parameter CORSConfiguration.CORSRules[0].MaxAgeSeconds, value: 3000, type: <class 'str'>, valid types: <class 'int'>`, problems: 1},
	{name: "json: a string where a list belongs", src: `{"CORSRules": [{"AllowedOrigins": "*", "AllowedMethods": ["GET"]}]}`,
		client: `Invalid type for parameter CORSConfiguration.CORSRules[0].AllowedOrigins, value: *, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>`, problems: 1},
	{name: "json: SDK wrapper", src: `{"CORSConfiguration": {"CORSRules": []}}`,
		client: `Unknown parameter in CORSConfiguration: "CORSConfiguration", must be one of: CORSRules`, problems: 2},
	{name: "json: empty rule list reaches S3", src: `{"CORSRules": []}`, code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "json: empty origin list reaches S3", src: `[{"AllowedOrigins": [], "AllowedMethods": ["GET"]}]`, code: "MalformedXML", message: validation.MsgMalformedXML, problems: 1, verified: true},
	{name: "json: bad method reaches S3", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["OPTIONS"]}]`,
		code: "InvalidRequest", message: "Found unsupported HTTP method in CORS config. Unsupported method is OPTIONS", problems: 1, verified: true, line: 1, column: 47},
}

func TestCheck(t *testing.T) {
	for _, tt := range checkTests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			cfg, err := config.Parse(src)
			res := validation.Check(cfg, err, src)
			if res.Accepted != tt.accepted {
				t.Fatalf("accepted = %v, want %v; problems: %+v", res.Accepted, tt.accepted, res.Problems)
			}
			if len(res.Problems) != tt.problems {
				t.Errorf("%d problems, want %d: %+v", len(res.Problems), tt.problems, res.Problems)
			}
			switch {
			case tt.client != "":
				if res.ClientError == nil || !strings.Contains(res.ClientError.Message, tt.client) {
					t.Fatalf("client error = %+v, want one containing %q", res.ClientError, tt.client)
				}
				if res.S3Error != nil {
					t.Errorf("S3 error %+v although the client never sends it", res.S3Error)
				}
				if !strings.HasPrefix(res.ClientError.Message, "Parameter validation failed:\n") {
					t.Errorf("client message lacks botocore's heading: %q", res.ClientError.Message)
				}
			case tt.code != "":
				if res.S3Error == nil {
					t.Fatalf("no S3 error; want %s", tt.code)
				}
				if res.S3Error.Code != tt.code || res.S3Error.Message != tt.message || res.S3Error.Status != 400 {
					t.Errorf("S3 error = %d %s %q, want 400 %s %q", res.S3Error.Status, res.S3Error.Code, res.S3Error.Message, tt.code, tt.message)
				}
				var first *validation.Problem
				for i := range res.Problems {
					if res.Problems[i].Code == tt.code && res.Problems[i].Message == tt.message {
						first = &res.Problems[i]
						break
					}
				}
				if first == nil {
					t.Fatal("S3's answer is not among the problems")
				}
				if first.Verified != tt.verified {
					t.Errorf("verified = %v, want %v", first.Verified, tt.verified)
				}
				if tt.line != 0 && (first.Span.Start.Line != tt.line || first.Span.Start.Column != tt.column) {
					t.Errorf("at %d:%d, want %d:%d", first.Span.Start.Line, first.Span.Start.Column, tt.line, tt.column)
				}
			}
		})
	}
}
