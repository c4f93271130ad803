package terraform

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
)

// MaxFile is the most Read reads: far above any real module file, and
// small enough that evaluating every expression in it stays quick.
const MaxFile = 2 << 20

// maxDepth bounds bracket nesting, checked before HCL's recursive parser
// sees the text.
const maxDepth = 128

// maxRules is the provider's MaxItems on cors_rule; maxInstances bounds
// count and for_each.
const (
	maxRules     = 100
	maxInstances = 256
)

// Syntax names what a file holds.
type Syntax string

const (
	HCL  Syntax = "hcl"  // .tf
	JSON Syntax = "json" // .tf.json
	Plan Syntax = "plan" // terraform show -json, of a plan or a state
)

// Detect names a file's syntax from its name and first bytes: JSON text
// with a "format_version" key near its start is `terraform show -json`
// output, other JSON is .tf.json, anything else HCL.
func Detect(name string, src []byte) Syntax {
	t := bytes.TrimLeft(src, " \t\r\n\uFEFF")
	if len(t) == 0 || t[0] != '{' {
		return HCL
	}
	head := t[:min(len(t), 4096)]
	if bytes.Contains(head, []byte(`"format_version"`)) && !strings.HasSuffix(name, ".tf.json") {
		return Plan
	}
	return JSON
}

// Looks reports whether src is a Terraform file worth handing to Read: a
// .tf or .tf.json name, or text that declares a resource, module or
// variable, or plan JSON.
func Looks(name string, src []byte) bool {
	if strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") || strings.HasSuffix(name, ".tfvars") {
		return true
	}
	if Detect(name, src) == Plan {
		return true
	}
	for _, kw := range []string{"resource \"", "module \"", "variable \"", "locals {"} {
		if bytes.Contains(src, []byte(kw)) {
			return true
		}
	}
	return false
}

// The fix package edits Terraform text only when this package is linked
// (its HCL edits are left out of the default page's module).
func init() { fix.EnableTerraform() }

type reader struct {
	src       []byte
	name      string
	lt        *lineTable
	in        iac.Inputs
	file      *iac.File
	cur       *iac.Source // problems of the source being read go here
	varDecls  map[string]*variable
	varVals   map[string]cty.Value
	locals    map[string]*local
	evaluated int
}

// Read reads one file. name picks the syntax (see Detect) and names the file
// in HCL's messages; in holds the values a person supplies for variables.
// It never fails: what it cannot read is a Problem at its place.
func Read(name string, src []byte, in iac.Inputs) *iac.File {
	r := &reader{src: src, name: name, lt: newLineTable(src), in: in, file: &iac.File{Kind: iac.Terraform},
		varDecls: map[string]*variable{}, varVals: map[string]cty.Value{}, locals: map[string]*local{}}
	if len(src) > MaxFile {
		r.file.Problems = append(r.file.Problems, iac.Problem{Tool: "corsplay", Span: r.lt.point(0),
			Msg: "the file is " + strconv.Itoa(len(src)) + " bytes; corsplay reads Terraform files of at most " + strconv.Itoa(MaxFile) + " bytes"})
		return r.file
	}
	if off, ok := nesting(src); !ok {
		r.file.Problems = append(r.file.Problems, iac.Problem{Tool: "corsplay", Span: r.lt.point(off),
			Msg: "brackets nested more than " + strconv.Itoa(maxDepth) + " deep"})
		return r.file
	}
	switch Detect(name, src) {
	case Plan:
		r.plan()
	case JSON:
		f, diags := hcljson.Parse(src, name)
		r.diags(diags)
		if f != nil && !diags.HasErrors() {
			r.module(f.Body)
		}
	default:
		f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		r.diags(diags)
		if f != nil && !diags.HasErrors() {
			r.module(f.Body)
		}
	}
	r.file.Inputs = r.inputs()
	return r.file
}

