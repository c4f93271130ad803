// Package validation judges a CORS configuration as Amazon S3's
// PutBucketCors does, and as the aws-cli does before it sends one.
//
// Check collects every violation as a Problem (code, message, rule, field,
// value and position), so that an editor can mark them all, and names the
// one S3 would answer with: S3 stops at the first violation, and its checks
// come in phases — the request body (empty, over 64 KB), well-formedness and
// the schema (MalformedXML), the number of rules, then each value in document
// order (InvalidRequest, InvalidArgument). Within a phase the first violation
// in document order wins.
//
// Each Problem says whether S3's exact answer to it was recorded (Verified).
// Where it was not, the code and message are our best inference, and
// docs/known-differences.md says why.
//
// The JSON forms are what a person gives the aws-cli or the S3 console. The
// aws-cli validates them against S3's API model before sending (botocore's
// "Parameter validation failed"); such problems are reported as a
// ClientError, and S3 is never asked. Otherwise the JSON is judged as the XML
// the aws-cli would send.
package validation

import (
	"bytes"
	"corsplay/internal/header"
	"errors"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"corsplay/internal/config"
)

// Codes and messages S3 answers PutBucketCors with.
const (
	CodeMalformedXML = "MalformedXML"
	MsgMalformedXML  = "The XML you provided was not well-formed or did not validate against our published schema"

	CodeInvalidRequest  = "InvalidRequest"
	CodeInvalidArgument = "InvalidArgument"

	CodeTooBig = "MaxMessageLengthExceeded"
	MsgTooBig  = "Your request was too big."

	CodeEmptyBody = "MissingRequestBodyError"
	MsgEmptyBody  = "Request Body is empty"

	// CodeParamValidation marks problems the aws-cli (botocore) finds
	// before sending anything.
	CodeParamValidation = "ParamValidation"

	MaxRules = 100
	MaxIDLen = 255
)

// Methods S3 accepts in AllowedMethod, spelled exactly so.
var Methods = []string{"GET", "PUT", "HEAD", "POST", "DELETE"}

// S3Error is S3's answer to a PutBucketCors it rejects.
type S3Error struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"` // S3's exact text
	Plain   string `json:"plain"`   // the same in plain words (see Problem.Plain)
}

// ClientError is what a client says before it sends anything.
type ClientError struct {
	Tool    string `json:"tool"`
	Message string `json:"message"` // the tool's exact text
	Plain   string `json:"plain"`   // the same in plain words
}

// Problem is one violation, with its place.
type Problem struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"` // S3's (or the aws-cli's) exact text
	// Plain says the same for someone who has never read S3's errors:
	// what is wrong and what S3 takes instead.
	Plain    string      `json:"plain"`
	Rule     int         `json:"rule"` // -1: the document, not one rule
	Field    string      `json:"field"`
	Value    string      `json:"value"`
	Span     config.Span `json:"-"`
	Verified bool        `json:"verified"`

	phase  int // S3's order of checks; see the package doc
	status int
	client bool
}

// Result is the verdict on one configuration.
type Result struct {
	Accepted    bool
	S3Error     *S3Error
	ClientError *ClientError
	Problems    []Problem
}

const (
	phaseBody = iota
	phaseSchema
	phaseCount
	phaseValues
)

// Check judges a configuration. cfg is what config.Parse returned, err its
// error (nil, *config.SyntaxError or *config.TooLargeError), and src the
// pasted text.
func Check(cfg *config.Config, err error, src []byte) Result {
	var ps []Problem
	add := func(p Problem) { ps = append(ps, p) }
	var syn *config.SyntaxError
	var big *config.TooLargeError
	switch {
	case errors.As(err, &big):
		add(Problem{Code: CodeTooBig, Message: MsgTooBig, Rule: -1, phase: phaseBody, status: 400,
			Value: strconv.Itoa(big.Size) + " bytes (limit " + strconv.Itoa(config.MaxXML) + ")",
			Span:  config.Span{Start: config.Pos{Line: 1, Column: 1}, End: config.Pos{Line: 1, Column: 1}}})
	case len(bytes.TrimSpace(src)) == 0:
		add(Problem{Code: CodeEmptyBody, Message: MsgEmptyBody, Rule: -1, phase: phaseBody, status: 400,
			Span: config.Span{Start: config.Pos{Line: 1, Column: 1}, End: config.Pos{Line: 1, Column: 1}}})
	case errors.As(err, &syn):
		add(Problem{Code: CodeMalformedXML, Message: MsgMalformedXML, Rule: -1, phase: phaseSchema, status: 400, Verified: true,
			Field: "document", Value: syn.Msg, Span: config.Span{Start: syn.Pos, End: syn.Pos}})
	case err != nil:
		add(Problem{Code: CodeMalformedXML, Message: MsgMalformedXML, Rule: -1, phase: phaseSchema, status: 400, Value: err.Error()})
	}
	if cfg != nil {
		if cfg.Form == config.XML {
			ps = append(ps, schemaXML(cfg)...)
		} else if cfg.Form == config.Terraform {
			ps = append(ps, schemaTerraform(cfg)...)
		} else {
			// The aws-cli's checks are for what a person gives the aws-cli;
			// a template's rules reach S3 through CloudFormation, whose own
			// refusals its reader reports.
			if cfg.Form == config.CLIJSON || cfg.Form == config.ConsoleJSON {
				ps = append(ps, paramValidation(cfg)...)
			}
			ps = append(ps, schemaJSON(cfg)...)
			if n := len(config.CompactXML(cfg)); n > config.MaxXML {
				add(Problem{Code: CodeTooBig, Message: MsgTooBig, Rule: -1, phase: phaseBody, status: 400,
					Value: strconv.Itoa(n) + " bytes of XML as the aws-cli sends it (limit " + strconv.Itoa(config.MaxXML) + ")",
					Span:  cfg.Root.Span})
			}
		}
		ps = append(ps, values(cfg)...)
	}
	return verdict(ps)
}

