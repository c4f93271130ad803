package terraform

import (
	"math/big"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"corsplay/internal/config"
	"corsplay/internal/iac"
	"corsplay/internal/tfset"
)

// ruleField is one argument of cors_rule.
type ruleField struct {
	name  string
	field config.Field
	list  bool
}

// ruleFields in the schema's sorted key order, which is also the order
// the SDK serializes a rule in and the order Values are given.
var ruleFields = []ruleField{
	{"allowed_headers", config.FieldAllowedHeader, true},
	{"allowed_methods", config.FieldAllowedMethod, true},
	{"allowed_origins", config.FieldAllowedOrigin, true},
	{"expose_headers", config.FieldExposeHeader, true},
	{"id", config.FieldID, false},
	{"max_age_seconds", config.FieldMaxAgeSeconds, false},
}

func fieldOf(name string) config.Field {
	for _, f := range ruleFields {
		if f.name == name {
			return f.field
		}
	}
	return ""
}

// draft is a rule as written, before the provider's ordering.
type draft struct {
	span, head hcl.Range
	vals       map[config.Field][]config.Value
	set        map[config.Field]bool // given a non-null value
	unknown    map[config.Field]bool
	unknowns   []iac.Unknown
}

func newDraft(span, head hcl.Range) *draft {
	return &draft{span: span, head: head, vals: map[config.Field][]config.Value{}, set: map[config.Field]bool{}, unknown: map[config.Field]bool{}}
}

// field reads one argument written as e. A list written as a list keeps
// each element's place; any other expression gives all its values the
// expression's place.
func (s *scope) field(d *draft, f ruleField, e hcl.Expression) {
	e = s.descend(e)
	if f.list && isListSyntax(e) {
		if elems, diags := hcl.ExprList(e); !diags.HasErrors() {
			d.set[f.field] = true
			for i, el := range elems {
				v, ok := s.eval(el)
				if !ok {
					continue
				}
				if !v.IsWhollyKnown() {
					s.unknown(d, f, el)
					continue
				}
				s.scalar(d, f, v, el.Range(), i)
			}
			return
		}
	}
	v, ok := s.eval(e)
	if !ok {
		return
	}
	s.fieldValue(d, f, v, e)
}

func (s *scope) unknown(d *draft, f ruleField, e hcl.Expression) {
	d.unknown[f.field] = true
	d.unknowns = append(d.unknowns, s.unknowns(e, -1, f.name, map[hcl.Range]bool{})...)
}

// fieldValue reads one argument's value, computed from e.
func (s *scope) fieldValue(d *draft, f ruleField, v cty.Value, e hcl.Expression) {
	r := s.r
	if !v.IsKnown() {
		s.unknown(d, f, e)
		return
	}
	if v.IsNull() {
		return
	}
	if !f.list {
		d.set[f.field] = true
		if !v.IsWhollyKnown() {
			s.unknown(d, f, e)
			return
		}
		s.scalar(d, f, v, e.Range(), -1)
		return
	}
	t := v.Type()
	if !(t.IsListType() || t.IsSetType() || t.IsTupleType()) {
		r.problem("terraform", "Incorrect attribute value type: Inappropriate value for attribute \""+f.name+"\": set of string required.", e.Range())
		return
	}
	d.set[f.field] = true
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, el := it.Element()
		if !el.IsWhollyKnown() {
			s.unknown(d, f, e)
			continue
		}
		s.scalar(d, f, el, e.Range(), i)
	}
}

// scalar adds one value, converted as Terraform converts to the
// argument's type (numbers and bools become strings; strings of digits
// become numbers).
func (s *scope) scalar(d *draft, f ruleField, v cty.Value, at hcl.Range, elem int) {
	r := s.r
	where := ""
	if elem >= 0 {
		where = "element " + strconv.Itoa(elem) + ": "
	}
	if v.IsNull() {
		if elem >= 0 {
			r.problem("terraform", "Null value found in list: Null values are not allowed for this attribute value.", at)
		}
		return
	}
	val := config.Value{Field: f.field, Span: r.lt.span(at), Kind: "string"}
	switch {
	case f.field == config.FieldMaxAgeSeconds:
		n := v
		if v.Type() == cty.String {
			if bf, ok := new(big.Float).SetString(v.AsString()); ok {
				n = cty.NumberVal(bf)
			}
		}
		if n.Type() != cty.Number {
			r.problem("terraform", "Incorrect attribute value type: Inappropriate value for attribute \""+f.name+"\": a number is required.", at)
			return
		}
		bf := n.AsBigFloat()
		i, acc := bf.Int64()
		if acc != big.Exact || i < -1<<31 || i >= 1<<31 {
			r.problem("terraform", "Incorrect attribute value type: Inappropriate value for attribute \""+f.name+"\": a whole number that fits in 32 bits is required.", at)
			return
		}
		val.Text, val.Kind = strconv.FormatInt(i, 10), "number"
	case v.Type() == cty.String:
		val.Text = v.AsString()
	case v.Type() == cty.Number:
		val.Text = v.AsBigFloat().Text('f', -1)
	case v.Type() == cty.Bool:
		val.Text = strconv.FormatBool(v.True())
	default:
		what := "string required"
		if f.list && elem < 0 {
			what = "set of string required"
		}
		r.problem("terraform", "Incorrect attribute value type: Inappropriate value for attribute \""+f.name+"\": "+where+what+".", at)
		return
	}
	d.vals[f.field] = append(d.vals[f.field], val)
}

