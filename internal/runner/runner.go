// Package runner answers scenarios (package scenario's contract): Prepare
// parses, validates and compiles a bucket's configuration once; Run and a
// Runner answer requests and fetches against it. A Runner also keeps
// prepared configurations by text, and the last text given with a revision,
// so that a page can send an edit of it (scenario.Edit) instead of the whole
// text at every keystroke.
package runner

import (
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/header"
	"corsplay/internal/lint"
	"corsplay/internal/recovered"
	"corsplay/internal/s3"
	"corsplay/internal/scenario"
	"corsplay/internal/validation"
	"corsplay/internal/zerocopy"
)

// Prepared is a scenario's configuration parsed, judged and compiled: what
// stays the same while only the request changes.
type Prepared struct {
	Config     *scenario.ConfigOut
	Validation *scenario.ValidationOut
	Parsed     *config.Config
	Rules      *s3.Rules // nil when there is no configuration to apply
	src        []byte
	lint       []lint.Warning // computed on first use: see Warnings
	linted     bool
	valued     bool                        // Config.Rules[].Values filled in
	raw        *rendered                   // see marshal
	omitted    map[int]*scenario.ConfigOut // Config without what inputs omit, by omitBits
	checked    validation.Result           // what Validation was made from, for prepareFrom
	exists     bool
	hasConfig  bool
	size       int // the Bucket.Size it was prepared for
}

// Prepare parses, validates and compiles a bucket's configuration.
func Prepare(b scenario.Bucket) *Prepared {
	p := &Prepared{exists: b.Exists == nil || *b.Exists}
	if b.CORS == nil {
		p.Config = &scenario.ConfigOut{Format: "none", Rules: []scenario.RuleOut{}}
		return p
	}
	p.hasConfig = true
	src := zerocopy.Bytes(*b.CORS) // config, validation, lint and fix only read it
	var cfg *config.Config
	var err error
	size := len(src)
	if big := wholeTooLarge(b, src); big != nil {
		// Only the start of a text too large for S3: answer for the whole.
		err, size = big, big.Size
	} else {
		cfg, err = config.Parse(src)
	}
	res := validation.Check(cfg, err, src)
	p.Parsed = cfg
	p.checked = res
	p.Validation = validationOut(res)
	p.size = b.Size
	p.Config = &scenario.ConfigOut{Format: string(config.DetectForm(src)), Size: size, Rules: []scenario.RuleOut{}}
	p.src = src
	if cfg != nil {
		p.Config.Rules = rulesOut(cfg)
		p.Rules = s3.Compile(cfg)
	}
	return p
}

// wholeTooLarge is the error Parse gives the whole configuration when b
// carries only its start (Bucket.Size) and the whole is over S3's limit
// for its form; nil otherwise.
func wholeTooLarge(b scenario.Bucket, src []byte) *config.TooLargeError {
	if b.Size <= len(src) {
		return nil
	}
	form := config.DetectForm(src)
	limit := config.Limit(form)
	if b.Size <= limit {
		return nil
	}
	return &config.TooLargeError{Size: b.Size, Limit: limit, Form: form}
}

