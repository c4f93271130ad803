package terraform

import (
	"slices"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
	"corsplay/internal/lint"
)

// Lint codes of Warnings.
const (
	OrderCode      = "rule-order-set"
	MaxAgeZeroCode = "max-age-unset-zero"
)

// Warnings are lint's warnings that only Terraform's provider causes:
// OrderWarnings and MaxAgeWarnings. src is the file s was read from.
func Warnings(src []byte, s *iac.Source) []lint.Warning {
	return append(OrderWarnings(s), MaxAgeWarnings(src, s)...)
}

// MaxAgeWarnings warns where max_age_seconds is not set on a rule that
// browsers will preflight (a method other than GET, HEAD and POST, or
// allowed headers): the provider then sends MaxAgeSeconds 0
// (expandBucketCorsConfigurationCorsRules sends any int, and the SDK hands
// it the zero value; package tfset checks it against the SDK), and S3 answers
// Access-Control-Max-Age: 0, so no preflight is cached.
func MaxAgeWarnings(src []byte, s *iac.Source) []lint.Warning {
	if s.Config == nil {
		return nil
	}
	var out []lint.Warning
	for i := range s.Config.Rules {
		r := &s.Config.Rules[i]
		preflight := r.Count(config.FieldAllowedHeader) > 0
		for _, m := range r.Texts(config.FieldAllowedMethod) {
			preflight = preflight || (m != "GET" && m != "HEAD" && m != "POST")
		}
		for vi, v := range r.Values {
			if v.Field != config.FieldMaxAgeSeconds || !preflight || v.Text != "0" || !implied(src, v.Span) {
				continue
			}
			fx, err := fix.Replace(src, s.Config, i, vi, "3000")
			if err != nil {
				fx = nil
			}
			out = append(out, lint.Warning{Fix: fx, Severity: lint.Warn, Code: MaxAgeZeroCode, Rule: i, Field: string(v.Field), Value: v.Text, Span: v.Span,
				Line: v.Span.Start.Line, Column: v.Span.Start.Column, EndLine: v.Span.End.Line, EndColumn: v.Span.End.Column,
				Message: "max_age_seconds is not set, so the AWS provider sends MaxAgeSeconds 0 and S3 answers Access-Control-Max-Age: 0: browsers cache no preflight for this rule, and every upload or request with headers waits for an OPTIONS round trip first. Set max_age_seconds (3000 is common; Chromium caps it at 7200)."})
		}
	}
	return out
}

// implied: the value's place is a rule's header, where the reader puts
// the 0 the provider sends for an unset max_age_seconds.
func implied(src []byte, sp config.Span) bool {
	if sp.Start.Offset < 0 || sp.End.Offset > len(src) || sp.Start.Offset > sp.End.Offset {
		return false
	}
	switch string(src[sp.Start.Offset:sp.End.Offset]) {
	case "cors_rule", `"cors_rule"`, "{":
		return true
	}
	return false
}

// OrderWarnings warns where the provider's set order puts a rule before one
// written above it and some request matches both with different outcomes:
// S3 answers with the first rule that matches, so the rule written second
// decides (the provider's users hit this: terraform-provider-digitalocean
// issue 1138). The warning sits on the rule written first; rules with the
// same origins' reach and the same response fields are interchangeable and
// never warned about.
func OrderWarnings(s *iac.Source) []lint.Warning {
	if s.Config == nil || len(s.Written) != len(s.Config.Rules) {
		return nil
	}
	rules := s.Config.Rules
	var out []lint.Warning
	for i := range rules {
		for j := i + 1; j < len(rules); j++ {
			if s.Written[i] < s.Written[j] {
				continue // sent in the order written
			}
			origin, method, ok := overlap(&rules[i], &rules[j])
			if !ok || sameOutcome(&rules[i], &rules[j]) {
				continue
			}
			late := &rules[j] // written first, sent later
			msg := "The provider sends cors_rule as a set, ordered by a hash of its values, not as written: the rule written " +
				ordinal(s.Written[j]+1) + " reaches S3 as rule " + strconv.Itoa(j+1) + ", after the rule written " + ordinal(s.Written[i]+1) +
				" (rule " + strconv.Itoa(i+1) + "). A " + method + " from " + origin + " matches both, and S3 answers with the first. " +
				"Make the rules' origins or methods disjoint, or give them the same response fields."
			out = append(out, lint.Warning{Severity: lint.Warn, Code: OrderCode, Message: msg, Rule: j,
				Field: string(config.FieldAllowedOrigin), Value: origin, Span: late.Span,
				Line: late.Span.Start.Line, Column: late.Span.Start.Column, EndLine: late.Span.End.Line, EndColumn: late.Span.End.Column})
		}
	}
	return out
}

// overlap finds a request both rules match: an origin one rule's pattern
// admits and the other's admits too, and a method both allow.
func overlap(a, b *config.Rule) (string, string, bool) {
	method := ""
	for _, m := range a.Texts(config.FieldAllowedMethod) {
		if slices.Contains(b.Texts(config.FieldAllowedMethod), m) {
			method = m
			break
		}
	}
	if method == "" {
		return "", "", false
	}
	for _, x := range a.Texts(config.FieldAllowedOrigin) {
		for _, y := range b.Texts(config.FieldAllowedOrigin) {
			switch {
			case fix.Glob(x, y, false) && !strings.Contains(y, "*"):
				return y, method, true
			case fix.Glob(y, x, false) && !strings.Contains(x, "*"):
				return x, method, true
			case x == "*" || y == "*":
				other := y
				if y == "*" {
					other = x
				}
				return strings.ReplaceAll(other, "*", "app"), method, true
			}
		}
	}
	return "", "", false
}

// sameOutcome: the fields that shape S3's answer are the same.
func sameOutcome(a, b *config.Rule) bool {
	for _, f := range []config.Field{config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldMaxAgeSeconds} {
		x, y := a.Texts(f), b.Texts(f)
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			return false
		}
	}
	return true
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
