// Package scenario is corsplay's one JSON contract: a scenario (a bucket, its
// CORS configuration as pasted, and a request) goes in; the parsed
// configuration, S3's verdict on it, and S3's answer to the request, each
// explained, come out. The command line, the WebAssembly bridge and the
// conformance runner all go through Run, so they cannot disagree.
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
// See the README's "The JSON contract" for every field.
package scenario

import (
	"corsplay/internal/header"
	"errors"
	"strconv"
	"strings"
	"unsafe"

	"corsplay/internal/browser"
	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/lint"
	"corsplay/internal/recovered"
	"corsplay/internal/s3"
	"corsplay/internal/validation"
)

// MaxScenario bounds the JSON RunJSON reads: far above S3's 64 KB so that a
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
	// their cost: "lint" (the page asks for it after the first paint) and
	// "values" (config.rules[].values, most of a large configuration's
	// output) and "browser-evaluations" (the whole S3 evaluation repeated
	// inside browser.preflight and browser.actual), "fix" (searching
	// for the smallest fix costs milliseconds on a large configuration), and
	// "rule-checks" (each rule's per-field origin, method and headers checks
	// in evaluation.rules: the verdicts and reasons stay), and "rule-fields"
	// (config.rules[]'s allowedOrigins … maxAgeSeconds: the index, ID and
	// place stay), and "rules" (config.rules and evaluation.rules are null:
	// what a page needs to paint first after a keystroke is the summary,
	// the matched rule's number and the response).
	Omit []string `json:"omit,omitempty"`
}

// Sections that Input.Omit may name.
var omittable = map[string]bool{"lint": true, "values": true, "browser-evaluations": true, "fix": true, "rule-checks": true, "rule-fields": true, "rules": true}

func (in *Input) omits(section string) bool {
	for _, o := range in.Omit {
		if o == section {
			return true
		}
	}
	return false
}

// Bucket is the bucket's state. Exists defaults to true; CORS nil means the
// bucket has no configuration.
type Bucket struct {
	Exists *bool   `json:"exists,omitempty"`
	CORS   *string `json:"cors"`
	// Rev names CORS's text, so that later scenarios to the same Runner
	// can send an Edit of it instead of the whole text (0: not kept).
	Rev int `json:"corsRev,omitempty"`
	// Edit gives the configuration as a change to the text the Runner
	// holds, instead of CORS (see Edit).
	Edit *Edit `json:"corsEdit,omitempty"`
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

// Place is a span of the pasted text: 1-based lines and columns (in code
// points), end exclusive.
type Place struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
}

