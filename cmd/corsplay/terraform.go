package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/convert"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/report"
	"corsplay/internal/terraform"
	"corsplay/internal/validation"
)

// tfFlags are validate's, lint's and convert's flags for Terraform files.
type tfFlags struct {
	vars, varFiles multi
	resource       string
	format         string    // text, json (S3's own forms only), github or sarif
	failAt         failLevel // lint's --minimum-failure-severity
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func (f *tfFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.vars, "var", "Terraform: a variable's value, NAME=VALUE (repeatable; as terraform -var takes it)")
	fs.Var(&f.varFiles, "var-file", "Terraform: a .tfvars file of variable values (repeatable)")
	fs.StringVar(&f.format, "format", "text", "text, json, github (workflow commands) or sarif (SARIF 2.1.0)")
	fs.StringVar(&f.resource, "resource", "", "check only this CORS configuration: a Terraform address or a CloudFormation logical ID")
}

// inputs gathers the supplied values: var files in order, then --var,
// later ones winning, as terraform does.
func (f *tfFlags) inputs() (iac.Inputs, error) {
	in := iac.Inputs{}
	for _, path := range f.varFiles {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if err := terraform.ReadVarFile(path, src, in); err != nil {
			return nil, fmt.Errorf("%s", err.Error())
		}
	}
	for _, kv := range f.vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--var %q: want NAME=VALUE", kv)
		}
		in[k] = v
	}
	return in, nil
}

// tfSources reads a Terraform file and picks the sources --resource names
// (all of them without it). Unreadable input and an unknown address are
// exit status 2.
func tfSources(name string, src []byte, f *tfFlags, stdout io.Writer) (*iac.File, []*iac.Source, error) {
	in, err := f.inputs()
	if err != nil {
		return nil, nil, &exitError{code: 2, msg: err.Error()}
	}
	file := terraform.Read(name, src, in)
	for _, p := range file.Problems {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", name, p.Span.Start.Line, p.Span.Start.Column, p.Tool, p.Msg)
	}
	if len(file.Problems) > 0 {
		return nil, nil, &exitError{code: 2, msg: name + ": cannot read this Terraform file"}
	}
	if len(file.Sources) == 0 {
		return nil, nil, &exitError{code: 2, msg: name + ": no S3 CORS configuration here (aws_s3_bucket_cors_configuration, an aws_s3_bucket with cors_rule, or the s3-bucket module's cors_rule)"}
	}
	if f.resource == "" {
		return file, file.Sources, nil
	}
	for _, s := range file.Sources {
		if s.Address == f.resource {
			return file, []*iac.Source{s}, nil
		}
	}
	return nil, nil, &exitError{code: 2, msg: name + ": no CORS configuration at " + f.resource + "; there are: " + addresses(file)}
}

func addresses(f *iac.File) string {
	var as []string
	for _, s := range f.Sources {
		as = append(as, s.Address)
	}
	return strings.Join(as, ", ")
}

// finding is one line of Terraform output: a place and what is there.
type finding struct {
	pos      config.Pos
	severity string // "error", "warning", "info"
	text     string
	code     string // the rule id for github and sarif: a lint code, an S3 error code, terraform, unknown
	end      config.Pos
	fix      string // a quick fix's summary, for text output
}

// sourceFindings lists what Terraform refuses and what is not known, for
// one source.
func sourceFindings(s *iac.Source) []finding {
	var out []finding
	for _, p := range s.Problems {
		sev := "error"
		if p.Tool == "corsplay" {
			sev = "warning"
		}
		code := p.Tool
		if p.Tool == "corsplay" {
			code = "reader" // what corsplay's reader could not settle
		}
		out = append(out, finding{p.Span.Start, sev, p.Tool + ": " + p.Msg + " (" + s.Address + ")", code, p.Span.End, ""})
	}
	for _, u := range s.Unknowns {
		where := s.Address
		if u.Rule >= 0 {
			where += fmt.Sprintf(" rule %d", u.Rule+1)
		}
		if u.Field != "" {
			where += ", " + string(u.Field)
		}
		hint := ""
		if name, ok := strings.CutPrefix(u.Ref, "var."); ok && !strings.ContainsAny(name, ".[") {
			hint = "; supply it with --var " + name + "=VALUE"
		}
		out = append(out, finding{u.Span.Start, "error", "unknown: " + u.Ref + " has no known value, so what it feeds is left out (" + where + ")" + hint, "unknown", u.Span.End, ""})
	}
	return out
}

