package fix

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/yamlw"
)

// Edits of a CloudFormation template's text (config.CloudFormation; package
// cloudformation reads it). The rules sit inside an AWS::S3::Bucket's
// CorsConfiguration, under CloudFormation's own key names, and the spans
// package cloudformation records point at each value as written. A JSON
// template is edited by the JSON edits with those names; a YAML template
// by the edits below, for block sequences and mappings (a rule written
// "- AllowedOrigins: …"), flow sequences ([GET, PUT]), and new keys in a
// rule written as a flow mapping ({AllowedOrigins: […], …}); whole rules
// are inserted, moved and removed only in a block sequence. A value that an
// intrinsic function computes (!Ref, !Sub, {"Fn::If": …}) is not text that
// can be edited in place: the edit is refused, naming the expression.

// cfnKeys are CloudFormation's CorsRule property names.
var cfnKeys = map[config.Field]string{
	config.FieldID: "Id", config.FieldAllowedOrigin: "AllowedOrigins", config.FieldAllowedMethod: "AllowedMethods",
	config.FieldAllowedHeader: "AllowedHeaders", config.FieldExposeHeader: "ExposedHeaders", config.FieldMaxAgeSeconds: "MaxAge",
}

// key is the name a field has in the text's form.
func (t *text) key(f config.Field) string {
	if t.tpl {
		return cfnKeys[f]
	}
	return f.JSONKey()
}

// templateJSON: a template starting with '{' is JSON (as package
// cloudformation decides).
func templateJSON(src []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\uFEFF")), " \t\r\n")
	return len(s) > 0 && s[0] == '{'
}

// CannotEditError is an edit refused because the value is computed.
type CannotEditError struct {
	Expr string // the expression, as written (its first line)
	Pos  config.Pos
}

func (e *CannotEditError) Error() string {
	return "cannot edit: the value comes from " + e.Expr + " at " + strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Column)
}

// literal checks that v is written in place: a scalar token whose text
// is the value's, not an expression or one of several values an
// expression produced.
func (t *text) literal(v config.Value) error {
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if s < 0 || e > len(t.src) || s >= e {
		return errShape
	}
	tok := string(t.src[s:e])
	computed := strings.HasPrefix(tok, "!") || strings.HasPrefix(tok, "{") || strings.HasPrefix(tok, "[") ||
		strings.HasPrefix(tok, "*") || strings.HasPrefix(tok, "Fn::") || strings.HasPrefix(tok, "Ref:")
	if !computed {
		n := 0
		for i := range t.cfg.Rules {
			for _, w := range t.cfg.Rules[i].Values {
				if w.Span == v.Span {
					n++
				}
			}
		}
		computed = n > 1
	}
	if !computed {
		return nil
	}
	expr, _, _ := strings.Cut(tok, "\n")
	if len(expr) > 60 {
		expr = expr[:57] + "…"
	}
	return &CannotEditError{Expr: strings.TrimSpace(expr), Pos: v.Span.Start}
}

// yamlLit writes a value as a YAML scalar (a MaxAge integer as it is).
func yamlLit(s string, number bool) string {
	if number && isDigits(s) {
		return s
	}
	return yamlw.Scalar(s)
}

func (t *text) templateReplace(v config.Value, s string) ([]edit, error) {
	if err := t.literal(v); err != nil {
		return nil, err
	}
	at, end := v.Span.Start.Offset, v.Span.End.Offset
	num := v.Field == config.FieldMaxAgeSeconds
	if t.json {
		repl := quote(s)
		if num && isDigits(s) {
			repl = s
		}
		return []edit{{at: at, end: end, text: repl}}, nil
	}
	// The writer's quotes are kept.
	repl := yamlLit(s, num)
	switch {
	case num:
	case t.src[at] == '"':
		repl = yamlw.Quote(s)
	case t.src[at] == '\'' && !strings.ContainsAny(s, "\n\r"):
		repl = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return []edit{{at: at, end: end, text: repl}}, nil
}

// templateAdd adds values to field f of rule ri: after the field's last
// value when it has one written in place, else as a new key.
func (t *text) templateAdd(ri int, f config.Field, vals []string) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	have := r.Get(f)
	if len(have) > 0 && (f == config.FieldID || f == config.FieldMaxAgeSeconds) {
		return nil, errShape // one value only: replace it instead
	}
	if len(have) > 0 {
		last := have[len(have)-1]
		if err := t.literal(last); err != nil {
			return nil, err
		}
		le := last.Span.End.Offset
		var b strings.Builder
		if !t.json && t.blockItem(last.Span.Start.Offset) {
			ind := t.itemIndent(last.Span.Start.Offset)
			for _, v := range vals {
				b.WriteString(t.nl + ind + "- " + yamlLit(v, false))
			}
			end := t.lineEnd(le)
			return []edit{{at: end, end: end, text: b.String()}}, nil
		}
		lit := func(v string) string {
			if t.json {
				return quote(v)
			}
			return yamlLit(v, false)
		}
		if t.ownLine(last.Span.Start.Offset, le) || t.json && t.startsLine(last.Span.Start.Offset) {
			ind := t.indent(last.Span.Start.Offset)
			for _, v := range vals {
				b.WriteString("," + t.nl + ind + lit(v))
			}
		} else {
			for _, v := range vals {
				b.WriteString(", " + lit(v))
			}
		}
		return []edit{{at: le, end: le, text: b.String()}}, nil
	}
	if t.json {
		return t.jsonAdd(ri, f, vals)
	}
	return t.yamlAddKey(r, f, vals)
}

