package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"corsplay/internal/convert"
	"corsplay/internal/exercises"
	"corsplay/internal/expect"
	"corsplay/internal/synth"
)

// maxTestFile bounds what synth reads: expect's own limit.
const maxTestFile = expect.MaxFile

func cmdSynth(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "xml", "the form to write: "+strings.Join(convert.Targets, " | "))
	edit := fs.String("edit", "", "a configuration FILE to edit until every test passes (make them pass), instead of writing a new one")
	text := fs.Bool("text", false, "with --edit: print the whole edited configuration instead of the diff")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: corsplay synth TESTS.json [--to FORM]
       corsplay synth TESTS.json --edit CONFIG [--text]

Writes the smallest configuration S3 accepts that passes every test of
TESTS.json (fewest rules, then fewest values, "*" only where a test needs
it), checked by the test runner; with --edit, the smallest edit of CONFIG
that makes every test pass, as a diff. Exits 1 naming the tests that cannot
all hold, and why.`)
		fs.PrintDefaults()
	}
	// Flags may come before or after the file.
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	rest := fs.Args()
	if len(rest) > 1 {
		if err := fs.Parse(rest[1:]); err != nil {
			return &exitError{code: 2}
		}
		rest = append(rest[:1], fs.Args()...)
	}
	if len(rest) != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	if !validTarget(*to) {
		fmt.Fprintf(stderr, "corsplay synth: unknown form %q: use one of %s\n", *to, strings.Join(convert.Targets, ", "))
		return &exitError{code: 2}
	}
	src, name, err := readInput(rest[0], stdin, maxTestFile)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	f, err := expect.Decode(src)
	if err != nil {
		// An exercise file is a test file with members of its own.
		e, xerr := exercises.Read(name, src)
		if xerr != nil {
			return &exitError{code: 2, msg: name + ":" + err.Error()}
		}
		f = e.File
	}
	if *edit != "" {
		cfg, cname, err := readInput(*edit, stdin, maxConfigFile)
		if err != nil {
			return &exitError{code: 2, msg: err.Error()}
		}
		e := synth.MakePass(cfg, f)
		if len(e.Conflicts) > 0 {
			return conflicts(stderr, e.Conflicts)
		}
		if e.Config == "" {
			if len(e.Changes) > 0 {
				fmt.Fprintln(stderr, e.Changes[0])
			} else {
				fmt.Fprintf(stderr, "%s: every test already passes; nothing to change\n", cname)
			}
			return nil
		}
		for _, c := range e.Changes {
			fmt.Fprintln(stderr, "- "+c)
		}
		if *text {
			_, err = io.WriteString(stdout, e.Config)
			return err
		}
		fmt.Fprintf(stdout, "--- %s\n+++ %s (every test passes)\n", cname, cname)
		for _, l := range e.Diff {
			fmt.Fprintln(stdout, l.Op+l.Text)
		}
		return nil
	}
	res := synth.Synthesize(f)
	if len(res.Conflicts) > 0 {
		return conflicts(stderr, res.Conflicts)
	}
	if res.Empty {
		fmt.Fprintln(stderr, "No test needs a rule: every test passes with no CORS configuration at all (aws s3api delete-bucket-cors), and S3 accepts none without a rule.")
		return nil
	}
	out, err := convert.To([]byte(res.Text), *to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d %s, %d %s; all %d tests pass\n", res.Rules, plural(res.Rules, "rule"), res.Values, plural(res.Values, "value"), len(f.Tests))
	_, err = stdout.Write(out)
	return err
}

func validTarget(to string) bool {
	for _, t := range convert.Targets {
		if t == to {
			return true
		}
	}
	return false
}

func conflicts(stderr io.Writer, cs []synth.Conflict) error {
	for _, c := range cs {
		note := ""
		if !c.Proven {
			note = " [the test runner's word on the smallest configuration for the others]"
		}
		fmt.Fprintln(stderr, "corsplay synth: "+c.Text()+note)
	}
	return &exitError{code: 1}
}