// unknownField: validation's complaint about a field an unknown feeds is
// not S3's answer but a gap in what corsplay knows.
func unknownField(s *iac.Source, rule int, field string) bool {
	for _, u := range s.Unknowns {
		if u.Rule == rule && string(u.Field) == field || u.Rule == -1 {
			return true
		}
	}
	return false
}

// tfReport collects findings for --format github and sarif, which are
// written once, after every configuration.
type tfReport struct {
	format string
	all    []report.Finding
}

func (r *tfReport) add(name string, fs []finding) {
	sortFindings(fs)
	for _, f := range fs {
		level := report.Note
		switch f.severity {
		case "error":
			level = report.Error
		case "warning":
			level = report.Warning
		}
		r.all = append(r.all, report.Finding{RuleID: f.code, Level: level, Title: "corsplay: " + f.code, Message: f.text, File: name,
			Line: f.pos.Line, Column: f.pos.Column, EndLine: f.end.Line, EndColumn: f.end.Column})
	}
}

func (r *tfReport) write(w io.Writer) error {
	_, err := w.Write(appendFindings(nil, r.format, r.all))
	return err
}

// checkFormat refuses json for Terraform files and CloudFormation
// templates, whose findings have no JSON form of their own yet.
func checkFormat(f string) error {
	if f == "json" {
		return &exitError{code: 2, msg: "--format json is for S3's own forms (XML and JSON); for Terraform files and CloudFormation templates use text, github or sarif"}
	}
	return checkFindingsFormat(f)
}

func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].pos.Line != fs[j].pos.Line {
			return fs[i].pos.Line < fs[j].pos.Line
		}
		return fs[i].pos.Column < fs[j].pos.Column
	})
}

func printFindings(stdout io.Writer, name string, fs []finding) {
	sortFindings(fs)
	for _, f := range fs {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", name, f.pos.Line, f.pos.Column, f.severity, f.text)
		if f.fix != "" {
			fmt.Fprintf(stdout, "    fix: %s\n", f.fix)
		}
	}
}

// validateTerraform is validate for a Terraform file: per configuration,
// Terraform's refusals, the unknowns, and S3's answer to what the provider
// would send.
func validateTerraform(name string, src []byte, f *tfFlags, stdout io.Writer) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	_, sources, err := tfSources(name, src, f, stdout)
	if err != nil {
		return err
	}
	rep := &tfReport{format: f.format}
	text := f.format == "text"
	failed := false
	for _, s := range sources {
		fs := sourceFindings(s)
		v := validation.Check(s.Config, nil, src)
		for _, pr := range v.Problems {
			if unknownField(s, pr.Rule, pr.Field) {
				continue
			}
			where := s.Address
			if pr.Rule >= 0 {
				where += fmt.Sprintf(" rule %d", pr.Rule+1)
				if pr.Field != "" {
					where += ", " + pr.Field
				}
			}
			detail := ""
			if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
				detail = ": " + pr.Value
			}
			fs = append(fs, finding{pr.Span.Start, "error", pr.Code + ": " + pr.Message + detail + " (" + where + ")", pr.Code, pr.Span.End, ""})
		}
		if !text {
			rep.add(name, fs)
		} else {
			printFindings(stdout, name, fs)
		}
		verdict := ""
		switch {
		case hasTool(s, "terraform"):
			verdict = "terraform refuses to apply it"
		case len(s.Unknowns) > 0:
			verdict = fmt.Sprintf("%d unknown %s; S3's answer needs their values", len(s.Unknowns), plural(len(s.Unknowns), "reference"))
		case v.S3Error != nil:
			verdict = fmt.Sprintf("S3 answers PutBucketCors with %d %s: %s", v.S3Error.Status, v.S3Error.Code, v.S3Error.Message)
		}
		if verdict != "" {
			failed = true
			if text {
				fmt.Fprintf(stdout, "%s: %s: %s\n", name, s.Address, verdict)
			}
			continue
		}
		if !text {
			continue
		}
		fmt.Fprintf(stdout, "%s: %s: S3 accepts this configuration (%d %s, in the order the provider sends them).\n", name, s.Address, len(s.Config.Rules), plural(len(s.Config.Rules), "rule"))
	}
	if !text {
		if err := rep.write(stdout); err != nil {
			return err
		}
	}
	if failed {
		return &exitError{code: 1}
	}
	return nil
}

