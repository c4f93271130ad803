package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"corsplay/internal/cloudformation"
	"corsplay/internal/config"
	"corsplay/internal/convert"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/validation"
)

// templateFlags are the flags validate, lint and convert take for
// CloudFormation templates.
// --resource and --format are shared with Terraform (tfFlags).
type templateFlags struct {
	params   multi
	resource *string
	format   *string
}

func addTemplateFlags(fs *flag.FlagSet, tf *tfFlags) *templateFlags {
	o := &templateFlags{resource: &tf.resource, format: &tf.format}
	fs.Var(&o.params, "parameter", "CloudFormation: Name=Value for a parameter, a pseudo parameter (AWS::Region=us-east-1),\n!GetAtt Res.Attr (Res.Attr=VALUE) or !ImportValue X (ImportValue:X=VALUE); repeatable")
	return o
}

func (o *templateFlags) inputs() (iac.Inputs, error) {
	in := iac.Inputs{}
	for _, p := range o.params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, &exitError{code: 2, msg: "--parameter " + p + ": want Name=Value"}
		}
		in[k] = v
	}
	return in, nil
}

// template is a CloudFormation template read for a command: the buckets
// with CORS it holds, or the one --resource names.
func readTemplate(src []byte, name string, o *templateFlags, stdout io.Writer) ([]*iac.Source, error) {
	in, err := o.inputs()
	if err != nil {
		return nil, err
	}
	f := cloudformation.Read(src, in)
	if len(f.Problems) > 0 {
		for _, p := range f.Problems {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", name, p.Span.Start.Line, p.Span.Start.Column, p.Tool, p.Msg)
		}
		return nil, &exitError{code: 2, msg: name + ": cannot read the template"}
	}
	if *o.resource == "" {
		return f.Sources, nil
	}
	for _, s := range f.Sources {
		if s.Address == *o.resource {
			return []*iac.Source{s}, nil
		}
	}
	return nil, &exitError{code: 2, msg: name + ": no AWS::S3::Bucket with a CorsConfiguration named " + *o.resource + "; the template has: " + sourceNames(f.Sources)}
}

func sourceNames(ss []*iac.Source) string {
	if len(ss) == 0 {
		return "none"
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Address
	}
	return strings.Join(out, ", ")
}

// tplOut writes a template's findings: as text (FILE:LINE:COL: kind:
// message, then a verdict line per bucket), or collected for --format
// github and sarif.
type tplOut struct {
	name string
	w    io.Writer
	rep  *tfReport // nil for text
}

func newTplOut(name string, o *templateFlags, w io.Writer) (*tplOut, error) {
	t := &tplOut{name: name, w: w}
	if f := *o.format; f != "" && f != "text" {
		if err := checkFormat(f); err != nil {
			return nil, err
		}
		t.rep = &tfReport{format: f}
	}
	return t, nil
}

// add is one finding: kind is what text output calls it, code the rule
// id for github and sarif.
func (t *tplOut) add(sp config.Span, kind, severity, code, msg string) {
	if t.rep == nil {
		fmt.Fprintf(t.w, "%s:%d:%d: %s: %s\n", t.name, sp.Start.Line, sp.Start.Column, kind, msg)
		return
	}
	t.rep.add(t.name, []finding{{pos: sp.Start, severity: severity, text: kind + ": " + msg, code: code, end: sp.End}})
}

// verdict is a bucket's summary line (text only).
func (t *tplOut) verdict(msg string) {
	if t.rep == nil {
		fmt.Fprintf(t.w, "%s: %s\n", t.name, msg)
	}
}

func (t *tplOut) flush() error {
	if t.rep == nil {
		return nil
	}
	return t.rep.write(t.w)
}

// describeSource writes a source's notes, unknowns and CloudFormation's
// refusals; it reports whether CloudFormation refuses the resource.
func describeSource(out *tplOut, s *iac.Source) (refused bool) {
	for _, n := range s.Notes {
		out.add(config.Span{Start: s.Span.Start, End: s.Span.Start}, "note", "info", "note", s.Address+": "+n)
	}
	for _, u := range s.Unknowns {
		where := s.Address
		if u.Rule >= 0 {
			where += fmt.Sprintf(" rule %d", u.Rule+1)
		}
		if u.Field != "" {
			where += " " + string(u.Field)
		}
		out.add(u.Span, "unknown", "warning", "unknown", where+": "+u.Ref+" has no value here, so it is not checked (supply --parameter "+cloudformation.InputName(u.Ref)+"=VALUE)")
	}
	for _, p := range s.Problems {
		sev := "error"
		if p.Tool != "cloudformation" {
			sev = "warning"
		}
		out.add(p.Span, p.Tool, sev, p.Tool, p.Msg)
		refused = refused || p.Tool == "cloudformation"
	}
	return refused
}

