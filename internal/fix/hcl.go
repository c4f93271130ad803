package fix

import (
	"bytes"
	"errors"
	"strings"

	"corsplay/internal/config"
)

// Edits of a Terraform file's text (config.Terraform; package terraform
// reads it). A value written in place is a quoted string literal (or, for
// max_age_seconds, a number) inside a cors_rule block or a module input's
// object, and package terraform spans exactly that token; such values are
// replaced, removed and added to by minimal text edits, so comments and
// layout stay. A value an expression computes (var.x, a template with
// ${…}, split(…), each.value.x) is refused with CannotEditError naming
// the expression. Rules cannot be moved: the provider sends them in its
// own set order, whatever the order written.

// hclEdit holds the HCL edits once EnableTerraform has run. Package
// terraform enables them when it is linked; the default page's module,
// which never reads a Terraform file, links none of this code.
var hclEdit *hclOps

type hclOps struct {
	add        func(t *text, ri int, f config.Field, vals []string) ([]edit, error)
	replace    func(t *text, ri int, v config.Value, s string) ([]edit, error)
	remove     func(t *text, v config.Value) ([]edit, error)
	removeRule func(t *text, ri int) ([]edit, error)
	insertRule func(t *text, spec RuleSpec) ([]edit, error)
}

// EnableTerraform makes the edits handle configurations read from
// Terraform files (config.Terraform).
func EnableTerraform() {
	hclEdit = &hclOps{add: (*text).hclAdd, replace: (*text).hclReplace, remove: (*text).hclRemove,
		removeRule: (*text).hclRemoveRule, insertRule: (*text).hclInsertRule}
}

// errNoHCL is returned for a Terraform configuration before
// EnableTerraform.
var errNoHCL = errors.New("fix: Terraform edits are not enabled (fix.EnableTerraform)")

// hclOp returns the HCL edits, or an error when they are not enabled.
func hclOp() (*hclOps, error) {
	if hclEdit == nil {
		return nil, errNoHCL
	}
	return hclEdit, nil
}

// ErrTerraformOrder refuses moving rules of a Terraform configuration.
var ErrTerraformOrder = errors.New("fix: the AWS provider sends cors_rule in its own set order; moving a block changes nothing")

// tfNames are the provider's argument names.
var tfNames = map[config.Field]string{
	config.FieldID: "id", config.FieldAllowedOrigin: "allowed_origins", config.FieldAllowedMethod: "allowed_methods",
	config.FieldAllowedHeader: "allowed_headers", config.FieldExposeHeader: "expose_headers", config.FieldMaxAgeSeconds: "max_age_seconds",
}

