// Package scenario is corsplay's one JSON contract: the types of a
// scenario (a bucket, its CORS configuration as pasted, and a request or a
// page's fetch) and of the answer (the parsed configuration, S3's verdict on
// it, S3's answer to the request and the browser's, each explained), and
// their JSON codec. Package runner computes answers; the command line, the
// WebAssembly bridge and the conformance runner all go through it, so they
// cannot disagree.
//
// The input is a conformance case without "expect":
//
//	{"bucket": {"exists": true, "cors": "<CORSConfiguration>…"},
//	 "request": {"method": "OPTIONS", "target": "object",
//	             "headers": {"Origin": "https://app.example.com",
//	                         "Access-Control-Request-Method": "PUT"},
//	             "operationStatus": 200}}
//
// Field names in the output are stable once released; fields may be added.
// docs/contract.md describes every field.
package scenario

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/fix"
	"corsplay/internal/header"
	"corsplay/internal/lint"
	"corsplay/internal/s3"
	"corsplay/internal/validation"
)

// MaxScenario bounds the JSON DecodeInput reads: far above S3's 64 KB so that a
// pasted 10 MB configuration still gets S3's own "too big" answer, but not
// unbounded.
const MaxScenario = 32 << 20

// MaxHeaders bounds the request headers a scenario may list.
const MaxHeaders = 1000

// Input is one scenario.
type Input struct {
	Bucket  Bucket  `json:"bucket"`
	Request Request `json:"request"`
	// Fetch is what a page's script does; with it, Output.Browser says
	// what the browser makes of S3's answers. Request may then be omitted.
	Fetch   *browser.Fetch `json:"fetch,omitempty"`
	Browser string         `json:"browser,omitempty"` // chrome (default), firefox, safari
	// Omit names output sections the caller does not need now, to save
	// their cost: any of Omittable.
	Omit []string `json:"omit,omitempty"`
}

// The sections Input.Omit may name.
const (
	// OmitLint: no lint (the page asks for it after the first paint).
	OmitLint = "lint"
	// OmitValues: config.rules[].values is null (most of a large
	// configuration's output).
	OmitValues = "values"
	// OmitBrowserEvaluations: no S3 evaluation repeated inside
	// browser.preflight and browser.actual.
	OmitBrowserEvaluations = "browser-evaluations"
	// OmitFix: no fix (searching for the smallest one costs milliseconds
	// on a large configuration).
	OmitFix = "fix"
	// OmitRuleChecks: no per-field origin, method and headers checks in
	// evaluation.rules; the verdicts and reasons stay.
	OmitRuleChecks = "rule-checks"
	// OmitRuleFields: config.rules[] without allowedOrigins …
	// maxAgeSeconds; the index, ID and place stay.
	OmitRuleFields = "rule-fields"
	// OmitRules: config.rules and evaluation.rules are null; what a page
	// paints first after a keystroke is the summary, the matched rule's
	// number and the response.
	OmitRules = "rules"
)

// Omittable is every section Input.Omit may name, in the order messages
// list them.
var Omittable = []string{OmitLint, OmitValues, OmitBrowserEvaluations, OmitFix, OmitRuleChecks, OmitRuleFields, OmitRules}

// Omits reports whether in omits section.
func (in *Input) Omits(section string) bool {
	for _, o := range in.Omit {
		if o == section {
			return true
		}
	}
	return false
}

// CheckOmit returns an error for the first name in in.Omit that is not an
// omittable section.
func (in *Input) CheckOmit() error {
	for _, o := range in.Omit {
		if !slices.Contains(Omittable, o) {
			var b strings.Builder
			b.WriteString("omit: " + strconv.Quote(o) + " is not a section that can be omitted (only ")
			for i, s := range Omittable {
				switch {
				case i == len(Omittable)-1:
					b.WriteString(" and ")
				case i > 0:
					b.WriteString(", ")
				}
				b.WriteString(strconv.Quote(s))
			}
			b.WriteString(")")
			return errors.New(b.String())
		}
	}
	return nil
}

// Bucket is the bucket's state. Exists defaults to true; CORS nil means the
// bucket has no configuration.
type Bucket struct {
	Exists *bool   `json:"exists,omitempty"`
	CORS   *string `json:"cors"`
	// Rev names CORS's text, so that later scenarios to the same runner
	// can send an Edit of it instead of the whole text (0: not kept).
	Rev int `json:"corsRev,omitempty"`
	// Edit gives the configuration as a change to the text the runner
	// holds, instead of CORS (see Edit).
	Edit *Edit `json:"corsEdit,omitempty"`
	// Size, when over S3's limits and CORS's length, is the size in bytes
	// of the whole configuration CORS is the start of: a caller holding
	// megabytes sends only their start, and S3's answer (400
	// MaxMessageLengthExceeded) names this size. Otherwise it is ignored.
	Size int `json:"corsSize,omitempty"`
}

