package paste

import "strings"

// The messages are matched by hand instead of with package regexp, which
// the WebAssembly engine does not link (docs/architecture.md, "Stand-ins
// for the standard library"). Each matcher returns what regexp's FindStringSubmatch would for the pattern
// in its comment — the whole match, then each group, "" for a group that
// did not take part — and match_test.go checks that against the regexp on
// the test messages and in a fuzz target.

// isSpace is regexp's \s: [\t\n\f\r ].
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// run is the length of the run of \S bytes at the start of s.
func run(s string) int {
	i := 0
	for i < len(s) && !isSpace(s[i]) {
		i++
	}
	return i
}

// digits is the length of the run of ASCII digits at the start of s.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// quoted matches '([^']*)'.
func quoted(s string) []string {
	i := strings.IndexByte(s, '\'')
	if i < 0 {
		return nil
	}
	j := strings.IndexByte(s[i+1:], '\'')
	if j < 0 {
		return nil
	}
	return []string{s[i : i+j+2], s[i+1 : i+1+j]}
}

// quotedAll is FindAllStringSubmatch(s, -1) for '([^']*)'.
func quotedAll(s string) [][]string {
	var out [][]string
	for {
		q := quoted(s)
		if q == nil {
			return out
		}
		out = append(out, q)
		i := strings.Index(s, q[0])
		s = s[i+len(q[0]):]
	}
}

// tokenThen matches PREFIX(\S+)SUFFIX at the leftmost place: the token
// cannot hold a space, so it is the whole run after PREFIX.
func tokenThen(s, prefix, suffix string) []string {
	for off := 0; ; {
		i := strings.Index(s[off:], prefix)
		if i < 0 {
			return nil
		}
		p := off + i + len(prefix)
		if n := run(s[p:]); n > 0 && strings.HasPrefix(s[p+n:], suffix) {
			return []string{s[off+i : p+n+len(suffix)], s[p : p+n]}
		}
		off += i + 1
	}
}

// safStatus matches `Status code: (\d+)`.
func safStatus(s string) []string {
	const prefix = "Status code: "
	for off := 0; ; {
		i := strings.Index(s[off:], prefix)
		if i < 0 {
			return nil
		}
		p := off + i + len(prefix)
		if n := digits(s[p:]); n > 0 {
			return []string{s[off+i : p+n], s[p : p+n]}
		}
		off += i + 1
	}
}

// safHeader matches `Request header field (\S+) is not allowed by Access-Control-Allow-Headers`.
func safHeader(s string) []string {
	return tokenThen(s, "Request header field ", " is not allowed by Access-Control-Allow-Headers")
}

// safMethod matches `Method (\S+) is not allowed by Access-Control-Allow-Methods`.
func safMethod(s string) []string {
	return tokenThen(s, "Method ", " is not allowed by Access-Control-Allow-Methods")
}

// safOrigin matches `Origin (\S+) is not allowed by Access-Control-Allow-Origin\.?(?: Status code: (\d+))?`.
func safOrigin(s string) []string {
	m := tokenThen(s, "Origin ", " is not allowed by Access-Control-Allow-Origin")
	if m == nil {
		return nil
	}
	start := strings.Index(s, m[0])
	end := start + len(m[0])
	if end < len(s) && s[end] == '.' {
		end++
	}
	status := ""
	if rest := s[end:]; strings.HasPrefix(rest, " Status code: ") {
		if n := digits(rest[14:]); n > 0 {
			status = rest[14 : 14+n]
			end += 14 + n
		}
	}
	return []string{s[start:end], m[1], status}
}

// safLoad matches `(Fetch API|XMLHttpRequest) cannot load (\S+?)\.? due to access control checks`.
func safLoad(s string) []string {
	const suffix = " due to access control checks"
	for p := 0; p < len(s); p++ {
		var what string
		switch {
		case strings.HasPrefix(s[p:], "Fetch API cannot load "):
			what = "Fetch API"
		case strings.HasPrefix(s[p:], "XMLHttpRequest cannot load "):
			what = "XMLHttpRequest"
		default:
			continue
		}
		q := p + len(what) + len(" cannot load ")
		if tok, end := lazyToken(s, q, "."+suffix, suffix); end >= 0 {
			return []string{s[p:end], what, tok}
		}
	}
	return nil
}

// lazyToken matches (\S+?) at q followed by withDot or else plain (two
// spellings of what follows, preferred in that order), the token as short
// as possible. It returns the token and the end of the match, or -1.
func lazyToken(s string, q int, withDot, plain string) (string, int) {
	n := run(s[q:])
	for k := 1; k <= n; k++ {
		if strings.HasPrefix(s[q+k:], withDot) {
			return s[q : q+k], q + k + len(withDot)
		}
		if strings.HasPrefix(s[q+k:], plain) {
			return s[q : q+k], q + k + len(plain)
		}
	}
	return "", -1
}

