package s3

import (
	"strconv"
	"strings"
)

// explain says, for every rule, whether its origin, method and each
// requested header matched, and why not. matched is the rule S3 chose (-1
// for none); rules after it are marked Skipped, with whether they would have
// matched, since a shadowed rule is a common surprise.
//
// brief leaves out each field's Check (Origin, Method, Headers): every rule
// still gets its verdict and its one-line Reason, which depend only on
// which fields matched. Building the per-field sentences is most of an
// evaluation's cost on a large configuration, and the page asks for them
// only once typing pauses.
func explain(rs *Rules, origin, method, acrh string, hasACRH bool, matched int, brief bool) []RuleVerdict {
	out := make([]RuleVerdict, 0, len(rs.list))
	reqNames := names(acrh)
	var why []string
	for i := range rs.list {
		var v RuleVerdict
		v, why = verdict(&rs.list[i], origin, method, reqNames, hasACRH, matched, brief, why[:0])
		out = append(out, v)
	}
	return out
}

// verdict explains one rule (see explain); why is scratch space.
func verdict(r *rule, origin, method string, reqNames []string, hasACRH bool, matched int, brief bool, why []string) (RuleVerdict, []string) {
	v := RuleVerdict{Index: r.index, ID: r.id}
	if brief {
		v.originOK = r.originOK(origin) >= 0
		v.methodOK = r.methodOK(method)
	} else {
		v.Origin = explainOrigin(r, origin)
		v.Method = explainMethod(r, method)
		v.originOK, v.methodOK = v.Origin.OK, v.Method.OK
		v.Headers = []HeaderCheck{}
	}
	if !v.originOK {
		why = append(why, "origin not allowed")
	}
	if !v.methodOK {
		why = append(why, "method "+method+" not allowed")
	}
	allHeaders := true
	for _, n := range reqNames {
		var ok bool
		if brief {
			ok = r.headerOK(n) >= 0
		} else {
			h := explainHeader(r, n)
			ok = h.OK
			v.Headers = append(v.Headers, h)
		}
		if !ok {
			allHeaders = false
			why = append(why, "header "+n+" not allowed")
		}
	}
	v.Would = v.originOK && v.methodOK && allHeaders
	v.Matched = r.index == matched
	v.Skipped = matched >= 0 && r.index > matched
	switch {
	case v.Matched:
		v.Reason = "Matches: origin, method and every requested header are allowed. S3 uses this rule."
		if !hasACRH || len(reqNames) == 0 {
			v.Reason = "Matches: origin and method are allowed (no headers were requested). S3 uses this rule."
		}
	case v.Skipped && v.Would:
		v.Reason = "Not reached: rule " + strconv.Itoa(matched+1) + " matched first. This rule would match too, so it is shadowed for this request (its ExposeHeader and MaxAgeSeconds do not apply)."
	case v.Skipped:
		v.Reason = "Not reached: rule " + strconv.Itoa(matched+1) + " matched first. It would not match anyway: " + strings.Join(why, "; ") + "."
	case v.Would:
		// Matching rule not chosen: only when S3 stopped before rules.
		v.Reason = "Would match, but S3 did not get as far as trying rules."
	default:
		v.Reason = "No match: " + strings.Join(why, "; ") + "."
	}
	return v, why
}

// rulesFor explains every rule, or none for a quiet request (see
// Request.Quiet), and returns the closest-rule sentence for a request no
// rule matched.
func rulesFor(rs *Rules, req Request, origin, method, acrh string, hasACRH bool, matched int) ([]RuleVerdict, string) {
	if !req.Quiet {
		vs := explain(rs, origin, method, acrh, hasACRH, matched, req.Brief)
		return vs, closest(vs)
	}
	// closest without explaining every rule: the same choice, the first
	// rule with the best score, explained alone.
	best, score := -1, -1
	for i := range rs.list {
		r := &rs.list[i]
		s := 0
		if r.originOK(origin) >= 0 {
			s += 2
		}
		if r.methodOK(method) {
			s++
		}
		if s > score {
			best, score = i, s
		}
	}
	if best < 0 {
		return []RuleVerdict{}, ""
	}
	v, _ := verdict(&rs.list[best], origin, method, names(acrh), hasACRH, matched, true, nil)
	return []RuleVerdict{}, closest([]RuleVerdict{v})
}

