// Package fix finds the smallest change to an S3 CORS configuration that
// lets a blocked browser request through, and writes it into the text the
// person pasted.
//
// Suggest takes what the browser needs (Need: the page's origin, the method,
// the non-safelisted request headers the preflight will list, whether the
// request is credentialed, and the response headers the script must read)
// and returns one Fix: the whole new configuration text, the same form and
// layout as pasted, and a line diff. The change is chosen like this, one
// step at a time, re-running S3's matching (package s3) after each step
// until the request is allowed:
//
//   - a preflight (a method other than GET/HEAD/POST, or any listed header)
//     must find a rule allowing origin, method and every header; an actual
//     request must find one allowing origin and method;
//   - when no rule does, an AllowedOrigin written as no browser sends it
//     (https://app.example.com/, upper case, :443) is corrected first; then
//     the rule that comes closest gets the missing value:
//     a rule whose AllowedOrigin already admits the origin (by a pattern
//     other than "*") gets the method or the headers; a rule that allows the
//     method and headers gets the origin; a "*" rule gets a missing header
//     but never a method (that would open it to every site); otherwise a new
//     rule for the exact origin is added at the end;
//   - a credentialed request answered by a rule listing "*" (S3 then sends
//     Access-Control-Allow-Origin: *, which browsers refuse with
//     credentials) gets a later rule that already fits moved before it, or a
//     copy of the "*" rule with the exact origin inserted before it: first
//     match wins;
//   - response headers the script reads are added to the ExposeHeader list
//     of the rule the actual request matches (the only one whose
//     ExposeHeaders S3 sends).
//
// Suggest returns nil when nothing needs to change, and when no
// configuration S3 accepts could allow the request (a method S3 does not
// support such as PATCH, a header name that is not an HTTP token, the opaque
// origin "null", which corsplay never suggests allowing because it admits
// every sandboxed document).
//
// The edit primitives (Add, Replace, Remove, AddRule, RemoveRule, Move) are exported
// for package lint's quick fixes; each returns a Fix of the same shape.
package fix

import (
	"bytes"
	"corsplay/internal/header"
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/s3"
)

// Need is what a blocked browser request needs from the configuration.
type Need struct {
	Origin string // the page's serialized origin, e.g. https://app.example.com
	Method string // the request's method; "" is GET
	// Headers are the lower-case names the preflight lists in
	// Access-Control-Request-Headers (the non-safelisted headers).
	Headers []string
	// Credentials is true for credentials mode "include": S3 must echo the
	// origin (a rule without "*") rather than answer "*".
	Credentials bool
	// Expose are response headers the script must read (e.g. etag).
	Expose []string
}

// Fix is one suggested change. Rule is 0-based (-1 for a new rule); the
// top-level Action, Rule, Field and Value describe the first change, and
// Changes lists every change when there are several.
type Fix struct {
	Summary string   `json:"summary"`
	Rule    int      `json:"rule"`
	Field   string   `json:"field"`
	Value   string   `json:"value"`
	Action  string   `json:"action"`           // add, replace, remove, add-rule, move
	Config  string   `json:"config,omitempty"` // the whole new configuration text (absent in compact fixes)
	Diff    []Line   `json:"diff"`
	Changes []Change `json:"changes"`
	// Edit is the same change as one replacement of the old text, for an
	// editor to apply without re-reading the whole text (see Compact).
	Edit *Edit `json:"edit,omitempty"`
}

// Edit replaces the text between two places (1-based lines and columns in
// code points, end exclusive, as everywhere in the contract) with Text.
type Edit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Text      string `json:"text"`
}

// Change is one step of a Fix.
type Change struct {
	Summary string `json:"summary"`
	Rule    int    `json:"rule"`
	Field   string `json:"field"`
	Value   string `json:"value"`
	Action  string `json:"action"`
}

// Actions.
const (
	ActionAdd     = "add"
	ActionReplace = "replace"
	ActionRemove  = "remove"
	ActionAddRule = "add-rule"
	ActionMove    = "move"
)