// chromeMatch matches, in a line without "\n",
// `Access to (.+?) at '([^']*)' (?:\(redirected from '([^']*)'\) )?from origin '([^']*)' has been blocked by CORS policy: (.*)`.
func chromeMatch(s string) []string {
	for off := 0; ; {
		i := strings.Index(s[off:], "Access to ")
		if i < 0 {
			return nil
		}
		p := off + i
		kindStart := p + len("Access to ")
		for k := kindStart + 1; k <= len(s); {
			j := strings.Index(s[k:], " at '")
			if j < 0 {
				break
			}
			at := k + j
			if m := chromeAfter(s, at+len(" at '")); m != nil {
				return append([]string{s[p:len(s)], s[kindStart:at]}, m...)
			}
			k = at + 1
		}
		off = p + 1
	}
}

// chromeAfter matches `([^']*)' (?:\(redirected from '([^']*)'\) )?from origin '([^']*)' has been blocked by CORS policy: (.*)` at q.
func chromeAfter(s string, q int) []string {
	j := strings.IndexByte(s[q:], '\'')
	if j < 0 || !strings.HasPrefix(s[q+j:], "' ") {
		return nil
	}
	url := s[q : q+j]
	r := q + j + 2
	const redir = "(redirected from '"
	if strings.HasPrefix(s[r:], redir) {
		a := r + len(redir)
		if e := strings.IndexByte(s[a:], '\''); e >= 0 && strings.HasPrefix(s[a+e:], "') ") {
			if m := fromOrigin(s, a+e+3); m != nil {
				return append([]string{url, s[a : a+e]}, m...)
			}
		}
	}
	if m := fromOrigin(s, r); m != nil {
		return append([]string{url, ""}, m...)
	}
	return nil
}

// fromOrigin matches `from origin '([^']*)' has been blocked by CORS policy: (.*)` at r.
func fromOrigin(s string, r int) []string {
	const from = "from origin '"
	if !strings.HasPrefix(s[r:], from) {
		return nil
	}
	a := r + len(from)
	e := strings.IndexByte(s[a:], '\'')
	const blocked = "' has been blocked by CORS policy: "
	if e < 0 || !strings.HasPrefix(s[a+e:], blocked) {
		return nil
	}
	return []string{s[a : a+e], s[a+e+len(blocked):]}
}

// oldPrefix matches `(?:(XMLHttpRequest|Fetch API) cannot load (\S+?)\.? |Failed to load (\S+?): )`
// at p, the token as short as possible with tail matching after it. It
// returns groups 1–3 and the end, or end -1.
func oldPrefix(s string, p int, tail func(int) bool) (g [3]string, end int) {
	for _, what := range []string{"XMLHttpRequest", "Fetch API"} {
		if !strings.HasPrefix(s[p:], what+" cannot load ") {
			continue
		}
		q := p + len(what) + len(" cannot load ")
		n := run(s[q:])
		for k := 1; k <= n; k++ {
			for _, sep := range []string{". ", " "} {
				if strings.HasPrefix(s[q+k:], sep) && tail(q+k+len(sep)) {
					return [3]string{what, s[q : q+k], ""}, q + k + len(sep)
				}
			}
		}
	}
	if strings.HasPrefix(s[p:], "Failed to load ") {
		q := p + len("Failed to load ")
		n := run(s[q:])
		for k := 1; k <= n; k++ {
			if strings.HasPrefix(s[q+k:], ": ") && tail(q+k+2) {
				return [3]string{"", "", s[q : q+k]}, q + k + 2
			}
		}
	}
	return g, -1
}

// oldMatch matches, in a line without "\n",
// `(?:(XMLHttpRequest|Fetch API) cannot load (\S+?)\.? |Failed to load (\S+?): )?(.*?)\s*Origin '([^']*)' is therefore not allowed access\.(?: The response had HTTP status code (\d+)\.)?`.
func oldMatch(s string) []string {
	// rest finds the (.*?) end from a: \s* then the fixed part must match
	// at an "Origin '"; the first such place that matches gives the
	// shortest (.*?), ending where the whitespace before it starts.
	rest := func(a int) []string {
		for o := a; ; o++ {
			i := strings.Index(s[o:], "Origin '")
			if i < 0 {
				return nil
			}
			o += i
			if m := oldTail(s, o); m != nil {
				e := o - trailingSpace(s[a:o])
				return append([]string{s[a:e]}, m...)
			}
		}
	}
	// Without "\n" a match exists at 0 when any does: (.*?) absorbs the rest.
	g, end := oldPrefix(s, 0, func(a int) bool { return rest(a) != nil })
	a := 0
	if end >= 0 {
		a = end
	}
	m := rest(a)
	if m == nil {
		return nil
	}
	full := s[:len(s)-len(m[len(m)-1])]
	return []string{full, g[0], g[1], g[2], m[0], m[1], m[2]}
}

// trailingSpace is the number of whitespace bytes at the end of s.
func trailingSpace(s string) int {
	n := 0
	for n < len(s) && isSpace(s[len(s)-1-n]) {
		n++
	}
	return n
}

