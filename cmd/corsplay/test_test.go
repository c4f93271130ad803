package main

import (
	"path/filepath"
	"testing"
)

// TestTestCommand runs corsplay test as a CI job would, in each output
// format, and compares the whole output with a golden file.
func TestTestCommand(t *testing.T) {
	const td = "../../internal/expect/testdata/"
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		golden string
	}{
		{name: "all pass", args: []string{"test", td + "example.json"}, code: 0, golden: "test-pass.golden"},
		{name: "failures in text", args: []string{"test", "--config", td + "uploads.xml", td + "failing.json", td + "uploads.json"}, code: 1, golden: "test-text.golden"},
		{name: "failures as JSON", args: []string{"test", "--config", td + "uploads.xml", "--format", "json", td + "failing.json"}, code: 1, golden: "test-json.golden"},
		{name: "failures as JUnit", args: []string{"test", "--config", td + "uploads.xml", "--format", "junit", td + "failing.json", td + "uploads.json"}, code: 1, golden: "test-junit.golden"},
		{name: "failures as GitHub commands", args: []string{"test", "--config", td + "uploads.xml", "--format", "github", td + "failing.json"}, code: 1, golden: "test-github.golden"},
		{name: "a file from stdin", args: []string{"test", "-"}, stdin: `{"format": "corsplay-tests/1", "tests": [{"name": "no configuration blocks", "fetch": {"origin": "https://a.example", "url": "https://b.s3.amazonaws.com/k"}, "expect": {"allowed": false}}]}`, code: 0, golden: "test-stdin.golden"},
		{name: "an unreadable test file", args: []string{"test", "-"}, stdin: "{\"format\": \"corsplay-tests/1\",\n \"tests\": [{\"name\": \"x\", \"fecth\": {}}]}", code: 2, golden: "test-unreadable.golden"},
		{name: "an unreadable test file for GitHub", args: []string{"test", "--format", "github", "-"}, stdin: "{\"format\": \"corsplay-tests/1\",\n \"tests\": [{\"name\": \"x\", \"fecth\": {}}]}", code: 2, golden: "test-unreadable-github.golden"},
		{name: "an unreadable configuration", args: []string{"test", "--config", td + "broken.xml", td + "uploads.json"}, code: 2, golden: "test-broken-config.golden"},
		{name: "an unreadable configuration in the file", args: []string{"test", "--format", "github", "-"}, stdin: "{\"format\": \"corsplay-tests/1\",\n \"config\": \"<CORSConfiguration>\",\n \"tests\": [{\"name\": \"x\", \"request\": {\"method\": \"GET\"}, \"expect\": {\"status\": 200}}]}", code: 2, golden: "test-broken-inline.golden"},
		{name: "a configuration S3 rejects", args: []string{"test", "--config", "testdata/rejected.xml", "-"}, stdin: `{"format": "corsplay-tests/1", "tests": [{"name": "x", "request": {"method": "GET"}, "expect": {"status": 200}}]}`, code: 0, golden: "test-hypothetical.golden"},
		{name: "an unknown format", args: []string{"test", "--format", "tap", td + "example.json"}, code: 2, golden: "test-bad-format.golden"},
		{name: "no files", args: []string{"test"}, code: 2, golden: "test-usage.golden"},
		{name: "a missing file", args: []string{"test", "testdata/nope.json"}, code: 2, golden: "test-missing.golden"},
		{name: "validate as JSON", args: []string{"validate", "--format", "json", "testdata/rejected.xml"}, code: 1, golden: "validate-json.golden"},
		{name: "validate as GitHub commands", args: []string{"validate", "--format", "github", "testdata/rejected.xml"}, code: 1, golden: "validate-github.golden"},
		{name: "validate as SARIF", args: []string{"validate", "--format", "sarif", "testdata/rejected.xml"}, code: 1, golden: "validate-sarif.golden"},
		{name: "validate accepts, as SARIF", args: []string{"validate", "--format", "sarif", "testdata/console.json"}, code: 0, golden: "validate-sarif-accepted.golden"},
		{name: "validate in an unknown format", args: []string{"validate", "--format", "junit", "testdata/console.json"}, code: 2, golden: "validate-bad-format.golden"},
		{name: "lint as JSON", args: []string{"lint", "--format", "json", "testdata/two-rules.xml"}, code: 1, golden: "lint-json.golden"},
		{name: "lint as GitHub commands", args: []string{"lint", "--format", "github", "testdata/two-rules.xml"}, code: 1, golden: "lint-github.golden"},
		{name: "lint as SARIF", args: []string{"lint", "--format", "sarif", "testdata/two-rules.xml"}, code: 1, golden: "lint-sarif.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runGolden(t, tt.args, tt.stdin, tt.code, filepath.Join("testdata", tt.golden), td)
		})
	}
}