func explainOrigin(r *rule, origin string) Check {
	c := Check{Value: origin}
	if len(r.origins) == 0 {
		c.Reason = "The rule has no AllowedOrigin, so it allows no origin."
		return c
	}
	if i := r.originOK(origin); i >= 0 {
		p := r.origins[i]
		c.OK, c.Pattern = true, p
		switch {
		case p == "*":
			c.Reason = `AllowedOrigin "*" allows every origin. S3 answers Access-Control-Allow-Origin: * and no Allow-Credentials.`
		case strings.Count(p, "*") == 1:
			star := strings.IndexByte(p, '*')
			mid := origin[star : len(origin)-(len(p)-star-1)]
			c.Reason = quote(origin) + ` matches AllowedOrigin ` + quote(p) + ` (the * stands for ` + quote(mid) + `). S3 echoes the request's Origin.`
		case strings.Contains(p, "*"):
			c.Reason = quote(origin) + ` matches AllowedOrigin ` + quote(p) + ` (S3 would refuse a pattern with more than one *). S3 echoes the request's Origin.`
		default:
			c.Reason = quote(origin) + " equals AllowedOrigin " + quote(p) + "."
		}
		if r.anyOrigin && p != "*" {
			c.Reason += ` The rule also lists "*", so S3 answers Access-Control-Allow-Origin: *.`
		}
		return c
	}
	best, hint := r.origins[0], ""
	for _, p := range r.origins {
		if h := originHint(p, origin); h != "" {
			best, hint = p, h
			break
		}
	}
	c.Pattern = best
	// The usual case, no near miss, is written in one piece: it is the
	// sentence of every rule that does not match.
	var b strings.Builder
	b.Grow(len(origin) + len(hint) + 40 + listLen(r.origins))
	b.WriteString(quote(origin))
	b.WriteString(" is not allowed: ")
	switch {
	case hint != "":
		b.WriteString(hint)
	case len(r.origins) > 1:
		b.WriteString("it matches none of ")
		writeList(&b, r.origins)
	default:
		b.WriteString("it is not equal to ")
		writeQuoted(&b, best)
	}
	b.WriteByte('.')
	c.Reason = b.String()
	return c
}

// originHint explains a near miss between pattern p and origin o, or says
// nothing when the two have little in common.
func originHint(p, o string) string {
	scheme := func(s string) (string, string) {
		if i := strings.Index(s, "://"); i >= 0 {
			return s[:i], s[i+3:]
		}
		return "", s
	}
	ps, prest := scheme(p)
	os, orest := scheme(o)
	switch {
	case strings.EqualFold(p, o):
		return "it differs from " + quote(p) + " only in letter case, and S3 compares origins exactly"
	case strings.HasSuffix(p, "/") && strings.TrimSuffix(p, "/") == o:
		return "AllowedOrigin " + quote(p) + " ends with \"/\", and a browser's Origin never does"
	case ps != "" && strings.Contains(prest, "/") && !strings.Contains(orest, "/") && glob(ps+"://"+prest[:strings.IndexByte(prest, '/')], o, false):
		return "AllowedOrigin " + quote(p) + " has a path, and an Origin is only scheme://host[:port]"
	case ps == "" && !strings.HasPrefix(p, "*") && os != "" && glob(p, orest, false):
		return "AllowedOrigin " + quote(p) + " has no scheme, and an Origin always has one (" + quote(os+"://"+p) + ")"
	case ps != "" && os != "" && ps != os && glob(prest, orest, false):
		return "the scheme differs: the rule allows " + ps + "://, the request comes from " + os + "://"
	case strings.Contains(p, "*."):
		apex := strings.Replace(p, "*.", "", 1)
		if apex == o {
			return "AllowedOrigin " + quote(p) + " needs something before the dot, so it does not cover " + quote(o) + " itself; list it as its own AllowedOrigin"
		}
	}
	if host, port, ok := cutPort(o); ok && (p == host || strings.HasPrefix(p, host+":")) {
		return "the port differs: " + quote(p) + " vs " + quote(o) + " (" + port + ")"
	}
	if host, _, ok := cutPort(p); ok && host == o {
		return "the port differs: " + quote(p) + " names a port that " + quote(o) + " does not have (a browser omits default ports)"
	}
	return ""
}

