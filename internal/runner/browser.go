package runner

import (
	"corsplay/internal/scenario"
	"errors"
	"strconv"

	"corsplay/internal/browser"
	"corsplay/internal/fix"
)

// judgeFetch runs the browser verdict for in.Fetch against p: the browser
// package decides what the browser sends and how it judges S3's answers;
// p.Evaluate gives those answers, so the verdict and the raw evaluation
// cannot disagree about S3.
func (p *Prepared) judgeFetch(in scenario.Input, e *evaluator) (*browser.Verdict, error) {
	if p.hasConfig && p.Rules == nil {
		// The configuration does not parse: S3 would not have stored it,
		// and there are no rules to judge with (like evaluation: null).
		return nil, nil
	}
	return browser.Judge(e.answer, *in.Fetch, in.Browser)
}

// s3Evaluator answers one request the browser sends, as S3 does.
func (p *Prepared) s3Evaluator(r browser.S3Request) (browser.Answer, error) {
	return (&evaluator{p: p}).answer(r)
}

// answer is s3Evaluator through e.
func (e *evaluator) answer(r browser.S3Request) (browser.Answer, error) {
	ev, err := e.evaluate(scenario.Request{Method: r.Method, Target: r.Target, Headers: scenario.Headers(r.Headers), OperationStatus: r.OperationStatus})
	if err != nil {
		return browser.Answer{}, err
	}
	if ev == nil {
		return browser.Answer{}, errors.New("the configuration does not parse, so there is nothing to evaluate")
	}
	a := browser.Answer{MatchedRule: -1, Summary: ev.Summary, Explained: ev,
		Response: ev.Response}
	if ev.MatchedRule != nil {
		a.MatchedRule = *ev.MatchedRule
	}
	return a, nil
}

// Evaluator is p as a browser.Evaluator: S3's answer to each request a
// browser sends (used by the real-Chromium test in e2e/fetch).
func (p *Prepared) Evaluator() browser.Evaluator { return p.s3Evaluator }

// fixFor asks package fix for the smallest configuration change that lets a
// blocked CORS fetch through (FixNeed). Nothing to fix when the bucket does
// not exist or the configuration does not parse.
func (p *Prepared) fixFor(in scenario.Input, v *browser.Verdict) *fix.Fix {
	need, ok := FixNeed(v)
	if !ok || !p.exists || p.hasConfig && p.Parsed == nil {
		return nil
	}
	var src []byte
	if in.Bucket.CORS != nil {
		src = []byte(*in.Bucket.CORS)
	}
	f := fix.Suggest(src, p.Parsed, need)
	if f == nil {
		return nil
	}
	return f.Compact(src, true)
}

// FixNeed is what a blocked CORS fetch needs from the configuration, as
// package fix takes it: the origin, the method, the headers the preflight
// lists (when there is one) and whether S3 must echo the origin. ok is
// false when there is nothing to fix: the fetch is allowed, never sent
// (the browser refuses it first), or not CORS.
func FixNeed(v *browser.Verdict) (need fix.Need, ok bool) {
	if v == nil || v.Allowed || !v.CORS || v.Failure == nil || v.Failure.Stage == "request" {
		return fix.Need{}, false
	}
	need = fix.Need{Origin: v.Request.Origin, Method: v.Request.Method, Credentials: v.Credentialed}
	if v.Preflight.Needed {
		need.Headers = v.UnsafeHeaders
	}
	return need, true
}

// caveat marks a verdict judged with a configuration S3 rejects: no bucket
// can have it, since PutBucketCors fails and the bucket keeps what it had.
// What the browser really does then depends on that earlier configuration,
// which corsplay cannot know; Reality says what happens in the one case it
// can judge, a bucket that had none.
func (p *Prepared) caveat(v *browser.Verdict, in scenario.Input) error {
	v.Hypothetical = true
	v.Summary = "Hypothetical: S3 rejects this configuration, so no bucket has it. If one did: " + v.Summary
	refused := "PutBucketCors fails"
	switch val := p.Validation; {
	case val.S3Error != nil:
		refused += " (" + strconv.Itoa(val.S3Error.Status) + " " + val.S3Error.Code + ")"
	case val.ClientError != nil && val.ClientError.Tool != "":
		refused = "the " + val.ClientError.Tool + " refuses to send it"
	}
	none := Prepare(scenario.Bucket{Exists: in.Bucket.Exists})
	w, err := browser.Judge(none.s3Evaluator, *in.Fetch, in.Browser)
	if err != nil {
		return err
	}
	v.Reality = "In reality " + refused + " and the bucket keeps the CORS configuration it had. " +
		"If it had none: " + w.Summary
	return nil
}
