package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"corsplay/internal/conformance"
)

func cmdConform(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("conform", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "print a line for passing cases too")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corsplay conform [-v] FILE...\n\nRuns conformance files (format corsplay-conformance/1); prints one line per failing case and \"N passed, M failed\".")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	passed, failed := 0, 0
	for _, path := range fs.Args() {
		f, err := conformance.Load(path)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		for i := range f.Cases {
			c := &f.Cases[i]
			diffs := conformance.Run(c)
			if len(diffs) == 0 {
				passed++
				if *verbose {
					fmt.Fprintf(stdout, "PASS %s: %s\n", path, c.ID)
				}
				continue
			}
			failed++
			fmt.Fprintf(stdout, "FAIL %s: %s (%s): %s\n", path, c.ID, c.Evidence, strings.Join(diffs, "; "))
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return &exitError{code: 1}
	}
	return nil
}