// cutPort splits "scheme://host:port" into "scheme://host" and the port.
func cutPort(s string) (string, string, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 || i < strings.Index(s, "://")+3 {
		return "", "", false
	}
	port := s[i+1:]
	if port == "" {
		return "", "", false
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	return s[:i], port, true
}

func explainMethod(r *rule, method string) Check {
	c := Check{Value: method}
	if len(r.methods) == 0 {
		c.Reason = "The rule has no AllowedMethod, so it allows no method."
		return c
	}
	if r.methodOK(method) {
		c.OK, c.Pattern = true, method
		c.Reason = method + " is one of the rule's AllowedMethod values (" + strings.Join(r.methods, ", ") + ")."
		return c
	}
	c.Reason = method + " is not among the rule's AllowedMethod values (" + strings.Join(r.methods, ", ") + ")."
	for _, m := range r.methods {
		if strings.EqualFold(m, method) {
			c.Reason += " Methods are compared exactly, in capitals."
			break
		}
	}
	return c
}

func explainHeader(r *rule, name string) HeaderCheck {
	h := HeaderCheck{Name: name}
	if len(r.headers) == 0 {
		h.Reason = "The rule has no AllowedHeader, so it allows no requested header."
		return h
	}
	if i := r.headerOK(name); i >= 0 {
		h.OK, h.Pattern = true, r.headers[i]
		switch p := r.headers[i]; {
		case p == "*":
			h.Reason = `Allowed by AllowedHeader "*".`
		case strings.Contains(p, "*"):
			h.Reason = "Allowed by AllowedHeader " + quote(p) + "."
		default:
			h.Reason = "Allowed by AllowedHeader " + quote(p) + " (names compare case-insensitively)."
		}
		return h
	}
	h.Reason = "Not matched by any AllowedHeader (" + strings.Join(r.headers, ", ") + ")."
	return h
}

// closest points at the rule that came nearest to matching.
func closest(vs []RuleVerdict) string {
	best, score := -1, -1
	for i, v := range vs {
		s := 0
		if v.originOK {
			s += 2
		}
		if v.methodOK {
			s++
		}
		if s > score {
			best, score = i, s
		}
	}
	if best < 0 {
		return ""
	}
	v := vs[best]
	return "Closest: rule " + strconv.Itoa(v.Index+1) + " — " + strings.TrimPrefix(v.Reason, "No match: ")
}

// listMost is how many patterns a list in a reason quotes: a reason is read
// by a person, and a rule may list dozens.
const listMost = 4

// writeList writes the first listMost patterns, quoted, and how many more.
func writeList(b *strings.Builder, ss []string) {
	for i, s := range ss {
		if i == listMost {
			b.WriteString(" and ")
			b.WriteString(strconv.Itoa(len(ss) - listMost))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		writeQuoted(b, s)
	}
}

// listLen is about the length writeList writes (exact for plain ASCII),
// to size a builder once.
func listLen(ss []string) int {
	n := 0
	for i, s := range ss {
		if i == listMost {
			return n + len(" and 000 more")
		}
		n += len(s) + len(`"", `)
	}
	return n
}

// writeQuoted writes quote(s) without making it first.
func writeQuoted(b *strings.Builder, s string) {
	if !plain(s) {
		b.WriteString(strconv.Quote(s))
		return
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// quote is strconv.Quote, without its cost for the usual plain ASCII.
func quote(s string) string {
	if !plain(s) {
		return strconv.Quote(s)
	}
	return `"` + s + `"`
}

// plain reports whether strconv.Quote would only add the quotes.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
