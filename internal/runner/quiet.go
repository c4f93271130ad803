package runner

import (
	"corsplay/internal/browser"
	"corsplay/internal/scenario"
)

// Prepare returns b's configuration prepared as Run prepares it: from the
// cache, from the text prepared last when b's differs from it inside one
// rule (an edit in the editor), or anew; b.Edit is applied first. Callers
// that ask many questions of one configuration (package expect's tests)
// use it with EvaluateQuiet and QuietEvaluator instead of Run.
func (r *Runner) Prepare(b scenario.Bucket) (*Prepared, *scenario.ErrorOut) {
	edited := b.Edit != nil
	if e := r.resolve(&b); e != nil {
		return nil, e
	}
	return r.prepared(b, edited), nil
}

// Parses says whether the configuration could be read: false only when
// there is one and it does not parse (or is too large), so that S3 would
// not have stored it and there are no rules to evaluate.
func (p *Prepared) Parses() bool { return !p.hasConfig || p.Rules != nil }

// EvaluateQuiet is Evaluate without each rule's verdict (Rules is empty):
// the response, the matched rule and the summary, which still names the
// rule that came closest, are the same, at a fraction of the cost on a
// large configuration. It returns nil when the configuration does not
// parse.
func (p *Prepared) EvaluateQuiet(r scenario.Request) (*scenario.EvaluationOut, error) {
	return p.evaluate(r, true, true)
}

// QuietEvaluator is Evaluator answering as EvaluateQuiet.
func (p *Prepared) QuietEvaluator() browser.Evaluator {
	return func(r browser.S3Request) (browser.Answer, error) {
		return (&evaluator{p: p, brief: true, quiet: true}).answer(r)
	}
}