// prepareFrom is Prepare for b when prev was prepared from a text that
// differs from b's only inside one rule (the page, at a keystroke in the
// editor): the rule is read again (config.Reparse) and compiled again, and
// the rest reused. It returns nil when prev cannot be used; when it can,
// prev is used up (config.Reparse takes its configuration over) and must be
// dropped.
func prepareFrom(prev *Prepared, b scenario.Bucket) *Prepared {
	exists := b.Exists == nil || *b.Exists
	if prev == nil || prev.Parsed == nil || b.CORS == nil || !prev.hasConfig || prev.exists != exists || b.Size != 0 {
		return nil
	}
	src := zerocopy.Bytes(*b.CORS) // config, validation, lint and fix only read it
	cfg, mv := config.Reparse(prev.Parsed, prev.src, src)
	if cfg == nil {
		return nil
	}
	k := mv.Rule
	p := &Prepared{exists: exists, hasConfig: true, src: src, Parsed: cfg, checked: validation.CheckFrom(prev.checked, cfg, src, mv)}
	p.Validation = validationOut(p.checked)
	p.Config = &scenario.ConfigOut{Format: string(cfg.Form), Size: len(src), Rules: rulesOutFrom(prev.Config.Rules, cfg, k)}
	p.Rules = prev.Rules.Recompile(cfg, k)
	return p
}

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
	all := make([]scenario.ValueOut, 0, n)
	for i := range p.Config.Rules {
		at := len(all)
		for _, v := range p.Parsed.Rules[i].Values {
			all = append(all, scenario.ValueOut{Field: string(v.Field), Value: v.Text, Place: place(v.Span)})
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
func (p *Prepared) Evaluate(r scenario.Request) (*scenario.EvaluationOut, error) {
	return p.evaluate(r, false, false)
}

// evaluate is Evaluate; brief leaves out each rule's per-field checks,
// quiet every rule's verdict (see s3.Request).
func (p *Prepared) evaluate(r scenario.Request, brief, quiet bool) (*scenario.EvaluationOut, error) {
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
	out := &scenario.EvaluationOut{Kind: ev.Kind, Summary: ev.Summary, Evidence: ev.Evidence, Rules: ev.Rules,
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
func Run(in scenario.Input) scenario.Output {
	if in.Bucket.Edit != nil {
		return scenario.Output{Error: &scenario.ErrorOut{Code: scenario.StaleEdit, Message: "bucket.corsEdit: the engine holds no configuration to edit: send the whole text in bucket.cors"}}
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
	size        int // Bucket.Size
}

// New returns a Runner that keeps up to max prepared configurations.
func New(max int) *Runner {
	return &Runner{cache: make(map[cacheKey]*Prepared), max: max}
}

// Run answers one scenario, as the package-level Run does, and also takes
// bucket.corsEdit: an edit of the last text given with a revision.
func (r *Runner) Run(in scenario.Input) scenario.Output {
	edited := in.Bucket.Edit != nil
	if e := r.resolve(&in.Bucket); e != nil {
		return scenario.Output{Error: e}
	}
	return run(r.prepared(in.Bucket, edited), in)
}

func (r *Runner) prepared(b scenario.Bucket, edited bool) *Prepared {
	exists := b.Exists == nil || *b.Exists
	// The very text (the same string) the last scenario was prepared from:
	// the page asks twice per keystroke, and finding it in the cache would
	// hash 64 KB.
	if p := r.last; p != nil && b.CORS != nil && p.hasConfig && p.exists == exists && p.size == b.Size && zerocopy.Same(p.src, *b.CORS) {
		return p
	}
	k := cacheKey{exists: exists, has: b.CORS != nil, size: b.Size}
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

// run answers one scenario against its prepared configuration. Everything
// that depends on the request goes here; everything that depends only on
// the configuration goes in Prepare.
func run(p *Prepared, in scenario.Input) scenario.Output {
	out := scenario.Output{Config: p.Config, Validation: p.Validation}
	if err := in.CheckOmit(); err != nil {
		out.Error = &scenario.ErrorOut{Message: err.Error()}
		return out
	}
	if !in.Omits(scenario.OmitLint) {
		out.Lint = p.Warnings()
	}
	if !in.Omits(scenario.OmitValues) {
		p.fillValues()
	}
	if in.Omits(scenario.OmitRules) && p.Config != nil {
		out.Config = &scenario.ConfigOut{Format: p.Config.Format, Size: p.Config.Size}
	} else if (in.Omits(scenario.OmitValues) || in.Omits(scenario.OmitRuleFields)) && p.Config != nil {
		// A copy: p.Config is shared by every request on this configuration.
		k := omitBits(in)
		c := p.omitted[k]
		if c == nil {
			c = &scenario.ConfigOut{Format: p.Config.Format, Size: p.Config.Size, Rules: make([]scenario.RuleOut, len(p.Config.Rules))}
			for i, r := range p.Config.Rules {
				if in.Omits(scenario.OmitValues) {
					r.Values = nil
				}
				if in.Omits(scenario.OmitRuleFields) {
					r = r.WithoutFields()
				}
				c.Rules[i] = r
			}
			if p.omitted == nil {
				p.omitted = map[int]*scenario.ConfigOut{}
			}
			p.omitted[k] = c
		}
		out.Config = c
	}
	noRules := in.Omits(scenario.OmitRules)
	e := &evaluator{p: p, brief: noRules || in.Omits(scenario.OmitRuleChecks), quiet: noRules}
	if in.Fetch == nil || in.Request.Method != "" {
		ev, err := e.evaluate(in.Request)
		if err != nil {
			out.Error = &scenario.ErrorOut{Message: err.Error()}
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
	e.brief, e.quiet = in.Omits(scenario.OmitRuleChecks), in.Omits(scenario.OmitBrowserEvaluations)
	if in.Fetch != nil {
		v, err := p.judgeFetch(in, e)
		if err != nil {
			out.Error = &scenario.ErrorOut{Message: err.Error()}
			return out
		}
		if v != nil && in.Omits(scenario.OmitBrowserEvaluations) {
			v.Preflight.Evaluation, v.Actual.Evaluation = nil, nil
		}
		if v != nil && p.Validation != nil && !p.Validation.Accepted {
			if err := p.caveat(v, in); err != nil {
				out.Error = &scenario.ErrorOut{Message: err.Error()}
				return out
			}
		}
		out.Browser = v
		if !in.Omits(scenario.OmitFix) {
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
		req          scenario.Request
		brief, quiet bool
		out          *scenario.EvaluationOut
		ok           bool
	}
}

func (e *evaluator) evaluate(r scenario.Request) (*scenario.EvaluationOut, error) {
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

func sameRequest(a, b scenario.Request) bool {
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

func s3Request(r scenario.Request) (s3.Request, error) {
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
	if len(r.Headers) > scenario.MaxHeaders {
		return s3.Request{}, errors.New("request.headers has " + strconv.Itoa(len(r.Headers)) + " headers; corsplay takes at most " + strconv.Itoa(scenario.MaxHeaders))
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
	input, err := scenario.DecodeInput(in)
	if err != nil {
		return errorJSON(err.Error()), false
	}
	edited := input.Bucket.Edit != nil
	if e := r.resolve(&input.Bucket); e != nil {
		return scenario.ErrorJSON(e), false
	}
	p := r.prepared(input.Bucket, edited)
	o := run(p, input)
	return p.marshal(input, o), o.Error == nil
}

func runJSON(run func(scenario.Input) scenario.Output, in []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = errorJSON("internal error: " + recovered.Text(r) + " (please report this scenario)")
		}
	}()
	input, err := scenario.DecodeInput(in)
	if err != nil {
		return errorJSON(err.Error())
	}
	return scenario.Marshal(run(input))
}

// errorJSON is the answer to a scenario the engine cannot take.
func errorJSON(msg string) []byte { return scenario.ErrorJSON(&scenario.ErrorOut{Message: msg}) }
