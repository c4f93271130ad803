package synth

import (
	"strconv"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/expect"
	"corsplay/internal/header"
	"corsplay/internal/s3"
)

// yes answers every request as the most permissive S3 could: a rule that
// allows exactly what is asked, echoing the origin with credentials. A fetch
// this answer does not let through is blocked whatever the configuration;
// the requests the browser sends to it are the ones S3 will judge.
func yes(r browser.S3Request) (browser.Answer, error) {
	h := header.List(r.Headers)
	st := 200
	if r.Method != "OPTIONS" && r.OperationStatus != 0 {
		st = r.OperationStatus
	}
	resp := s3.Response{Status: st, StatusText: "OK"}
	if origin, ok := h.Get("Origin"); ok && origin != "" {
		m, ok := h.Get("Access-Control-Request-Method")
		if !ok {
			m = r.Method
		}
		resp.Headers = [][2]string{{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Methods", m}}
		if acrh, ok := h.Get("Access-Control-Request-Headers"); ok && acrh != "" {
			resp.Headers = append(resp.Headers, [2]string{"Access-Control-Allow-Headers", acrh})
		}
		resp.Headers = append(resp.Headers, [2]string{"Access-Control-Allow-Credentials", "true"}, [2]string{"Vary", s3.VaryValue})
	}
	return browser.Answer{Response: resp, MatchedRule: 0}, nil
}

// exchangeQuery is the query S3 matches for a request the browser sent.
func exchangeQuery(ex *browser.Exchange) (query, bool) {
	if ex == nil || !ex.Sent || ex.Request == nil {
		return query{}, false
	}
	h := header.List(ex.Request.Headers)
	origin, ok := h.Get("Origin")
	if !ok || origin == "" {
		return query{}, false
	}
	m := ex.Request.Method
	if acrm, ok := h.Get("Access-Control-Request-Method"); ok {
		m = acrm
	}
	acrh, _ := h.Get("Access-Control-Request-Headers")
	return newQuery(origin, m, acrh), true
}

// fromTest turns one test into wants, or says why it cannot hold whatever
// the configuration ("" when it may).
func fromTest(f *expect.File, i int) ([]*want, string) {
	t := &f.Tests[i]
	if t.Fetch != nil {
		return fromFetch(f, i)
	}
	if t.Request != nil {
		return fromRequest(f, i), ""
	}
	return nil, ""
}

func fromFetch(f *expect.File, i int) ([]*want, string) {
	t := &f.Tests[i]
	e := &t.Expect
	v, err := browser.Judge(yes, *t.Fetch, t.Browser)
	if err != nil {
		return nil, "" // the runner reports it; no configuration changes it
	}
	if e.Preflight != nil && *e.Preflight != v.Preflight.Needed {
		if v.Preflight.Needed {
			return nil, "the browser always sends a preflight for it (" + reasons(v.Preflight.Reasons) + ")"
		}
		return nil, "the browser never sends a preflight for it (a " + v.Request.Method + " without non-safelisted headers)"
	}
	allowed := e.Allowed
	if allowed == nil && len(e.Readable) > 0 {
		t := true
		allowed = &t
	}
	possible := v.Allowed && v.CORS && f.Exists && v.Request.Target.Kind != s3.TargetService
	if !v.CORS {
		// Same origin or no-cors: S3's CORS headers change nothing.
		return nil, ""
	}
	if allowed != nil && *allowed && !possible {
		why := "no S3 answer lets it through"
		switch {
		case !f.Exists:
			why = "the bucket does not exist, so S3 sends no CORS headers"
		case v.Request.Target.Kind == s3.TargetService:
			why = "it goes to the S3 endpoint itself, which no bucket's configuration covers"
		case v.Summary != "":
			why = v.Summary
		}
		return nil, why
	}
	if !possible {
		return nil, ""
	}
	pq, pre := exchangeQuery(&v.Preflight.Exchange)
	aq, act := exchangeQuery(&v.Actual)
	cred := v.Credentialed
	var ws []*want
	add := func(w *want, what string) {
		w.src = []source{{test: i, w: w, what: what}}
		ws = append(ws, w)
	}
	if allowed != nil && !*allowed {
		q, ok := aq, act
		if pre {
			q, ok = pq, pre
		}
		if ok {
			add(&want{q: q, kind: mustNot, orStar: cred}, "S3 to refuse "+q.words())
		}
		return ws, ""
	}
	present := append(append([]string{}, v.ReadableHeaders...), v.HiddenHeaders...)
	var expose, hide []string
	for _, h := range e.Readable {
		if !containsFold(present, h) {
			return nil, "S3's answer to this " + v.Request.Method + " has no " + h + " header to read"
		}
		if !safelisted(h) {
			expose = addFold(expose, h)
		}
	}
	for _, h := range e.NotReadable {
		if safelisted(h) && containsFold(present, h) && allowed != nil && *allowed {
			return nil, h + " is a CORS-safelisted response header: a script always reads it"
		}
		if !safelisted(h) && containsFold(present, h) {
			// A header S3 does not send is never readable.
			hide = addFold(hide, h)
		}
	}
	if allowed == nil {
		// Only notReadable: whatever the verdict, the actual request's rule
		// must not expose them.
		if act && len(hide) > 0 {
			add(&want{q: aq, kind: any, hide: hide}, "the "+v.Request.Method+" not to expose "+strings.Join(hide, ", "))
		}
		return ws, ""
	}
	if pre {
		add(&want{q: pq, kind: must, nonStar: cred}, "S3 to allow the preflight for "+pq.words()+credWords(cred))
	}
	if act {
		w := &want{q: aq, kind: must, nonStar: cred, expose: expose, hide: hide}
		what := "S3 to allow " + aq.words() + credWords(cred)
		if len(expose) > 0 {
			what += " and expose " + strings.Join(expose, ", ")
		}
		add(w, what)
	}
	return ws, ""
}

func credWords(cred bool) string {
	if cred {
		return " with credentials (a rule without *)"
	}
	return ""
}

func reasons(rs []browser.Reason) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Why)
	}
	return strings.Join(out, "; ")
}

