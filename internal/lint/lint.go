// Package lint finds what S3 accepts but will not do what its author meant:
// warnings about a CORS configuration, each with its place in the pasted
// text and, where the remedy is certain, a quick fix (package fix's shape).
//
// Lint never repeats package validation: what S3 rejects on PutBucketCors
// (a lower-case or unsupported method, two wildcards, a wildcard in
// ExposeHeader...) is an error there, not a warning here. Checks:
//
//   - AllowedOrigin values a browser can never send: a trailing slash or a
//     path, no scheme, upper case, white space around it, a default port
//     (origin-trailing-slash, origin-path, origin-no-scheme,
//     origin-upper-case, origin-whitespace, origin-default-port,
//     origin-empty), and a rule
//     none of whose origins can ever match (rule-unreachable);
//   - wildcards: "https://*.example.com" without the apex
//     (origin-wildcard-apex), a '*' that admits other registrable domains
//     such as "https://*example.com" (origin-wildcard-broad), "*" mixed with
//     exact origins in one rule (origin-wildcard-mixed) and "*" where
//     credentialed requests would be refused (origin-wildcard-credentials);
//   - rules that can never be the first match: an identical earlier rule
//     (rule-duplicate) or one that allows a superset of its origins, methods
//     and headers (rule-shadowed). Superset is decided per pattern and only
//     when certain: "*" covers everything, "p*s" covers "p'*s'" when p is a
//     prefix of p' and s a suffix of s', and equal texts cover each other;
//   - uploads: PUT/POST without ETag exposed (etag-not-exposed), PUT without
//     the headers browsers and the AWS SDKs send on presigned uploads
//     (upload-headers-not-allowed, sdk-headers-not-allowed);
//   - AllowedHeader/ExposeHeader confusion (response-header-in-allowed,
//     request-header-in-expose, expose-safelisted);
//   - MaxAgeSeconds above every browser's cap (max-age-above-cap), above
//     Chromium's and WebKit's (max-age-capped), and the per-URL preflight
//     cache that presigned uploads defeat (preflight-per-url);
//   - the same value twice in a rule (duplicate-value) or a value another
//     pattern of the same rule already covers (redundant-value).
//
// Codes are stable; messages may improve.
package lint

import (
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
)

// Severities.
const (
	Warn = "warning" // the configuration will not do what it seems to
	Info = "info"    // worth knowing; often intended
)

// Warning is one finding. Rule is 0-based (-1: the whole document); the
// place is 1-based lines and columns in code points, end exclusive, as in
// the engine's JSON contract.
type Warning struct {
	Severity  string      `json:"severity"`
	Code      string      `json:"code"`
	Message   string      `json:"message"`
	Rule      int         `json:"rule"`
	Field     string      `json:"field"`
	Value     string      `json:"value"`
	Span      config.Span `json:"-"`
	Line      int         `json:"line"`
	Column    int         `json:"column"`
	EndLine   int         `json:"endLine"`
	EndColumn int         `json:"endColumn"`
	Fix       *fix.Fix    `json:"fix"`
}

// Browser preflight-cache caps in seconds, as package browser has them
// (Chromium's preflight_result.cc, Firefox's nsCORSListenerProxy.cpp,
// WebKit's CrossOriginPreflightResultCache.cpp).
const (
	CapChromium = 7200
	CapFirefox  = 86400
	CapWebKit   = 600
)

// Quick fixes each carry the whole new configuration, so a long list of
// warnings would carry many copies: the first MaxFixes warnings (in
// document order) get one, within maxFixBytes of text in all.
const (
	MaxFixes    = 25
	maxFixBytes = 2 << 20
)

