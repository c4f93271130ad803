package browser

import (
	"strconv"
	"strings"
)

var titles = map[string]string{Chrome: "Chrome", Firefox: "Firefox", Safari: "Safari"}

// why is a failure in plain words.
func (v *Verdict) why() string {
	f := v.Failure
	switch f.Kind {
	case FailMissingAllowOrigin:
		return "S3's answer carries no Access-Control-Allow-Origin"
	case FailWildcardOrigin:
		return "S3 answered Access-Control-Allow-Origin: * (the matching rule allows origin \"*\"), which a request with credentials: \"include\" cannot accept; a rule naming the origin makes S3 echo it with Access-Control-Allow-Credentials: true"
	case FailAllowOriginMismatch, FailInvalidAllowOrigin:
		return "Access-Control-Allow-Origin is " + strconv.Quote(f.Value) + ", not " + v.Request.Origin
	case FailMultipleAllowOrigin:
		return "Access-Control-Allow-Origin holds several values"
	case FailAllowCredentials:
		return "a credentialed request needs Access-Control-Allow-Credentials: true"
	case FailPreflightStatus:
		return "the preflight's status " + strconv.Itoa(f.Status) + " is not 2xx"
	case FailPreflightRedirect:
		return "the preflight was redirected"
	case FailMethod:
		return f.Value + " is not in Access-Control-Allow-Methods"
	case FailHeader:
		return f.Value + " is not in Access-Control-Allow-Headers"
	case FailParseMethods, FailParseHeaders:
		return "an allow list does not parse"
	}
	return f.Kind
}

func (v *Verdict) preflightSummary() string {
	var b strings.Builder
	b.WriteString("Blocked at the preflight: ")
	b.WriteString(reasonList(v.Preflight.Reasons))
	b.WriteString(" S3 answered the OPTIONS with ")
	b.WriteString(strconv.Itoa(v.Preflight.Response.Status))
	if v.Preflight.s3Summary != "" {
		b.WriteString(" (" + strings.TrimSuffix(v.Preflight.s3Summary, ".") + ")")
	}
	b.WriteString("; " + v.why() + ".")
	if v.Failure.Kind == FailMissingAllowOrigin && v.Preflight.Response.Status >= 400 {
		b.WriteString(" " + titles[v.Name] + " reports the missing header, not the " + strconv.Itoa(v.Preflight.Response.Status) + ": it runs the CORS check before the status check (Firefox and Safari report the status).")
	}
	b.WriteString(" The " + v.Request.Method + " itself is never sent.")
	return b.String()
}

func reasonList(rs []Reason) string {
	var ms, hs []string
	for _, r := range rs {
		if r.Kind == "method" {
			ms = append(ms, r.Name)
		} else {
			hs = append(hs, r.Name)
		}
	}
	var parts []string
	if len(ms) > 0 {
		parts = append(parts, "the method "+strings.Join(ms, ", ")+" is not safelisted")
	}
	if len(hs) > 0 {
		w := "header"
		if len(hs) > 1 {
			w = "headers"
		}
		parts = append(parts, "the "+w+" "+strings.Join(hs, ", ")+" "+map[bool]string{true: "are", false: "is"}[len(hs) > 1]+" not safelisted")
	}
	return "a preflight is needed because " + strings.Join(parts, " and ") + "."
}

func (v *Verdict) actualSummary() string {
	var b strings.Builder
	b.WriteString("Blocked on the response: ")
	if v.Preflight.Sent {
		b.WriteString("the preflight passed")
		if v.Preflight.MatchedRule != nil {
			b.WriteString(" (rule " + strconv.Itoa(*v.Preflight.MatchedRule+1) + ")")
		}
		b.WriteString(", then ")
	} else {
		b.WriteString("no preflight is needed (" + v.Request.Method + " with safelisted headers only), so ")
	}
	b.WriteString("S3 answered the " + v.Request.Method + " with " + strconv.Itoa(v.Actual.Response.Status))
	if v.Actual.s3Summary != "" {
		b.WriteString(" (" + strings.TrimSuffix(v.Actual.s3Summary, ".") + ")")
	}
	b.WriteString("; " + v.why() + ".")
	if v.Request.Method != "GET" && v.Request.Method != "HEAD" && v.Actual.Response.Status < 300 {
		b.WriteString(" S3 still performed the " + v.Actual.Operation + ": CORS stops the script from reading the answer, not the request from happening.")
	}
	return b.String()
}

func (v *Verdict) allowedSummary() string {
	var b strings.Builder
	b.WriteString("Allowed: ")
	if v.Preflight.Sent {
		b.WriteString("the preflight passed")
		if v.Preflight.MatchedRule != nil {
			b.WriteString(" (rule " + strconv.Itoa(*v.Preflight.MatchedRule+1) + ")")
		}
		b.WriteString(" and ")
	} else {
		b.WriteString("no preflight is needed, and ")
	}
	b.WriteString("S3's answer to the " + v.Request.Method)
	if v.Actual.MatchedRule != nil {
		b.WriteString(" (rule " + strconv.Itoa(*v.Actual.MatchedRule+1) + ")")
	}
	b.WriteString(" passes the CORS check. The script can read " + strings.Join(v.ReadableHeaders, ", ") + ".")
	var want []string
	for _, h := range v.HiddenHeaders {
		if h == "etag" || h == "x-amz-version-id" || h == "content-range" || h == "location" {
			want = append(want, h)
		}
	}
	if len(want) > 0 {
		b.WriteString(" Hidden from it: " + strings.Join(want, ", ") + " (add to the rule's ExposeHeader to read them; multipart uploads need ETag).")
	}
	return b.String()
}