// fromRequest: an S3-level test constrains the configuration only when S3
// consults it — an Origin, an existing bucket, not the service endpoint,
// and for a preflight a valid Access-Control-Request-Method.
func fromRequest(f *expect.File, i int) []*want {
	t := &f.Tests[i]
	r := t.Request
	h := header.List(r.Headers)
	origin, ok := h.Get("Origin")
	if !ok || origin == "" || !f.Exists || r.Target == s3.TargetService {
		return nil
	}
	acrm, hasACRM := h.Get("Access-Control-Request-Method")
	acrh, hasACRH := h.Get("Access-Control-Request-Headers")
	method := r.Method
	if r.Method == "OPTIONS" {
		if !hasACRM || !s3Method(acrm) {
			return nil
		}
	}
	if hasACRM {
		method = acrm
	}
	q := newQuery(origin, method, acrh)
	w := &want{q: q, kind: any}
	var what []string
	var yes, no, noCred bool // S3 must match; must not; no Allow-Credentials
	if r.Method == "OPTIONS" {
		switch t.Expect.Status {
		case 200:
			yes = true
			what = append(what, "status 200")
		case 403:
			no = true
			what = append(what, "status 403")
		}
	}
	for _, he := range t.Expect.Headers {
		val := he.Value
		switch strings.ToLower(he.Name) {
		case "access-control-allow-origin":
			if val == nil {
				no = true
				break
			}
			yes = true
			switch *val {
			case "*":
				w.star = true
			case origin:
				w.nonStar = true
			default:
				w.star, w.nonStar = true, true // S3 sends only these two
			}
		case "access-control-allow-credentials":
			if val == nil {
				noCred = true
				break
			}
			yes = true
			w.nonStar = true
			if *val != "true" {
				w.star = true
			}
		case "access-control-allow-methods":
			if val == nil {
				no = true
				break
			}
			yes = true
			l := splitList(*val)
			w.methodsExact = &l
		case "access-control-expose-headers":
			l := []string{}
			if val != nil {
				yes = true
				l = splitList(*val)
			}
			w.exposeExact = &l
		case "access-control-max-age":
			s := ""
			if val != nil {
				yes = true
				s = *val
			}
			w.maxAge = &s
		case "vary":
			if val == nil {
				no = true
			} else {
				yes = true
			}
		case "access-control-allow-headers":
			if !hasACRH || len(q.headers) == 0 {
				continue
			}
			if val == nil {
				no = true
			} else {
				yes = true
			}
		default:
			continue
		}
		v := "absent"
		if val != nil {
			v = strconv.Quote(*val)
		}
		what = append(what, he.Name+" "+v)
	}
	words := "S3 to answer " + q.words() + " with " + strings.Join(what, ", ")
	switch {
	case yes && no:
		// Contradicting checks within one test: two wants, which clash.
		w2 := &want{q: q, kind: mustNot}
		w.kind = must
		w.src = []source{{test: i, w: w, what: words}}
		w2.src = []source{{test: i, w: w2, what: words}}
		return []*want{w, w2}
	case yes:
		w.kind = must
		if noCred {
			w.star = true
		}
	case no:
		w.kind = mustNot
	case noCred:
		w.kind, w.orStar = mustNot, true
	case w.exposeExact == nil && w.maxAge == nil:
		return nil
	}
	w.src = []source{{test: i, w: w, what: words}}
	return []*want{w}
}

func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.Trim(p, " \t"); p != "" {
			out = append(out, p)
		}
	}
	return out
}