// CheckFrom is Check for cfg, read by config.Reparse from a text that
// differs from the one prev judged only inside rule mv.Rule: the other
// rules' problems are prev's, moved, and only that rule and the document
// as a whole are judged again. For the JSON forms, whose size S3 counts in
// the XML the aws-cli would send, it is Check.
func CheckFrom(prev Result, cfg *config.Config, src []byte, mv config.Move) Result {
	k := mv.Rule
	if cfg.Form != config.XML || k < 0 || k >= len(cfg.Rules) || prev.ClientError != nil {
		return Check(cfg, nil, src)
	}
	ps := make([]Problem, 0, len(prev.Problems)+4)
	for _, p := range prev.Problems {
		if p.Rule == -1 || p.Rule == k || p.phase == phaseBody || p.phase == phaseCount {
			continue
		}
		p.Span = mv.Span(p.Span)
		ps = append(ps, p)
	}
	ps = append(ps, schemaDocXML(cfg)...)
	ps = append(ps, ruleShape(&cfg.Rules[k], "<", ">")...)
	ps = append(ps, count(cfg)...)
	ps = append(ps, ruleValues(&cfg.Rules[k])...)
	return verdict(ps)
}

func verdict(ps []Problem) Result {
	res := Result{Problems: ps}
	if res.Problems == nil {
		res.Problems = []Problem{}
	}
	for i := range res.Problems {
		res.Problems[i].Severity = "error"
		if res.Problems[i].Plain == "" {
			res.Problems[i].Plain = plain(&res.Problems[i])
		}
	}
	// The editor lists problems in document order.
	sort.SliceStable(res.Problems, func(i, j int) bool {
		return res.Problems[i].Span.Start.Offset < res.Problems[j].Span.Start.Offset
	})
	var client, clientPlain []string
	first := -1
	for i, p := range res.Problems {
		if p.client {
			client = append(client, p.Message)
			clientPlain = append(clientPlain, p.Plain)
			continue
		}
		if first < 0 || p.phase < res.Problems[first].phase {
			first = i
		}
	}
	switch {
	case len(client) > 0:
		res.ClientError = &ClientError{Tool: "aws-cli", Message: "Parameter validation failed:\n" + strings.Join(client, "\n"),
			Plain: "The aws-cli checks the JSON before sending it and sends nothing: " + strings.Join(clientPlain, " ")}
	case first >= 0:
		p := res.Problems[first]
		res.S3Error = &S3Error{Status: p.status, Code: p.Code, Message: p.Message, Plain: p.Plain}
	default:
		res.Accepted = true
	}
	return res
}

func malformed(rule int, field, value, why string, sp config.Span, verified bool) Problem {
	return Problem{Code: CodeMalformedXML, Message: MsgMalformedXML, Rule: rule, Field: field,
		Value: value + why, Span: sp, Verified: verified, phase: phaseSchema, status: 400}
}

// schemaXML finds what S3's schema rejects in XML: the root, the namespace,
// declarations, unknown elements, stray text, a rule without origin or
// method, repeated ID or MaxAgeSeconds, and no rules at all.
func schemaXML(cfg *config.Config) []Problem {
	ps := schemaDocXML(cfg)
	for i := range cfg.Rules {
		ps = append(ps, ruleShape(&cfg.Rules[i], "<", ">")...)
	}
	return ps
}