// inputs are the variables the file declares or its CORS rules refer to,
// sorted.
func (r *reader) inputs() []string {
	out := make([]string, 0, len(r.varDecls)+len(r.varVals))
	for n := range r.varDecls {
		out = append(out, n)
	}
	for n := range r.varVals {
		if r.varDecls[n] == nil {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// nesting finds the first place where brackets nest deeper than maxDepth,
// counting outside quoted strings and comments.
func nesting(src []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		case '{', '[', '(':
			depth++
			if depth > maxDepth {
				return i, false
			}
		case '}', ']', ')':
			depth--
		}
	}
	return 0, true
}

func (r *reader) problem(tool, msg string, rng hcl.Range) {
	p := iac.Problem{Tool: tool, Msg: msg, Span: r.lt.span(rng)}
	if rng.Filename == "" && rng.Start.Byte == 0 && rng.End.Byte == 0 {
		p.Span = r.lt.point(0)
	}
	if r.cur != nil {
		for _, q := range r.cur.Problems {
			if q == p {
				return
			}
		}
		r.cur.Problems = append(r.cur.Problems, p)
		return
	}
	r.file.Problems = append(r.file.Problems, p)
}

// diags records HCL's errors in its own words.
func (r *reader) diags(ds hcl.Diagnostics) {
	for _, d := range ds {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		var rng hcl.Range
		if d.Subject != nil {
			rng = *d.Subject
		}
		r.problem("terraform", msg, rng)
	}
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
}}

// module reads a file's top level: variables and locals first, then every
// CORS configuration in the order written.
func (r *reader) module(body hcl.Body) {
	content, _, diags := body.PartialContent(topSchema)
	r.diags(diags)
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			attrs, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}}})
			v := &variable{typ: cty.DynamicPseudoType, declared: b.DefRange, complex: true}
			if a, ok := attrs.Attributes["type"]; ok {
				v.typ, v.defaults, v.complex = typeOf(a.Expr)
			}
			if a, ok := attrs.Attributes["default"]; ok {
				v.def = a.Expr
			}
			r.varDecls[b.Labels[0]] = v
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			r.diags(diags)
			for name, a := range attrs {
				r.locals[name] = &local{expr: a.Expr}
			}
		}
	}
	for _, b := range content.Blocks {
		switch {
		case b.Type == "resource" && b.Labels[0] == "aws_s3_bucket_cors_configuration":
			r.resource(b, true)
		case b.Type == "resource" && b.Labels[0] == "aws_s3_bucket":
			r.resource(b, false)
		case b.Type == "module":
			r.moduleCall(b)
		}
	}
}

// blockRange is a block from its type to its closing brace. In HCL's JSON
// syntax (.tf.json) a block is an object: it starts at the key that names
// it (a resource's name, or "cors_rule" when the object is that key's
// value), or at its own brace when it is one element of an array, whose
// key names all of them.
func (r *reader) blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	start := r.blockHead(b)
	if n := len(b.LabelRanges); n > 0 {
		start = b.LabelRanges[n-1]
	}
	if end, ok := r.closeBrace(b); ok && end.End.Byte > start.Start.Byte {
		return hcl.RangeBetween(start, end)
	}
	return start
}

// defRange is where a finding about a whole block goes: its header in
// HCL; in the JSON syntax its name's key (HCL's JSON reader gives the
// object's opening brace).
func (r *reader) defRange(b *hcl.Block) hcl.Range {
	if _, ok := b.Body.(*hclsyntax.Body); !ok && len(b.LabelRanges) > 0 {
		return b.LabelRanges[len(b.LabelRanges)-1]
	}
	return b.DefRange
}

// closeBrace is a JSON block's closing brace (the JSON body's place for
// a missing item).
func (r *reader) closeBrace(b *hcl.Block) (hcl.Range, bool) {
	end := b.Body.MissingItemRange()
	ok := end.Filename == b.DefRange.Filename && end.Start.Byte >= 0 && end.End.Byte <= len(r.src) &&
		end.End.Byte == end.Start.Byte+1 && r.src[end.Start.Byte] == '}'
	return end, ok
}

