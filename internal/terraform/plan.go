package terraform

import (
	"github.com/hashicorp/hcl/v2"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"corsplay/internal/iac"
)

// plan reads `terraform show -json` output: planned_values (a plan) or
// values (a state), each a root_module with resources[] and
// child_modules[]. Values there are resolved, but sets are in Terraform
// core's order, not the provider's, so rules are ordered as for HCL. HCL's
// JSON parser is used for its places; with no evaluation context it reads
// strings literally, never as templates.
func (r *reader) plan() {
	f, diags := hcljson.Parse(r.src, r.name)
	r.diags(diags)
	if f == nil || diags.HasErrors() {
		return
	}
	attrs, _ := f.Body.JustAttributes()
	var root hcl.Expression
	for _, key := range []string{"planned_values", "values"} {
		if a, ok := attrs[key]; ok {
			root = member(a.Expr, "root_module")
			break
		}
	}
	if root == nil {
		r.problem("corsplay", "no planned_values or values in this terraform show -json output: nothing to read", hcl.Range{})
		return
	}
	var resources []hcl.Expression
	r.planModule(root, &resources, 0)
	// An aws_s3_bucket's cors_rule in provider v4 and later is read back
	// from the bucket (computed), so it is read only when no
	// aws_s3_bucket_cors_configuration names the same bucket.
	managed := map[string]bool{}
	for _, res := range resources {
		if literal(member(res, "type")) == "aws_s3_bucket_cors_configuration" {
			managed[literal(member(member(res, "values"), "bucket"))] = true
		}
	}
	for _, res := range resources {
		typ := literal(member(res, "type"))
		vals := member(res, "values")
		set := typ == "aws_s3_bucket_cors_configuration"
		if !set && (typ != "aws_s3_bucket" || managed[literal(member(vals, "bucket"))]) {
			continue
		}
		rules := member(vals, "cors_rule")
		elems, d := exprList(rules)
		if d.HasErrors() || (!set && len(elems) == 0) {
			continue
		}
		src := &iac.Source{Address: literal(member(res, "address")), Span: r.lt.span(res.Range())}
		r.cur = src
		s := r.root()
		var drafts []*draft
		for _, el := range elems {
			pairs, d := hcl.ExprMap(el)
			if d.HasErrors() {
				continue
			}
			dr := newDraft(el.Range(), el.StartRange())
			for _, p := range pairs {
				f := fieldOf(keyName(p.Key))
				for _, rf := range ruleFields {
					if rf.field == f && f != "" {
						s.field(dr, rf, p.Value)
					}
				}
			}
			drafts = append(drafts, dr)
		}
		r.finish(src, drafts, set, res.Range())
		r.file.Sources = append(r.file.Sources, src)
		r.cur = nil
	}
}

// planModule collects a module's resources and its children's, in order.
func (r *reader) planModule(m hcl.Expression, out *[]hcl.Expression, depth int) {
	if m == nil || depth > maxDepth {
		return
	}
	if rs, d := exprList(member(m, "resources")); !d.HasErrors() {
		*out = append(*out, rs...)
	}
	if cs, d := exprList(member(m, "child_modules")); !d.HasErrors() {
		for _, c := range cs {
			r.planModule(c, out, depth+1)
		}
	}
}

// member is the value of key in a JSON object expression, or nil.
func member(e hcl.Expression, key string) hcl.Expression {
	if e == nil {
		return nil
	}
	pairs, d := hcl.ExprMap(e)
	if d.HasErrors() {
		return nil
	}
	for _, p := range pairs {
		if keyName(p.Key) == key {
			return p.Value
		}
	}
	return nil
}

// literal is a JSON string's text, or "".
func literal(e hcl.Expression) string {
	if e == nil {
		return ""
	}
	v, d := e.Value(nil)
	if d.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// exprList is hcl.ExprList, with nil (a member not there) an error.
func exprList(e hcl.Expression) ([]hcl.Expression, hcl.Diagnostics) {
	if e == nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "missing"}}
	}
	return hcl.ExprList(e)
}