// schemaDocXML is schemaXML's checks of the document around the rules.
func schemaDocXML(cfg *config.Config) []Problem {
	var ps []Problem
	for _, d := range cfg.Directives {
		// S3 refuses document type declarations (they could declare entities).
		ps = append(ps, malformed(-1, "document", d.Text, " (a document type declaration)", d.Span, false))
	}
	if cfg.Root.Name != "CORSConfiguration" {
		ps = append(ps, malformed(-1, "document", "<"+cfg.Root.Name+">", " (the root element must be <CORSConfiguration>)", rootStart(cfg), false))
	} else if cfg.Root.Namespace != "" && cfg.Root.Namespace != config.S3Namespace {
		ps = append(ps, malformed(-1, "document", cfg.Root.Namespace, " (the namespace must be "+config.S3Namespace+" or none)", rootStart(cfg), false))
	}
	for _, u := range cfg.Unknown {
		ps = append(ps, malformed(-1, u.Text, "<"+u.Text+">", " (S3 knows only <CORSRule> inside <CORSConfiguration>)", u.Span, false))
	}
	for _, s := range cfg.Stray {
		ps = append(ps, malformed(-1, "document", s.Text, " (text directly inside <CORSConfiguration>)", s.Span, false))
	}
	if len(cfg.Rules) == 0 && cfg.Root.Name == "CORSConfiguration" {
		ps = append(ps, malformed(-1, "CORSRule", "", "a configuration needs at least one <CORSRule>", rootStart(cfg), true))
	}
	return ps
}

// schemaJSON finds what S3 would reject in the XML the aws-cli sends for a
// JSON configuration that passed the client's own checks.
func schemaJSON(cfg *config.Config) []Problem {
	var ps []Problem
	if len(cfg.Rules) == 0 && !cfg.Root.NoRuleList {
		ps = append(ps, malformed(-1, "CORSRules", "", "a configuration needs at least one rule (an empty list sends an empty <CORSConfiguration>)", rootStart(cfg), true))
	}
	for _, r := range cfg.Rules {
		for _, e := range r.Empty {
			if (e.Field == config.FieldAllowedOrigin || e.Field == config.FieldAllowedMethod) && len(r.Get(e.Field)) == 0 {
				ps = append(ps, malformed(r.Index, string(e.Field), "", "an empty "+e.Field.JSONKey()+" list sends a rule without "+string(e.Field), e.Span, true))
			}
		}
	}
	return ps
}

// schemaTerraform checks a configuration read from Terraform, whose own
// refusals (missing arguments, wrong types) package terraform reports in
// Terraform's words: what is left for S3 is a rule the provider sends
// without origins or methods (every value was an empty string list) and
// the size of the XML the AWS SDK sends.
func schemaTerraform(cfg *config.Config) []Problem {
	var ps []Problem
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		head := config.Span{Start: r.Span.Start, End: r.Span.Start}
		if r.Count(config.FieldAllowedOrigin) == 0 {
			ps = append(ps, malformed(r.Index, "AllowedOrigin", "", "the provider sends this rule without AllowedOrigin (it leaves out empty lists)", head, true))
		}
		if r.Count(config.FieldAllowedMethod) == 0 {
			ps = append(ps, malformed(r.Index, "AllowedMethod", "", "the provider sends this rule without AllowedMethod (it leaves out empty lists)", head, true))
		}
	}
	if n := len(config.CompactXML(cfg)); n > config.MaxXML {
		ps = append(ps, Problem{Code: CodeTooBig, Message: MsgTooBig, Rule: -1, phase: phaseBody, status: 400,
			Value: strconv.Itoa(n) + " bytes of XML as the provider sends it (limit " + strconv.Itoa(config.MaxXML) + ")",
			Span:  rootStart(cfg)})
	}
	return ps
}

func rootStart(cfg *config.Config) config.Span {
	return config.Span{Start: cfg.Root.Span.Start, End: cfg.Root.Span.Start}
}

// ruleShape checks one rule's schema: unknown elements, stray text, the
// required AllowedOrigin and AllowedMethod, at most one ID and MaxAgeSeconds.
// For JSON, unknown keys and missing lists are the aws-cli's business, so
// the caller passes only XML rules here... and JSON rules for the counts.
func ruleShape(r *config.Rule, lt, gt string) []Problem {
	var ps []Problem
	for _, u := range r.Unknown {
		ps = append(ps, malformed(r.Index, u.Text, lt+u.Text+gt, " (not an element S3 knows in <CORSRule>)", u.Span, false))
	}
	for _, s := range r.Stray {
		ps = append(ps, malformed(r.Index, string(s.Field), s.Text, " (S3's schema has no place for this)", s.Span, false))
	}
	head := config.Span{Start: r.Span.Start, End: r.Span.Start}
	if len(r.Values) == 0 && len(r.Unknown) == 0 {
		ps = append(ps, malformed(r.Index, "CORSRule", "", "an empty rule", head, true))
		return ps
	}
	if r.Count(config.FieldAllowedOrigin) == 0 {
		ps = append(ps, malformed(r.Index, "AllowedOrigin", "", "the rule has no AllowedOrigin", head, true))
	}
	if r.Count(config.FieldAllowedMethod) == 0 {
		ps = append(ps, malformed(r.Index, "AllowedMethod", "", "the rule has no AllowedMethod", head, true))
	}
	for _, f := range []config.Field{config.FieldID, config.FieldMaxAgeSeconds} {
		if r.Count(f) > 1 {
			vs := r.Get(f)
			ps = append(ps, malformed(r.Index, string(f), vs[1].Text, " (a rule may have only one "+string(f)+")", vs[1].Span, false))
		}
	}
	return ps
}

