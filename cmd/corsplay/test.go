package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/jsonw"
	"corsplay/internal/report"
)

// testRun is one test file's run, or why it could not be read.
type testRun struct {
	path string
	err  *expect.Error // the file is not a test file Decode takes
	rep  expect.Report
	file *expect.File
	// Where the configuration's problem is when it cannot be read: the
	// --config file, or the test file's "config" string.
	cfgFile         string
	cfgLine, cfgCol int
}

func cmdTest(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the bucket's CORS configuration (XML, aws-cli JSON, console JSON or a CloudFormation template), instead of each file's \"config\"")
	format := fs.String("format", "text", "text | json | junit | github")
	var tf tfFlags
	fs.StringVar(&tf.resource, "resource", "", "with a Terraform file or CloudFormation template as --config: the address or logical ID of the configuration to test")
	fs.Var(&tf.vars, "var", "with a Terraform file as --config: a variable's value, NAME=VALUE (repeatable)")
	fs.Var(&tf.varFiles, "var-file", "with a Terraform file as --config: a .tfvars file (repeatable)")
	tpl := addTemplateFlags(fs, &tf)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay test [--config FILE] [--format text|json|junit|github] TESTS.json...\n\nRuns test files (format corsplay-tests/1, see docs/tests.md): one line per failing test\nand \"N passed, M failed\"; exits 0 when all pass, 1 when a test fails, 2 when input\ncannot be read.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	switch *format {
	case "text", "json", "junit", "github":
	default:
		return &exitError{code: 2, msg: "--format " + strconv.Quote(*format) + " is not one of text, json, junit, github"}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	var cfgText *string
	// Where each rule is written, when --config is a Terraform file or a
	// CloudFormation template: the engine reads the rules as S3 receives
	// them, so its rule numbers alone would not say which block to change.
	var places []expect.RulePlace
	if *configPath != "" {
		src, name, err := readInput(*configPath, stdin, maxConfigFile)
		if err != nil {
			return err
		}
		var source *iac.Source
		s := string(src)
		switch iacfile.KindOf(name, src) {
		case iac.CloudFormation:
			// A template's bucket, as the aws-cli's JSON.
			if source, err = templateSource(src, name, tpl); err != nil {
				return err
			}
			s = string(config.Format(source.Config, config.CLIJSON))
		case iac.Terraform:
			if s, source, err = terraformConfig(name, src, &tf, stderr); err != nil {
				return err
			}
		}
		if source != nil {
			places = rulePlaces(name, source)
		}
		cfgText = &s
	}
	runner := expect.NewRunner(nil)
	var runs []testRun
	unreadable := false
	for _, path := range fs.Args() {
		src, name, err := readInput(path, stdin, expect.MaxFile)
		if err != nil {
			return err
		}
		tr := testRun{path: name}
		f, err := expect.Decode(src)
		if err != nil {
			if !errors.As(err, &tr.err) {
				tr.err = &expect.Error{Msg: err.Error()}
			}
			unreadable = true
			runs = append(runs, tr)
			continue
		}
		tr.file = f
		tr.rep = runner.Run(f, cfgText)
		tr.rep.RulePlaces = places
		if tr.rep.Error != "" {
			unreadable = true
			if cfgText != nil {
				tr.cfgFile, tr.cfgLine, tr.cfgCol = *configPath, tr.rep.ErrorAt.Line, tr.rep.ErrorAt.Column
			} else {
				// The "config" string's place; the problem's place inside
				// the string is in its own lines.
				tr.cfgFile, tr.cfgLine, tr.cfgCol = name, f.ConfigPos.Line, f.ConfigPos.Column
				if at := tr.rep.ErrorAt; at.Line > 0 {
					tr.rep.Error = "config, at its line " + strconv.Itoa(at.Line) + ", column " + strconv.Itoa(at.Column) + ": " + tr.rep.Error
				}
			}
		}
		runs = append(runs, tr)
	}
	passed, failed := 0, 0
	for _, tr := range runs {
		passed += tr.rep.Passed
		failed += tr.rep.Failed
	}
	var out []byte
	switch *format {
	case "text":
		out = testText(runs, stderr)
	case "json":
		out = testJSON(runs, passed, failed)
	case "junit":
		out = report.AppendJUnit(nil, "corsplay test", testSuites(runs))
	case "github":
		out = report.AppendGitHub(nil, testFindings(runs))
	}
	if *format == "text" || *format == "github" {
		out = append(out, strconv.Itoa(passed)+" passed, "+strconv.Itoa(failed)+" failed\n"...)
	}
	if _, err := stdout.Write(out); err != nil {
		return err
	}
	switch {
	case unreadable:
		return &exitError{code: 2}
	case failed > 0:
		return &exitError{code: 1}
	}
	return nil
}