// blockItem: the value at off is a block sequence item ("- value").
func (t *text) blockItem(off int) bool {
	i := off - 1
	for i >= 0 && t.src[i] == ' ' {
		i--
	}
	return i >= 0 && t.src[i] == '-' && t.startsLine(i)
}

// itemIndent is the indentation of the "- " before the item at off.
func (t *text) itemIndent(off int) string {
	return t.indent(off)
}

// ruleKeys finds where rule r's keys start in a block mapping: the
// rule's first key column, and r's lines.
func (t *text) yamlRuleBlock(r *config.Rule) (keyCol int, first, end int, err error) {
	rs, re := r.Span.Start.Offset, r.Span.End.Offset
	if rs >= len(t.src) || t.src[rs] == '{' || rs >= re {
		return 0, 0, 0, errors.New("fix: cannot edit a rule written as a flow mapping ({…}) in YAML")
	}
	return rs - t.lineStart(rs), rs, re, nil
}

// yamlAddKey writes a new key for field f at the end of rule r.
func (t *text) yamlAddKey(r *config.Rule, f config.Field, vals []string) ([]edit, error) {
	if rs, re := r.Span.Start.Offset, r.Span.End.Offset; rs < re && re <= len(t.src) && t.src[rs] == '{' && t.src[re-1] == '}' {
		// A flow mapping: the key goes before its closing brace, in flow
		// style.
		v := yamlLit(vals[0], f == config.FieldMaxAgeSeconds)
		if f != config.FieldID && f != config.FieldMaxAgeSeconds {
			items := make([]string, len(vals))
			for i, x := range vals {
				items[i] = yamlLit(x, false)
			}
			v = "[" + strings.Join(items, ", ") + "]"
		}
		at := re - 1
		for at > rs+1 && (t.src[at-1] == ' ' || t.src[at-1] == '\t') {
			at--
		}
		sep := ", "
		if at == rs+1 {
			sep = ""
		}
		return []edit{{at: at, end: at, text: sep + t.key(f) + ": " + v}}, nil
	}
	col, _, re, err := t.yamlRuleBlock(r)
	if err != nil {
		return nil, err
	}
	ind := strings.Repeat(" ", col)
	var b strings.Builder
	b.WriteString(t.nl + ind + t.key(f) + ":")
	switch f {
	case config.FieldID, config.FieldMaxAgeSeconds:
		b.WriteString(" " + yamlLit(vals[0], f == config.FieldMaxAgeSeconds))
	default:
		for _, v := range vals {
			b.WriteString(t.nl + ind + "  - " + yamlLit(v, false))
		}
	}
	end := t.lineEnd(re)
	return []edit{{at: end, end: end, text: b.String()}}, nil
}

// yamlRemove deletes value v of rule ri from a YAML template.
func (t *text) yamlRemove(ri int, v config.Value) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if v.Field == config.FieldID || v.Field == config.FieldMaxAgeSeconds {
		return t.yamlRemoveKey(r, s, e)
	}
	if t.blockItem(s) {
		dash := bytes.LastIndexByte(t.src[:s], '-')
		ls, le := t.lineStart(dash), t.lineEnd(e)
		out := []edit{{at: ls, end: le + t.nlLen(le)}}
		if r.Count(v.Field) == 1 && !t.blockItemAfter(le+t.nlLen(le), dash-ls) {
			// The only item: the key keeps an empty list rather than
			// becoming null.
			ke := t.lineEnd(t.lineStart(ls) - 1)
			if ke < 0 || ls == 0 {
				return nil, errShape
			}
			out = append(out, edit{at: ke, end: ke, text: " []"})
		}
		return out, nil
	}
	// A flow sequence item: with the comma before it, or the one after.
	i := s - 1
	for i >= 0 && (t.src[i] == ' ' || t.src[i] == '\t') {
		i--
	}
	if i >= 0 && t.src[i] == ',' {
		return []edit{{at: i, end: e}}, nil
	}
	j := e
	for j < len(t.src) && (t.src[j] == ' ' || t.src[j] == '\t') {
		j++
	}
	if j < len(t.src) && t.src[j] == ',' {
		j++
		for j < len(t.src) && (t.src[j] == ' ' || t.src[j] == '\t') {
			j++
		}
		return []edit{{at: s, end: j}}, nil
	}
	return []edit{{at: s, end: e}}, nil
}

