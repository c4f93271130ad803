package s3

import (
	"strconv"
	"strings"

	"corsplay/internal/config"
)

// Rules is a configuration normalised for matching.
type Rules struct {
	list []rule
}

type rule struct {
	index   int
	id      string
	origins []string  // as configured; matched case-sensitively
	methods []string  // as configured; matched exactly
	headers []string  // as configured; matched case-insensitively
	op, hp  []pattern // origins and headers, split at their '*' once
	// anyOrigin is true when "*" is one of the origins: S3 then answers
	// Access-Control-Allow-Origin: * and no Allow-Credentials, whichever
	// pattern matched. Not recorded against S3 for mixed rules; it is what
	// LocalStack does and what S3's own documentation examples imply.
	anyOrigin bool
	// Response header values, computed once.
	allowMethods, expose, maxAge string
}

// Compile normalises cfg. Rules that S3 would reject are compiled as
// written, so that a configuration being edited can still be evaluated
// (hypothetically): a rule without origins or methods never matches, and a
// pattern with several '*' matches as a glob.
func Compile(cfg *config.Config) *Rules {
	rs := &Rules{list: make([]rule, 0, len(cfg.Rules))}
	for i := range cfg.Rules {
		rs.list = append(rs.list, compileRule(&cfg.Rules[i]))
	}
	return rs
}

// Recompile is Compile for cfg when it differs from the configuration rs
// was compiled from only in rule k (see config.Reparse): the other rules
// are reused as they are. Like config.Reparse, it takes rs over: rs is the
// result, with rule k replaced, and the caller must drop its old meaning.
func (rs *Rules) Recompile(cfg *config.Config, k int) *Rules {
	if len(cfg.Rules) != len(rs.list) || k < 0 || k >= len(rs.list) {
		return Compile(cfg)
	}
	rs.list[k] = compileRule(&cfg.Rules[k])
	return rs
}

func compileRule(cr *config.Rule) rule {
	r := rule{index: cr.Index, id: cr.ID()}
	// One allocation for the lists of strings and one for the two of
	// patterns, each list capped at its length: Compile runs for every
	// rule of a configuration, and a 100-rule one made 500 small slices.
	no, nm, nh, ne := 0, 0, 0, 0
	for _, v := range cr.Values {
		switch v.Field {
		case config.FieldAllowedOrigin:
			no++
		case config.FieldAllowedMethod:
			nm++
		case config.FieldAllowedHeader:
			nh++
		case config.FieldExposeHeader:
			ne++
		}
	}
	strs := make([]string, 0, no+nm+nh+ne)
	r.origins, r.methods, r.headers = strs[0:0:no], strs[no:no:no+nm], strs[no+nm:no+nm:no+nm+nh]
	expose := strs[no+nm+nh : no+nm+nh : no+nm+nh+ne]
	pats := make([]pattern, 0, no+nh)
	r.op, r.hp = pats[0:0:no], pats[no:no:no+nh]
	for _, v := range cr.Values {
		switch v.Field {
		case config.FieldAllowedOrigin:
			r.origins = append(r.origins, v.Text)
			if v.Text == "*" {
				r.anyOrigin = true
			}
		case config.FieldAllowedMethod:
			r.methods = append(r.methods, v.Text)
		case config.FieldAllowedHeader:
			r.headers = append(r.headers, v.Text)
		case config.FieldExposeHeader:
			expose = append(expose, v.Text)
		}
	}
	for _, o := range r.origins {
		r.op = append(r.op, newPattern(o))
	}
	for _, h := range r.headers {
		r.hp = append(r.hp, newPattern(h))
	}
	r.allowMethods = strings.Join(r.methods, ", ")
	r.expose = strings.Join(expose, ", ")
	if n, ok := cr.MaxAge(); ok {
		r.maxAge = strconv.Itoa(n)
	}
	return r
}

// Len is the number of rules.
func (rs *Rules) Len() int { return len(rs.list) }

