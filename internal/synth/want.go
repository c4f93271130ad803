package synth

import (
	"sort"
	"strings"

	"corsplay/internal/fix"
)

// query is one request as S3 matches it against rules: the Origin, the
// method (Access-Control-Request-Method when present) and the requested
// header names (lower case, sorted, each once).
type query struct {
	origin, method string
	headers        []string
}

func (q query) key() string {
	return q.origin + "\x00" + q.method + "\x00" + strings.Join(q.headers, ",")
}

// words describes q for conflict messages.
func (q query) words() string {
	s := q.method + " from " + q.origin
	if len(q.headers) > 0 {
		s += " with " + strings.Join(q.headers, ", ")
	}
	return s
}

func newQuery(origin, method, acrh string) query {
	q := query{origin: origin, method: method}
	for _, h := range strings.Split(acrh, ",") {
		h = strings.ToLower(strings.Trim(h, " \t"))
		if h != "" && !contains(q.headers, h) {
			q.headers = append(q.headers, h)
		}
	}
	sort.Strings(q.headers)
	return q
}

// Whether S3 must match a query.
const (
	any     = iota // either; the props hold when it matches
	must           // some rule matches, and the first one has the props
	mustNot        // no rule matches (or, with orStar, the first is a "*" rule)
)

// want is what the tests need of S3's answer to one query. A want made from
// several tests (same query) holds all their needs; src says which test
// gave which, for conflict messages.
type want struct {
	q    query
	kind int
	// orStar (mustNot only): a first match by a rule listing "*" is fine,
	// since a credentialed browser refuses its Access-Control-Allow-Origin: *.
	orStar bool
	// The first matching rule's props.
	star, nonStar bool
	expose        []string  // must be exposed (names compare case-insensitively)
	hide          []string  // must not be exposed
	exposeExact   *[]string // Access-Control-Expose-Headers exactly (nil: any)
	methodsExact  *[]string // Access-Control-Allow-Methods exactly
	maxAge        *string   // Access-Control-Max-Age exactly ("" absent)
	src           []source
}

// source is one test's need, as merged into a want.
type source struct {
	test int
	w    *want // the single test's want, before merging
	what string
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func addFold(l []string, vs ...string) []string {
	for _, v := range vs {
		if !containsFold(l, v) {
			l = append(l, v)
		}
	}
	return l
}

func sameFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clash says why two wants on the same query cannot both hold, or "".
func clash(a, b *want) string {
	for i := 0; i < 2; i++ {
		if a.kind == must && b.kind == mustNot {
			if !b.orStar {
				return "S3 must allow it for one and refuse it for the other"
			}
			if a.nonStar {
				return "one needs S3 to echo the origin (a rule without *), the other is blocked only when S3 answers Access-Control-Allow-Origin: * (a rule listing *)"
			}
		}
		a, b = b, a
	}
	if (a.star && b.nonStar) || (a.nonStar && b.star) {
		return "one needs Access-Control-Allow-Origin: * (a rule listing *) and the other needs S3 to echo the origin (credentials)"
	}
	for i := 0; i < 2; i++ {
		for _, h := range a.expose {
			if containsFold(b.hide, h) {
				return "one needs " + h + " readable and the other needs it hidden"
			}
			if b.exposeExact != nil && !containsFold(*b.exposeExact, h) {
				return "one needs " + h + " exposed and the other expects Access-Control-Expose-Headers without it"
			}
		}
		if a.exposeExact != nil {
			for _, h := range *a.exposeExact {
				if containsFold(b.hide, h) {
					return "one expects Access-Control-Expose-Headers with " + h + " and the other needs " + h + " hidden"
				}
			}
		}
		a, b = b, a
	}
	if a.exposeExact != nil && b.exposeExact != nil && !sameFold(*a.exposeExact, *b.exposeExact) {
		return "they expect different Access-Control-Expose-Headers"
	}
	if a.methodsExact != nil && b.methodsExact != nil && !same(*a.methodsExact, *b.methodsExact) {
		return "they expect different Access-Control-Allow-Methods"
	}
	if a.maxAge != nil && b.maxAge != nil && *a.maxAge != *b.maxAge {
		return "they expect different Access-Control-Max-Age"
	}
	return ""
}

// merge adds b's needs to a (same query); clash must have been "".
func merge(a, b *want) {
	switch {
	case a.kind == must || b.kind == must:
		a.kind = must
		if a.orStar || b.orStar {
			a.star = true // a must match blocked for credentials: only a * rule does both
		}
		a.orStar = false
	case a.kind == mustNot || b.kind == mustNot:
		a.orStar = (a.kind != mustNot || a.orStar) && (b.kind != mustNot || b.orStar)
		a.kind = mustNot
	}
	a.star = a.star || b.star
	a.nonStar = a.nonStar || b.nonStar
	a.expose = addFold(a.expose, b.expose...)
	a.hide = addFold(a.hide, b.hide...)
	if b.exposeExact != nil {
		a.exposeExact = b.exposeExact
	}
	if b.methodsExact != nil {
		a.methodsExact = b.methodsExact
	}
	if b.maxAge != nil {
		a.maxAge = b.maxAge
	}
	a.src = append(a.src, b.src...)
}

// alone says why a want cannot hold whatever the configuration, or "".
func alone(w *want) string {
	if w.kind != must {
		return ""
	}
	if !s3Method(w.q.method) {
		return "S3 allows only GET, PUT, HEAD, POST and DELETE, never " + w.q.method
	}
	if w.methodsExact != nil {
		if !contains(*w.methodsExact, w.q.method) {
			return "Access-Control-Allow-Methods lists the matched rule's methods, which include " + w.q.method
		}
		for _, m := range *w.methodsExact {
			if !s3Method(m) {
				return "a rule cannot list " + m + " in AllowedMethod"
			}
		}
	}
	ex := w.expose
	if w.exposeExact != nil {
		ex = *w.exposeExact
	}
	for _, h := range ex {
		if strings.Contains(h, "*") {
			return "S3 does not accept a wildcard in ExposeHeader (" + h + ")"
		}
	}
	if w.maxAge != nil && *w.maxAge != "" {
		if n, err := parseMaxAge(*w.maxAge); err != nil || n < 0 || itoa(n) != *w.maxAge {
			return "Access-Control-Max-Age " + *w.maxAge + " is not a value S3 sends"
		}
	}
	return ""
}

func s3Method(m string) bool {
	switch m {
	case "GET", "PUT", "HEAD", "POST", "DELETE":
		return true
	}
	return false
}

// methodOrder is the order synthesized rules list methods in.
var methodOrder = []string{"GET", "HEAD", "PUT", "POST", "DELETE"}

func safelisted(name string) bool { return fix.SafelistedResponse(name) }
