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
	"corsplay/internal/lint"
	"corsplay/internal/validation"
)

// templateFlags are the flags validate, lint and convert take for
// CloudFormation templates.
// --resource is shared with Terraform (tfFlags).
type templateFlags struct {
	params   multi
	resource *string
}

func addTemplateFlags(fs *flag.FlagSet, tf *tfFlags) *templateFlags {
	o := &templateFlags{resource: &tf.resource}
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

// describeSource prints a source's notes, unknowns and CloudFormation's
// refusals; it reports whether CloudFormation refuses the resource.
func describeSource(w io.Writer, name string, s *iac.Source) (refused bool) {
	for _, n := range s.Notes {
		fmt.Fprintf(w, "%s:%d:%d: note: %s: %s\n", name, s.Span.Start.Line, s.Span.Start.Column, s.Address, n)
	}
	for _, u := range s.Unknowns {
		where := s.Address
		if u.Rule >= 0 {
			where += fmt.Sprintf(" rule %d", u.Rule+1)
		}
		if u.Field != "" {
			where += " " + string(u.Field)
		}
		fmt.Fprintf(w, "%s:%d:%d: unknown: %s: %s has no value here, so it is not checked (supply --parameter %s=VALUE)\n", name, u.Span.Start.Line, u.Span.Start.Column, where, u.Ref, u.Ref)
	}
	for _, p := range s.Problems {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", name, p.Span.Start.Line, p.Span.Start.Column, p.Tool, p.Msg)
		refused = refused || p.Tool == "cloudformation"
	}
	return refused
}

func validateTemplate(src []byte, name string, o *templateFlags, stdout io.Writer) error {
	sources, err := readTemplate(src, name, o, stdout)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		fmt.Fprintf(stdout, "%s: no AWS::S3::Bucket with a CorsConfiguration.\n", name)
		return nil
	}
	bad := false
	for _, s := range sources {
		if describeSource(stdout, name, s) {
			fmt.Fprintf(stdout, "%s: %s: CloudFormation refuses the resource; S3 is never asked.\n", name, s.Address)
			bad = true
			continue
		}
		res := validation.Check(s.Config, nil, src)
		for _, pr := range res.Problems {
			where := ""
			if pr.Rule >= 0 {
				where = fmt.Sprintf(" (rule %d", pr.Rule+1)
				if pr.Field != "" {
					where += ", " + pr.Field
				}
				where += ")"
			}
			detail := ""
			if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
				detail = ": " + pr.Value
			}
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s%s%s\n", name, pr.Span.Start.Line, pr.Span.Start.Column, pr.Code, pr.Message, detail, where)
		}
		if res.S3Error != nil {
			fmt.Fprintf(stdout, "%s: %s: S3 answers PutBucketCors with %d %s: %s\n", name, s.Address, res.S3Error.Status, res.S3Error.Code, res.S3Error.Message)
			bad = true
			continue
		}
		unchecked := ""
		if len(s.Unknowns) > 0 {
			unchecked = fmt.Sprintf("; %d unknown %s not checked", len(s.Unknowns), plural(len(s.Unknowns), "value"))
		}
		fmt.Fprintf(stdout, "%s: %s: S3 accepts its configuration (%d %s, in the order written%s).\n", name, s.Address, len(s.Config.Rules), plural(len(s.Config.Rules), "rule"), unchecked)
	}
	if bad {
		return &exitError{code: 1}
	}
	return nil
}

func lintTemplate(src []byte, name string, o *templateFlags, stdout io.Writer) error {
	sources, err := readTemplate(src, name, o, stdout)
	if err != nil {
		return err
	}
	n := 0
	for _, s := range sources {
		for _, w := range lint.Check(src, s.Config) {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s: %s [%s]\n", name, w.Line, w.Column, w.Severity, s.Address, w.Message, w.Code)
			if w.Fix != nil {
				fmt.Fprintf(stdout, "    fix: %s\n", w.Fix.Summary)
			}
			n++
		}
	}
	if n > 0 {
		return &exitError{code: 1}
	}
	fmt.Fprintf(stdout, "%s: no warnings (%d %s with CORS).\n", name, len(sources), plural(len(sources), "bucket"))
	return nil
}

// convertTemplate writes one bucket's rules in another form. Values not
// known are not guessed: the conversion is refused until they are given.
func convertTemplate(src []byte, name, to string, o *templateFlags, stdout io.Writer) error {
	sources, err := readTemplate(src, name, o, io.Discard)
	if err != nil {
		return err
	}
	switch {
	case len(sources) == 0:
		return &exitError{code: 2, msg: name + ": no AWS::S3::Bucket with a CorsConfiguration"}
	case len(sources) > 1:
		return &exitError{code: 2, msg: name + ": several buckets with CORS; name one with --resource: " + sourceNames(sources)}
	}
	s := sources[0]
	var why []string
	for _, u := range s.Unknowns {
		why = append(why, fmt.Sprintf("%d:%d %s", u.Span.Start.Line, u.Span.Start.Column, u.Ref))
	}
	for _, p := range s.Problems {
		why = append(why, fmt.Sprintf("%d:%d %s", p.Span.Start.Line, p.Span.Start.Column, p.Msg))
	}
	if len(why) > 0 {
		return &exitError{code: 1, msg: name + ": " + s.Address + " cannot be converted as it is:\n  " + strings.Join(why, "\n  ")}
	}
	// The rules go through the S3 form they are: the aws-cli's JSON.
	out, err := convert.To(config.Format(s.Config, config.CLIJSON), to)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	_, err = stdout.Write(out)
	return err
}
