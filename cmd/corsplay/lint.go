package main

import (
	"flag"
	"fmt"
	"io"

	"corsplay/internal/cloudformation"
	"corsplay/internal/config"
	"corsplay/internal/lint"
)

func cmdLint(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var tf tfFlags
	tf.register(fs)
	tpl := addTemplateFlags(fs, &tf)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay lint FILE   (- for stdin)\n\nPrints warnings about a configuration S3 accepts but that will not do what you want,\nas FILE:LINE:COL: severity: message [code]; exits 1 when there are warnings.\nWhat S3 rejects is \"corsplay validate\"'s business. FILE may be a CloudFormation template.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	src, name, err := readInput(fs.Arg(0), stdin, maxConfigFile)
	if err != nil {
		return err
	}
	if isTerraform(name, src) {
		return lintTerraform(name, src, &tf, stdout)
	}
	if cloudformation.Detect(src) {
		return lintTemplate(src, name, tpl, stdout)
	}
	cfg, err := config.Parse(src)
	if err != nil {
		return &exitError{code: 2, msg: name + ": cannot lint what does not parse (" + err.Error() + "); run corsplay validate"}
	}
	ws := lint.Check(src, cfg)
	for _, w := range ws {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", name, w.Line, w.Column, w.Severity, w.Message, w.Code)
		if w.Fix != nil {
			fmt.Fprintf(stdout, "    fix: %s\n", w.Fix.Summary)
		}
	}
	if len(ws) > 0 {
		return &exitError{code: 1}
	}
	fmt.Fprintf(stdout, "%s: no warnings.\n", name)
	return nil
}