// Check lints a parsed configuration; src is the text it was parsed from
// (for quick fixes). The result is never nil when cfg is not nil, and is
// ordered by position.
func Check(src []byte, cfg *config.Config) []Warning {
	if cfg == nil {
		return nil
	}
	c := &checker{src: src, cfg: cfg, out: []Warning{}}
	c.rules = make([]ruleInfo, len(cfg.Rules))
	for i := range cfg.Rules {
		c.rules[i] = info(&cfg.Rules[i])
	}
	for i := range cfg.Rules {
		c.origins(i)
		c.duplicates(i)
		c.shadow(i)
		c.uploads(i)
		c.headers(i)
		c.maxAge(i)
	}
	order := make([]int, len(c.out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := c.out[order[a]].Span.Start, c.out[order[b]].Span.Start
		if x.Line != y.Line {
			return x.Line < y.Line
		}
		return x.Column < y.Column
	})
	out := make([]Warning, len(c.out))
	fixes, budget := 0, maxFixBytes
	for k, i := range order {
		w := c.out[i]
		w.Line, w.Column, w.EndLine, w.EndColumn = w.Span.Start.Line, w.Span.Start.Column, w.Span.End.Line, w.Span.End.Column
		if fx := c.fixes[i]; fx != nil && fixes < MaxFixes && budget >= len(c.src) {
			if f, err := fx(); err == nil {
				w.Fix = f
				fixes++
				budget -= len(f.Config)
			}
		}
		out[k] = w
	}
	return out
}

type checker struct {
	src   []byte
	cfg   *config.Config
	rules []ruleInfo
	out   []Warning
	fixes []func() (*fix.Fix, error) // beside out: built only if kept
}

// ruleInfo is a rule's values, normalised once.
type ruleInfo struct {
	origins, methods, headers, expose []string // headers and expose lower-cased
	valid                             bool     // has origins and methods
	star                              bool     // "*" among the origins
}

func info(r *config.Rule) ruleInfo {
	ri := ruleInfo{origins: r.Texts(config.FieldAllowedOrigin), methods: r.Texts(config.FieldAllowedMethod)}
	for _, h := range r.Texts(config.FieldAllowedHeader) {
		ri.headers = append(ri.headers, strings.ToLower(h))
	}
	for _, h := range r.Texts(config.FieldExposeHeader) {
		ri.expose = append(ri.expose, strings.ToLower(h))
	}
	ri.valid = len(ri.origins) > 0 && len(ri.methods) > 0
	for _, o := range ri.origins {
		ri.star = ri.star || o == "*"
	}
	return ri
}

func name(i int) string { return "Rule " + strconv.Itoa(i+1) }

// add records a warning; fx builds its quick fix, later and only if the
// warning is among those that get one.
func (c *checker) add(w Warning, fx func() (*fix.Fix, error)) {
	c.out = append(c.out, w)
	c.fixes = append(c.fixes, fx)
}

func (c *checker) valueWarn(sev, code string, ri int, v config.Value, msg string) Warning {
	return Warning{Severity: sev, Code: code, Message: msg, Rule: ri, Field: string(v.Field), Value: v.Text, Span: v.Span}
}

// valueIndex is the index of v in rule ri's Values.
func (c *checker) valueIndex(ri int, v config.Value) int {
	for i, x := range c.cfg.Rules[ri].Values {
		if x.Span == v.Span && x.Field == v.Field {
			return i
		}
	}
	return -1
}

func (c *checker) replace(ri int, v config.Value, s string) func() (*fix.Fix, error) {
	return func() (*fix.Fix, error) { return fix.Replace(c.src, c.cfg, ri, c.valueIndex(ri, v), s) }
}

func (c *checker) remove(ri int, v config.Value) func() (*fix.Fix, error) {
	return func() (*fix.Fix, error) { return fix.Remove(c.src, c.cfg, ri, c.valueIndex(ri, v)) }
}

func (c *checker) addValues(ri int, f config.Field, vals ...string) func() (*fix.Fix, error) {
	return func() (*fix.Fix, error) { return fix.Add(c.src, c.cfg, ri, f, vals...) }
}

func has(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// quoteList writes names for a message: a, b and c.
func quoteList(l []string) string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " and " + l[len(l)-1]
}
