package expect

import (
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// Result is one test's outcome.
type Result struct {
	Index  int    // in File.Tests
	Name   string // the test's name
	Level  string // browser | s3
	Pos    Pos    // the test's place in its file
	Passed bool
	// Error says why the test could not be run at all (the configuration
	// does not parse); such a test has failed.
	Error    string
	Failures []Failure // each failed check, in the order the file lists them

	// What happened. Browser level: Allowed, Preflight, Readable, Message,
	// and the S3 answer that decided (the preflight's when the browser
	// stopped there, else the actual request's). S3 level: the answer.
	Allowed   *bool
	Preflight *bool
	Readable  []string // header names the script can read (lower-case)
	Message   string   // the browser's console message ("" when allowed)
	Status    int      // S3's status (0: nothing was sent)
	Headers   [][2]string
	// MatchedRule is the rule (0-based) S3 applied to the deciding
	// request, nil when none did; Closest is then S3's sentence on the
	// rule that came closest ("Closest: rule 2 — origin not allowed"),
	// filled in for failed tests.
	MatchedRule *int
	Closest     string
	ClosestRule *int   // the rule Closest names (0-based)
	Summary     string // the browser's verdict, or S3's answer, in one paragraph

	// The engine's whole answers, for callers that want more (not in
	// the JSON): nil when the test did not reach them.
	Verdict    *browser.Verdict
	Evaluation *scenario.EvaluationOut
}

// Failure is one check that did not hold.
type Failure struct {
	Check    string // allowed | preflight | readable | notReadable | message | status | header
	Header   string // the header a readable, notReadable or header check is about
	Expected string
	Got      string
	Pos      Pos // where the expectation is written
}

// Text is the failure in one clause: "expected X, got Y".
func (f Failure) Text() string {
	what := f.Check
	if f.Header != "" {
		what = f.Check + " " + f.Header
	}
	return what + ": expected " + f.Expected + ", got " + f.Got
}

// Report is a run of a file's tests.
type Report struct {
	Results        []Result
	Passed, Failed int
	// Error says why the configuration could not be used at all (it does
	// not parse); every test then fails with it. ErrorAt is where in the
	// configuration's text (zero when nowhere in particular); Error does
	// not repeat it.
	Error   string
	ErrorAt Pos
	// Hypothetical: S3 would reject the configuration (PutBucketCors),
	// so a real bucket could not have it; the tests ran as if it could.
	Hypothetical bool
	// Rejected is S3's or the client's answer to PutBucketCors when
	// Hypothetical.
	Rejected string
	// RulePlaces says where each rule (by index) is written when the
	// configuration was read from a Terraform file or CloudFormation
	// template: reasons and the JSON name that place. The runner leaves
	// it nil; the caller that read the file sets it.
	RulePlaces []RulePlace
}

// RulePlace is where a rule is written in the file the configuration
// was read from, and the configuration's address there.
type RulePlace struct {
	File         string
	Line, Column int
	Address      string // aws_s3_bucket_cors_configuration.uploads, a logical ID
}

func (p RulePlace) String() string {
	s := p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	if p.Address != "" {
		s += ", " + p.Address
	}
	return s
}

// placeOf is rule i's place in places, if there is one.
func placeOf(places []RulePlace, i *int) (RulePlace, bool) {
	if i == nil || *i < 0 || *i >= len(places) || places[*i].Line == 0 {
		return RulePlace{}, false
	}
	return places[*i], true
}

// Runner runs tests. It is not safe for concurrent use.
type Runner struct {
	sr *runner.Runner
	// The last file RunJSON decoded, by its text: the page sends the same
	// tests with every edit of the configuration.
	lastSrc  string
	lastFile *File
	lastErr  error
	// The browser verdicts of the last file Run ran, by test (see memo).
	memoFile *File
	memos    []memo
	// reused counts verdicts taken from a memo (for tests).
	reused int
}

// NewRunner returns a Runner that prepares configurations through sr (nil:
// a Runner of its own keeping up to 4). Sharing one with other callers
// (the WebAssembly bridge's evaluate) lets a configuration prepared for one
// serve the other, and an edited one be prepared from its previous text.
func NewRunner(sr *runner.Runner) *Runner {
	if sr == nil {
		sr = runner.New(4)
	}
	return &Runner{sr: sr}
}

// Run runs every test of f against config (the configuration's text in any
// form corsplay reads), or, when config is nil, against f.Config; when both
// are nil the bucket has no CORS configuration.
func (r *Runner) Run(f *File, config *string) Report {
	if config == nil {
		config = f.Config
	}
	rep := Report{Results: make([]Result, 0, len(f.Tests))}
	p, e := r.sr.Prepare(scenario.Bucket{Exists: &f.Exists, CORS: config})
	switch {
	case e != nil:
		rep.Error = e.Message
	case !p.Parses():
		rep.Error = "the configuration cannot be read"
		for _, pr := range p.Validation.Problems {
			rep.ErrorAt = Pos{Line: pr.Line, Column: pr.Column}
			rep.Error += ": " + pr.Message
			if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
				rep.Error += ": " + pr.Value
			}
			break
		}
	}
	if p != nil && p.Validation != nil && !p.Validation.Accepted {
		rep.Rejected = rejection(p.Validation)
		rep.Hypothetical = rep.Error == ""
	}
	if f != r.memoFile || len(r.memos) != len(f.Tests) {
		r.memoFile, r.memos = f, make([]memo, len(f.Tests))
	}
	for i := range f.Tests {
		t := &f.Tests[i]
		var res Result
		switch {
		case rep.Error != "":
			res = Result{Name: t.Name, Level: t.Level(), Pos: t.Pos, Error: rep.Error}
		case t.Fetch != nil:
			res = Result{Name: t.Name, Level: t.Level(), Pos: t.Pos}
			if runFetch(t, p, &res, &r.memos[i]) {
				r.reused++
			}
			res.Passed = res.Error == "" && len(res.Failures) == 0
		default:
			res = RunPrepared(t, p)
		}
		res.Index = i
		if res.Passed {
			rep.Passed++
		} else {
			rep.Failed++
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}

func rejection(v *scenario.ValidationOut) string {
	switch {
	case v.ClientError != nil:
		return "the " + v.ClientError.Tool + " refuses to send it: " + v.ClientError.Message
	case v.S3Error != nil:
		return "S3 answers PutBucketCors with " + strconv.Itoa(v.S3Error.Status) + " " + v.S3Error.Code + ": " + v.S3Error.Message
	}
	return ""
}

// RunTest runs one test against a bucket, preparing its configuration
// through the Runner (once for many tests: see Run).
func (r *Runner) RunTest(t *Test, b scenario.Bucket) Result {
	p, e := r.sr.Prepare(b)
	switch {
	case e != nil:
		return Result{Name: t.Name, Level: t.Level(), Pos: t.Pos, Error: e.Message}
	case !p.Parses():
		return Result{Name: t.Name, Level: t.Level(), Pos: t.Pos, Error: "the configuration cannot be read, so there is nothing to evaluate"}
	}
	return RunPrepared(t, p)
}

// RunPrepared runs one test against a prepared configuration (one that
// parses: see runner.Prepared.Parses). Result.Index is left 0.
func RunPrepared(t *Test, p *runner.Prepared) Result {
	res := Result{Name: t.Name, Level: t.Level(), Pos: t.Pos}
	if t.Fetch != nil {
		runFetch(t, p, &res, nil)
	} else {
		runRequest(t, p, &res)
	}
	res.Passed = res.Error == "" && len(res.Failures) == 0
	return res
}

func runRequest(t *Test, p *runner.Prepared, res *Result) {
	ev, err := p.EvaluateQuiet(*t.Request)
	if err != nil {
		res.Error = err.Error()
		return
	}
	if ev == nil {
		res.Error = "the configuration cannot be read, so there is nothing to evaluate"
		return
	}
	res.Evaluation = ev
	res.Status, res.Headers, res.Summary = ev.Response.Status, ev.Response.Headers, ev.Summary
	res.MatchedRule = ev.MatchedRule
	e := &t.Expect
	if e.Status != 0 && e.Status != ev.Response.Status {
		res.Failures = append(res.Failures, Failure{Check: "status", Expected: strconv.Itoa(e.Status), Got: strconv.Itoa(ev.Response.Status), Pos: e.StatusPos})
	}
	for _, h := range e.Headers {
		v, ok := ev.Response.Get(h.Name)
		switch {
		case h.Value == nil && ok:
			res.Failures = append(res.Failures, Failure{Check: "header", Header: h.Name, Expected: "absent", Got: strconv.Quote(v), Pos: h.Pos})
		case h.Value != nil && !ok:
			res.Failures = append(res.Failures, Failure{Check: "header", Header: h.Name, Expected: strconv.Quote(*h.Value), Got: "absent", Pos: h.Pos})
		case h.Value != nil && v != *h.Value:
			res.Failures = append(res.Failures, Failure{Check: "header", Header: h.Name, Expected: strconv.Quote(*h.Value), Got: strconv.Quote(v), Pos: h.Pos})
		}
	}
	if len(res.Failures) > 0 && ev.MatchedRule == nil {
		res.Closest, res.ClosestRule = closestIn(ev.Summary)
	}
}

// runFetch judges t's fetch against p and checks the verdict; m, when not
// nil, is the test's memo from the last run, and reused says whether its
// verdict stood.
func runFetch(t *Test, p *runner.Prepared, res *Result, m *memo) (reused bool) {
	// One browser's judgement, on S3's answers without each rule's
	// verdict: what the checks read is the same, at a fraction of the cost.
	eval := p.QuietEvaluator()
	var v *browser.Verdict
	if m != nil && m.holds(t, eval) {
		v, reused = m.verdict, true
	} else {
		rec := &recorder{eval: eval}
		var err error
		v, err = browser.JudgeOne(rec.answer, *t.Fetch, t.Browser)
		if err != nil {
			res.Error = err.Error()
			return false
		}
		if m != nil {
			*m = memo{fetch: *t.Fetch, browser: t.Browser, asked: rec.asked, answers: rec.answers, verdict: v}
			m.fetch.Headers = append(Headers(nil), t.Fetch.Headers...)
		}
	}
	res.Verdict = v
	allowed, sent := v.Allowed, v.Preflight.Sent
	res.Allowed, res.Preflight = &allowed, &sent
	res.Readable, res.Message, res.Summary = v.ReadableHeaders, v.Message, v.Summary
	x := deciding(v)
	if x.Response != nil {
		res.Status, res.Headers = x.Response.Status, x.Response.Headers
	}
	res.MatchedRule = x.MatchedRule

	e := &t.Expect
	if *e.Allowed != v.Allowed {
		res.Failures = append(res.Failures, Failure{Check: "allowed", Expected: verdictWord(*e.Allowed), Got: blockedHow(v), Pos: e.AllowedPos})
	}
	if e.Preflight != nil && *e.Preflight != sent {
		res.Failures = append(res.Failures, Failure{Check: "preflight", Expected: sentWord(*e.Preflight), Got: sentWord(sent) + preflightWhy(v), Pos: e.PreflightPos})
	}
	if v.Allowed {
		// Blocked, nothing is readable; the allowed check has said so.
		for _, h := range e.Readable {
			if !hasFold(v.ReadableHeaders, h) {
				got := "not in S3's answer"
				if hasFold(v.HiddenHeaders, h) {
					got = "hidden (S3 sends it, but Access-Control-Expose-Headers does not list it)"
				}
				res.Failures = append(res.Failures, Failure{Check: "readable", Header: h, Expected: "readable", Got: got, Pos: e.ReadablePos})
			}
		}
	}
	for _, h := range e.NotReadable {
		if hasFold(v.ReadableHeaders, h) {
			res.Failures = append(res.Failures, Failure{Check: "notReadable", Header: h, Expected: "not readable", Got: "readable", Pos: e.NotReadablePos})
		}
	}
	if e.Message != nil && !strings.Contains(v.Message, *e.Message) {
		got := strconv.Quote(v.Message)
		if v.Message == "" {
			got = "no message"
		}
		res.Failures = append(res.Failures, Failure{Check: "message", Expected: "a message containing " + strconv.Quote(*e.Message), Got: got, Pos: e.MessagePos})
	}
	if len(res.Failures) > 0 && x.MatchedRule == nil {
		if ev, ok := x.Evaluation.(*scenario.EvaluationOut); ok && ev != nil {
			res.Closest, res.ClosestRule = closestIn(ev.Summary)
		}
	}
	return reused
}

// memo is a fetch's last verdict and the S3 answers it rests on. The
// browser's judgement is a function of the fetch and of S3's answers to
// the requests it sends (it asks the preflight, then the actual request,
// each depending only on the fetch and the answers before): when the same
// requests get the same answers from an edited configuration, the verdict
// is the one before, and judging again (normalising the URL, writing S3's
// other headers, the summaries, the console messages) is skipped. On the
// page most tests of a 100-rule configuration are untouched by a keystroke
// in one rule.
type memo struct {
	fetch   browser.Fetch
	browser string
	asked   []browser.S3Request
	answers []browser.Answer
	verdict *browser.Verdict
}

// holds reports whether m's verdict stands for t: the same fetch, and the
// same answers from eval to every request the browser sent.
func (m *memo) holds(t *Test, eval browser.Evaluator) bool {
	if m.verdict == nil || m.browser != t.Browser || !sameFetch(&m.fetch, t.Fetch) {
		return false
	}
	for i, q := range m.asked {
		a, err := eval(q)
		if err != nil || !sameAnswer(&a, &m.answers[i]) {
			return false
		}
	}
	return true
}

func sameFetch(a, b *browser.Fetch) bool {
	if a.Origin != b.Origin || a.URL != b.URL || a.Method != b.Method || a.Credentials != b.Credentials || a.Mode != b.Mode || len(a.Headers) != len(b.Headers) {
		return false
	}
	for i := range a.Headers {
		if a.Headers[i] != b.Headers[i] {
			return false
		}
	}
	return true
}

// sameAnswer compares everything of an answer the judgement reads.
func sameAnswer(a, b *browser.Answer) bool {
	x, y := &a.Response, &b.Response
	if a.MatchedRule != b.MatchedRule || a.Summary != b.Summary || x.Status != y.Status || x.StatusText != y.StatusText ||
		x.Body != y.Body || len(x.Headers) != len(y.Headers) || (x.Error == nil) != (y.Error == nil) || x.Error != nil && *x.Error != *y.Error {
		return false
	}
	for i := range x.Headers {
		if x.Headers[i] != y.Headers[i] {
			return false
		}
	}
	return true
}

// recorder passes the browser's requests to eval and keeps them with the
// answers, for a memo.
type recorder struct {
	eval    browser.Evaluator
	asked   []browser.S3Request
	answers []browser.Answer
}

func (r *recorder) answer(q browser.S3Request) (browser.Answer, error) {
	a, err := r.eval(q)
	if err == nil {
		q.Headers = append([][2]string(nil), q.Headers...)
		r.asked = append(r.asked, q)
		r.answers = append(r.answers, a)
	}
	return a, err
}

// deciding is the exchange whose answer decided the verdict: the preflight
// when the browser stopped there, else the actual request.
func deciding(v *browser.Verdict) *browser.Exchange {
	if v.Preflight.Sent && !v.Preflight.OK {
		return &v.Preflight.Exchange
	}
	return &v.Actual
}

func verdictWord(allowed bool) string {
	if allowed {
		return "allowed"
	}
	return "blocked"
}

func sentWord(sent bool) string {
	if sent {
		return "a preflight"
	}
	return "no preflight"
}

// preflightWhy says why a preflight is sent (or that nothing needs one).
func preflightWhy(v *browser.Verdict) string {
	if !v.Preflight.Sent {
		if !v.CORS {
			return " (not a CORS request)"
		}
		return " (" + v.Request.Method + " with safelisted headers only)"
	}
	var why []string
	for _, r := range v.Preflight.Reasons {
		why = append(why, r.Why)
	}
	return " (" + strings.Join(why, "; ") + ")"
}

// blockedHow is the verdict in a few words: "allowed", or where and why the
// browser blocked it, in the engine's words for the failed check.
func blockedHow(v *browser.Verdict) string {
	if v.Allowed {
		return "allowed"
	}
	f := v.Failure
	if f == nil {
		if v.Opaque {
			return "an opaque response (mode no-cors: the script cannot read it)"
		}
		return "blocked"
	}
	s := "blocked"
	switch f.Stage {
	case "preflight":
		s += " at the preflight"
	case "actual":
		s += " on the response"
	case "request":
		s += " before anything is sent"
	}
	x := deciding(v)
	if x.Response != nil && f.Stage != "request" {
		s += " (S3 answered " + strconv.Itoa(x.Response.Status) + ")"
	}
	for _, c := range x.Checks {
		if !c.OK {
			return s + ": " + strings.TrimSuffix(c.Detail, ".")
		}
	}
	return s
}

// closestIn finds S3's closest-rule sentence in an evaluation's summary
// ("Closest: rule 2 — …", package s3's explanation), and the rule it
// names.
func closestIn(summary string) (string, *int) {
	const lead = "Closest: rule "
	i := strings.Index(summary, lead)
	if i < 0 {
		return "", nil
	}
	s := strings.TrimSuffix(summary[i:], ".")
	digits := len(lead)
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	n, err := strconv.Atoi(s[len(lead):digits])
	if err != nil || n < 1 {
		return s, nil
	}
	n--
	return s, &n
}

func hasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Reason is a failed test in one line, in corsplay's words: each failed
// check, then the rule that matched or came closest. "" for a passed test.
func (res *Result) Reason() string {
	return res.ReasonIn(nil)
}

// ClosestIn is Closest with the rule's place in places after its
// number: "Closest: rule 2 (template.yaml:13:13, MediaBucket) — origin not allowed".
func (res *Result) ClosestIn(places []RulePlace) string {
	c := res.Closest
	if p, ok := placeOf(places, res.ClosestRule); ok {
		n := "Closest: rule " + strconv.Itoa(*res.ClosestRule+1)
		if strings.HasPrefix(c, n) {
			c = n + " (" + p.String() + ")" + c[len(n):]
		}
	}
	return c
}

// ReasonIn is Reason with the matched or closest rule's place in places
// after its number: "Rule 1 (main.tf:12:3, aws_s3_bucket_cors_configuration.uploads) matched".
func (res *Result) ReasonIn(places []RulePlace) string {
	if res.Passed {
		return ""
	}
	if res.Error != "" {
		return "cannot run: " + res.Error
	}
	parts := make([]string, 0, len(res.Failures)+1)
	for _, f := range res.Failures {
		parts = append(parts, f.Text())
	}
	s := strings.Join(parts, "; ")
	switch {
	case res.Closest != "":
		s += ". " + res.ClosestIn(places)
	case res.MatchedRule != nil:
		s += ". Rule " + strconv.Itoa(*res.MatchedRule+1)
		if p, ok := placeOf(places, res.MatchedRule); ok {
			s += " (" + p.String() + ")"
		}
		s += " matched"
	}
	return s
}