func place(sp config.Span) Place {
	return Place{sp.Start.Line, sp.Start.Column, sp.End.Line, sp.End.Column}
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

// Prepared is a scenario's configuration parsed, judged and compiled: what
// stays the same while only the request changes.
type Prepared struct {
	Config     *ConfigOut
	Validation *ValidationOut
	Parsed     *config.Config
	Rules      *s3.Rules // nil when there is no configuration to apply
	src        []byte
	lint       []lint.Warning // computed on first use: see Warnings
	linted     bool
	valued     bool               // Config.Rules[].Values filled in
	raw        *rendered          // see marshal
	omitted    map[int]*ConfigOut // Config without what inputs omit, by omitBits
	checked    validation.Result  // what Validation was made from, for prepareFrom
	exists     bool
	hasConfig  bool
}

// Prepare parses, validates and compiles a bucket's configuration.
func Prepare(b Bucket) *Prepared {
	p := &Prepared{exists: b.Exists == nil || *b.Exists}
	if b.CORS == nil {
		p.Config = &ConfigOut{Format: "none", Rules: []RuleOut{}}
		return p
	}
	p.hasConfig = true
	src := readOnly(*b.CORS)
	cfg, err := config.Parse(src)
	res := validation.Check(cfg, err, src)
	p.Parsed = cfg
	p.checked = res
	p.Validation = validationOut(res)
	p.Config = &ConfigOut{Format: string(config.DetectForm(src)), Size: len(src), Rules: []RuleOut{}}
	p.src = src
	if cfg != nil {
		p.Config.Rules = rulesOut(cfg)
		p.Rules = s3.Compile(cfg)
	}
	return p
}

// prepareFrom is Prepare for b when prev was prepared from a text that
// differs from b's only inside one rule (the page, at a keystroke in the
// editor): the rule is read again (config.Reparse) and compiled again, and
// the rest reused. It returns nil when prev cannot be used; when it can,
// prev is used up (config.Reparse takes its configuration over) and must be
// dropped.
func prepareFrom(prev *Prepared, b Bucket) *Prepared {
	exists := b.Exists == nil || *b.Exists
	if prev == nil || prev.Parsed == nil || b.CORS == nil || !prev.hasConfig || prev.exists != exists {
		return nil
	}
	src := readOnly(*b.CORS)
	cfg, mv := config.Reparse(prev.Parsed, prev.src, src)
	if cfg == nil {
		return nil
	}
	k := mv.Rule
	p := &Prepared{exists: exists, hasConfig: true, src: src, Parsed: cfg, checked: validation.CheckFrom(prev.checked, cfg, src, mv)}
	p.Validation = validationOut(p.checked)
	p.Config = &ConfigOut{Format: string(cfg.Form), Size: len(src), Rules: rulesOutFrom(prev.Config.Rules, cfg, k)}
	p.Rules = prev.Rules.Recompile(cfg, k)
	return p
}

// readOnly returns the bytes of s without a copy. Every package that reads
// a configuration (config, validation, lint, fix) only reads it; a copy of
// 64 KB at every keystroke was a large part of a keystroke in WebAssembly.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// fillValues adds every value's place to the rules, once: a caller that
// omits "values" (the page, at every keystroke) never pays for them.
func (p *Prepared) fillValues() {
	if p.valued || p.Parsed == nil {
		return
	}
	p.valued = true
	// One allocation for every rule's values, each rule's capped at its
	// length.
	n := 0
	for i := range p.Config.Rules {
		n += len(p.Parsed.Rules[i].Values)
	}
	all := make([]ValueOut, 0, n)
	for i := range p.Config.Rules {
		at := len(all)
		for _, v := range p.Parsed.Rules[i].Values {
			all = append(all, ValueOut{Field: string(v.Field), Value: v.Text, Place: place(v.Span)})
		}
		p.Config.Rules[i].Values = all[at:len(all):len(all)]
	}
}

// Warnings is package lint's verdict on the configuration: nil without a
// configuration, else a list (empty when all is well). It is computed on
// first use: lint costs more than everything else on a large configuration,
// and a caller that omits it should not pay for it.
func (p *Prepared) Warnings() []lint.Warning {
	if !p.hasConfig {
		return nil
	}
	if !p.linted {
		p.linted = true
		p.lint = []lint.Warning{}
		if p.Parsed != nil {
			p.lint = lint.Check(p.src, p.Parsed)
			// Each quick fix goes out as an edit and a short diff, not a
			// whole new text: see fix.Compact.
			for i := range p.lint {
				if f := p.lint[i].Fix; f != nil {
					p.lint[i].Fix = f.Compact(p.src, false)
				}
			}
		}
	}
	return p.lint
}

// Evaluate answers one request against a prepared configuration.
func (p *Prepared) Evaluate(r Request) (*EvaluationOut, error) { return p.evaluate(r, false, false) }

// evaluate is Evaluate; brief leaves out each rule's per-field checks,
// quiet every rule's verdict (see s3.Request).
func (p *Prepared) evaluate(r Request, brief, quiet bool) (*EvaluationOut, error) {
	req, err := s3Request(r)
	if err != nil {
		return nil, err
	}
	req.Brief, req.Quiet = brief, quiet
	if p.hasConfig && p.Rules == nil {
		// Not parsed (not well-formed, too large): there are no rules to
		// try, and S3 would not have stored it.
		return nil, nil
	}
	ev := s3.Evaluate(s3.Bucket{Exists: p.exists, Rules: p.Rules}, req)
	out := &EvaluationOut{Kind: ev.Kind, Summary: ev.Summary, Evidence: ev.Evidence, Rules: ev.Rules,
		Hypothetical: p.Validation != nil && !p.Validation.Accepted,
		Response:     ev.Response}
	if out.Response.Headers == nil {
		out.Response.Headers = [][2]string{}
	}
	if ev.MatchedRule >= 0 {
		m := ev.MatchedRule
		out.MatchedRule = &m
	}
	if out.Hypothetical {
		out.Summary = "Hypothetical: S3 would reject this configuration, so a real bucket could not have it. If it could: " + out.Summary
	}
	return out, nil
}

// Run answers one scenario. It holds no text, so it refuses a
// bucket.corsEdit (a Runner takes them).
func Run(in Input) Output {
	if in.Bucket.Edit != nil {
		return Output{Error: &ErrorOut{Code: StaleEdit, Message: "bucket.corsEdit: the engine holds no configuration to edit: send the whole text in bucket.cors"}}
	}
	return run(Prepare(in.Bucket), in)
}

// Runner answers many scenarios, preparing each distinct configuration
// once. It is not safe for concurrent use.
type Runner struct {
	cache map[cacheKey]*Prepared
	max   int
	last  *Prepared // the configuration prepared last, for prepareFrom
	// reused counts configurations prepared by prepareFrom (for tests).
	reused int
	held   held // the text edits apply to
}

type cacheKey struct {
	exists, has bool
	cors        string
}

// NewRunner returns a Runner that keeps up to max prepared configurations.
func NewRunner(max int) *Runner {
	return &Runner{cache: make(map[cacheKey]*Prepared), max: max}
}

// Run answers one scenario, as the package-level Run does, and also takes
// bucket.corsEdit: an edit of the last text given with a revision.
func (r *Runner) Run(in Input) Output {
	edited := in.Bucket.Edit != nil
	if e := r.resolve(&in.Bucket); e != nil {
		return Output{Error: e}
	}
	return run(r.prepared(in.Bucket, edited), in)
}

func (r *Runner) prepared(b Bucket, edited bool) *Prepared {
	exists := b.Exists == nil || *b.Exists
	// The very text (the same string) the last scenario was prepared from:
	// the page asks twice per keystroke, and finding it in the cache would
	// hash 64 KB.
	if p := r.last; p != nil && b.CORS != nil && p.hasConfig && p.exists == exists && sameString(p.src, *b.CORS) {
		return p
	}
	k := cacheKey{exists: exists, has: b.CORS != nil}
	if k.has {
		k.cors = *b.CORS
	}
	var p *Prepared
	ok := false
	if !edited {
		// An edit's text is new (and is found as r.last next time).
		p, ok = r.cache[k]
	}
	if !ok {
		if len(r.cache) >= r.max {
			clear(r.cache) // simple and bounded; batches rarely alternate among many configurations
		}
		if p = prepareFrom(r.last, b); p == nil {
			p = Prepare(b)
		} else {
			r.reused++
			for k, q := range r.cache {
				if q == r.last {
					delete(r.cache, k)
				}
			}
		}
		if !edited {
			r.cache[k] = p
		}
	}
	r.last = p
	return p
}

// sameString reports whether b holds s's very bytes (not only equal ones).
func sameString(b []byte, s string) bool {
	return len(b) == len(s) && (len(b) == 0 || unsafe.SliceData(b) == unsafe.StringData(s))
}

// run answers one scenario against its prepared configuration. Everything
// that depends on the request goes here; everything that depends only on
// the configuration goes in Prepare.
func run(p *Prepared, in Input) Output {
	out := Output{Config: p.Config, Validation: p.Validation}
	for _, o := range in.Omit {
		if !omittable[o] {
			out.Error = &ErrorOut{Message: "omit: " + strconv.Quote(o) + " is not a section that can be omitted (only \"lint\", \"values\", \"browser-evaluations\", \"fix\", \"rule-checks\", \"rule-fields\" and \"rules\")"}
			return out
		}
	}
	if !in.omits("lint") {
		out.Lint = p.Warnings()
	}
	if !in.omits("values") {
		p.fillValues()
	}
	if in.omits("rules") && p.Config != nil {
		out.Config = &ConfigOut{Format: p.Config.Format, Size: p.Config.Size}
	} else if (in.omits("values") || in.omits("rule-fields")) && p.Config != nil {
		// A copy: p.Config is shared by every request on this configuration.
		k := omitBits(in)
		c := p.omitted[k]
		if c == nil {
			c = &ConfigOut{Format: p.Config.Format, Size: p.Config.Size, Rules: make([]RuleOut, len(p.Config.Rules))}
			for i, r := range p.Config.Rules {
				if in.omits("values") {
					r.Values = nil
				}
				if in.omits("rule-fields") {
					r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders, r.MaxAgeSeconds = nil, nil, nil, nil, nil
					r.fieldsOmitted = true
				}
				c.Rules[i] = r
			}
			if p.omitted == nil {
				p.omitted = map[int]*ConfigOut{}
			}
			p.omitted[k] = c
		}
		out.Config = c
	}
	noRules := in.omits("rules")
	e := &evaluator{p: p, brief: noRules || in.omits("rule-checks"), quiet: noRules}
	if in.Fetch == nil || in.Request.Method != "" {
		ev, err := e.evaluate(in.Request)
		if err != nil {
			out.Error = &ErrorOut{Message: err.Error()}
			return out
		}
		if noRules && ev != nil {
			c := *ev // e keeps ev for the browser's requests
			c.Rules = nil
			ev = &c
		}
		out.Evaluation = ev
	}
	// The browser's own requests: "rules" does not apply to them, and
	// without their evaluations only responses and summaries are used.
	e.brief, e.quiet = in.omits("rule-checks"), in.omits("browser-evaluations")
	if in.Fetch != nil {
		v, err := p.judgeFetch(in, e)
		if err != nil {
			out.Error = &ErrorOut{Message: err.Error()}
			return out
		}
		if v != nil && in.omits("browser-evaluations") {
			v.Preflight.Evaluation, v.Actual.Evaluation = nil, nil
		}
		if v != nil && p.Validation != nil && !p.Validation.Accepted {
			if err := p.caveat(v, in); err != nil {
				out.Error = &ErrorOut{Message: err.Error()}
				return out
			}
		}
		out.Browser = v
		if !in.omits("fix") {
			out.Fix = p.fixFor(in, v)
		}
	}
	return out
}

// evaluator answers the requests of one scenario: the request itself, and
// the preflight and actual requests of its fetch. The page's preflight
// request and the browser's preflight are usually the same request, so the
// last answer is reused.
type evaluator struct {
	p            *Prepared
	brief, quiet bool // see s3.Request
	last         struct {
		req          Request
		brief, quiet bool
		out          *EvaluationOut
		ok           bool
	}
}

func (e *evaluator) evaluate(r Request) (*EvaluationOut, error) {
	if l := &e.last; l.ok && l.brief == e.brief && l.quiet == e.quiet && sameRequest(l.req, r) {
		return l.out, nil
	}
	out, err := e.p.evaluate(r, e.brief, e.quiet)
	if err != nil {
		return nil, err
	}
	e.last.req, e.last.brief, e.last.quiet, e.last.out, e.last.ok = r, e.brief, e.quiet, out, true
	return out, nil
}

func sameRequest(a, b Request) bool {
	if a.Method != b.Method || a.Target != b.Target || a.OperationStatus != b.OperationStatus || len(a.Headers) != len(b.Headers) {
		return false
	}
	for i := range a.Headers {
		if a.Headers[i] != b.Headers[i] {
			return false
		}
	}
	return true
}

func s3Request(r Request) (s3.Request, error) {
	m := strings.TrimSpace(r.Method)
	if m == "" {
		return s3.Request{}, errors.New(`request.method is required (e.g. "GET", or "OPTIONS" for a preflight)`)
	}
	if !header.IsToken(m) {
		return s3.Request{}, errors.New("request.method " + strconv.Quote(m) + " is not an HTTP method name")
	}
	t := r.Target
	if t == "" {
		t = s3.TargetObject
	}
	switch t {
	case s3.TargetObject, s3.TargetBucket, s3.TargetService:
	default:
		return s3.Request{}, errors.New("request.target " + strconv.Quote(r.Target) + ` must be "object", "bucket" or "service"`)
	}
	if len(r.Headers) > MaxHeaders {
		return s3.Request{}, errors.New("request.headers has " + strconv.Itoa(len(r.Headers)) + " headers; corsplay takes at most " + strconv.Itoa(MaxHeaders))
	}
	for _, kv := range r.Headers {
		if !header.IsToken(kv[0]) {
			return s3.Request{}, errors.New("request header name " + strconv.Quote(kv[0]) + " is not a valid HTTP header name")
		}
		if strings.ContainsAny(kv[1], "\r\n\x00") {
			return s3.Request{}, errors.New("the value of request header " + strconv.Quote(kv[0]) + " contains a line break or NUL, which HTTP does not allow")
		}
	}
	st := r.OperationStatus
	if st != 0 && (st < 100 || st > 599) {
		return s3.Request{}, errors.New("request.operationStatus " + strconv.Itoa(st) + " is not an HTTP status (100–599)")
	}
	return s3.Request{Method: m, Target: t, Header: s3.Header(r.Headers), OperationStatus: st}, nil
}

func rulesOut(cfg *config.Config) []RuleOut {
	out := make([]RuleOut, 0, len(cfg.Rules))
	for i := range cfg.Rules {
		out = append(out, ruleOut(&cfg.Rules[i]))
	}
	return out
}

func ruleOut(r *config.Rule) RuleOut {
	// The four lists share one allocation, each capped at its length; an
	// empty one is still a list ([] in JSON, not null).
	var n [4]int
	for _, v := range r.Values {
		if i := listOf(v.Field); i >= 0 {
			n[i]++
		}
	}
	all := make([]string, n[0]+n[1]+n[2]+n[3])
	var lists [4][]string
	at := 0
	for i := range lists {
		lists[i] = all[at : at : at+n[i]]
		at += n[i]
	}
	for _, v := range r.Values {
		if i := listOf(v.Field); i >= 0 {
			lists[i] = append(lists[i], v.Text)
		}
	}
	ro := RuleOut{Index: r.Index, ID: r.ID(), Place: place(r.Span),
		AllowedOrigins: lists[0], AllowedMethods: lists[1], AllowedHeaders: lists[2], ExposeHeaders: lists[3]}
	if n, ok := r.MaxAge(); ok {
		ro.MaxAgeSeconds = &n
	}
	return ro
}

// listOf numbers the fields RuleOut lists (see ruleOut); -1 for the others.
func listOf(f config.Field) int {
	switch f {
	case config.FieldAllowedOrigin:
		return 0
	case config.FieldAllowedMethod:
		return 1
	case config.FieldAllowedHeader:
		return 2
	case config.FieldExposeHeader:
		return 3
	}
	return -1
}

// rulesOutFrom is rulesOut for cfg when it differs from the configuration
// prev was made from only in rule k: the other rules keep their lists (no
// one changes them) and take their new places.
func rulesOutFrom(prev []RuleOut, cfg *config.Config, k int) []RuleOut {
	if len(prev) != len(cfg.Rules) {
		return rulesOut(cfg)
	}
	out := make([]RuleOut, len(prev))
	for i := range prev {
		if i == k {
			out[i] = ruleOut(&cfg.Rules[i])
			continue
		}
		r := prev[i]
		r.Place = place(cfg.Rules[i].Span)
		r.Values = nil // filled in on demand (fillValues)
		out[i] = r
	}
	return out
}

func validationOut(res validation.Result) *ValidationOut {
	v := &ValidationOut{Accepted: res.Accepted, S3Error: res.S3Error, ClientError: res.ClientError, Problems: make([]ProblemOut, 0, len(res.Problems))}
	for _, p := range res.Problems {
		v.Problems = append(v.Problems, ProblemOut{Problem: p, Place: place(p.Span)})
	}
	return v
}

// RunJSON answers a scenario given as JSON. It never panics: input it
// cannot take gets {"error": {"message": …}}.
func RunJSON(in []byte) []byte { return runJSON(Run, in) }

// RunJSON answers a scenario given as JSON, as the package-level RunJSON,
// writing the parts that depend only on the configuration from JSON it
// rendered once. It keeps nothing of in (the wasm bridge lends it a
// string's bytes) and returns a buffer of its own.
func (r *Runner) RunJSON(in []byte) []byte {
	out, _ := r.AnswerJSON(in)
	return out
}

// AnswerJSON is RunJSON that also says whether the scenario was evaluated
// (false: the answer is an {"error": …}).
func (r *Runner) AnswerJSON(in []byte) (out []byte, ok bool) {
	defer func() {
		if e := recover(); e != nil {
			out, ok = errorJSON("internal error: "+recovered.Text(e)+" (please report this scenario)"), false
		}
	}()
	input, err := DecodeInput(in)
	if err != nil {
		return errorJSON(err.Error()), false
	}
	edited := input.Bucket.Edit != nil
	if e := r.resolve(&input.Bucket); e != nil {
		return errorOutJSON(e), false
	}
	p := r.prepared(input.Bucket, edited)
	o := run(p, input)
	return p.marshal(input, o), o.Error == nil
}

func runJSON(run func(Input) Output, in []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errorJSON("internal error: " + recovered.Text(r) + " (please report this scenario)")
		}
	}()
	input, err := DecodeInput(in)
	if err != nil {
		return errorJSON(err.Error())
	}
	return Marshal(run(input))
}

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
