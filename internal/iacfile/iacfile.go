// Package iacfile picks the reader for an infrastructure-as-code file and
// says what S3's validation and lint find in each configuration it holds,
// so that the command line and the page's readers' module decide both the
// same way.
//
// A file is Terraform when its name ends in .tf, .tf.json or .tfvars, or its
// text is the JSON of terraform show; a CloudFormation template when its text
// names an AWS:: type under Resources or AWSTemplateFormatVersion; Terraform
// again when it is HCL (not XML, not JSON) with a top-level block Terraform
// has. Anything else is one of S3's own forms, for package config.
package iacfile

import (
	"bytes"
	"strings"

	"corsplay/internal/cloudformation"
	"corsplay/internal/config"
	"corsplay/internal/iac"
	"corsplay/internal/lint"
	"corsplay/internal/terraform"
	"corsplay/internal/validation"
)

// KindOf names the reader for a file, or "" for S3's own forms. name may
// be "" (pasted text).
func KindOf(name string, src []byte) iac.Kind {
	switch {
	case strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") || strings.HasSuffix(name, ".tfvars"):
		return iac.Terraform
	case terraform.Detect(name, src) == terraform.Plan:
		// Before the template test: a plan may carry a stack's template
		// as a string.
		return iac.Terraform
	case cloudformation.Detect(src):
		return iac.CloudFormation
	}
	t := bytes.TrimLeft(src[:min(len(src), 4096)], " \t\r\n\uFEFF")
	if len(t) > 0 && t[0] != '<' && t[0] != '{' && t[0] != '[' && terraform.Looks(name, src) {
		return iac.Terraform
	}
	return ""
}

// Read reads a file with the reader KindOf names; nil for S3's own forms.
func Read(name string, src []byte, in iac.Inputs) *iac.File {
	return ReadAs(KindOf(name, src), name, src, in)
}

// ReadAs reads a file with the reader of kind (an edited file goes back to
// the reader that read it first); nil for any other kind.
func ReadAs(kind iac.Kind, name string, src []byte, in iac.Inputs) *iac.File {
	switch kind {
	case iac.Terraform:
		return terraform.Read(name, src, in)
	case iac.CloudFormation:
		return cloudformation.Read(src, in)
	}
	return nil
}

// Findings are what S3 and lint say of one configuration of a file, at
// places in the file.
type Findings struct {
	XML        []byte // the configuration as the tool sends it to PutBucketCors
	Validation validation.Result
	Lint       []lint.Warning
}

// Check is S3's validation and lint's warnings (Lint) on one configuration
// of a file; nil when the reader could not build one.
func Check(kind iac.Kind, src []byte, s *iac.Source) *Findings {
	if s.Config == nil {
		return nil
	}
	return &Findings{XML: config.Format(s.Config, config.XML), Validation: validation.Check(s.Config, nil, src), Lint: Lint(kind, src, s)}
}

// Lint is lint's warnings on one configuration of a file, and those of
// its language (Terraform's provider: rule order, an unset max age).
func Lint(kind iac.Kind, src []byte, s *iac.Source) []lint.Warning {
	ws := lint.Check(src, s.Config)
	if kind == iac.Terraform {
		ws = append(ws, terraform.Warnings(src, s)...)
	}
	return ws
}