func hasTool(s *iac.Source, tool string) bool {
	for _, p := range s.Problems {
		if p.Tool == tool {
			return true
		}
	}
	return false
}

// lintTerraform is lint for a Terraform file: Terraform's refusals and
// the unknowns, lint's warnings on what the provider sends, and rule-order
// warnings where the provider's set order differs from the written one.
func lintTerraform(name string, src []byte, f *tfFlags, stdout io.Writer) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	_, sources, err := tfSources(name, src, f, stdout)
	if err != nil {
		return err
	}
	rep := &tfReport{format: f.format}
	n, failing := 0, false
	for _, s := range sources {
		fs := sourceFindings(s)
		ws := iacfile.Lint(iac.Terraform, src, s)
		for _, w := range ws {
			fd := finding{w.Span.Start, w.Severity, w.Message + " [" + w.Code + "] (" + s.Address + ")", w.Code, w.Span.End, ""}
			if w.Fix != nil {
				fd.fix = w.Fix.Summary
			}
			fs = append(fs, fd)
		}
		if f.format == "text" {
			printFindings(stdout, name, fs)
		} else {
			rep.add(name, fs)
		}
		n += len(fs)
		for _, fd := range fs {
			failing = failing || f.failAt.fails(fd.severity)
		}
	}
	if f.format != "text" {
		if err := rep.write(stdout); err != nil {
			return err
		}
	}
	if failing {
		return &exitError{code: 1}
	}
	if f.format != "text" || n > 0 {
		return nil
	}
	fmt.Fprintf(stdout, "%s: no warnings.\n", name)
	return nil
}

// convertTerraform writes one configuration of a Terraform file in another
// form: several need --resource.
func convertTerraform(name string, src []byte, f *tfFlags, to string, stdout, stderr io.Writer) error {
	file, sources, err := tfSources(name, src, f, stderr)
	if err != nil {
		return err
	}
	if len(sources) > 1 {
		return &exitError{code: 2, msg: name + " holds several CORS configurations; pick one with --resource: " + addresses(file)}
	}
	s := sources[0]
	if fs := sourceFindings(s); len(fs) > 0 {
		printFindings(stderr, name, fs)
		if hasTool(s, "terraform") || len(s.Unknowns) > 0 {
			return &exitError{code: 1, msg: name + ": " + s.Address + " is not known in full; nothing converted"}
		}
	}
	out, err := convert.To(config.Format(s.Config, config.XML), to)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	_, err = stdout.Write(out)
	return err
}

// terraformConfig is what test --config uses from a Terraform file: the
// one configuration (or --resource's) as the XML the provider sends, when
// every value is known and Terraform accepts it.
func terraformConfig(name string, src []byte, f *tfFlags, stderr io.Writer) (string, *iac.Source, error) {
	file, sources, err := tfSources(name, src, f, stderr)
	if err != nil {
		return "", nil, err
	}
	if len(sources) > 1 {
		return "", nil, &exitError{code: 2, msg: name + " holds several CORS configurations; pick one with --resource: " + addresses(file)}
	}
	s := sources[0]
	if hasTool(s, "terraform") || len(s.Unknowns) > 0 {
		printFindings(stderr, name, sourceFindings(s))
		return "", nil, &exitError{code: 2, msg: name + ": " + s.Address + " is not known in full; supply --var values"}
	}
	return string(config.Format(s.Config, config.XML)), s, nil
}