// testText is one line per failing test, FILE:LINE:COL: "name": reason;
// what cannot be read goes to stderr.
func testText(runs []testRun, stderr io.Writer) []byte {
	var b []byte
	for _, tr := range runs {
		if tr.err != nil {
			fmt.Fprintf(stderr, "%s:%d:%d: %s\n", tr.path, tr.err.Line, tr.err.Column, tr.err.Msg)
			continue
		}
		if tr.rep.Error != "" {
			fmt.Fprintf(stderr, "%s:%d:%d: %s (running %s)\n", tr.cfgFile, tr.cfgLine, tr.cfgCol, tr.rep.Error, tr.path)
			continue
		}
		if tr.rep.Hypothetical {
			fmt.Fprintf(stderr, "%s: note: %s; the tests ran as if a bucket could have this configuration\n", tr.path, tr.rep.Rejected)
		}
		for i := range tr.rep.Results {
			r := &tr.rep.Results[i]
			if r.Passed {
				continue
			}
			b = append(b, tr.path+":"+strconv.Itoa(r.Pos.Line)+":"+strconv.Itoa(r.Pos.Column)+": \""+r.Name+"\": "+r.ReasonIn(tr.rep.RulePlaces)+"\n"...)
		}
	}
	return b
}

// testJSON is {"files": [{"file", "error", "report"}], "passed", "failed"}.
func testJSON(runs []testRun, passed, failed int) []byte {
	b := []byte(`{"files":[`)
	for i, tr := range runs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsonw.Key(b, "file")
		b = jsonw.String(b, tr.path)
		b = jsonw.Key(b, "error")
		if tr.err != nil {
			b = append(b, '{')
			b = jsonw.Key(b, "message")
			b = jsonw.String(b, tr.err.Msg)
			b = jsonw.Key(b, "line")
			b = jsonw.Int(b, tr.err.Line)
			b = jsonw.Key(b, "column")
			b = jsonw.Int(b, tr.err.Column)
			b = append(b, '}')
		} else {
			b = append(b, "null"...)
		}
		b = jsonw.Key(b, "report")
		if tr.err != nil {
			b = append(b, "null"...)
		} else {
			b = tr.rep.AppendJSON(b)
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	b = jsonw.Key(b, "passed")
	b = jsonw.Int(b, passed)
	b = jsonw.Key(b, "failed")
	b = jsonw.Int(b, failed)
	return append(b, '}', '\n')
}

func testSuites(runs []testRun) []report.Suite {
	var suites []report.Suite
	for _, tr := range runs {
		s := report.Suite{Name: tr.path}
		if tr.err != nil {
			s.Cases = append(s.Cases, report.Case{Name: "reading " + tr.path, ClassName: tr.path, File: tr.path, Line: tr.err.Line,
				Error: &report.Problem{Message: tr.err.Error(), Type: "unreadable"}})
			suites = append(suites, s)
			continue
		}
		for i := range tr.rep.Results {
			r := &tr.rep.Results[i]
			c := report.Case{Name: r.Name, ClassName: tr.path, File: tr.path, Line: r.Pos.Line}
			switch {
			case r.Error != "":
				c.Error = &report.Problem{Message: r.Error, Type: "cannot-run"}
			case !r.Passed:
				c.Failure = &report.Problem{Message: r.ReasonIn(tr.rep.RulePlaces), Type: r.Failures[0].Check, Text: failureText(r, tr.rep.RulePlaces)}
			}
			s.Cases = append(s.Cases, c)
		}
		suites = append(suites, s)
	}
	return suites
}

// failureText is a failed test at length: each check, the rule that came
// closest (at its place in places), then what the browser or S3 did.
func failureText(r *expect.Result, places []expect.RulePlace) string {
	s := ""
	for _, f := range r.Failures {
		s += f.Text() + "\n"
	}
	if r.Closest != "" {
		s += r.ClosestIn(places) + "\n"
	}
	return s + "\n" + r.Summary
}

func testFindings(runs []testRun) []report.Finding {
	var fs []report.Finding
	for _, tr := range runs {
		if tr.err != nil {
			fs = append(fs, report.Finding{RuleID: "test-file", Level: report.Error, Title: "corsplay test: unreadable test file", Message: tr.err.Msg, File: tr.path, Line: tr.err.Line, Column: tr.err.Column})
			continue
		}
		if tr.rep.Error != "" {
			fs = append(fs, report.Finding{RuleID: "configuration", Level: report.Error, Title: "corsplay test: unreadable configuration", Message: tr.rep.Error,
				File: tr.cfgFile, Line: tr.cfgLine, Column: tr.cfgCol})
			continue
		}
		for i := range tr.rep.Results {
			r := &tr.rep.Results[i]
			if r.Passed {
				continue
			}
			fs = append(fs, report.Finding{RuleID: "test-failed", Level: report.Error, Title: "corsplay test: " + r.Name, Message: r.ReasonIn(tr.rep.RulePlaces), File: tr.path, Line: r.Pos.Line, Column: r.Pos.Column})
		}
	}
	return fs
}

// rulePlaces is where each rule of s (in the order S3 receives them) is
// written in the file name: the rule's block or mapping.
func rulePlaces(name string, s *iac.Source) []expect.RulePlace {
	places := make([]expect.RulePlace, len(s.Config.Rules))
	for i, r := range s.Config.Rules {
		places[i] = expect.RulePlace{File: name, Line: r.Span.Start.Line, Column: r.Span.Start.Column, Address: s.Address}
	}
	return places
}
