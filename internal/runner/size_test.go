package runner_test

import (
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// A caller holding a text too large for S3 sends only its start with the
// whole text's size (bucket.corsSize): S3's answer names that size. A size
// that is not over S3's limit, or not over the text's length, changes
// nothing. One runner answers them in turn, so its caches must tell them
// apart.
func TestWholeSize(t *testing.T) {
	start := "<CORSConfiguration>" + strings.Repeat("<!-- padding -->", 1<<16) // 1 MB
	small := `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	tests := []struct {
		name      string
		cors      string
		size      int
		wantCode  string // S3's error code, "" when accepted
		wantValue string // in the too-large problem's value
		wantSize  int    // config.size
	}{
		{name: "the start of 10 MB", cors: start, size: 10 << 20, wantCode: "MaxMessageLengthExceeded", wantValue: "10485760 bytes", wantSize: 10 << 20},
		{name: "the same start of 20 MB", cors: start, size: 20 << 20, wantCode: "MaxMessageLengthExceeded", wantValue: "20971520 bytes", wantSize: 20 << 20},
		{name: "the start alone", cors: start, wantCode: "MaxMessageLengthExceeded", wantValue: "1048595 bytes", wantSize: len(start)},
		{name: "a size not over the text's", cors: start, size: 100, wantCode: "MaxMessageLengthExceeded", wantValue: "1048595 bytes", wantSize: len(start)},
		{name: "a size within S3's limit", cors: small, size: 1000, wantSize: len(small)},
		{name: "the start of a JSON text", cors: `{"CORSRules": [` + strings.Repeat(" ", 300<<10), size: 5 << 20, wantCode: "MaxMessageLengthExceeded", wantValue: "5242880 bytes", wantSize: 5 << 20},
	}
	r := runner.New(8)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cors := tc.cors
			out := r.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors, Size: tc.size}, Request: scenario.Request{Method: "GET", Target: "object", Headers: scenario.Headers{{"Origin", "https://a.example"}}}})
			if out.Error != nil {
				t.Fatalf("error: %+v", out.Error)
			}
			code := ""
			if e := out.Validation.S3Error; e != nil {
				code = e.Code
			}
			if code != tc.wantCode {
				t.Errorf("S3 error %q, want %q", code, tc.wantCode)
			}
			if tc.wantValue != "" {
				found := false
				for _, p := range out.Validation.Problems {
					if p.Code == tc.wantCode && strings.Contains(p.Value, tc.wantValue) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s problem naming %q: %+v", tc.wantCode, tc.wantValue, out.Validation.Problems)
				}
			}
			if out.Config.Size != tc.wantSize {
				t.Errorf("config size %d, want %d", out.Config.Size, tc.wantSize)
			}
		})
	}
}

// FuzzWholeSize: a whole size over S3's limit and over the text's length
// gives S3's too-large answer with that size; any other size gives the
// very answer the text alone does.
func FuzzWholeSize(f *testing.F) {
	f.Add(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`, 10<<20)
	f.Add(`[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]`, 300<<10)
	f.Add(`{"CORSRules": []}`, 100)
	f.Add("", -5)
	f.Fuzz(func(t *testing.T, cors string, size int) {
		req := scenario.Request{Method: "GET", Target: "object", Headers: scenario.Headers{{"Origin", "https://a.example"}}}
		sized := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors, Size: size}, Request: req})
		if sized.Error != nil {
			t.Fatalf("error: %+v", sized.Error)
		}
		limit := config.MaxInput
		if config.DetectForm([]byte(cors)) == config.XML {
			limit = config.MaxXML
		}
		if size > len(cors) && size > limit {
			if e := sized.Validation.S3Error; e == nil || e.Code != "MaxMessageLengthExceeded" || sized.Config.Size != size {
				t.Fatalf("size %d over the limit: %+v, config size %d", size, sized.Validation.S3Error, sized.Config.Size)
			}
			return
		}
		alone := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: req})
		if a, b := string(scenario.Marshal(alone)), string(scenario.Marshal(sized)); a != b {
			t.Fatalf("size %d changed the answer:\n%s\n%s", size, b, a)
		}
	})
}