func validateTemplate(src []byte, name string, o *templateFlags, stdout io.Writer) error {
	out, err := newTplOut(name, o, stdout)
	if err != nil {
		return err
	}
	sources, err := readTemplate(src, name, o, stdout)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		out.verdict("no AWS::S3::Bucket with a CorsConfiguration.")
		return out.flush()
	}
	bad := false
	for _, s := range sources {
		if describeSource(out, s) {
			out.verdict(s.Address + ": CloudFormation refuses the resource; S3 is never asked.")
			bad = true
			continue
		}
		res := validation.Check(s.Config, nil, src)
		for _, pr := range res.Problems {
			where := ruleWhere(pr.Rule, pr.Field)
			detail := ""
			if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
				detail = ": " + pr.Value
			}
			out.add(pr.Span, pr.Code, "error", pr.Code, pr.Message+detail+where)
		}
		if res.S3Error != nil {
			out.verdict(fmt.Sprintf("%s: S3 answers PutBucketCors with %d %s: %s", s.Address, res.S3Error.Status, res.S3Error.Code, res.S3Error.Message))
			bad = true
			continue
		}
		unchecked := ""
		if len(s.Unknowns) > 0 {
			unchecked = fmt.Sprintf("; %d unknown %s not checked", len(s.Unknowns), plural(len(s.Unknowns), "value"))
		}
		out.verdict(fmt.Sprintf("%s: S3 accepts its configuration (%d %s, in the order written%s).", s.Address, len(s.Config.Rules), plural(len(s.Config.Rules), "rule"), unchecked))
	}
	if err := out.flush(); err != nil {
		return err
	}
	if bad {
		return &exitError{code: 1}
	}
	return nil
}

func lintTemplate(src []byte, name string, o *templateFlags, failAt failLevel, stdout io.Writer) error {
	out, err := newTplOut(name, o, stdout)
	if err != nil {
		return err
	}
	sources, err := readTemplate(src, name, o, stdout)
	if err != nil {
		return err
	}
	n, failing := 0, false
	for _, s := range sources {
		for _, w := range iacfile.Lint(iac.CloudFormation, src, s) {
			msg := s.Address + ": " + w.Message + " [" + w.Code + "]"
			if w.Fix != nil && out.rep == nil {
				msg += "\n    fix: " + w.Fix.Summary
			}
			out.add(w.Span, w.Severity, w.Severity, w.Code, msg)
			n++
			failing = failing || failAt.fails(w.Severity)
		}
	}
	if err := out.flush(); err != nil {
		return err
	}
	if failing {
		return &exitError{code: 1}
	}
	if n > 0 {
		return nil
	}
	out.verdict(fmt.Sprintf("no warnings (%d %s with CORS).", len(sources), plural(len(sources), "bucket")))
	return nil
}

// convertTemplate writes one bucket's rules in another form. Values not
// known are not guessed: the conversion is refused until they are given.
func convertTemplate(src []byte, name, to string, o *templateFlags, stdout io.Writer) error {
	out, err := templateRules(src, name, o)
	if err != nil {
		return err
	}
	// The rules go through the S3 form they are: the aws-cli's JSON.
	out, err = convert.To(out, to)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	_, err = stdout.Write(out)
	return err
}

// templateRules is the one bucket's rules as the aws-cli's JSON, for
// convert and for test --config: refused while several buckets are
// candidates (exit 2), or while CloudFormation would refuse the bucket or
// a value is unknown (exit 1).
func templateRules(src []byte, name string, o *templateFlags) ([]byte, error) {
	sources, err := readTemplate(src, name, o, io.Discard)
	if err != nil {
		return nil, err
	}
	switch {
	case len(sources) == 0:
		return nil, &exitError{code: 2, msg: name + ": no AWS::S3::Bucket with a CorsConfiguration"}
	case len(sources) > 1:
		return nil, &exitError{code: 2, msg: name + ": several buckets with CORS; name one with --resource: " + sourceNames(sources)}
	}
	s := sources[0]
	var why []string
	for _, u := range s.Unknowns {
		why = append(why, fmt.Sprintf("%d:%d unknown %s (supply --parameter %s=VALUE)", u.Span.Start.Line, u.Span.Start.Column, u.Ref, cloudformation.InputName(u.Ref)))
	}
	for _, p := range s.Problems {
		why = append(why, fmt.Sprintf("%d:%d %s", p.Span.Start.Line, p.Span.Start.Column, p.Msg))
	}
	if len(why) > 0 {
		return nil, &exitError{code: 1, msg: name + ": " + s.Address + "'s rules are not all known:\n  " + strings.Join(why, "\n  ")}
	}
	return config.Format(s.Config, config.CLIJSON), nil
}