// s3Methods are the methods S3 accepts in AllowedMethod.
var s3Methods = []string{"GET", "PUT", "HEAD", "POST", "DELETE"}

// safelistedResponse are the response headers JavaScript can always read
// (Fetch's CORS-safelisted response-header names).
var safelistedResponse = []string{"cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"}

// SafelistedResponse reports whether JavaScript can read a response header
// without Access-Control-Expose-Headers.
func SafelistedResponse(name string) bool {
	for _, s := range safelistedResponse {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

func ruleName(i int) string { return "rule " + strconv.Itoa(i+1) }

// finish builds a Fix. It does not read out again: SuggestIn has read
// every step's text; the single-edit primitives rely on their fuzz tests,
// since lint calls them for many warnings at a time.
func finish(src, out []byte, changes []Change) (*Fix, error) {
	first := changes[0]
	sums := make([]string, len(changes))
	for i, c := range changes {
		sums[i] = c.Summary
	}
	return &Fix{Summary: strings.Join(sums, "; "), Rule: first.Rule, Field: first.Field, Value: first.Value,
		Action: first.Action, Config: string(out), Diff: Diff(string(src), string(out)), Changes: changes}, nil
}

func one(src []byte, cfg *config.Config, edits func(t *text) ([]edit, error), ch Change) (*Fix, error) {
	if cfg == nil {
		return nil, errShape
	}
	t := newText(src, cfg)
	es, err := edits(t)
	if err != nil {
		return nil, err
	}
	return finish(src, apply(src, es), []Change{ch})
}

// Add adds values to one field of rule ri.
func Add(src []byte, cfg *config.Config, ri int, f config.Field, values ...string) (*Fix, error) {
	v := strings.Join(values, ", ")
	return one(src, cfg, func(t *text) ([]edit, error) { return t.addValues(ri, f, values) },
		Change{Summary: "Add " + v + " to " + ruleName(ri) + "'s " + string(f), Rule: ri, Field: string(f), Value: v, Action: ActionAdd})
}

// Replace rewrites value vi (an index into Rules[ri].Values) as s.
func Replace(src []byte, cfg *config.Config, ri, vi int, s string) (*Fix, error) {
	f := ""
	if cfg != nil && ri >= 0 && ri < len(cfg.Rules) && vi >= 0 && vi < len(cfg.Rules[ri].Values) {
		f = string(cfg.Rules[ri].Values[vi].Field)
	}
	return one(src, cfg, func(t *text) ([]edit, error) { return t.replaceValue(ri, vi, s) },
		Change{Summary: "Change " + ruleName(ri) + "'s " + f + " to " + s, Rule: ri, Field: f, Value: s, Action: ActionReplace})
}

// Remove deletes value vi of rule ri.
func Remove(src []byte, cfg *config.Config, ri, vi int) (*Fix, error) {
	f, val := "", ""
	if cfg != nil && ri >= 0 && ri < len(cfg.Rules) && vi >= 0 && vi < len(cfg.Rules[ri].Values) {
		v := cfg.Rules[ri].Values[vi]
		f, val = string(v.Field), v.Text
	}
	return one(src, cfg, func(t *text) ([]edit, error) { return t.removeValue(ri, vi) },
		Change{Summary: "Remove " + val + " from " + ruleName(ri) + "'s " + f, Rule: ri, Field: f, Value: val, Action: ActionRemove})
}

// AddRule inserts a rule before rule `before` (-1: after the last rule).
func AddRule(src []byte, cfg *config.Config, before int, spec RuleSpec) (*Fix, error) {
	where := "at the end"
	if before >= 0 {
		where = "before " + ruleName(before)
	}
	v := strings.Join(spec.AllowedOrigins, ", ")
	return one(src, cfg, func(t *text) ([]edit, error) { return t.insertRule(spec, before) },
		Change{Summary: "Add a rule for " + v + " " + where, Rule: -1, Field: string(config.FieldAllowedOrigin), Value: v, Action: ActionAddRule})
}

// RemoveRule deletes rule ri (not the only one: S3 needs at least one).
func RemoveRule(src []byte, cfg *config.Config, ri int) (*Fix, error) {
	return one(src, cfg, func(t *text) ([]edit, error) { return t.removeRule(ri) },
		Change{Summary: "Remove " + ruleName(ri), Rule: ri, Action: ActionRemove})
}

// Move moves rule from to just before rule before.
func Move(src []byte, cfg *config.Config, from, before int) (*Fix, error) {
	return one(src, cfg, func(t *text) ([]edit, error) { return t.moveRule(from, before) },
		Change{Summary: "Move " + ruleName(from) + " before " + ruleName(before), Rule: from, Action: ActionMove, Value: strconv.Itoa(before)})
}

// ---- Suggest ----

// normalise puts a Need in the shape the browser sends, or reports that no
// configuration could satisfy it.
func normalise(n Need) (Need, bool) {
	n.Origin = strings.TrimSpace(n.Origin)
	if n.Origin == "" || n.Origin == "null" {
		return n, false
	}
	// A serialized origin is printable ASCII (hosts are punycode).
	for i := 0; i < len(n.Origin); i++ {
		if n.Origin[i] <= ' ' || n.Origin[i] > '~' {
			return n, false
		}
	}
	m := strings.TrimSpace(n.Method)
	if m == "" {
		m = "GET"
	}
	// fetch() upper-cases these names and no others.
	for _, u := range []string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"} {
		if strings.EqualFold(m, u) {
			m = u
		}
	}
	n.Method = m
	ok := false
	for _, s := range s3Methods {
		ok = ok || m == s
	}
	if !ok {
		return n, false
	}
	var hs []string
	for _, h := range n.Headers {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || contains(hs, h) {
			continue
		}
		if !header.IsToken(h) {
			return n, false
		}
		hs = append(hs, h)
	}
	n.Headers = hs
	var ex []string
	for _, h := range n.Expose {
		h = strings.TrimSpace(h)
		if h == "" || SafelistedResponse(h) || containsFold(ex, h) {
			continue
		}
		if !header.IsToken(h) {
			return n, false
		}
		ex = append(ex, h)
	}
	n.Expose = ex
	return n, true
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

// Preflight reports whether the browser sends a preflight for n: a method
// other than GET, HEAD and POST, or any header to list.
func (n Need) Preflight() bool {
	m := strings.ToUpper(n.Method)
	return (m != "" && m != "GET" && m != "HEAD" && m != "POST") || len(n.Headers) > 0
}

// Glob matches s against an S3 pattern: '*' stands for any run of
// characters (possibly none), anchored at both ends; fold compares ASCII
// case-insensitively (header names). It is package s3's rule, kept here so
// that fix and lint can reason about single patterns.
func Glob(p, s string, fold bool) bool {
	eq := func(a, b string) bool {
		if fold {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	star := strings.IndexByte(p, '*')
	if star < 0 {
		return eq(p, s)
	}
	prefix := p[:star]
	if len(s) < len(prefix) || !eq(prefix, s[:len(prefix)]) {
		return false
	}
	s, p = s[len(prefix):], p[star+1:]
	for {
		star = strings.IndexByte(p, '*')
		if star < 0 {
			return len(s) >= len(p) && eq(p, s[len(s)-len(p):])
		}
		seg := p[:star]
		i := -1
		for k := 0; k+len(seg) <= len(s); k++ {
			if eq(s[k:k+len(seg)], seg) {
				i = k
				break
			}
		}
		if i < 0 {
			return false
		}
		s, p = s[i+len(seg):], p[star+1:]
	}
}

func anyGlob(ps []string, s string, fold bool) bool {
	for _, p := range ps {
		if Glob(p, s, fold) {
			return true
		}
	}
	return false
}

// state is the configuration being edited.
type state struct {
	src    []byte
	cfg    *config.Config
	rules  *s3.Rules
	need   Need
	reread Reread
}

func (s *state) reload(src []byte) error {
	cfg, err := s.reread(src)
	if err != nil {
		return err
	}
	if cfg == nil {
		return errShape
	}
	s.src, s.cfg, s.rules = src, cfg, s3.Compile(cfg)
	return nil
}

func star(r *config.Rule) bool { return contains(r.Texts(config.FieldAllowedOrigin), "*") }

// fits reports whether rule r alone answers the need as a browser wants.
func (s *state) fits(r *config.Rule, headers []string) bool {
	n := s.need
	if n.Credentials && star(r) {
		return false
	}
	if !anyGlob(r.Texts(config.FieldAllowedOrigin), n.Origin, false) || !contains(r.Texts(config.FieldAllowedMethod), n.Method) {
		return false
	}
	for _, h := range headers {
		if !anyGlob(r.Texts(config.FieldAllowedHeader), h, true) {
			return false
		}
	}
	return len(missingExpose(r, n.Expose)) == 0
}

func missingExpose(r *config.Rule, want []string) []string {
	var out []string
	have := r.Texts(config.FieldExposeHeader)
	for _, h := range want {
		if !containsFold(have, h) {
			out = append(out, h)
		}
	}
	return out
}

// step finds what still blocks the need and the edit that removes it; done
// is true when nothing blocks it.
func (s *state) step() (es []edit, ch Change, done bool, err error) {
	n := s.need
	t := newText(s.src, s.cfg)
	var headers []string
	if n.Preflight() {
		headers = n.Headers
		p := s.rules.Match(n.Origin, n.Method, strings.Join(headers, ","))
		if p < 0 {
			return s.noMatch(t, headers)
		}
		if n.Credentials && star(&s.cfg.Rules[p]) {
			return s.wildcard(t, p, headers)
		}
	}
	a := s.rules.Match(n.Origin, n.Method, "")
	if a < 0 {
		return s.noMatch(t, nil)
	}
	if n.Credentials && star(&s.cfg.Rules[a]) {
		return s.wildcard(t, a, headers)
	}
	if miss := missingExpose(&s.cfg.Rules[a], n.Expose); len(miss) > 0 {
		es, err = t.addValues(a, config.FieldExposeHeader, miss)
		v := strings.Join(miss, ", ")
		return es, Change{Summary: "Expose " + v + " in " + ruleName(a) + " (the rule the " + n.Method + " itself matches), so JavaScript can read it",
			Rule: a, Field: string(config.FieldExposeHeader), Value: v, Action: ActionAdd}, false, err
	}
	return nil, Change{}, true, nil
}

// noMatch: no rule allows origin, method and headers together. The steps
// are tried in order, the smallest change first; the first that applies
// gives the edit.
func (s *state) noMatch(t *text, headers []string) ([]edit, Change, bool, error) {
	cands := s.candidates(headers)
	for _, step := range []noMatchStep{s.correctOrigin, s.widenRule, s.addOrigin, s.exactOriginFirst} {
		if es, ch, ok, err := step(t, cands, headers); ok {
			return es, ch, false, err
		}
	}
	return s.newRule(t, headers)
}

// noMatchStep is one way out of noMatch: ok is false when it does not
// apply.
type noMatchStep func(t *text, cands []cand, headers []string) (es []edit, ch Change, ok bool, err error)

// cand is how far one rule is from allowing the need.
type cand struct {
	rule              int
	originOK, viaStar bool // the origin is admitted (viaStar: only by "*")
	methodOK          bool
	missingH          []string // requested headers the rule does not allow
	cost              int      // values to add: the missing headers, and the method
}

// candidates measures every rule S3 would accept against the need.
func (s *state) candidates(headers []string) []cand {
	n := s.need
	var cands []cand
	for i := range s.cfg.Rules {
		r := &s.cfg.Rules[i]
		os, ms := r.Texts(config.FieldAllowedOrigin), r.Texts(config.FieldAllowedMethod)
		if len(os) == 0 || len(ms) == 0 {
			continue // S3 rejects such a rule; validation says so
		}
		c := cand{rule: i, methodOK: contains(ms, n.Method)}
		nonStar := false
		for _, o := range os {
			nonStar = nonStar || (o != "*" && Glob(o, n.Origin, false))
		}
		c.originOK = nonStar || contains(os, "*")
		c.viaStar = !nonStar && c.originOK
		if n.Credentials && star(r) {
			c.originOK = false // S3 would answer "*"
		}
		for _, h := range headers {
			if !anyGlob(r.Texts(config.FieldAllowedHeader), h, true) {
				c.missingH = append(c.missingH, h)
			}
		}
		c.cost = len(c.missingH)
		if !c.methodOK {
			c.cost++
		}
		cands = append(cands, c)
	}
	return cands
}

// correctOrigin: a rule lists the origin as a browser never sends it (a
// trailing slash, upper case, a default port...): correct that value.
func (s *state) correctOrigin(t *text, cands []cand, _ []string) ([]edit, Change, bool, error) {
	n := s.need
	for _, c := range cands {
		if c.originOK {
			continue
		}
		r := &s.cfg.Rules[c.rule]
		for vi, v := range r.Values {
			if v.Field == config.FieldAllowedOrigin && v.Text != n.Origin && browserForm(v.Text) == n.Origin {
				es, err := t.replaceValue(c.rule, vi, n.Origin)
				return es, Change{Summary: "Change " + ruleName(c.rule) + "'s AllowedOrigin " + v.Text + " to " + n.Origin + ", the origin browsers send",
					Rule: c.rule, Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionReplace}, true, err
			}
		}
	}
	return nil, Change{}, false, nil
}

// widenRule: a rule admits the origin: add the method, then the headers,
// to the one that needs fewest (on a tie, not a rule open to every origin;
// a "*" rule only gets headers).
func (s *state) widenRule(t *text, cands []cand, _ []string) ([]edit, Change, bool, error) {
	n := s.need
	best := -1
	for i, c := range cands {
		if !c.originOK || (c.viaStar && !c.methodOK) {
			continue
		}
		if best < 0 || c.cost < cands[best].cost || (c.cost == cands[best].cost && cands[best].viaStar && !c.viaStar) {
			best = i
		}
	}
	if best < 0 {
		return nil, Change{}, false, nil
	}
	c := cands[best]
	if !c.methodOK {
		es, err := t.addValues(c.rule, config.FieldAllowedMethod, []string{n.Method})
		return es, Change{Summary: "Add " + n.Method + " to " + ruleName(c.rule) + "'s AllowedMethod", Rule: c.rule,
			Field: string(config.FieldAllowedMethod), Value: n.Method, Action: ActionAdd}, true, err
	}
	v := strings.Join(c.missingH, ", ")
	es, err := t.addValues(c.rule, config.FieldAllowedHeader, c.missingH)
	return es, Change{Summary: "Add " + v + " to " + ruleName(c.rule) + "'s AllowedHeader", Rule: c.rule,
		Field: string(config.FieldAllowedHeader), Value: v, Action: ActionAdd}, true, err
}

// addOrigin: a rule (not one open to every origin) allows the method and
// the headers: add the origin to it.
func (s *state) addOrigin(t *text, cands []cand, _ []string) ([]edit, Change, bool, error) {
	n := s.need
	for _, c := range cands {
		if c.methodOK && len(c.missingH) == 0 && !star(&s.cfg.Rules[c.rule]) {
			es, err := t.addValues(c.rule, config.FieldAllowedOrigin, []string{n.Origin})
			return es, Change{Summary: "Add " + n.Origin + " to " + ruleName(c.rule) + "'s AllowedOrigin", Rule: c.rule,
				Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionAdd}, true, err
		}
	}
	return nil, Change{}, false, nil
}

// exactOriginFirst: with credentials, a "*" rule that would otherwise do
// gets a rule for the exact origin before it (see wildcard).
func (s *state) exactOriginFirst(t *text, cands []cand, headers []string) ([]edit, Change, bool, error) {
	n := s.need
	if !n.Credentials {
		return nil, Change{}, false, nil
	}
	for _, c := range cands {
		r := &s.cfg.Rules[c.rule]
		if c.methodOK && len(c.missingH) == 0 && star(r) && anyGlob(r.Texts(config.FieldAllowedOrigin), n.Origin, false) {
			es, ch, _, err := s.wildcard(t, c.rule, headers)
			return es, ch, true, err
		}
	}
	return nil, Change{}, false, nil
}

// newRule: a new rule for exactly this request, at the end.
func (s *state) newRule(t *text, headers []string) ([]edit, Change, bool, error) {
	n := s.need
	if len(s.cfg.Rules) == 0 {
		return nil, Change{}, false, errShape
	}
	spec := RuleSpec{AllowedOrigins: []string{n.Origin}, AllowedMethods: []string{n.Method}, AllowedHeaders: headers, ExposeHeaders: n.Expose}
	es, err := t.insertRule(spec, -1)
	return es, Change{Summary: "Add a rule allowing " + n.Method + " from " + n.Origin + " at the end", Rule: -1,
		Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionAddRule}, false, err
}

// wildcard: rule k, which lists "*", answers a credentialed request.
func (s *state) wildcard(t *text, k int, headers []string) ([]edit, Change, bool, error) {
	n := s.need
	// The actual request (no Access-Control-Request-Headers) may match an
	// earlier "*" rule than the preflight did: the new rule goes before both.
	if a := s.rules.Match(n.Origin, n.Method, ""); a >= 0 && a < k && star(&s.cfg.Rules[a]) {
		k = a
	}
	for j := k + 1; j < len(s.cfg.Rules); j++ {
		if s.fits(&s.cfg.Rules[j], headers) {
			es, err := t.moveRule(j, k)
			return es, Change{Summary: "Move " + ruleName(j) + " before " + ruleName(k) + ": first match wins, and " + ruleName(k) +
				"'s AllowedOrigin * makes S3 answer Access-Control-Allow-Origin: *, which browsers refuse for credentialed requests",
				Rule: j, Action: ActionMove, Value: strconv.Itoa(k)}, false, err
		}
	}
	r := &s.cfg.Rules[k]
	spec := specOf(r)
	spec.ID = ""
	spec.AllowedOrigins = []string{n.Origin}
	if !contains(spec.AllowedMethods, n.Method) {
		spec.AllowedMethods = append(spec.AllowedMethods, n.Method)
	}
	for _, h := range headers {
		if !anyGlob(spec.AllowedHeaders, h, true) {
			spec.AllowedHeaders = append(spec.AllowedHeaders, h)
		}
	}
	spec.ExposeHeaders = append(spec.ExposeHeaders, missingExpose(r, n.Expose)...)
	es, err := t.insertRule(spec, k)
	return es, Change{Summary: "Add a rule for " + n.Origin + " before " + ruleName(k) + " (a copy of it with your exact origin): its AllowedOrigin * makes S3 answer " +
		"Access-Control-Allow-Origin: *, which browsers refuse for credentialed requests, and first match wins",
		Rule: -1, Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionAddRule}, false, err
}

// maxSteps bounds Suggest's edits: method, headers, origin or rule,
// credentials, expose — never more in practice.
const maxSteps = 8

// Suggest returns the smallest change to src (parsed as cfg) that allows
// need, or nil. cfg nil with an empty src means the bucket has no CORS
// configuration: the fix is a new one, in XML.
func Suggest(src []byte, cfg *config.Config, need Need) *Fix {
	if cfg != nil && (cfg.Form == config.Terraform || cfg.Form == config.CloudFormation) {
		return nil // a file a reader read: see SuggestIn
	}
	if cfg == nil {
		n, ok := normalise(need)
		if !ok || len(bytes.TrimSpace(src)) != 0 {
			return nil // not parsed: nothing to edit
		}
		return fresh(n)
	}
	f, _ := SuggestIn(src, cfg, need, config.Parse)
	return f
}

// Reread reads an edited text as the configuration it stands for, the
// places of its values in that text: config.Parse for S3's own forms, a
// reader of Terraform files or CloudFormation templates with the same
// inputs for those.
type Reread func(src []byte) (*config.Config, error)

// Refused is SuggestIn's answer when the change the request needs is to a
// value an expression computes (var.x, "https://${…}", !Sub, each.value…):
// Change says what to change, Cannot which expression and where; a person
// makes that change by hand.
type Refused struct {
	Change Change
	Cannot *CannotEditError
}

func (r *Refused) Error() string {
	return r.Change.Summary + ": " + r.Cannot.Error()
}

// SuggestIn is Suggest for the configuration cfg that reread reads from src
// (cfg nil: src has none): each step edits src in place and reads the result again,
// so that a Terraform file's or a template's rules are matched as its
// reader sends them to S3. It returns nil, nil when nothing needs to
// change or no change could allow the request, and a *Refused error when
// the change is to a computed value.
func SuggestIn(src []byte, cfg *config.Config, need Need, reread Reread) (*Fix, error) {
	n, ok := normalise(need)
	if !ok || cfg == nil {
		return nil, nil
	}
	s := &state{need: n, reread: reread, src: src, cfg: cfg, rules: s3.Compile(cfg)}
	if len(cfg.Rules) == 0 {
		return nil, nil
	}
	var changes []Change
	for i := 0; i < maxSteps; i++ {
		es, ch, done, err := s.step()
		if err != nil {
			var ce *CannotEditError
			if errors.As(err, &ce) {
				return nil, &Refused{Change: ch, Cannot: ce}
			}
			return nil, nil
		}
		if done {
			if len(changes) == 0 {
				return nil, nil
			}
			return finish(src, s.src, changes)
		}
		if s.reload(apply(s.src, es)) != nil {
			return nil, nil
		}
		changes = append(changes, ch)
	}
	return nil, nil
}

// fresh is a whole configuration for a bucket that has none.
func fresh(n Need) *Fix {
	r := config.Rule{}
	add := func(f config.Field, vs ...string) {
		for _, v := range vs {
			r.Values = append(r.Values, config.Value{Field: f, Text: v})
		}
	}
	add(config.FieldAllowedOrigin, n.Origin)
	add(config.FieldAllowedMethod, n.Method)
	add(config.FieldAllowedHeader, n.Headers...)
	add(config.FieldExposeHeader, n.Expose...)
	out := string(config.Format(&config.Config{Form: config.XML, Rules: []config.Rule{r}}, config.XML))
	sum := "Add a CORS configuration with one rule allowing " + n.Method + " from " + n.Origin + " (the bucket has none)"
	return &Fix{Summary: sum, Rule: -1, Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionAddRule,
		Config: out, Diff: Diff("", out),
		Changes: []Change{{Summary: sum, Rule: -1, Field: string(config.FieldAllowedOrigin), Value: n.Origin, Action: ActionAddRule}}}
}

// browserForm is an AllowedOrigin written as a browser serializes an
// origin: trimmed, lower case, no path or trailing slash, no default port.
func browserForm(p string) string {
	t := strings.ToLower(strings.TrimSpace(p))
	i := strings.Index(t, "://")
	if i < 0 {
		return t
	}
	rest := t[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	switch {
	case t[:i] == "https" && strings.HasSuffix(rest, ":443"):
		rest = strings.TrimSuffix(rest, ":443")
	case t[:i] == "http" && strings.HasSuffix(rest, ":80"):
		rest = strings.TrimSuffix(rest, ":80")
	}
	return t[:i+3] + rest
}