// hclQuote is s as an HCL quoted string: JSON's escapes, and ${ and %{
// doubled so that they stay text.
func hclQuote(s string) string {
	q := strings.ReplaceAll(quote(s), "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// hclLiteral checks that v is written in place: a quoted string without
// interpolation, or digits for max_age_seconds, whose span no other value
// shares.
func (t *text) hclLiteral(v config.Value) error {
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if s < 0 || e > len(t.src) || s >= e {
		return errShape
	}
	tok := string(t.src[s:e])
	plain := len(tok) >= 2 && tok[0] == '"' && tok[len(tok)-1] == '"' &&
		!strings.Contains(strings.ReplaceAll(tok, "$${", ""), "${") && !strings.Contains(strings.ReplaceAll(tok, "%%{", ""), "%{")
	if v.Field == config.FieldMaxAgeSeconds {
		plain = isDigits(tok)
	}
	n := 0
	for i := range t.cfg.Rules {
		for _, w := range t.cfg.Rules[i].Values {
			if w.Span == v.Span {
				n++
			}
		}
	}
	if plain && n == 1 {
		return nil
	}
	expr, _, _ := strings.Cut(tok, "\n")
	if len(expr) > 60 {
		expr = expr[:57] + "…"
	}
	return &CannotEditError{Expr: strings.TrimSpace(expr), Pos: v.Span.Start}
}

// implied: the value's span is its rule's header, where package terraform
// puts the 0 the provider sends for an unset max_age_seconds.
func (t *text) implied(v config.Value) bool {
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if s < 0 || e > len(t.src) || s > e {
		return false
	}
	switch string(t.src[s:e]) {
	case "cors_rule", `"cors_rule"`, "{":
		return true
	}
	return false
}

// hclScalar writes a scalar argument's value: max_age_seconds as a number
// when it is digits, everything else as a quoted string (a string
// max_age_seconds is then Terraform's type error, not broken HCL).
func hclScalar(f config.Field, s string) string {
	if f == config.FieldMaxAgeSeconds && isDigits(s) {
		return s
	}
	return hclQuote(s)
}

func (t *text) hclReplace(ri int, v config.Value, s string) ([]edit, error) {
	if v.Field == config.FieldMaxAgeSeconds && t.implied(v) {
		return t.hclAttribute(ri, v.Field, hclScalar(v.Field, s))
	}
	if err := t.hclLiteral(v); err != nil {
		return nil, err
	}
	return []edit{{at: v.Span.Start.Offset, end: v.Span.End.Offset, text: hclScalar(v.Field, s)}}, nil
}

// hclRemove removes a list element with its comma, or a scalar argument's
// whole line.
func (t *text) hclRemove(v config.Value) ([]edit, error) {
	if v.Field == config.FieldMaxAgeSeconds && t.implied(v) {
		return nil, errors.New("fix: max_age_seconds is not set; the provider sends 0 for it")
	}
	if err := t.hclLiteral(v); err != nil {
		return nil, err
	}
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if v.Field == config.FieldID || v.Field == config.FieldMaxAgeSeconds {
		ls, le := t.lineStart(s), t.lineEnd(e)
		return []edit{{at: ls, end: le + t.nlLen(le)}}, nil
	}
	after := e
	for after < len(t.src) && (t.src[after] == ' ' || t.src[after] == '\t') {
		after++
	}
	if after < len(t.src) && t.src[after] == ',' {
		after++
		for after < len(t.src) && (t.src[after] == ' ' || t.src[after] == '\t') {
			after++
		}
		if t.endsLine(after) && t.startsLine(s) { // an element on its own line
			le := t.lineEnd(after)
			return []edit{{at: t.lineStart(s), end: le + t.nlLen(le)}}, nil
		}
		return []edit{{at: s, end: after}}, nil
	}
	before := s
	for before > 0 && (t.src[before-1] == ' ' || t.src[before-1] == '\t' || t.src[before-1] == '\n' || t.src[before-1] == '\r') {
		before--
	}
	if before > 0 && t.src[before-1] == ',' {
		return []edit{{at: before - 1, end: e}}, nil
	}
	return []edit{{at: s, end: e}}, nil // the only element: [] stays
}

// hclAdd adds values after the field's last value written in place, or as
// a new argument of the rule's block.
func (t *text) hclAdd(ri int, f config.Field, vals []string) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	vs := r.Get(f)
	if len(vs) == 0 || f == config.FieldID || f == config.FieldMaxAgeSeconds {
		if f == config.FieldID || f == config.FieldMaxAgeSeconds {
			if len(vs) > 0 {
				return t.hclReplace(ri, vs[0], vals[0])
			}
			return t.hclAttribute(ri, f, hclScalar(f, vals[0]))
		}
		qs := make([]string, len(vals))
		for i, v := range vals {
			qs[i] = hclQuote(v)
		}
		return t.hclAttribute(ri, f, "["+strings.Join(qs, ", ")+"]")
	}
	last := vs[len(vs)-1]
	for _, v := range vs {
		if v.Span.End.Offset > last.Span.End.Offset {
			last = v
		}
	}
	if err := t.hclLiteral(last); err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, v := range vals {
		b.WriteString(", " + hclQuote(v))
	}
	return []edit{{at: last.Span.End.Offset, end: last.Span.End.Offset, text: b.String()}}, nil
}

// hclAttribute writes a new argument NAME = value on its own line before
// the closing brace of rule ri's block (a cors_rule block or a module
// input's object), indented as the block's first argument.
func (t *text) hclAttribute(ri int, f config.Field, value string) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	s, e := r.Span.Start.Offset, r.Span.End.Offset
	if s < 0 || e > len(t.src) || s >= e || t.src[e-1] != '}' {
		return nil, errShape
	}
	head := string(t.src[s:min(e, s+len("cors_rule"))])
	if head != "cors_rule" && t.src[s] != '{' {
		expr, _, _ := strings.Cut(string(t.src[s:e]), "\n")
		return nil, &CannotEditError{Expr: strings.TrimSpace(expr), Pos: r.Span.Start}
	}
	close := e - 1
	// An argument already written without values (allowed_headers = [])
	// gets them; one written as an expression cannot be added to.
	name := tfNames[f]
	for ls := s; ls < close; {
		le := bytes.IndexByte(t.src[ls:close], '\n')
		if le < 0 {
			le = close - ls
		}
		line := t.src[ls : ls+le]
		trim := bytes.TrimLeft(line, " \t")
		if rest, ok := bytes.CutPrefix(trim, []byte(name)); ok {
			if eq := bytes.TrimLeft(rest, " \t"); len(eq) > 0 && eq[0] == '=' && (len(eq) == 1 || eq[1] != '=') {
				val := bytes.TrimSpace(eq[1:])
				at := ls + len(line) - len(bytes.TrimLeft(eq[1:], " \t"))
				if string(val) == "[]" {
					return []edit{{at: at, end: at + 2, text: value}}, nil
				}
				return nil, &CannotEditError{Expr: string(val), Pos: t.cfg.Rules[ri].Span.Start}
			}
		}
		ls += le + 1
	}
	indent := "    "
	if nl := bytes.IndexByte(t.src[s:close], '\n'); nl >= 0 {
		ls := s + nl + 1
		i := ls
		for i < close && (t.src[i] == ' ' || t.src[i] == '\t') {
			i++
		}
		indent = string(t.src[ls:i])
	}
	line := indent + tfNames[f] + " = " + value + t.nl
	if t.startsLine(close) {
		return []edit{{at: t.lineStart(close), end: t.lineStart(close), text: line}}, nil
	}
	return []edit{{at: close, end: close, text: " " + tfNames[f] + " = " + value + " "}}, nil
}