// blockHead is where a block's type is written: in HCL its keyword; in
// the JSON syntax the key whose value the block's object is, or the
// object's own brace when it is one element of an array (HCL's JSON
// reader gives every element the array's bracket).
func (r *reader) blockHead(b *hcl.Block) hcl.Range {
	if _, ok := b.Body.(*hclsyntax.Body); ok {
		return b.TypeRange
	}
	open := b.DefRange.Start.Byte
	if b.DefRange.Filename != b.TypeRange.Filename || open < 0 || open >= len(r.src) {
		return b.DefRange
	}
	if r.src[open] == '[' {
		if end, ok := r.closeBrace(b); ok {
			if at := jsonElementAt(r.src, open, end.Start.Byte); at >= 0 {
				p := r.lt.pos(at)
				return hcl.Range{Filename: b.DefRange.Filename, Start: hcl.Pos{Line: p.Line, Column: p.Column, Byte: at}, End: hcl.Pos{Line: p.Line, Column: p.Column + 1, Byte: at + 1}}
			}
		}
		return b.DefRange
	}
	if from := b.TypeRange.End.Byte; from <= open && len(bytes.Trim(r.src[from:open], " \t\r\n:")) == 0 {
		return b.TypeRange
	}
	return b.DefRange
}

// jsonElementAt is where the element of the JSON array opening at open
// that ends at the byte end starts, or -1.
func jsonElementAt(src []byte, open, end int) int {
	i := open + 1
	for i < len(src) {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n' || src[i] == ',') {
			i++
		}
		if i >= len(src) || src[i] == ']' || i > end {
			return -1
		}
		next := skipJSONValue(src, i)
		if next < 0 {
			return -1
		}
		if next == end+1 {
			return i
		}
		i = next
	}
	return -1
}

// skipJSONValue is the offset just after the JSON value starting at i, or
// -1 when the text ends first.
func skipJSONValue(src []byte, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '"':
			for j++; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
				}
			}
			if j >= len(src) {
				return -1
			}
			if depth == 0 {
				return j + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return j + 1
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return j
			}
		}
	}
	if depth == 0 {
		return len(src)
	}
	return -1
}

var metaSchema = []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}

var resourceSchema = &hcl.BodySchema{
	Attributes: append([]hcl.AttributeSchema{{Name: "bucket", Required: true}}, metaSchema...),
	Blocks:     []hcl.BlockHeaderSchema{{Type: "cors_rule"}, {Type: "dynamic", LabelNames: []string{"type"}}},
}

var bucketSchema = &hcl.BodySchema{
	Attributes: metaSchema,
	Blocks:     []hcl.BlockHeaderSchema{{Type: "cors_rule"}, {Type: "dynamic", LabelNames: []string{"type"}}},
}

// instance is one of a resource's or module call's count/for_each
// instances.
type instance struct {
	suffix string
	s      *scope
}

// instances expands count and for_each. An unknown count or for_each is
// listed as unknown and the block is read once, unaddressed.
func (r *reader) instances(attrs hcl.Attributes, src *iac.Source) []instance {
	s := r.root()
	if a, ok := attrs["count"]; ok {
		v, ok := s.eval(a.Expr)
		if !ok {
			return nil
		}
		if !v.IsWhollyKnown() {
			src.Unknowns = append(src.Unknowns, s.unknowns(a.Expr, -1, "", map[hcl.Range]bool{})...)
			return []instance{{s: s}}
		}
		n, err := countOf(v)
		if err != "" {
			r.problem("terraform", "Invalid count argument: "+err, a.Expr.Range())
			return nil
		}
		out := []instance{}
		for i := 0; i < n; i++ {
			out = append(out, instance{suffix: "[" + strconv.Itoa(i) + "]",
				s: s.with("count", iterator{val: cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})})})
		}
		return out
	}
	if a, ok := attrs["for_each"]; ok {
		v, ok := s.eval(a.Expr)
		if !ok {
			return nil
		}
		if !v.IsWhollyKnown() {
			src.Unknowns = append(src.Unknowns, s.unknowns(a.Expr, -1, "", map[hcl.Range]bool{})...)
			return []instance{{s: s.with("each", iterator{val: cty.DynamicVal, from: a.Expr})}}
		}
		keys, vals, err := eachOf(v)
		if err != "" {
			r.problem("terraform", "Invalid for_each argument: "+err, a.Expr.Range())
			return nil
		}
		out := []instance{}
		for i, k := range keys {
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(k), "value": vals[i]})
			out = append(out, instance{suffix: "[" + strconv.Quote(k) + "]", s: s.with("each", iterator{val: each, from: a.Expr})})
		}
		return out
	}
	return []instance{{s: s}}
}

