package terraform

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"corsplay/internal/iac"
)

// Bounds on evaluation. A CORS configuration is at most 64 KB of XML, so a
// value feeding one needs no more than a few thousand elements; larger
// values (a chain of locals each doubling the last, a wide for expression)
// are refused at their place instead of being built.
const (
	maxValue   = 1 << 16 // elements plus string bytes in one value
	maxLocals  = 4096    // locals evaluated per file
	maxForNest = 2       // for expressions nested in one expression
)

// local is one entry of a locals block.
type local struct {
	expr  hcl.Expression
	state int // 0 not evaluated, 1 being evaluated, 2 done
	val   cty.Value
}

// variable is one variable block.
type variable struct {
	typ      cty.Type
	defaults *typeexpr.Defaults // optional(T, default) attributes
	def      hcl.Expression     // nil: no default
	complex  bool               // a collection or structural type: -var text is HCL
	declared hcl.Range
}

// scope is what expressions see: the file's names and any iterators
// (each, count, a dynamic block's iterator) of the block being read.
type scope struct {
	r     *reader
	iters map[string]iterator
}

// iterator is a name bound while expanding for_each, count or a dynamic
// block, with the expression its values come from (for tracing unknowns).
type iterator struct {
	val  cty.Value
	from hcl.Expression
}

func (r *reader) root() *scope { return &scope{r: r} }

func (s *scope) with(name string, it iterator) *scope {
	n := &scope{r: s.r, iters: map[string]iterator{}}
	for k, v := range s.iters {
		n.iters[k] = v
	}
	n.iters[name] = it
	return n
}

// ctx builds the evaluation context for expr: var, local, the iterators,
// and an unknown value for every other name expr refers to (resources,
// data sources, modules, path), so that they evaluate as unknown rather
// than as errors.
func (s *scope) ctx(expr hcl.Expression) *hcl.EvalContext {
	r := s.r
	vars := map[string]cty.Value{}
	vs, ls := map[string]cty.Value{}, map[string]cty.Value{}
	for _, t := range expr.Variables() {
		root := t.RootName()
		if it, ok := s.iters[root]; ok {
			vars[root] = it.val
			continue
		}
		name := ""
		if len(t) > 1 {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				name = a.Name
			}
		}
		switch {
		case root == "var" && name != "":
			vs[name] = r.varValue(name)
		case root == "local" && name != "":
			ls[name] = r.localValue(name)
		case root != "var" && root != "local":
			vars[root] = cty.DynamicVal
		}
	}
	vars["var"] = cty.ObjectVal(vs)
	vars["local"] = cty.ObjectVal(ls)
	return &hcl.EvalContext{Variables: vars, Functions: functions}
}

// eval evaluates expr; diagnostics become Terraform problems at their place.
func (s *scope) eval(expr hcl.Expression) (cty.Value, bool) {
	if msg, at, ok := s.r.tooDeep(expr); !ok {
		s.r.problem("corsplay", msg, at)
		return cty.DynamicVal, false
	}
	v, diags := expr.Value(s.ctx(expr))
	if diags.HasErrors() {
		s.r.diags(diags)
		return cty.DynamicVal, false
	}
	if size(v) > maxValue {
		s.r.problem("corsplay", "this value is too large to read (more than "+strconv.Itoa(maxValue)+" elements and bytes)", expr.Range())
		return cty.DynamicVal, false
	}
	return v, true
}

// tooDeep refuses for expressions nested more than maxForNest deep, whose
// results grow as the product of their collections.
func (r *reader) tooDeep(expr hcl.Expression) (string, hcl.Range, bool) {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return "", hcl.Range{}, true
	}
	if d := forDepth(se); d > maxForNest {
		return "for expressions nested " + strconv.Itoa(d) + " deep are more than corsplay evaluates (" + strconv.Itoa(maxForNest) + ")", se.Range(), false
	}
	return "", hcl.Range{}, true
}

// forDepth is the deepest nesting of for expressions in e.
func forDepth(e hclsyntax.Node) int {
	w := &depthWalker{}
	hclsyntax.Walk(e, w)
	return w.max
}

type depthWalker struct{ cur, max int }

func (w *depthWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.cur++
		w.max = max(w.max, w.cur)
	}
	return nil
}

func (w *depthWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.cur--
	}
	return nil
}

