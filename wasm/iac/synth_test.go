package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const synthTests = `{"format": "corsplay-tests/1", "tests": [
 {"name": "app reads", "fetch": {"origin": "https://app.example.com", "url": "https://amzn-s3-demo-bucket.s3.amazonaws.com/k"}, "expect": {"allowed": true}},
 {"name": "<b>evil</b> is blocked", "fetch": {"origin": "https://evil.example", "url": "https://amzn-s3-demo-bucket.s3.amazonaws.com/k"}, "expect": {"allowed": false}}]}`

// TestSynthCalls: synth and makePass answer in JSON, with '<' escaped as
// everywhere in the API, and report a test file that does not decode as an
// answer {"error": …}, not a failed call.
func TestSynthCalls(t *testing.T) {
	tests := []struct {
		name  string
		fn    string
		args  []string
		check func(t *testing.T, out string)
	}{
		{name: "synth writes the configuration", fn: "synth", args: []string{synthTests},
			check: func(t *testing.T, out string) {
				var r struct {
					Config         *string
					Rules, Values  int
					Passed, Failed int
				}
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatal(err)
				}
				if r.Config == nil || !strings.Contains(*r.Config, "<AllowedOrigin>https://app.example.com</AllowedOrigin>") || r.Rules != 1 || r.Values != 2 || r.Passed != 2 || r.Failed != 0 {
					t.Errorf("%s", out)
				}
				if strings.Contains(out, "<") {
					t.Errorf("'<' not escaped: %s", out)
				}
			}},
		{name: "synth names a conflict", fn: "synth",
			args: []string{strings.Replace(synthTests, `"allowed": false`, `"allowed": true, "preflight": true`, 1)},
			check: func(t *testing.T, out string) {
				var r struct {
					Config    *string
					Conflicts []struct {
						Tests  []string
						Proven bool
						Text   string
					}
				}
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatal(err)
				}
				if r.Config != nil || len(r.Conflicts) != 1 || r.Conflicts[0].Tests[0] != "<b>evil</b> is blocked" || !r.Conflicts[0].Proven {
					t.Errorf("%s", out)
				}
			}},
		{name: "makePass edits", fn: "makePass",
			args: []string{`[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]`, synthTests},
			check: func(t *testing.T, out string) {
				var e struct {
					Config  string
					Diff    []struct{ Op, Text string }
					Changes []string
					Failed  int
				}
				if err := json.Unmarshal([]byte(out), &e); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(e.Config, `"https://app.example.com"`) || len(e.Changes) != 1 || len(e.Diff) == 0 || e.Failed != 0 {
					t.Errorf("%s", out)
				}
			}},
		{name: "a test file that does not decode", fn: "makePass", args: []string{"", "{\"format\": \"corsplay-tests/1\"}"},
			check: func(t *testing.T, out string) {
				var a struct {
					Error struct {
						Message      string
						Line, Column int
					}
				}
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(a.Error.Message, `"tests" is missing`) || a.Error.Line != 1 || a.Error.Column != 1 {
					t.Errorf("%s", out)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Call(tc.fn, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, out)
		})
	}
}
