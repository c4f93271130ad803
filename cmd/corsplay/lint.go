package main

import (
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"flag"
	"fmt"
	"io"

	"corsplay/internal/config"
	"corsplay/internal/lint"
	"corsplay/internal/report"
)

func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var tf tfFlags
	tf.register(fs)
	tpl := addTemplateFlags(fs, &tf)
	format := &tf.format
	tf.failAt.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay lint [--format text|json|github|sarif] FILE   (- for stdin)\n\nPrints warnings about a configuration S3 accepts but that will not do what you want,\nas FILE:LINE:COL: severity: message [code]; exits 1 when there are warnings\n(--minimum-failure-severity notice: info findings too).\nWhat S3 rejects is \"corsplay validate\"'s business. FILE may be a CloudFormation template.")
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
		return lintTerraform(name, src, &tf, stdout)
	}
	if iacfile.KindOf(name, src) == iac.CloudFormation {
		return lintTemplate(src, name, tpl, tf.failAt, stdout)
	}
	cfg, err := config.Parse(src)
	if err != nil {
		return &exitError{code: 2, msg: name + ": cannot lint what does not parse (" + err.Error() + "); run corsplay validate"}
	}
	ws := lint.Check(src, cfg)
	if *format != "text" {
		return lintFindings(stdout, *format, name, ws, tf.failAt)
	}
	for _, w := range ws {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", name, w.Line, w.Column, w.Severity, w.Message, w.Code)
		if w.Fix != nil {
			fmt.Fprintf(stdout, "    fix: %s\n", w.Fix.Summary)
		}
	}
	if anyFails(ws, tf.failAt) {
		return &exitError{code: 1}
	}
	if len(ws) == 0 {
		fmt.Fprintf(stdout, "%s: no warnings.\n", name)
	}
	return nil
}

// anyFails reports whether a warning is at least as severe as l.
func anyFails(ws []lint.Warning, l failLevel) bool {
	for _, w := range ws {
		if l.fails(w.Severity) {
			return true
		}
	}
	return false
}

// lintFindings writes the warnings as JSON ({"file", "warnings"}, each as
// the contract's lint), workflow commands (warning, or notice for info) or
// SARIF (warning, or note).
func lintFindings(stdout io.Writer, format, name string, ws []lint.Warning, failAt failLevel) error {
	var out []byte
	if format == "json" {
		out = fileJSON(name, "warnings", func(b []byte) []byte {
			b = append(b, '[')
			for i := range ws {
				if i > 0 {
					b = append(b, ',')
				}
				b = ws[i].AppendJSON(b)
			}
			return append(b, ']')
		})
	} else {
		var fs []report.Finding
		for _, w := range ws {
			lv := report.Warning
			if w.Severity != lint.Warn {
				lv = report.Note
			}
			fs = append(fs, report.Finding{RuleID: w.Code, Level: lv, Title: "corsplay lint: " + w.Code, Message: w.Message,
				File: name, Line: w.Line, Column: w.Column, EndLine: w.EndLine, EndColumn: w.EndColumn})
		}
		out = appendFindings(nil, format, fs)
	}
	if _, err := stdout.Write(out); err != nil {
		return err
	}
	if anyFails(ws, failAt) {
		return &exitError{code: 1}
	}
	return nil
}
