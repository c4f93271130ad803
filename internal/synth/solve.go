package synth

import (
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
)

func parseMaxAge(s string) (int64, error) { return config.ParseMaxAge(s) }
func itoa(n int64) string                 { return strconv.FormatInt(n, 10) }

// rule is a synthesized CORSRule.
type rule struct {
	origins, methods, headers, expose []string
	maxAge                            string // "" none
	star                              bool
}

func (r *rule) values() int {
	n := len(r.origins) + len(r.methods) + len(r.headers) + len(r.expose)
	if r.maxAge != "" {
		n++
	}
	return n
}

// matches is S3's match of one rule (package s3's rules: origin patterns
// case-sensitive, header patterns case-insensitive, methods exact).
func (r *rule) matches(q query) bool {
	if !contains(r.methods, q.method) {
		return false
	}
	ok := false
	for _, o := range r.origins {
		if fix.Glob(o, q.origin, false) {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	for _, h := range q.headers {
		hit := false
		for _, p := range r.headers {
			if fix.Glob(p, h, true) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// satisfies reports whether r, answering w's query first, gives what w needs.
func (r *rule) satisfies(w *want) bool {
	if w.kind == mustNot {
		return w.orStar && r.star
	}
	if (w.star && !r.star) || (w.nonStar && r.star) {
		return false
	}
	for _, h := range w.expose {
		if !containsFold(r.expose, h) {
			return false
		}
	}
	for _, h := range w.hide {
		if containsFold(r.expose, h) {
			return false
		}
	}
	if w.exposeExact != nil && !sameFold(*w.exposeExact, r.expose) {
		return false
	}
	if w.methodsExact != nil && !same(*w.methodsExact, r.methods) {
		return false
	}
	if w.maxAge != nil && *w.maxAge != r.maxAge {
		return false
	}
	return true
}

// group is a set of must-wants that share one rule.
type group struct {
	ws []*want
	r  rule
}

// build makes the smallest rule that matches every want of the group with
// its props, or reports that the wants cannot share a rule.
func build(ws []*want) (rule, bool) {
	var r rule
	var exact, methods *[]string
	var maxAge *string
	star, nonStar := false, false
	for _, w := range ws {
		star = star || w.star
		nonStar = nonStar || w.nonStar
		if w.exposeExact != nil {
			if exact != nil && !sameFold(*exact, *w.exposeExact) {
				return r, false
			}
			exact = w.exposeExact
		}
		if w.methodsExact != nil {
			if methods != nil && !same(*methods, *w.methodsExact) {
				return r, false
			}
			methods = w.methodsExact
		}
		if w.maxAge != nil {
			if maxAge != nil && *maxAge != *w.maxAge {
				return r, false
			}
			maxAge = w.maxAge
		}
	}
	if star && nonStar {
		return r, false
	}
	r.star = star
	if star {
		r.origins = []string{"*"}
	}
	for _, w := range ws {
		if !star && !contains(r.origins, w.q.origin) {
			r.origins = append(r.origins, w.q.origin)
		}
		for _, h := range w.q.headers {
			if !containsFold(r.headers, h) {
				r.headers = append(r.headers, h)
			}
		}
		r.expose = addFold(r.expose, w.expose...)
	}
	if methods != nil {
		r.methods = *methods
		for _, w := range ws {
			if !contains(r.methods, w.q.method) {
				return r, false
			}
		}
	} else {
		for _, m := range methodOrder {
			for _, w := range ws {
				if w.q.method == m {
					r.methods = append(r.methods, m)
					break
				}
			}
		}
	}
	if exact != nil {
		for _, h := range r.expose {
			if !containsFold(*exact, h) {
				return r, false
			}
		}
		r.expose = *exact
	}
	for _, w := range ws {
		for _, h := range w.hide {
			if containsFold(r.expose, h) {
				return r, false
			}
		}
	}
	if maxAge != nil {
		r.maxAge = *maxAge
	}
	return r, true
}

// order finds an order of the rules in which every want holds (first
// match wins), or nil. Wants of a group must be answered by their group
// (or by an earlier rule that also satisfies them); a mustNot orStar want
// needs a "*" rule before any other that matches it.
func order(gs []group, others []*want) []int {
	n := len(gs)
	before := make([][]bool, n)
	for i := range before {
		before[i] = make([]bool, n)
	}
	in := make([]int, n)
	edge := func(a, b int) {
		if a != b && !before[a][b] {
			before[a][b] = true
			in[b]++
		}
	}
	// constrain: the first rule matching w must satisfy it; home, when
	// >= 0, is a rule that does.
	constrain := func(w *want, home int) bool {
		first := home
		for g := range gs {
			if first < 0 && gs[g].r.matches(w.q) && gs[g].r.satisfies(w) {
				first = g
			}
		}
		for g := range gs {
			if g == first || !gs[g].r.matches(w.q) || gs[g].r.satisfies(w) {
				continue
			}
			if first < 0 {
				return false
			}
			edge(first, g)
		}
		return true
	}
	for g := range gs {
		for _, w := range gs[g].ws {
			if !constrain(w, g) {
				return nil
			}
		}
	}
	for _, w := range others {
		if w.kind == mustNot && !w.orStar {
			for g := range gs {
				if gs[g].r.matches(w.q) {
					return nil
				}
			}
			continue
		}
		if !constrain(w, -1) {
			return nil
		}
	}
	// Kahn's algorithm, lowest index first: keeps the order the search
	// built when nothing forces another.
	out := make([]int, 0, n)
	done := make([]bool, n)
	for len(out) < n {
		next := -1
		for g := 0; g < n; g++ {
			if !done[g] && in[g] == 0 {
				next = g
				break
			}
		}
		if next < 0 {
			return nil
		}
		done[next] = true
		out = append(out, next)
		for b := 0; b < n; b++ {
			if before[next][b] {
				in[b]--
			}
		}
	}
	return out
}

// holds evaluates every want against rules in order.
func holds(rules []rule, ws []*want) bool {
	for _, w := range ws {
		first := -1
		for i := range rules {
			if rules[i].matches(w.q) {
				first = i
				break
			}
		}
		switch {
		case first < 0:
			if w.kind == must {
				return false
			}
		case w.kind == mustNot:
			if !(w.orStar && rules[first].star) {
				return false
			}
		default:
			if !rules[first].satisfies(w) {
				return false
			}
		}
	}
	return true
}

// search finds the fewest rules, then the fewest values, that give every
// want what it needs. It tries the wants one at a time in each existing
// rule and in a new one (depth first, with a budget of steps); the first
// complete assignment found is the greedy one, so there is always an answer
// when the budget runs out if one was found.
type search struct {
	must   []*want // assigned to rules
	others []*want // any and mustNot: checked, not assigned
	strict []*want // mustNot without orStar: no rule may match
	budget *int    // steps left, shared by every search of one answer

	best       []rule
	bestRules  int
	bestValues int
}

func (s *search) run(limit int) {
	gs := make([]group, 0, limit)
	s.dfs(gs, 0, limit)
}

func (s *search) dfs(gs []group, i int, limit int) {
	if *s.budget <= 0 {
		return
	}
	*s.budget--
	vals := 0
	for g := range gs {
		vals += gs[g].r.values()
	}
	if s.best != nil && (len(gs) > s.bestRules || (len(gs) == s.bestRules && vals >= s.bestValues)) {
		return
	}
	if i == len(s.must) {
		ord := order(gs, s.others)
		if ord == nil {
			return
		}
		rules := make([]rule, len(gs))
		for k, g := range ord {
			rules[k] = gs[g].r
		}
		all := append(append([]*want{}, s.must...), s.others...)
		if !holds(rules, all) {
			return
		}
		s.best, s.bestRules, s.bestValues = rules, len(rules), vals
		return
	}
	w := s.must[i]
	try := func(g int, ws []*want) {
		r, ok := build(ws)
		if !ok {
			return
		}
		for _, n := range s.strict {
			if r.matches(n.q) {
				return
			}
		}
		saved := group{}
		if g < len(gs) {
			saved = gs[g]
			gs[g] = group{ws: ws, r: r}
			s.dfs(gs, i+1, limit)
			gs[g] = saved
			return
		}
		s.dfs(append(gs, group{ws: ws, r: r}), i+1, limit)
	}
	for g := range gs {
		ws := append(append(make([]*want, 0, len(gs[g].ws)+1), gs[g].ws...), w)
		try(g, ws)
	}
	if len(gs) < limit {
		try(len(gs), []*want{w})
	}
}

// solve returns the rules, or nil when the search found none. A blocked
// credentialed request (mustNot orStar) can also be answered by a "*" rule
// that comes first: when the search finds nothing, it tries again with the
// allowed requests such a rule would also answer given "*" (promote), with
// the blocked requests turned into ones a "*" rule must answer (convert),
// both, and each blocked request converted on its own.
func solve(ws []*want, budget *int) []rule {
	if rs := solveAs(ws, budget); rs != nil {
		return rs
	}
	hasMust := false
	for _, w := range ws {
		hasMust = hasMust || w.kind == must
	}
	if !hasMust {
		return nil // no rule needed: nothing to answer with "*" either
	}
	var orStar []int
	for i, w := range ws {
		if w.kind == mustNot && w.orStar {
			orStar = append(orStar, i)
		}
	}
	if len(orStar) == 0 {
		return nil
	}
	promote := func(in []*want) []*want {
		out := make([]*want, len(in))
		for i, w := range in {
			out[i] = w
			if w.kind == must && !w.star && !w.nonStar && coversOrStar(w, in) {
				c := *w
				c.star = true
				out[i] = &c
			}
		}
		return out
	}
	convert := func(in []*want, which ...int) []*want {
		out := append([]*want{}, in...)
		for _, i := range which {
			c := *in[i]
			c.kind, c.orStar, c.star = must, false, true
			out[i] = &c
		}
		return out
	}
	variants := [][]*want{promote(ws), convert(ws, orStar...), convert(promote(ws), orStar...)}
	if len(orStar) > 1 && len(orStar) <= 8 {
		for _, i := range orStar {
			variants = append(variants, convert(ws, i))
		}
	}
	for _, v := range variants {
		if rs := solveAs(v, budget); rs != nil {
			return rs
		}
	}
	return nil
}

// coversOrStar: a "*" rule for w's method and headers would answer a
// blocked credentialed request of ws.
func coversOrStar(w *want, ws []*want) bool {
	for _, n := range ws {
		if n.kind != mustNot || !n.orStar || n.q.method != w.q.method {
			continue
		}
		sub := true
		for _, h := range n.q.headers {
			sub = sub && contains(w.q.headers, h)
		}
		if sub {
			return true
		}
	}
	return false
}

func solveAs(ws []*want, budget *int) []rule {
	s := &search{budget: budget}
	for _, w := range ws {
		switch w.kind {
		case must:
			s.must = append(s.must, w)
		default:
			s.others = append(s.others, w)
			if w.kind == mustNot && !w.orStar {
				s.strict = append(s.strict, w)
			}
		}
	}
	if len(s.must) == 0 {
		return nil
	}
	// Greedy first (the first branch of the search), unbounded in rules;
	// then fewer rules, each with what is left of the budget.
	s.run(len(s.must))
	if s.best == nil {
		// every want alone in its rule admits the least; try that order.
		gs := make([]group, 0, len(s.must))
		for _, w := range s.must {
			r, ok := build([]*want{w})
			if !ok {
				return nil
			}
			gs = append(gs, group{ws: []*want{w}, r: r})
		}
		if ord := order(gs, s.others); ord != nil {
			rules := make([]rule, len(gs))
			for k, g := range ord {
				rules[k] = gs[g].r
			}
			if holds(rules, ws) {
				s.best, s.bestRules = rules, len(rules)
				for _, r := range rules {
					s.bestValues += r.values()
				}
			}
		}
		if s.best == nil {
			return nil
		}
	}
	for k := 1; k < s.bestRules && *s.budget > 0; k++ {
		s.run(k)
	}
	return s.best
}

// configOf writes rules as a configuration.
func configOf(rules []rule) *config.Config {
	cfg := &config.Config{Form: config.XML}
	for i, r := range rules {
		cr := config.Rule{Index: i}
		add := func(f config.Field, vs ...string) {
			for _, v := range vs {
				cr.Values = append(cr.Values, config.Value{Field: f, Text: v})
			}
		}
		add(config.FieldAllowedOrigin, r.origins...)
		add(config.FieldAllowedMethod, r.methods...)
		add(config.FieldAllowedHeader, r.headers...)
		add(config.FieldExposeHeader, r.expose...)
		if r.maxAge != "" {
			add(config.FieldMaxAgeSeconds, r.maxAge)
		}
		cfg.Rules = append(cfg.Rules, cr)
	}
	return cfg
}

// describe is a short text of a rule for messages.
func (r *rule) describe() string {
	return strings.Join(r.origins, " ") + " " + strings.Join(r.methods, " ")
}