// values runs S3's checks on each value, in document order, after the rule
// count.
func values(cfg *config.Config) []Problem {
	ps := count(cfg)
	for i := range cfg.Rules {
		ps = append(ps, ruleValues(&cfg.Rules[i])...)
	}
	return ps
}

// count checks the number of rules.
func count(cfg *config.Config) []Problem {
	n := len(cfg.Rules)
	if n <= MaxRules {
		return nil
	}
	r := cfg.Rules[MaxRules]
	return []Problem{{Code: CodeInvalidRequest, Rule: MaxRules, Field: "CORSRule",
		Message: "The number of CORS rules should not exceed allowed limit of 100 rules.",
		Value:   strconv.Itoa(n) + " rules", Span: config.Span{Start: r.Span.Start, End: r.Span.Start},
		phase: phaseCount, status: 400}}
}

// ruleValues checks one rule's values.
func ruleValues(r *config.Rule) []Problem {
	var ps []Problem
	for _, v := range r.Values {
		if v.Kind != "" && v.Kind != "string" && v.Kind != "number" {
			continue // the aws-cli refuses it first; see paramValidation
		}
		if p, ok := checkValue(r.Index, v); ok {
			ps = append(ps, p)
		}
	}
	return ps
}

func invalid(rule int, v config.Value, code, msg string, verified bool) Problem {
	return Problem{Code: code, Message: msg, Rule: rule, Field: string(v.Field), Value: v.Text,
		Span: v.Span, Verified: verified, phase: phaseValues, status: 400}
}

func checkValue(rule int, v config.Value) (Problem, bool) {
	switch v.Field {
	case config.FieldAllowedMethod:
		for _, m := range Methods {
			if v.Text == m {
				return Problem{}, false
			}
		}
		// Recorded for MYMETHOD; the same text with an empty name is from
		// S3-compatibility suites run against S3.
		return invalid(rule, v, CodeInvalidRequest, "Found unsupported HTTP method in CORS config. Unsupported method is "+v.Text, true), true
	case config.FieldAllowedOrigin:
		if strings.Count(v.Text, "*") > 1 {
			return invalid(rule, v, CodeInvalidRequest, `AllowedOrigin "`+v.Text+`" can not have more than one wildcard.`, true), true
		}
	case config.FieldAllowedHeader:
		if strings.Count(v.Text, "*") > 1 {
			return invalid(rule, v, CodeInvalidRequest, `AllowedHeader "`+v.Text+`" can not have more than one wildcard.`, false), true
		}
		if !headerName(strings.ReplaceAll(v.Text, "*", "")) && v.Text != "*" {
			return invalid(rule, v, CodeInvalidRequest, `AllowedHeader "`+v.Text+`" contains invalid character.`, false), true
		}
	case config.FieldExposeHeader:
		if strings.Contains(v.Text, "*") {
			return invalid(rule, v, CodeInvalidRequest, `ExposeHeader "`+v.Text+`" contains wildcard. We currently do not support wildcard for ExposeHeader.`, true), true
		}
		if !headerName(v.Text) {
			// Reported second-hand: S3 names AllowedHeader even here.
			return invalid(rule, v, CodeInvalidRequest, `AllowedHeader "`+v.Text+`" contains invalid character.`, false), true
		}
	case config.FieldID:
		if utf8.RuneCountInString(v.Text) > MaxIDLen {
			return invalid(rule, v, CodeInvalidArgument, "ID length should not exceed allowed limit of 255", false), true
		}
	case config.FieldMaxAgeSeconds:
		n, err := config.ParseMaxAge(v.Text)
		if err != nil {
			p := malformed(rule, "MaxAgeSeconds", v.Text, " (MaxAgeSeconds must be a whole number of seconds that fits in 32 bits)", v.Span, true)
			return p, true
		}
		if n < 0 {
			return malformed(rule, "MaxAgeSeconds", v.Text, " (a negative MaxAgeSeconds)", v.Span, false), true
		}
	}
	return Problem{}, false
}

// headerName reports whether s is a header name S3 stores: an HTTP token,
// or empty (S3 stores an empty value).
func headerName(s string) bool { return s == "" || header.IsToken(s) }
