package main

import (
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/convert"
	"corsplay/internal/report"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// maxConfigFile bounds what validate, lint and convert read: far above S3's
// 64 KB, so that an oversized file still gets S3's own answer.
const maxConfigFile = 16 << 20

func cmdValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var tf tfFlags
	tf.register(fs)
	tpl := addTemplateFlags(fs, &tf)
	format := &tf.format
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay validate [flags] FILE   (- for stdin)\n\nPrints every problem as FILE:LINE:COL: and S3's answer to PutBucketCors; exits 1 when S3 would reject it.\nFILE may be a CloudFormation template (YAML or JSON, SAM, CDK synth output, Serverless resources).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if err := checkFindingsFormat(*format); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	src, name, err := readInput(fs.Arg(0), stdin, maxConfigFile)
	if err != nil {
		return err
	}
	if iacfile.KindOf(name, src) == iac.Terraform {
		return validateTerraform(name, src, &tf, stdout)
	}
	if iacfile.KindOf(name, src) == iac.CloudFormation {
		return validateTemplate(src, name, tpl, stdout)
	}
	text := string(src)
	p := runner.Prepare(scenario.Bucket{CORS: &text})
	v := p.Validation
	if *format != "text" {
		return validateFindings(stdout, *format, name, v)
	}
	for _, pr := range v.Problems {
		where := ruleWhere(pr.Rule, pr.Field)
		note := ""
		if !pr.Verified {
			note = " [S3's exact answer to this was never recorded; inferred]"
		}
		detail := ""
		if pr.Value != "" && !strings.Contains(pr.Message, pr.Value) {
			detail = ": " + pr.Value
		}
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s%s%s%s\n", name, pr.Line, pr.Column, pr.Code, pr.Message, detail, where, note)
	}
	switch {
	case v.ClientError != nil:
		fmt.Fprintf(stdout, "%s: the %s refuses to send it. %s\nIts words:\n%s\n", name, v.ClientError.Tool, v.ClientError.Plain, v.ClientError.Message)
		return &exitError{code: 1}
	case v.S3Error != nil:
		fmt.Fprintf(stdout, "%s: S3 answers PutBucketCors with %d %s. %s\nIts words: %s\n", name, v.S3Error.Status, v.S3Error.Code, v.S3Error.Plain, v.S3Error.Message)
		return &exitError{code: 1}
	}
	fmt.Fprintf(stdout, "%s: S3 accepts this configuration (%s, %d %s, %d bytes).\n", name, formName(p.Config.Format), len(p.Config.Rules), plural(len(p.Config.Rules), "rule"), p.Config.Size)
	return nil
}

// ruleWhere names the rule and field a problem is in, " (rule 2,
// AllowedOrigin)", or "" for the whole document.
func ruleWhere(rule int, field string) string {
	if rule < 0 {
		return ""
	}
	if field != "" {
		return fmt.Sprintf(" (rule %d, %s)", rule+1, field)
	}
	return fmt.Sprintf(" (rule %d)", rule+1)
}

// validateFindings writes S3's verdict as JSON ({"file", "validation"},
// the contract's validation), workflow commands or SARIF: each problem at
// its place, and a refusal with no problem of its own (the aws-cli's) at
// the file.
func validateFindings(stdout io.Writer, format, name string, v *scenario.ValidationOut) error {
	var out []byte
	if format == "json" {
		out = fileJSON(name, "validation", v.AppendJSON)
	} else {
		var fs []report.Finding
		for _, pr := range v.Problems {
			msg := pr.Message
			if pr.Value != "" && !strings.Contains(msg, pr.Value) {
				msg += ": " + pr.Value
			}
			if pr.Rule >= 0 {
				msg += " (rule " + strconv.Itoa(pr.Rule+1) + ")"
			}
			fs = append(fs, report.Finding{RuleID: pr.Code, Level: report.Error, Title: "corsplay validate: " + pr.Code, Message: msg,
				File: name, Line: pr.Line, Column: pr.Column, EndLine: pr.EndLine, EndColumn: pr.EndColumn})
		}
		if c := v.ClientError; c != nil && len(v.Problems) == 0 {
			fs = append(fs, report.Finding{RuleID: "client-error", Level: report.Error, Title: "corsplay validate: the " + c.Tool + " refuses it", Message: c.Message, File: name})
		}
		out = appendFindings(nil, format, fs)
	}
	if _, err := stdout.Write(out); err != nil {
		return err
	}
	if !v.Accepted {
		return &exitError{code: 1}
	}
	return nil
}

func formName(f string) string {
	switch config.Form(f) {
	case config.XML:
		return "PutBucketCors XML"
	case config.CLIJSON:
		return "aws-cli JSON"
	case config.ConsoleJSON:
		return "S3 console JSON"
	}
	return f
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func cmdConvert(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var tf tfFlags
	tf.register(fs)
	to := fs.String("to", "", strings.Join(convert.Targets, " | "))
	url := fs.String("url", "", "a URL of the bucket (virtual-hosted or path style): put-request and aws-cli name its bucket and region instead of amzn-s3-demo-bucket")
	tpl := addTemplateFlags(fs, &tf)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay convert --to FORM [--url URL] FILE   (- for stdin)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if fs.NArg() != 1 || *to == "" {
		fs.Usage()
		return &exitError{code: 2}
	}
	src, name, err := readInput(fs.Arg(0), stdin, maxConfigFile)
	if err != nil {
		return err
	}
	if iacfile.KindOf(name, src) == iac.Terraform {
		return convertTerraform(name, src, &tf, *to, stdout, stderr)
	}
	if iacfile.KindOf(name, src) == iac.CloudFormation {
		return convertTemplate(src, name, *to, tpl, stdout)
	}
	bucket := convert.BucketOf(*url)
	if *url != "" && bucket.Demo() {
		fmt.Fprintf(stderr, "corsplay convert: %s names no S3 bucket; using %s\n", *url, bucket.Name)
	}
	out, err := convert.ToBucket(src, *to, bucket)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	_, err = stdout.Write(out)
	return err
}
