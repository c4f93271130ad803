package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestCommands runs the command as a person would and compares its whole
// output with a golden file.
func TestCommands(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		golden string
	}{
		{name: "explain a refused preflight", args: []string{"eval", "--config", "testdata/two-rules.xml", "--origin", "https://app.example.com", "--method", "PUT", "--header", "Content-Type: image/png", "--header", "x-amz-acl: public-read", "--preflight"}, code: 1, golden: "eval-refused.golden"},
		{name: "explain an allowed actual request", args: []string{"eval", "--config", "testdata/console.json", "--origin", "https://app.example.com", "--method", "GET", "--status", "404"}, code: 0, golden: "eval-actual.golden"},
		{name: "explain a hypothetical answer", args: []string{"eval", "--config", "testdata/rejected.xml", "--origin", "https://a.b.example.com", "--method", "PATCH", "--preflight"}, code: 1, golden: "eval-hypothetical.golden"},
		{name: "validate rejects with every problem", args: []string{"validate", "testdata/rejected.xml"}, code: 1, golden: "validate-rejected.golden"},
		{name: "validate accepts", args: []string{"validate", "testdata/console.json"}, code: 0, golden: "validate-accepted.golden"},
		{name: "convert to XML", args: []string{"convert", "--to", "xml", "testdata/console.json"}, golden: "convert-xml.golden"},
		{name: "convert to the PutBucketCors request", args: []string{"convert", "--to", "put-request", "testdata/console.json"}, golden: "convert-put.golden"},
		{name: "convert to the aws-cli command", args: []string{"convert", "--to", "aws-cli", "testdata/two-rules.xml"}, golden: "convert-cli.golden"},
		{name: "convert to the aws-cli command for the bucket a URL names", args: []string{"convert", "--to", "aws-cli", "--url", "https://photos-prod.s3.eu-west-1.amazonaws.com/cat.jpg", "testdata/two-rules.xml"}, golden: "convert-cli-url.golden"},
		{name: "convert from stdin", args: []string{"convert", "--to", "console-json", "-"}, stdin: "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>", golden: "convert-stdin.golden"},
		{name: "convert refuses what would be lost", args: []string{"convert", "--to", "xml", "-"}, stdin: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "ExposedHeaders": ["ETag"]}]`, code: 2, golden: "convert-lossy.golden"},
		{name: "conform on the shared cases", args: []string{"conform", "../../internal/conformance/testdata/s3.json"}, golden: "conform.golden"},
		{name: "batch of JSON Lines", args: []string{"eval"}, stdin: batchInput, code: 1, golden: "eval-batch.golden"},
		{name: "lint prints warnings with places", args: []string{"lint", "testdata/two-rules.xml"}, code: 1, golden: "lint.golden"},
		{name: "browser verdict, blocked, with the fix", args: []string{"eval", "--config", "testdata/console.json", "--origin", "https://app.example.com", "--url", "https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/photo.png", "--method", "DELETE", "--credentials", "include"}, code: 1, golden: "eval-browser-blocked.golden"},
		{name: "browser verdict, allowed", args: []string{"eval", "--config", "testdata/two-rules.xml", "--origin", "https://app.example.com", "--url", "https://amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com/photo.png", "--method", "PUT", "--header", "Content-Type: image/png"}, code: 0, golden: "eval-browser-allowed.golden"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, golden: "unknown.golden"},
		{name: "missing file", args: []string{"validate", "testdata/nope.xml"}, code: 2, golden: "missing.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runGolden(t, tt.args, tt.stdin, tt.code, filepath.Join("testdata", tt.golden), "")
		})
	}
}

const batchInput = `{"bucket": {"cors": "[{\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"GET\"]}]"}, "request": {"method": "GET", "headers": {"Origin": "https://a"}}}
{"bucket": {"cors": "[{\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"GET\"]}]"}, "request": {"method": "OPTIONS", "headers": {"Origin": "https://a", "Access-Control-Request-Method": "PUT"}}}
{"bucket": {"cors": null}, "request": {"method": "GET", "target": "nowhere"}}
`

// TestBatchLines checks that a batch gives exactly one JSON result per
// scenario, in order.
func TestBatchLines(t *testing.T) {
	var out, errOut bytes.Buffer
	run([]string{"eval"}, strings.NewReader(batchInput), &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	wantStatus := []int{200, 403, 0}
	for i, l := range lines {
		var r struct {
			Evaluation *struct {
				Response struct{ Status int }
			}
			Error *struct{ Message string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		got := 0
		if r.Evaluation != nil {
			got = r.Evaluation.Response.Status
		}
		if got != wantStatus[i] {
			t.Errorf("line %d: status %d, want %d", i+1, got, wantStatus[i])
		}
	}
}

// BenchmarkEvalBatch measures corsplay eval over JSON Lines with a 1-rule
// configuration. Target: at least 50,000 scenarios a second.
func BenchmarkEvalBatch(b *testing.B) {
	line := `{"bucket": {"cors": "<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>"}, "request": {"method": "OPTIONS", "target": "object", "headers": {"Origin": "https://app.example.com", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type"}}}` + "\n"
	const n = 10000
	input := strings.Repeat(line, n)
	b.ReportAllocs()
	for b.Loop() {
		// Count the output as a pipe would take it; a growing buffer would
		// measure memory clearing instead of corsplay.
		var out countWriter
		var errOut bytes.Buffer
		if code := run([]string{"eval"}, strings.NewReader(input), &out, &errOut); code != 0 {
			b.Fatal(errOut.String())
		}
		if out.lines != n {
			b.Fatalf("%d result lines for %d scenarios", out.lines, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "scenarios/s")
}

type countWriter struct{ bytes, lines int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.bytes += len(p)
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// runGolden runs the command with args and stdin and compares what it
// printed (stdout, then stderr after "--- stderr"), with strip removed
// when it is not "", with the golden file at path; -update writes the file
// instead.
func runGolden(t *testing.T, args []string, stdin string, code int, path, strip string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if got := run(args, strings.NewReader(stdin), &out, &errOut); got != code {
		t.Errorf("exit %d, want %d; stdout: %s\nstderr: %s", got, code, out.String(), errOut.String())
	}
	got := out.String()
	if errOut.Len() > 0 {
		got += "--- stderr\n" + errOut.String()
	}
	if strip != "" {
		got = strings.ReplaceAll(got, strip, "")
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (check, then go test -update):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
