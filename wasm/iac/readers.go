package main

import (
	"strings"

	"corsplay/internal/cloudformation"
	"corsplay/internal/iac"
	"corsplay/internal/terraform"
)

// reader is one infrastructure-as-code reader this module holds.
type reader struct {
	kind iac.Kind
	// claims reports whether a file is this reader's, from its name (which
	// may be "") and its text.
	claims func(name string, src []byte) bool
	read   func(name string, src []byte, in iac.Inputs) *iac.File
}

// readers are tried in order; the first that claims a file reads it.
// This is the one place a reader plugs in. A CloudFormation template is
// claimed first (a template's strings may hold `resource "`, which
// terraform.Looks takes for HCL), unless its name says Terraform.
var readers = []reader{
	{kind: iac.CloudFormation,
		claims: func(name string, src []byte) bool {
			return cloudformation.Detect(src) && !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json")
		},
		read: func(_ string, src []byte, in iac.Inputs) *iac.File { return cloudformation.Read(src, in) }},
	{kind: iac.Terraform, claims: terraform.Looks, read: terraform.Read},
}

// lintExtra adds a language's own lint warnings to lint.Check's.
var lintExtra = map[iac.Kind]func(src []byte, s *iac.Source) []warning{
	iac.Terraform: func(src []byte, s *iac.Source) []warning { return warnings(terraform.Warnings(src, s)) },
}