// Match returns the index of the first rule that allows origin, method and
// every name in requestHeaders (an Access-Control-Request-Headers value; ""
// means none), or -1. It does not allocate.
func (rs *Rules) Match(origin, method, requestHeaders string) int {
	for i := range rs.list {
		r := &rs.list[i]
		if r.originOK(origin) >= 0 && r.methodOK(method) && r.headersOK(requestHeaders) {
			return r.index
		}
	}
	return -1
}

// originOK returns the index of the first AllowedOrigin matching origin.
func (r *rule) originOK(origin string) int {
	for i := range r.op {
		if r.op[i].match(origin, false) {
			return i
		}
	}
	return -1
}

func (r *rule) methodOK(method string) bool {
	for _, m := range r.methods {
		if m == method {
			return true
		}
	}
	return false
}

// headersOK reports whether every listed name matches an AllowedHeader.
func (r *rule) headersOK(list string) bool {
	ok := true
	eachName(list, func(name string) bool {
		if r.headerOK(name) < 0 {
			ok = false
		}
		return ok
	})
	return ok
}

func (r *rule) headerOK(name string) int {
	for i := range r.hp {
		if r.hp[i].match(name, true) {
			return i
		}
	}
	return -1
}

// eachName calls f with each name of a comma-separated header list, trimmed
// of spaces and tabs, skipping empty items (S3 ignores them), until f
// returns false.
func eachName(list string, f func(string) bool) {
	for len(list) > 0 {
		item := list
		if i := strings.IndexByte(list, ','); i >= 0 {
			item, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		item = strings.Trim(item, " \t")
		if item == "" {
			continue
		}
		if !f(item) {
			return
		}
	}
}

// names splits a header list as eachName does, lower-casing each name the
// way S3 echoes them.
func names(list string) []string {
	var out []string
	eachName(list, func(n string) bool {
		out = append(out, strings.ToLower(n))
		return true
	})
	return out
}

// pattern is an AllowedOrigin or AllowedHeader, normalised for matching:
// the text before and after its one '*'.
type pattern struct {
	raw            string
	prefix, suffix string
	stars          int
}

func newPattern(s string) pattern {
	p := pattern{raw: s, stars: strings.Count(s, "*")}
	if p.stars == 1 {
		i := strings.IndexByte(s, '*')
		p.prefix, p.suffix = s[:i], s[i+1:]
	}
	return p
}

func (p *pattern) match(s string, fold bool) bool {
	switch p.stars {
	case 0:
		return eq(p.raw, s, fold)
	case 1:
		return len(s) >= len(p.prefix)+len(p.suffix) &&
			eq(p.prefix, s[:len(p.prefix)], fold) && eq(p.suffix, s[len(s)-len(p.suffix):], fold)
	}
	return glob(p.raw, s, fold)
}

// glob matches s against a pattern whose '*' stands for any run of
// characters, possibly empty, anchored at both ends. S3 allows one '*' per
// pattern; more are matched too so that a rejected configuration can still
// be explored. fold makes the comparison ASCII case-insensitive.
func glob(p, s string, fold bool) bool {
	star := strings.IndexByte(p, '*')
	if star < 0 {
		return eq(p, s, fold)
	}
	prefix := p[:star]
	if len(s) < len(prefix) || !eq(prefix, s[:len(prefix)], fold) {
		return false
	}
	s, p = s[len(prefix):], p[star+1:]
	// Each further segment must appear in order; the last must end s.
	for {
		star = strings.IndexByte(p, '*')
		if star < 0 {
			return len(s) >= len(p) && eq(p, s[len(s)-len(p):], fold)
		}
		seg := p[:star]
		i := index(s, seg, fold)
		if i < 0 {
			return false
		}
		s, p = s[i+len(seg):], p[star+1:]
	}
}

func eq(a, b string, fold bool) bool {
	if fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func index(s, sub string, fold bool) int {
	if !fold {
		return strings.Index(s, sub)
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