// finish turns drafts into the source's Config as the provider sends it:
// for a set, each value list in set order and the rules in set order,
// duplicates merged; for the inline list, as written. Empty lists and an
// empty id are left out; an unset max_age_seconds is 0, spanning the
// rule's block header.
func (r *reader) finish(src *iac.Source, drafts []*draft, set bool, def hcl.Range) {
	cfg := &config.Config{Form: config.Terraform, Size: len(r.src), Root: config.Root{Span: src.Span}}
	src.Config = cfg
	if len(drafts) > maxRules {
		r.problem("terraform", "Too many list items: Attribute cors_rule supports "+strconv.Itoa(maxRules)+" item maximum, but config has "+strconv.Itoa(len(drafts))+" declared.", def)
	}
	if len(drafts) == 0 && len(src.Unknowns) == 0 && set {
		r.problem("terraform", "Insufficient cors_rule blocks: At least 1 \"cors_rule\" blocks are required.", def)
	}
	rules := make([]config.Rule, len(drafts))
	keyed := make([]tfset.Rule, len(drafts))
	for i, d := range drafts {
		rule := config.Rule{Span: r.lt.span(d.span)}
		sr := &keyed[i]
		for _, f := range ruleFields {
			vals := d.vals[f.field]
			if set && f.list {
				texts := make([]string, len(vals))
				for k, v := range vals {
					texts[k] = v.Text
				}
				ordered := make([]config.Value, 0, len(vals))
				for _, k := range tfset.Strings(texts) {
					ordered = append(ordered, vals[k])
				}
				vals = ordered
			}
			switch f.field {
			case config.FieldID:
				if len(vals) > 0 && vals[0].Text == "" {
					vals = nil
				}
				if len(vals) > 0 {
					sr.ID = vals[0].Text
					if len(vals[0].Text) > 255 {
						r.problem("terraform", "Invalid value: expected length of cors_rule.id to be in the range (0 - 255), got "+vals[0].Text, hclRange(vals[0].Span))
					}
				}
			case config.FieldMaxAgeSeconds:
				if len(vals) == 0 && !d.unknown[f.field] {
					vals = []config.Value{{Field: f.field, Text: "0", Kind: "number", Span: r.lt.span(d.head)}}
				}
				if len(vals) > 0 {
					sr.MaxAge, _ = strconv.ParseInt(vals[0].Text, 10, 64)
				}
			}
			for _, v := range vals {
				switch f.field {
				case config.FieldAllowedHeader:
					sr.Headers = append(sr.Headers, v.Text)
				case config.FieldAllowedMethod:
					sr.Methods = append(sr.Methods, v.Text)
				case config.FieldAllowedOrigin:
					sr.Origins = append(sr.Origins, v.Text)
				case config.FieldExposeHeader:
					sr.Expose = append(sr.Expose, v.Text)
				}
			}
			rule.Values = append(rule.Values, vals...)
		}
		rules[i] = rule
	}
	order := make([]int, len(drafts))
	for i := range order {
		order[i] = i
	}
	if set {
		order = tfset.Rules(keyed)
	}
	at := make([]int, len(drafts)) // draft index → rule index, -1 merged
	for i := range at {
		at[i] = -1
	}
	for k, i := range order {
		rule := rules[i]
		rule.Index = k
		cfg.Rules = append(cfg.Rules, rule)
		src.Written = append(src.Written, i)
		at[i] = k
	}
	doubt := false
	for i, d := range drafts {
		for _, u := range d.unknowns {
			u.Rule = at[i]
			src.Unknowns = append(src.Unknowns, u)
		}
		doubt = doubt || len(d.unknowns) > 0
	}
	if set && doubt && len(drafts) > 1 {
		r.problem("corsplay", "The order S3 receives these rules in depends on values not known yet: the provider orders rules by a hash of all their values. Supply the unknown values to see the order.", def)
	}
}

func hclRange(s config.Span) hcl.Range {
	return hcl.Range{Start: hcl.Pos{Byte: s.Start.Offset}, End: hcl.Pos{Byte: s.End.Offset}}
}