// blockItemAfter: the line at off is another "- " item at column col.
func (t *text) blockItemAfter(off, col int) bool {
	if off >= len(t.src) {
		return false
	}
	le := t.lineEnd(off)
	line := t.src[off:le]
	return len(line) > col && blank(line[:col]) && line[col] == '-'
}

// yamlRemoveKey deletes a one-value key (Id, MaxAge) of a block rule.
func (t *text) yamlRemoveKey(r *config.Rule, s, e int) ([]edit, error) {
	if !t.endsLine(e) {
		return nil, errShape
	}
	col, rs, re, err := t.yamlRuleBlock(r)
	if err != nil {
		return nil, err
	}
	ls := t.lineStart(s)
	ks := ls + col
	if ks > s || !blank(t.src[ls:ks]) && ls != t.lineStart(rs) {
		return nil, errShape
	}
	le := t.lineEnd(e)
	next := le + t.nlLen(le)
	if ls == t.lineStart(rs) {
		// The key follows the rule's "- ": the next key moves up.
		if next >= len(t.src) || next > re {
			return nil, errors.New("fix: cannot remove a rule's only key")
		}
		return []edit{{at: ks, end: next + col}}, nil
	}
	return []edit{{at: ls, end: next}}, nil
}

// yamlRuleLines is rule ri's text as whole lines, from its "- " line to
// the end of its last line (with the newline).
func (t *text) yamlRuleLines(ri int) (int, int, error) {
	r := &t.cfg.Rules[ri]
	if _, _, _, err := t.yamlRuleBlock(r); err != nil {
		return 0, 0, err
	}
	rs, re := r.Span.Start.Offset, r.Span.End.Offset
	if !t.blockItem(rs) || !t.endsLine(re) {
		return 0, 0, errShape
	}
	le := t.lineEnd(re)
	return t.lineStart(rs), le + t.nlLen(le), nil
}

func (t *text) yamlRemoveRule(ri int) ([]edit, error) {
	s, e, err := t.yamlRuleLines(ri)
	if err != nil {
		return nil, err
	}
	return []edit{{at: s, end: e}}, nil
}

func (t *text) yamlMoveRule(from, before int) ([]edit, error) {
	fs, fe, err := t.yamlRuleLines(from)
	if err != nil {
		return nil, err
	}
	bs, _, err := t.yamlRuleLines(before)
	if err != nil {
		return nil, err
	}
	block := string(t.src[fs:fe])
	if !strings.HasSuffix(block, "\n") {
		block += t.nl
	}
	return []edit{{at: bs, end: bs, text: block}, {at: fs, end: fe}}, nil
}

// yamlInsertRule writes spec as a block rule like rule `before` (or the
// last one), before it or after the last.
func (t *text) yamlInsertRule(spec RuleSpec, before int) ([]edit, error) {
	n := len(t.cfg.Rules)
	if before >= n {
		before = -1
	}
	ref := before
	if ref < 0 {
		ref = n - 1
	}
	s, e, err := t.yamlRuleLines(ref)
	if err != nil {
		return nil, err
	}
	rs := t.cfg.Rules[ref].Span.Start.Offset
	dash := bytes.LastIndexByte(t.src[:rs], '-')
	ind := strings.Repeat(" ", dash-s)
	keyInd := strings.Repeat(" ", rs-s)
	var b strings.Builder
	lead := ind + "-" + strings.Repeat(" ", rs-dash-1)
	for _, f := range []config.Field{config.FieldID, config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldMaxAgeSeconds} {
		vals := spec.get(f)
		if len(vals) == 0 {
			continue
		}
		b.WriteString(lead + t.key(f) + ":")
		lead = keyInd
		switch f {
		case config.FieldID, config.FieldMaxAgeSeconds:
			b.WriteString(" " + yamlLit(vals[0], f == config.FieldMaxAgeSeconds) + t.nl)
		default:
			b.WriteString(t.nl)
			for _, v := range vals {
				b.WriteString(keyInd + "  - " + yamlLit(v, false) + t.nl)
			}
		}
	}
	at := e
	if before >= 0 {
		at = s
	} else if !bytes.HasSuffix(t.src[s:e], []byte("\n")) {
		return []edit{{at: e, end: e, text: t.nl + strings.TrimSuffix(b.String(), t.nl)}}, nil
	}
	return []edit{{at: at, end: at, text: b.String()}}, nil
}