func countOf(v cty.Value) (int, string) {
	if v.IsNull() || v.Type() != cty.Number {
		return 0, "The given \"count\" argument value is unsuitable: a number is required."
	}
	bf := v.AsBigFloat()
	n, acc := bf.Int64()
	if acc != 0 || n < 0 {
		return 0, "The given \"count\" argument value is unsuitable: must be a whole number, zero or more."
	}
	if n > maxInstances {
		return 0, "corsplay reads at most " + strconv.Itoa(maxInstances) + " instances"
	}
	return int(n), ""
}

// eachOf lists for_each's instances by key, in Terraform's order (sorted
// keys): a map or object by its keys, a set of strings by its values.
func eachOf(v cty.Value) ([]string, []cty.Value, string) {
	t := v.Type()
	if v.IsNull() {
		return nil, nil, "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument value is null. A map, or set of strings is allowed."
	}
	var keys []string
	m := map[string]cty.Value{}
	switch {
	case t.IsMapType() || t.IsObjectType():
		for k, e := range v.AsValueMap() {
			m[k] = e
		}
	case t.IsSetType() && t.ElementType() == cty.String:
		for _, e := range v.AsValueSlice() {
			if e.IsNull() {
				return nil, nil, "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must not contain null values."
			}
			m[e.AsString()] = e
		}
	default:
		return nil, nil, "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type " + t.FriendlyName() + "."
	}
	if len(m) > maxInstances {
		return nil, nil, "corsplay reads at most " + strconv.Itoa(maxInstances) + " instances"
	}
	keys = sortedKeys(m)
	vals := make([]cty.Value, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals, ""
}

// resource reads an aws_s3_bucket_cors_configuration (set) or the inline
// rules of an aws_s3_bucket (list, provider v3 and earlier).
func (r *reader) resource(b *hcl.Block, set bool) {
	schema := bucketSchema
	if set {
		schema = resourceSchema
	}
	content, _, diags := b.Body.PartialContent(schema)
	if !set {
		hasRules := false
		for _, cb := range content.Blocks {
			hasRules = hasRules || cb.Type == "cors_rule" || cb.Labels != nil && cb.Labels[0] == "cors_rule"
		}
		if !hasRules {
			return // a bucket without inline CORS rules
		}
	}
	base := b.Labels[0] + "." + b.Labels[1]
	probe := &iac.Source{}
	r.cur = probe
	r.diags(diags)
	insts := r.instances(content.Attributes, probe)
	r.cur = nil
	for _, in := range insts {
		src := &iac.Source{Address: base + in.suffix, Span: r.lt.span(r.blockRange(b)), Problems: probe.Problems, Unknowns: probe.Unknowns}
		r.cur = src
		var drafts []*draft
		for _, cb := range content.Blocks {
			if cb.Type == "cors_rule" {
				drafts = append(drafts, r.ruleBlock(cb, in.s, set))
				continue
			}
			if cb.Labels[0] != "cors_rule" {
				continue
			}
			drafts = append(drafts, r.dynamic(cb, in.s, set)...)
		}
		r.finish(src, drafts, set, r.defRange(b))
		r.file.Sources = append(r.file.Sources, src)
		r.cur = nil
	}
}

// ruleSchema is cors_rule's: ResourceBucketCorsConfiguration for the
// resource; the inline block of aws_s3_bucket has no id
// (internal/service/s3/bucket.go, expandBucketCORSRules).
func ruleSchema(set bool) *hcl.BodySchema {
	s := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "allowed_headers"}, {Name: "allowed_methods", Required: true}, {Name: "allowed_origins", Required: true},
		{Name: "expose_headers"}, {Name: "max_age_seconds"},
	}}
	if set {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: "id"})
	}
	return s
}

// ruleBlock reads one cors_rule block (or a dynamic block's content).
func (r *reader) ruleBlock(b *hcl.Block, s *scope, set bool) *draft {
	d := newDraft(r.blockRange(b), r.blockHead(b))
	content, diags := b.Body.Content(ruleSchema(set))
	r.diags(diags)
	for _, f := range ruleFields {
		if a, ok := content.Attributes[f.name]; ok {
			s.field(d, f, a.Expr)
		}
	}
	return d
}

