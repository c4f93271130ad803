// Package conformance reads and runs conformance files in the shared
// format "corsplay-conformance/1": request cases (a bucket, a request, and
// the status, headers and error S3 sends) and PutBucketCors cases (a
// configuration, and whether S3 accepts it or which error it answers).
//
// Every case runs through runner.Run, the same engine the page, the
// command line and the wasm bridge use. Check compares one result with one
// case and returns every difference, so a failing case says what is wrong.
package conformance

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// Format is the only format version this package reads.
const Format = "corsplay-conformance/1"

// File is one conformance file.
type File struct {
	Format string `json:"format"`
	About  string `json:"about"`
	Cases  []Case `json:"cases"`
}

// Case is one request case or PutBucketCors case.
type Case struct {
	ID       string            `json:"id"`
	Evidence string            `json:"evidence"`
	Source   string            `json:"source,omitempty"`
	Notes    string            `json:"notes,omitempty"`
	Bucket   *scenario.Bucket  `json:"bucket,omitempty"`
	Request  *scenario.Request `json:"request,omitempty"`
	Put      *string           `json:"put,omitempty"`
	Expect   Expect            `json:"expect"`
}

// Expect is what S3 answers.
type Expect struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Absent  []string          `json:"absent,omitempty"`
	// Error is the error document; JSON null (PutBucketCors accepted) and
	// a missing key both leave it nil.
	Error *ExpectError `json:"error,omitempty"`
}

// ExpectError is an S3 error document's elements.
type ExpectError struct {
	Code         string  `json:"code"`
	Message      string  `json:"message"`
	Method       *string `json:"method,omitempty"`
	ResourceType *string `json:"resourceType,omitempty"`
}

// Load reads a conformance file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse reads a conformance file's bytes.
func Parse(b []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a conformance file: %v", err)
	}
	if f.Format != Format {
		return nil, fmt.Errorf("format %q is not %q", f.Format, Format)
	}
	for i, c := range f.Cases {
		switch {
		case c.ID == "":
			return nil, fmt.Errorf("case %d has no id", i)
		case c.Put == nil && (c.Request == nil || c.Bucket == nil):
			return nil, fmt.Errorf("case %s has neither put nor bucket and request", c.ID)
		}
	}
	return &f, nil
}

// Input is the scenario a request case describes.
func (c *Case) Input() scenario.Input {
	return scenario.Input{Bucket: *c.Bucket, Request: *c.Request}
}

// Run runs a case and returns its differences from what S3 does; none
// means it passes.
func Run(c *Case) []string {
	if c.Put != nil {
		p := runner.Prepare(scenario.Bucket{CORS: c.Put})
		return CheckPut(c, p.Validation)
	}
	return Check(c, runner.Run(c.Input()))
}

// CheckPut compares a PutBucketCors verdict with a put case.
func CheckPut(c *Case, v *scenario.ValidationOut) []string {
	var diffs []string
	if v == nil {
		return []string{"no validation result"}
	}
	if c.Expect.Status == 200 {
		if !v.Accepted {
			what := "rejected"
			if v.S3Error != nil {
				what += fmt.Sprintf(" with %d %s %q", v.S3Error.Status, v.S3Error.Code, v.S3Error.Message)
			} else if v.ClientError != nil {
				what += " by the client: " + v.ClientError.Message
			}
			diffs = append(diffs, "S3 accepts this configuration; corsplay "+what)
		}
		return diffs
	}
	if v.S3Error == nil {
		return []string{fmt.Sprintf("S3 rejects this configuration with %d %s; corsplay has no S3 error", c.Expect.Status, errCode(c.Expect.Error))}
	}
	if v.S3Error.Status != c.Expect.Status {
		diffs = append(diffs, fmt.Sprintf("status: want %d, got %d", c.Expect.Status, v.S3Error.Status))
	}
	if e := c.Expect.Error; e != nil {
		if v.S3Error.Code != e.Code {
			diffs = append(diffs, fmt.Sprintf("error code: want %q, got %q", e.Code, v.S3Error.Code))
		}
		if v.S3Error.Message != e.Message {
			diffs = append(diffs, fmt.Sprintf("error message: want %q, got %q", e.Message, v.S3Error.Message))
		}
	}
	return diffs
}

func errCode(e *ExpectError) string {
	if e == nil {
		return ""
	}
	return e.Code
}

// Check compares a scenario's output with a request case.
func Check(c *Case, out scenario.Output) []string {
	if out.Error != nil {
		return []string{"the engine refused the scenario: " + out.Error.Message}
	}
	ev := out.Evaluation
	if ev == nil {
		return []string{"no evaluation (the configuration did not parse)"}
	}
	return CheckResponse(&c.Expect, ev.Response.Status, ev.Response.Headers, ev.Response.Body)
}

// CheckResponse compares a response with what a case expects. It is
// separate from Check so that other runners (the browser tests) can use it
// on responses they got through another path.
func CheckResponse(e *Expect, status int, headers [][2]string, body string) []string {
	var diffs []string
	if status != e.Status {
		diffs = append(diffs, fmt.Sprintf("status: want %d, got %d", e.Status, status))
	}
	get := func(name string) (string, bool) {
		for _, kv := range headers {
			if strings.EqualFold(kv[0], name) {
				return kv[1], true
			}
		}
		return "", false
	}
	for _, name := range sortedKeys(e.Headers) {
		want := e.Headers[name]
		got, ok := get(name)
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("header %s: want %q, missing", name, want))
		case got != want:
			diffs = append(diffs, fmt.Sprintf("header %s: want %q, got %q", name, want, got))
		}
	}
	for _, name := range e.Absent {
		if got, ok := get(name); ok {
			diffs = append(diffs, fmt.Sprintf("header %s: want absent, got %q", name, got))
		}
	}
	if e.Error != nil {
		d, err := ParseErrorDoc(body)
		if err != nil {
			return append(diffs, "error: want "+e.Error.Code+", "+err.Error())
		}
		if d.Code != e.Error.Code {
			diffs = append(diffs, fmt.Sprintf("error code: want %q, got %q", e.Error.Code, d.Code))
		}
		if d.Message != e.Error.Message {
			diffs = append(diffs, fmt.Sprintf("error message: want %q, got %q", e.Error.Message, d.Message))
		}
		if e.Error.Method != nil && d.Method != *e.Error.Method {
			diffs = append(diffs, fmt.Sprintf("error Method: want %q, got %q", *e.Error.Method, d.Method))
		}
		if e.Error.ResourceType != nil && d.ResourceType != *e.Error.ResourceType {
			diffs = append(diffs, fmt.Sprintf("error ResourceType: want %q, got %q", *e.Error.ResourceType, d.ResourceType))
		}
	}
	return diffs
}

// ErrorDoc is an S3 error document as sent.
type ErrorDoc struct {
	Code         string `xml:"Code"`
	Message      string `xml:"Message"`
	Method       string `xml:"Method"`
	ResourceType string `xml:"ResourceType"`
}

// ParseErrorDoc reads the error document in a response body.
func ParseErrorDoc(body string) (*ErrorDoc, error) {
	if strings.TrimSpace(body) == "" {
		return nil, errors.New("the body is empty")
	}
	var d struct {
		XMLName xml.Name `xml:"Error"`
		ErrorDoc
	}
	if err := xml.Unmarshal([]byte(body), &d); err != nil {
		return nil, fmt.Errorf("the body is not an S3 error document: %v", err)
	}
	return &d.ErrorDoc, nil
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