// hclRemoveRule removes a cors_rule block (with its line) or a module
// input's object (with its comma).
func (t *text) hclRemoveRule(ri int) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	s, e := r.Span.Start.Offset, r.Span.End.Offset
	if s < 0 || e > len(t.src) || s >= e {
		return nil, errShape
	}
	if !bytes.HasPrefix(t.src[s:], []byte("cors_rule")) && t.src[s] != '{' {
		expr, _, _ := strings.Cut(string(t.src[s:e]), "\n")
		return nil, &CannotEditError{Expr: strings.TrimSpace(expr), Pos: r.Span.Start}
	}
	end := e
	if end < len(t.src) && t.src[end] == ',' {
		end++
	}
	if t.startsLine(s) && t.endsLine(end) {
		le := t.lineEnd(end)
		return []edit{{at: t.lineStart(s), end: le + t.nlLen(le)}}, nil
	}
	return []edit{{at: s, end: end}}, nil
}

// hclInsertRule writes a cors_rule block after the last cors_rule block
// written in place (where it goes in the text does not matter: the
// provider orders rules itself).
func (t *text) hclInsertRule(spec RuleSpec) ([]edit, error) {
	at := -1
	for i := range t.cfg.Rules {
		r := &t.cfg.Rules[i]
		s, e := r.Span.Start.Offset, r.Span.End.Offset
		if s >= 0 && e <= len(t.src) && s < e && bytes.HasPrefix(t.src[s:], []byte("cors_rule")) && e > at {
			at = e
		}
	}
	if at < 0 {
		return nil, errors.New("fix: no cors_rule block written in place to add a rule beside")
	}
	ind := string(t.src[t.lineStart(at) : t.lineStart(at)+len(t.src[t.lineStart(at):at])-len(bytes.TrimLeft(t.src[t.lineStart(at):at], " \t"))])
	var b strings.Builder
	b.WriteString(t.nl + t.nl + ind + "cors_rule {" + t.nl)
	for _, f := range []config.Field{config.FieldID, config.FieldAllowedHeader, config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldExposeHeader, config.FieldMaxAgeSeconds} {
		vals := spec.get(f)
		if len(vals) == 0 {
			continue
		}
		b.WriteString(ind + "  " + tfNames[f] + " = ")
		switch f {
		case config.FieldID:
			b.WriteString(hclQuote(vals[0]))
		case config.FieldMaxAgeSeconds:
			b.WriteString(hclScalar(f, vals[0]))
		default:
			qs := make([]string, len(vals))
			for i, v := range vals {
				qs[i] = hclQuote(v)
			}
			b.WriteString("[" + strings.Join(qs, ", ") + "]")
		}
		b.WriteString(t.nl)
	}
	b.WriteString(ind + "}")
	return []edit{{at: at, end: at, text: b.String()}}, nil
}