// size counts a value's elements and string bytes, stopping past maxValue.
func size(v cty.Value) int {
	n := 0
	var walk func(v cty.Value)
	walk = func(v cty.Value) {
		if n > maxValue || v.IsNull() || !v.IsKnown() {
			return
		}
		t := v.Type()
		switch {
		case t == cty.String:
			n += len(v.AsString())
		case t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType():
			for it := v.ElementIterator(); it.Next() && n <= maxValue; {
				_, e := it.Element()
				n++
				walk(e)
			}
		default:
			n++
		}
	}
	walk(v)
	return n
}

// varValue is var.NAME: a supplied value, else the default, else unknown.
func (r *reader) varValue(name string) cty.Value {
	if v, ok := r.varVals[name]; ok {
		return v
	}
	r.varVals[name] = cty.DynamicVal // a cycle through a default is unknown
	d := r.varDecls[name]
	v := cty.DynamicVal
	if text, ok := r.in[name]; ok {
		v = r.input(name, text, d)
	} else if d != nil && d.def != nil {
		if dv, diags := d.def.Value(nil); !diags.HasErrors() {
			v = dv
		} else {
			r.diags(diags)
		}
	}
	if d != nil && v.IsKnown() && d.typ != cty.DynamicPseudoType {
		if d.defaults != nil {
			v = d.defaults.Apply(v)
		}
		cv, err := convert.Convert(v, d.typ)
		if err != nil {
			r.problem("terraform", "Invalid value for variable: the value of var."+name+" is not a "+d.typ.FriendlyName()+": "+err.Error(), d.declared)
			v = cty.DynamicVal
		} else {
			v = cv
		}
	}
	r.varVals[name] = v
	return v
}

// input reads a supplied value as Terraform reads -var: HCL for variables
// of a collection or structural type (and for undeclared ones when the
// text parses as a list, map or number), the text itself otherwise.
func (r *reader) input(name, text string, d *variable) cty.Value {
	literal := cty.StringVal(text)
	if d != nil && !d.complex {
		return literal
	}
	e, diags := hclsyntax.ParseExpression([]byte(text), "-var "+name, hcl.InitialPos)
	if diags.HasErrors() {
		if d == nil {
			return literal
		}
		r.problem("terraform", "Invalid value for variable: -var "+name+": "+diags[0].Summary+"; "+diags[0].Detail, hcl.Range{})
		return cty.DynamicVal
	}
	v, diags := e.Value(&hcl.EvalContext{Functions: functions})
	if diags.HasErrors() || size(v) > maxValue {
		if d == nil {
			return literal
		}
		r.problem("terraform", "Invalid value for variable: -var "+name+" is not a constant value", hcl.Range{})
		return cty.DynamicVal
	}
	if d == nil && v.Type() == cty.String {
		return literal
	}
	return v
}

// localValue is local.NAME, evaluated once; a cycle is Terraform's error.
func (r *reader) localValue(name string) cty.Value {
	l, ok := r.locals[name]
	if !ok {
		return cty.DynamicVal // declared in another file of the module
	}
	switch l.state {
	case 2:
		return l.val
	case 1:
		r.problem("terraform", "Cycle: local."+name+" refers to itself through other locals", l.expr.Range())
		return cty.DynamicVal
	}
	r.evaluated++
	if r.evaluated > maxLocals {
		r.problem("corsplay", "more than "+strconv.Itoa(maxLocals)+" locals to evaluate", l.expr.Range())
		l.state, l.val = 2, cty.DynamicVal
		return l.val
	}
	l.state = 1
	v, _ := r.root().eval(l.expr)
	l.state, l.val = 2, v
	return v
}

// unknowns lists the references in expr whose values are not known, at
// their places; a local or an iterator whose value is unknown leads on to
// the references in its own expression.
func (s *scope) unknowns(expr hcl.Expression, rule int, field string, seen map[hcl.Range]bool) []iac.Unknown {
	var out []iac.Unknown
	r := s.r
	for _, t := range expr.Variables() {
		rng := t.SourceRange()
		if seen[rng] {
			continue
		}
		seen[rng] = true
		v, diags := t.TraverseAbs(s.ctx(traversalExpr{t}))
		if !diags.HasErrors() && v.IsWhollyKnown() {
			continue
		}
		out = append(out, iac.Unknown{Ref: refText(t), Span: r.lt.span(rng), Rule: rule, Field: fieldOf(field)})
		root := t.RootName()
		if it, ok := s.iters[root]; ok && it.from != nil {
			out = append(out, s.unknowns(it.from, rule, field, seen)...)
			continue
		}
		if root == "local" && len(t) > 1 {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				if l := r.locals[a.Name]; l != nil {
					out = append(out, r.root().unknowns(l.expr, rule, field, seen)...)
				}
			}
		}
	}
	return out
}