// dynamic expands a dynamic "cors_rule" block: its content once per
// element of for_each, with the iterator (named by iterator, else
// cors_rule) bound to {key, value}.
func (r *reader) dynamic(b *hcl.Block, s *scope, set bool) []*draft {
	content, diags := b.Body.Content(&hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
	})
	r.diags(diags)
	a, ok := content.Attributes["for_each"]
	if !ok || len(content.Blocks) != 1 {
		if ok {
			r.problem("terraform", "Missing content block: A dynamic block must have a nested block of type \"content\" to describe the body of each generated block.", b.DefRange)
		}
		return nil
	}
	name := "cors_rule"
	if it, ok := content.Attributes["iterator"]; ok {
		if kw := hcl.ExprAsKeyword(it.Expr); kw != "" {
			name = kw
		}
	}
	v, ok := s.eval(a.Expr)
	if !ok {
		return nil
	}
	if !v.IsWhollyKnown() {
		r.cur.Unknowns = append(r.cur.Unknowns, s.unknowns(a.Expr, -1, "", map[hcl.Range]bool{})...)
		return nil
	}
	t := v.Type()
	if v.IsNull() || !(t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType()) {
		r.problem("terraform", "Invalid dynamic for_each value: Cannot use a "+t.FriendlyName()+" value in for_each. An iterable collection is required.", a.Expr.Range())
		return nil
	}
	var out []*draft
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		iter := cty.ObjectVal(map[string]cty.Value{"key": k, "value": e})
		c := content.Blocks[0]
		out = append(out, r.ruleBlock(&hcl.Block{Type: "cors_rule", Body: c.Body, DefRange: c.DefRange, TypeRange: b.LabelRanges[0]}, s.with(name, iterator{val: iter, from: a.Expr}), set))
		if len(out) > maxRules+1 {
			break
		}
	}
	return out
}

// moduleCall reads a call of terraform-aws-modules/s3-bucket, whose
// cors_rule input (a list of objects, or the JSON text of one) goes through
// a dynamic "cors_rule" block into aws_s3_bucket_cors_configuration, each
// field through try(cors_rule.value.FIELD, null) but allowed_methods and
// allowed_origins, which the module reads directly.
func (r *reader) moduleCall(b *hcl.Block) {
	content, _, diags := b.Body.PartialContent(&hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{{Name: "source"}, {Name: "cors_rule"}}, metaSchema...)})
	srcAttr, ok := content.Attributes["source"]
	if !ok {
		return
	}
	sv, sd := srcAttr.Expr.Value(nil)
	if sd.HasErrors() || sv.Type() != cty.String || sv.IsNull() || !isS3BucketModule(sv.AsString()) {
		return
	}
	rules, ok := content.Attributes["cors_rule"]
	if !ok {
		return
	}
	probe := &iac.Source{}
	r.cur = probe
	r.diags(diags)
	insts := r.instances(content.Attributes, probe)
	r.cur = nil
	for _, in := range insts {
		src := &iac.Source{Address: "module." + b.Labels[0] + in.suffix, Span: r.lt.span(r.blockRange(b)), Problems: probe.Problems, Unknowns: probe.Unknowns}
		r.cur = src
		drafts, ok := r.moduleRules(rules.Expr, in.s)
		if ok && len(drafts) > 0 {
			r.finish(src, drafts, true, r.defRange(b))
			r.file.Sources = append(r.file.Sources, src)
		} else if len(src.Unknowns) > 0 || len(src.Problems) > 0 {
			r.finish(src, nil, true, r.defRange(b))
			r.file.Sources = append(r.file.Sources, src)
		}
		r.cur = nil
	}
}

func isS3BucketModule(source string) bool {
	return strings.Contains(source, "terraform-aws-modules/s3-bucket") || strings.Contains(source, "terraform-aws-s3-bucket")
}

