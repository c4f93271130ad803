package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"corsplay/internal/iac"
)

// ReadVarFile adds a .tfvars file's values to in, as -var-file does: each
// attribute as the text of its expression (what --var takes), a string
// literal as its value. Values already in in are replaced, so files read in
// order let the later one win.
func ReadVarFile(name string, src []byte, in iac.Inputs) error {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return diags
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return diags
	}
	for k, a := range attrs {
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && !v.IsNull() {
			in[k] = v.AsString()
			continue
		}
		r := a.Expr.Range()
		in[k] = string(src[r.Start.Byte:r.End.Byte])
	}
	return nil
}