// oldTail matches `Origin '([^']*)' is therefore not allowed access\.(?: The response had HTTP status code (\d+)\.)?`
// at b; it returns the origin, the status and what follows the match.
func oldTail(s string, b int) []string {
	const o = "Origin '"
	if !strings.HasPrefix(s[b:], o) {
		return nil
	}
	a := b + len(o)
	e := strings.IndexByte(s[a:], '\'')
	const therefore = "' is therefore not allowed access."
	if e < 0 || !strings.HasPrefix(s[a+e:], therefore) {
		return nil
	}
	end := a + e + len(therefore)
	status := ""
	const had = " The response had HTTP status code "
	if strings.HasPrefix(s[end:], had) {
		if n := digits(s[end+len(had):]); n > 0 && strings.HasPrefix(s[end+len(had)+n:], ".") {
			status = s[end+len(had) : end+len(had)+n]
			end += len(had) + n + 1
		}
	}
	return []string{s[a : a+e], status, s[end:]}
}

// oldPreMatch matches
// `(?:(XMLHttpRequest|Fetch API) cannot load (\S+?)\.? |Failed to load (\S+?): )?Response for preflight (?:is invalid \(redirect\)|has invalid HTTP status code (\d+))`.
func oldPreMatch(s string) []string {
	for p := 0; p < len(s); p++ {
		switch s[p] {
		case 'X', 'F', 'R':
		default:
			continue
		}
		var status string
		var tailEnd int
		tail := func(a int) bool {
			st, e := preTail(s, a)
			status, tailEnd = st, e
			return e >= 0
		}
		g, end := oldPrefix(s, p, tail)
		if end < 0 && !tail(p) {
			continue
		}
		return []string{s[p:tailEnd], g[0], g[1], g[2], status}
	}
	return nil
}

// preTail matches `Response for preflight (?:is invalid \(redirect\)|has invalid HTTP status code (\d+))` at a.
func preTail(s string, a int) (string, int) {
	const rfp = "Response for preflight "
	if !strings.HasPrefix(s[a:], rfp) {
		return "", -1
	}
	a += len(rfp)
	if strings.HasPrefix(s[a:], "is invalid (redirect)") {
		return "", a + len("is invalid (redirect)")
	}
	const code = "has invalid HTTP status code "
	if strings.HasPrefix(s[a:], code) {
		if n := digits(s[a+len(code):]); n > 0 {
			return s[a+len(code) : a+len(code)+n], a + len(code) + n
		}
	}
	return "", -1
}

// foxMatch matches, in a line without "\n",
// `disallows reading the remote resource at '?(\S+?)'?\. \(Reason: (.*?)\)\.?(?: Status code: (\d+)\.?)?\s*(?:\[|$)`.
func foxMatch(s string) []string {
	const at = "disallows reading the remote resource at "
	for off := 0; ; {
		i := strings.Index(s[off:], at)
		if i < 0 {
			return nil
		}
		p := off + i
		q := p + len(at)
		starts := []int{q}
		if strings.HasPrefix(s[q:], "'") {
			starts = []int{q + 1, q}
		}
		for _, t := range starts {
			n := run(s[t:])
			for k := 1; k <= n; k++ {
				for _, sep := range []string{"'. (Reason: ", ". (Reason: "} {
					if !strings.HasPrefix(s[t+k:], sep) {
						continue
					}
					if rs, st, end := foxReason(s, t+k+len(sep)); end >= 0 {
						return []string{s[p:end], s[t : t+k], rs, st}
					}
				}
			}
		}
		off = p + 1
	}
}

// foxReason matches `(.*?)\)\.?(?: Status code: (\d+)\.?)?\s*(?:\[|$)` at
// a: the reason, the status and the end of the match (-1: none).
func foxReason(s string, a int) (string, string, int) {
	for e := a; ; e++ {
		j := strings.IndexByte(s[e:], ')')
		if j < 0 {
			return "", "", -1
		}
		e += j
		if st, end := foxTail(s, e+1); end >= 0 {
			return s[a:e], st, end
		}
	}
}

// foxTail matches `\.?(?: Status code: (\d+)\.?)?\s*(?:\[|$)` at b.
func foxTail(s string, b int) (string, int) {
	try := func(c int, withStatus bool) (string, int) {
		st := ""
		if withStatus {
			const sc = " Status code: "
			if !strings.HasPrefix(s[c:], sc) {
				return "", -1
			}
			n := digits(s[c+len(sc):])
			if n == 0 {
				return "", -1
			}
			st = s[c+len(sc) : c+len(sc)+n]
			c += len(sc) + n
			if c < len(s) && s[c] == '.' {
				c++
			}
		}
		for c < len(s) && isSpace(s[c]) {
			c++
		}
		if c == len(s) {
			return st, c
		}
		if s[c] == '[' {
			return st, c + 1
		}
		return "", -1
	}
	var cs []int
	if b < len(s) && s[b] == '.' {
		cs = append(cs, b+1)
	}
	cs = append(cs, b)
	for _, c := range cs {
		for _, ws := range []bool{true, false} {
			if st, end := try(c, ws); end >= 0 {
				return st, end
			}
		}
	}
	return "", -1
}
