package validation

import (
	"strings"
	"testing"

	"corsplay/internal/config"
)

// TestPlainWords: every problem, S3 error and aws-cli error carries plain
// words beside the exact text, and the plain words say what S3 takes.
func TestPlainWords(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		s3     bool     // S3Error (else ClientError)
		exact  string   // the exact message contains it
		plains []string // the plain words contain these
	}{
		{name: "PATCH", s3: true,
			src:    `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>`,
			exact:  "Unsupported method is PATCH",
			plains: []string{"Rule 1", `"PATCH"`, "GET, PUT, HEAD, POST and DELETE", "no PATCH operation"}},
		{name: "OPTIONS", s3: true,
			src:    `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>OPTIONS</AllowedMethod></CORSRule></CORSConfiguration>`,
			exact:  "Unsupported method is OPTIONS",
			plains: []string{"GET, PUT, HEAD, POST and DELETE", "preflight"}},
		{name: "lower-case get", s3: true,
			src:    `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>get</AllowedMethod></CORSRule></CORSConfiguration>`,
			exact:  "Unsupported method is get",
			plains: []string{"in capitals", "write GET"}},
		{name: "ExposeHeader *", s3: true,
			src:    `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>*</ExposeHeader></CORSRule></CORSConfiguration>`,
			exact:  "contains wildcard",
			plains: []string{"cannot be *", "ETag"}},
		{name: "not well-formed", s3: true,
			src:    `<CORSConfiguration><CORSRule>`,
			exact:  "not well-formed",
			plains: []string{"S3 cannot read this"}},
		{name: "MaxAgeSeconds as a string (aws-cli)",
			src:    `{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": "3000"}]}`,
			exact:  "type: <class 'str'>, valid types: <class 'int'>",
			plains: []string{"aws-cli checks the JSON before sending it", "Rule 1's MaxAgeSeconds must be a whole number without quotes", "not text in quotes"}},
		{name: "one origin not in a list (aws-cli)",
			src:    `{"CORSRules": [{"AllowedOrigins": "*", "AllowedMethods": ["GET"]}]}`,
			exact:  "valid types: <class 'list'>",
			plains: []string{`"AllowedOrigins" must be a list in [ ], even for one value`}},
		{name: "missing AllowedMethods (aws-cli)",
			src:    `{"CORSRules": [{"AllowedOrigins": ["*"]}]}`,
			exact:  `Missing required parameter`,
			plains: []string{`Rule 1 has no "AllowedMethods" list`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(tc.src))
			res := Check(cfg, err, []byte(tc.src))
			var exact, plain string
			switch {
			case tc.s3 && res.S3Error != nil:
				exact, plain = res.S3Error.Message, res.S3Error.Plain
			case !tc.s3 && res.ClientError != nil:
				exact, plain = res.ClientError.Message, res.ClientError.Plain
			default:
				t.Fatalf("no %s error: %+v", map[bool]string{true: "S3", false: "aws-cli"}[tc.s3], res)
			}
			if !strings.Contains(exact, tc.exact) {
				t.Errorf("exact text %q lacks %q", exact, tc.exact)
			}
			for _, w := range tc.plains {
				if !strings.Contains(plain, w) {
					t.Errorf("plain words %q lack %q", plain, w)
				}
			}
			if strings.Contains(plain, "<class") || plain == exact {
				t.Errorf("plain words %q are not plain", plain)
			}
			for _, p := range res.Problems {
				if p.Plain == "" {
					t.Errorf("problem %+v has no plain words", p)
				}
			}
		})
	}
}