// Request is the HTTP request that reaches S3.
type Request struct {
	Method          string  `json:"method"`
	Target          string  `json:"target"`
	Headers         Headers `json:"headers"`
	OperationStatus int     `json:"operationStatus,omitempty"`
}

// Headers are request headers, given as a JSON object or, to keep order and
// repeats, as a list of [name, value] pairs.
type Headers = header.List

// Output is the answer to one scenario.
type Output struct {
	Config     *ConfigOut       `json:"config"`
	Validation *ValidationOut   `json:"validation"`
	Evaluation *EvaluationOut   `json:"evaluation"`
	Browser    *browser.Verdict `json:"browser,omitempty"`
	// Fix is the smallest configuration change that lets a blocked fetch through.
	Fix *fix.Fix `json:"fix,omitempty"`
	// Lint is package lint's warnings: an empty list when there is a
	// configuration, absent when the bucket has none.
	Lint  []lint.Warning `json:"lint,omitzero"`
	Error *ErrorOut      `json:"error"`
}

// ErrorOut is a scenario the engine cannot take at all.
type ErrorOut struct {
	Message string `json:"message"`
	// Code is StaleEdit when bucket.corsEdit could not be applied (send
	// the whole text); empty otherwise.
	Code string `json:"code,omitempty"`
}

// ConfigOut is the parsed configuration.
type ConfigOut struct {
	Format string    `json:"format"` // xml, cli-json, console-json, or none
	Size   int       `json:"size"`
	Rules  []RuleOut `json:"rules"`
}

// RuleOut is one rule, with every value's place.
type RuleOut struct {
	Index          int        `json:"index"`
	ID             string     `json:"id"`
	AllowedOrigins []string   `json:"allowedOrigins"`
	AllowedMethods []string   `json:"allowedMethods"`
	AllowedHeaders []string   `json:"allowedHeaders"`
	ExposeHeaders  []string   `json:"exposeHeaders"`
	MaxAgeSeconds  *int       `json:"maxAgeSeconds"`
	Place                     // line, column, endLine, endColumn
	Values         []ValueOut `json:"values"` // null when the input omits "values"

	// fieldsOmitted: the input omits "rule-fields", and the JSON has only
	// index, id, the place and values (see MarshalJSON).
	fieldsOmitted bool
}

// WithoutFields is r as an input that omits "rule-fields" gets it.
func (r RuleOut) WithoutFields() RuleOut {
	r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders, r.MaxAgeSeconds = nil, nil, nil, nil, nil
	r.fieldsOmitted = true
	return r
}

// Place is a span of the pasted text: 1-based lines and columns (in code
// points), end exclusive.
type Place struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
}

// ValueOut is one value of a rule.
type ValueOut struct {
	Field string `json:"field"`
	Value string `json:"value"`
	Place
}

// ValidationOut is S3's verdict on PutBucketCors with this configuration.
type ValidationOut struct {
	Accepted    bool                    `json:"accepted"`
	S3Error     *validation.S3Error     `json:"s3Error"`
	ClientError *validation.ClientError `json:"clientError"`
	Problems    []ProblemOut            `json:"problems"`
}

// ProblemOut is one violation.
type ProblemOut struct {
	validation.Problem
	Place
}

// EvaluationOut is S3's answer to the request, explained.
type EvaluationOut struct {
	Kind         string           `json:"kind"`
	Hypothetical bool             `json:"hypothetical"`
	MatchedRule  *int             `json:"matchedRule"`
	Summary      string           `json:"summary"`
	Evidence     s3.Evidence      `json:"evidence"`
	Rules        []s3.RuleVerdict `json:"rules"`
	Response     ResponseOut      `json:"response"`
}

// ResponseOut is the HTTP response S3 sends.
type ResponseOut = s3.Response

// DecodeInput reads a scenario, refusing unknown fields (a misspelt field
// would otherwise be silently ignored) and more than MaxScenario bytes.
// See decoder for what it accepts.
func DecodeInput(in []byte) (Input, error) {
	if len(in) > MaxScenario {
		return Input{}, errors.New("the scenario is " + strconv.Itoa(len(in)) + " bytes; corsplay reads at most " + strconv.Itoa(MaxScenario))
	}
	input, msg := decodeInput(in)
	if msg != "" {
		return input, errors.New("the scenario is not valid: " + msg)
	}
	return input, nil
}
