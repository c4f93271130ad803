package main

import (
	"fmt"
	"io"
	"strings"

	"corsplay/internal/scenario"
)

// explain prints a scenario's answer for a person: the request, the
// configuration's verdict, every rule's verdict, and S3's response.
func explain(w io.Writer, in scenario.Input, out scenario.Output) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }

	path := "/example-key"
	switch in.Request.Target {
	case "bucket":
		path = "/"
	case "service":
		path = "/ (the S3 endpoint, no bucket)"
	}
	p("Request to S3\n  %s %s\n", in.Request.Method, path)
	for _, kv := range in.Request.Headers {
		p("  %s: %s\n", kv[0], kv[1])
	}
	p("\n")

	switch {
	case in.Bucket.Exists != nil && !*in.Bucket.Exists:
		p("Bucket: does not exist.\n\n")
	case in.Bucket.CORS == nil:
		p("Bucket: no CORS configuration.\n\n")
	default:
		c, v := out.Config, out.Validation
		p("Configuration: %s, %d %s", formName(c.Format), len(c.Rules), plural(len(c.Rules), "rule"))
		switch {
		case v.Accepted:
			p("; S3 accepts it.\n")
		case v.ClientError != nil:
			p("; the %s refuses to send it:\n  %s\n", v.ClientError.Tool, strings.ReplaceAll(v.ClientError.Message, "\n", "\n  "))
		case v.S3Error != nil:
			p("; S3 rejects it: %d %s: %s\n", v.S3Error.Status, v.S3Error.Code, v.S3Error.Message)
		}
		for _, pr := range v.Problems {
			p("  line %d, column %d: %s: %s", pr.Line, pr.Column, pr.Code, pr.Message)
			if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
				p(" (%s)", pr.Value)
			}
			p("\n")
		}
		p("\n")
	}

	ev := out.Evaluation
	if ev == nil {
		p("No evaluation: the configuration could not be read, so there are no rules to try.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	if ev.Hypothetical {
		p("HYPOTHETICAL: S3 would reject this configuration; the rules below are tried as if it had been stored.\n\n")
	}
	if len(ev.Rules) > 0 {
		p("Rules, tried in order (the first that matches wins)\n")
		for _, r := range ev.Rules {
			mark := "✗"
			if r.Matched {
				mark = "✓"
			} else if r.Skipped {
				mark = "·"
			}
			id := ""
			if r.ID != "" {
				id = fmt.Sprintf(" (ID %q)", r.ID)
			}
			p("  %s rule %d%s: %s\n", mark, r.Index+1, id, r.Reason)
			p("      origin  %s %s\n", tick(r.Origin.OK), r.Origin.Reason)
			p("      method  %s %s\n", tick(r.Method.OK), r.Method.Reason)
			for _, h := range r.Headers {
				p("      header  %s %s: %s\n", tick(h.OK), h.Name, h.Reason)
			}
		}
		p("\n")
	}
	resp := ev.Response
	p("S3's response\n  HTTP/1.1 %d %s\n", resp.Status, resp.StatusText)
	for _, kv := range resp.Headers {
		p("  %s: %s\n", kv[0], kv[1])
	}
	if resp.Body != "" {
		p("\n  %s\n", strings.ReplaceAll(resp.Body, "\n", "\n  "))
	}
	p("\n%s\n", ev.Summary)
	p("Evidence (%s): %s\n", ev.Evidence.Level, ev.Evidence.Source)
	_, err := io.WriteString(w, b.String())
	return err
}

func tick(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// cmdLint is filled in with package lint.
func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return &exitError{code: 2, msg: "not available yet"}
}