// traversalExpr lets scope.ctx build a context for one traversal.
type traversalExpr struct{ t hcl.Traversal }

func (e traversalExpr) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	return cty.DynamicVal, nil
}
func (e traversalExpr) Variables() []hcl.Traversal { return []hcl.Traversal{e.t} }
func (e traversalExpr) Range() hcl.Range           { return e.t.SourceRange() }
func (e traversalExpr) StartRange() hcl.Range      { return e.t.SourceRange() }

// refText writes a traversal as Terraform does in messages: var.x,
// each.value.allowed_origins, local.m["k"].
func refText(t hcl.Traversal) string {
	var b strings.Builder
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				b.WriteString("[" + strconv.Quote(s.Key.AsString()) + "]")
			} else if s.Key.Type() == cty.Number {
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			} else {
				b.WriteString("[…]")
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
		_ = i
	}
	return b.String()
}

// typeOf reads a variable's type constraint; anything it cannot read is
// "any".
func typeOf(e hcl.Expression) (cty.Type, *typeexpr.Defaults, bool) {
	t, defaults, diags := typeexpr.TypeConstraintWithDefaults(e)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil, true
	}
	complex := t.IsCollectionType() || t.IsObjectType() || t.IsTupleType() || t == cty.DynamicPseudoType
	return t, defaults, complex
}

// functions are those of Terraform's that go-cty's stdlib implements (the
// same names and behaviour), plus Terraform's conversions and try/can.
// format and formatlist refuse widths that would build huge strings.
var functions = map[string]function.Function{
	"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
	"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
	"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
	"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
	"floor": stdlib.FloorFunc, "format": bounded(stdlib.FormatFunc), "formatlist": bounded(stdlib.FormatListFunc),
	"index": stdlib.IndexFunc, "join": stdlib.JoinFunc, "jsondecode": stdlib.JSONDecodeFunc,
	"jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc, "length": stdlib.LengthFunc,
	"lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc, "max": stdlib.MaxFunc, "merge": stdlib.MergeFunc,
	"min": stdlib.MinFunc, "range": stdlib.RangeFunc, "replace": stdlib.ReplaceFunc, "reverse": stdlib.ReverseListFunc,
	"setintersection": stdlib.SetIntersectionFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
	"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
	"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
	"trimspace": stdlib.TrimSpaceFunc, "trimsuffix": stdlib.TrimSuffixFunc, "upper": stdlib.UpperFunc,
	"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
	"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
	"tostring": conversion(cty.String), "tonumber": conversion(cty.Number), "tobool": conversion(cty.Bool),
	"tolist": conversion(cty.List(cty.DynamicPseudoType)), "toset": conversion(cty.Set(cty.DynamicPseudoType)),
	"tomap": conversion(cty.Map(cty.DynamicPseudoType)),
}

// conversion is Terraform's tostring, toset and the like: convert.Convert
// to the type, unifying element types for the collection ones.
func conversion(want cty.Type) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true}},
		Type: func(args []cty.Value) (cty.Type, error) {
			if want.HasDynamicTypes() {
				v, err := convert.Convert(args[0], want)
				if err != nil {
					return cty.NilType, function.NewArgError(0, err)
				}
				return v.Type(), nil
			}
			return want, nil
		},
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			v, err := convert.Convert(args[0], ret)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			return v, nil
		},
	})
}

// bounded wraps format and formatlist: a width or precision over four
// digits ("%999999999d") would build a string of that many bytes.
func bounded(f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			if args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String && wideVerb(args[0].AsString()) {
				return cty.NilVal, function.NewArgErrorf(0, "a width or precision of more than four digits")
			}
			return f.Call(args)
		},
	})
}

// wideVerb reports a verb in a format string whose width or precision has
// more than four digits.
func wideVerb(f string) bool {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && strings.IndexByte("+- #0", f[i]) >= 0 {
			i++
		}
		for part := 0; part < 2; part++ {
			n := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
				n++
			}
			if n > 4 {
				return true
			}
			if part == 0 && i < len(f) && f[i] == '.' {
				i++
				continue
			}
			break
		}
	}
	return false
}

// sortedKeys lists a map's keys in Terraform's instance order.
func sortedKeys(m map[string]cty.Value) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
