package main

import (
	"fmt"
	"io"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/scenario"
)

// explain prints a scenario's answer for a person: the request, the
// configuration's verdict, every rule's verdict, and S3's response.
func explain(w io.Writer, in scenario.Input, out scenario.Output) error {
	if out.Browser != nil {
		return explainBrowser(w, in, out)
	}
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
	// Plain words first; what a reviewer checks them against after.
	p("Evidence: %s\n  (%s: %s)\n", ev.Evidence.Plain, ev.Evidence.Level, ev.Evidence.Source)
	_, err := io.WriteString(w, b.String())
	return err
}

// explainBrowser prints what the browser does with the fetch: the
// preflight and why, S3's answers, the browser's checks, the verdict and
// its console message, the readable headers and the preflight cache.
func explainBrowser(w io.Writer, in scenario.Input, out scenario.Output) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	v := out.Browser
	f := in.Fetch
	p("fetch(%q, {method: %q, credentials: %q, mode: %q}) from %s, in %s\n", f.URL, v.Request.Method, v.Request.Credentials, v.Request.Mode, v.Request.Origin, v.Name)
	for _, kv := range v.Request.Headers {
		p("  %s: %s\n", kv[0], kv[1])
	}
	for _, n := range v.Notes {
		p("  note: %s\n", n)
	}
	if c, val := out.Config, out.Validation; c != nil && val != nil && !val.Accepted {
		p("\nHYPOTHETICAL: S3 would reject this configuration (")
		if val.S3Error != nil {
			p("%d %s: %s", val.S3Error.Status, val.S3Error.Code, val.S3Error.Message)
		} else if val.ClientError != nil {
			p("the %s refuses to send it", val.ClientError.Tool)
		}
		p("); its rules are tried as if it had been stored.\n")
	}
	exchange := func(title string, x browser.Exchange) {
		if !x.Sent || x.Request == nil {
			return
		}
		p("\n%s\n  %s %s\n", title, x.Request.Method, x.Request.URL)
		for _, kv := range x.Request.Headers {
			p("  %s: %s\n", kv[0], kv[1])
		}
		if r := x.Response; r != nil {
			p("S3 answers: %d %s", r.Status, r.StatusText)
			if x.MatchedRule != nil {
				p(" (rule %d matched)", *x.MatchedRule+1)
			} else {
				p(" (no rule matched)")
			}
			p("\n")
			for _, kv := range r.Headers {
				if strings.HasPrefix(strings.ToLower(kv[0]), "access-control-") || strings.EqualFold(kv[0], "Vary") {
					p("  %s: %s\n", kv[0], kv[1])
				}
			}
		}
		for _, c := range x.Checks {
			p("  %s %s: %s\n", tick(c.OK), c.Step, c.Detail)
		}
	}
	if v.CORS {
		if v.Preflight.Needed {
			p("\nA preflight is needed:\n")
			for _, r := range v.Preflight.Reasons {
				p("  - %s\n", r.Why)
			}
		} else {
			p("\nNo preflight: the method and every header are CORS-safelisted.\n")
		}
		exchange("Preflight", v.Preflight.Exchange)
		exchange("Actual request", v.Actual)
	}
	p("\n")
	if v.Allowed {
		p("ALLOWED. ")
	} else {
		p("BLOCKED. ")
	}
	p("%s\n", v.Summary)
	if v.Message != "" {
		p("\n%s console:\n  %s\n", v.Name, v.Message)
	}
	if len(v.ReadableHeaders) > 0 || len(v.HiddenHeaders) > 0 {
		p("\nThe script can read: %s\n", strings.Join(v.ReadableHeaders, ", "))
		if len(v.HiddenHeaders) > 0 {
			p("Hidden from it: %s\n", strings.Join(v.HiddenHeaders, ", "))
		}
	}
	if v.Cache != nil && v.Cache.Note != "" {
		p("Preflight cache: %s\n", v.Cache.Note)
	}
	if fx := out.Fix; fx != nil {
		p("\nThe smallest fix: %s\n", fx.Summary)
		for _, l := range fx.Diff {
			if l.Op == "+" || l.Op == "-" {
				p("  %s %s\n", l.Op, l.Text)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func tick(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}