// moduleRules reads the module's cors_rule input: element by element and
// key by key where it is written as a list of objects, else as a value.
func (r *reader) moduleRules(e hcl.Expression, s *scope) ([]*draft, bool) {
	e = s.descend(e)
	if elems, diags := hcl.ExprList(e); !diags.HasErrors() && isListSyntax(e) {
		var out []*draft
		for _, el := range elems {
			pairs, diags := hcl.ExprMap(el)
			if diags.HasErrors() {
				v, ok := s.eval(el)
				if !ok {
					continue
				}
				out = append(out, s.moduleRuleValue(v, el)...)
				continue
			}
			d := newDraft(el.Range(), el.StartRange())
			have := map[string]hcl.Expression{}
			for _, p := range pairs {
				if k := keyName(p.Key); k != "" {
					have[k] = p.Value
				}
			}
			for _, f := range ruleFields {
				if x, ok := have[f.name]; ok {
					s.field(d, f, x)
				} else if f.name == "allowed_methods" || f.name == "allowed_origins" {
					r.problem("terraform", "Unsupported attribute: This object does not have an attribute named \""+f.name+"\".", el.Range())
				}
			}
			out = append(out, d)
		}
		return out, true
	}
	v, ok := s.eval(e)
	if !ok {
		return nil, false
	}
	if !v.IsWhollyKnown() {
		r.cur.Unknowns = append(r.cur.Unknowns, s.unknowns(e, -1, "", map[hcl.Range]bool{})...)
		return nil, false
	}
	return s.moduleRuleValue(v, e), true
}

// moduleRuleValue reads rules from a computed cors_rule value, every value
// spanning the expression; a string is JSON, as the module's
// try(jsondecode(var.cors_rule), var.cors_rule) reads it.
func (s *scope) moduleRuleValue(v cty.Value, e hcl.Expression) []*draft {
	r := s.r
	if !v.IsNull() && v.Type() == cty.String {
		if dv, err := functions["jsondecode"].Call([]cty.Value{v}); err == nil {
			v = dv
		}
	}
	t := v.Type()
	if v.IsNull() {
		return nil
	}
	var elems []cty.Value
	switch {
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		elems = v.AsValueSlice()
	case t.IsObjectType() || t.IsMapType():
		elems = []cty.Value{v}
		if _, ok := t.AttributeTypes()["allowed_origins"]; !ok || t.IsMapType() {
			elems = nil
			for _, k := range sortedKeys(v.AsValueMap()) {
				elems = append(elems, v.AsValueMap()[k])
			}
		}
	default:
		r.problem("terraform", "Invalid dynamic for_each value: Cannot use a "+t.FriendlyName()+" value in for_each. An iterable collection is required.", e.Range())
		return nil
	}
	var out []*draft
	for _, el := range elems {
		d := newDraft(e.Range(), e.StartRange())
		if el.IsNull() || !(el.Type().IsObjectType() || el.Type().IsMapType()) {
			r.problem("terraform", "Unsupported attribute: This value does not have any attributes.", e.Range())
			continue
		}
		m := el.AsValueMap()
		for _, f := range ruleFields {
			if x, ok := m[f.name]; ok {
				s.fieldValue(d, f, x, e)
			} else if f.name == "allowed_methods" || f.name == "allowed_origins" {
				r.problem("terraform", "Unsupported attribute: This object does not have an attribute named \""+f.name+"\".", e.Range())
			}
		}
		out = append(out, d)
		if len(out) > maxRules+1 {
			break
		}
	}
	return out
}

func keyName(e hcl.Expression) string {
	if kw := hcl.ExprAsKeyword(e); kw != "" {
		return kw
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// isListSyntax: e is written as a list ([...] in HCL, an array in JSON).
func isListSyntax(e hcl.Expression) bool {
	switch e.(type) {
	case *hclsyntax.TupleConsExpr:
		return true
	case hclsyntax.Expression:
		return false
	}
	return true // HCL's JSON expressions answer ExprList only for arrays
}

// descend follows parentheses and conditionals whose condition is known, so
// that values keep the places of the branch that gives them.
func (s *scope) descend(e hcl.Expression) hcl.Expression {
	for i := 0; i < maxDepth; i++ {
		switch x := e.(type) {
		case *hclsyntax.ParenthesesExpr:
			e = x.Expression
		case *hclsyntax.ConditionalExpr:
			c, diags := x.Condition.Value(s.ctx(x.Condition))
			if diags.HasErrors() || !c.IsKnown() || c.IsNull() || c.Type() != cty.Bool {
				return e
			}
			if c.True() {
				e = x.TrueResult
			} else {
				e = x.FalseResult
			}
		default:
			return e
		}
	}
	return e
}

var _ = config.FieldID
