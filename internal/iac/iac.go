// Package iac holds what corsplay's infrastructure-as-code readers find in a
// file: every S3 CORS configuration the file declares, under the address its
// tool gives it, with the rules as S3 would receive them and every value's
// place in the original text.
//
// A reader (package terraform, package cloudformation) turns one file into a
// File. Each Source's Config is an ordinary config.Config whose Form names the
// language and whose Values' Spans point into the original file, so that
// validation, lint and the fix locate their findings there without a second
// mapping. A value computed from an expression spans the expression; a value
// the reader could not compute is not guessed: it is left out of the rule and
// listed in Unknowns at its place.
//
// Rules and values are in the order the tool sends them to PutBucketCors,
// which for Terraform's AWS provider is its set order, not the order written;
// Source.Written keeps the written order for display.
package iac

import "corsplay/internal/config"

// Kind names the language a file is written in.
type Kind string

const (
	Terraform      Kind = "terraform"      // HCL (.tf), .tf.json, terraform show -json
	CloudFormation Kind = "cloudformation" // YAML or JSON templates, SAM, CDK synth output
)

// File is everything a reader found in one file.
type File struct {
	Kind Kind
	// Sources holds each CORS configuration in the order the file declares
	// them.
	Sources []*Source
	// Problems are file-level findings (syntax errors, limits reached).
	Problems []Problem
	// Inputs are the names a person may give values for (Inputs' keys),
	// sorted: the variables or parameters the file declares, and every
	// other name its CORS rules took a value by.
	Inputs []string
}

// Source is one CORS configuration declared in a file.
type Source struct {
	// Address names it as its tool does: aws_s3_bucket_cors_configuration.uploads,
	// aws_s3_bucket_cors_configuration.buckets["media"], module.assets, or a
	// CloudFormation logical ID.
	Address string
	Span    config.Span // the resource, block or module call
	// Config holds the rules as S3 receives them; see the package comment.
	Config *config.Config
	// Written maps each rule of Config to its index in the order written
	// (Written[i] is the written index of Config.Rules[i]).
	Written []int
	// Unknowns are references the reader could not resolve.
	Unknowns []Unknown
	// Notes are facts about the source worth showing beside its address
	// (the CDK construct path a synthesized resource came from, the
	// condition it is created under).
	Notes []string
	// Problems are what the tool itself refuses before S3 is asked (a
	// missing required argument, a string where a number belongs), in the
	// tool's words.
	Problems []Problem
}

// Unknown is a reference whose value is not known: a variable without a
// default or supplied value, a resource attribute known only after apply.
type Unknown struct {
	Ref   string       // as written: var.cors_origins, local.domain, DomainName
	Span  config.Span  // the reference in the text
	Rule  int          // index in Source.Config.Rules, or -1 when not inside one
	Field config.Field // the field it feeds, or "" when not known
}

// Problem is a finding of the tool or the reader, at a place.
type Problem struct {
	Tool string // "terraform", "cloudformation", "corsplay"
	Msg  string
	Span config.Span
}

// Inputs are values a person supplies for a file's variables or
// parameters, by name, as text in the file's own language: for Terraform an
// HCL expression or a bare string (as -var takes them), for CloudFormation
// a parameter value (a CommaDelimitedList is split on commas).
type Inputs map[string]string
