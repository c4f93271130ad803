// Command corsplay answers questions about Amazon S3 bucket CORS from the
// command line, with the same engine as the playground page.
//
//	corsplay eval [FILE]                 scenarios as JSON or JSON Lines → results, one per line
//	corsplay eval --config FILE --origin O --method M [--header "N: V"]... [--preflight]
//	                                     a readable explanation (add --json for the contract)
//	corsplay validate FILE               S3's PutBucketCors verdict and every problem as FILE:LINE:COL
//	corsplay convert --to FORM FILE      xml | cli-json | console-json | put-request | aws-cli
//	corsplay conform FILE...             run conformance files; "N passed, M failed"
//	corsplay test [--config FILE] TESTS.json...
//	                                     run test files (corsplay-tests/1); "N passed, M failed"
//	corsplay synth TESTS [--to FORM]     the smallest configuration that passes a test file
//	corsplay synth TESTS --edit CONFIG   the smallest edit of CONFIG that passes it, as a diff
//
// Exit status: 0 success; 1 a verdict the caller asked about is negative (S3
// rejects the configuration, a conformance case fails, a scenario could not
// be evaluated); 2 bad usage or unreadable input.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

const usage = `usage: corsplay <command> [arguments]

commands:
  eval       answer scenarios (JSON or JSON Lines, from FILE or stdin), or one request given by flags
  validate   S3's verdict on PutBucketCors with a configuration, and every problem in it
  lint       warnings about a configuration S3 accepts but that will not do what you want
  convert    rewrite a configuration: --to xml | cli-json | console-json | put-request | aws-cli
  conform    run conformance files (format corsplay-conformance/1)
  test       run test files (format corsplay-tests/1) against a configuration
  synth      the smallest configuration that passes a test file (corsplay-tests/1), or --edit one until it does

Run "corsplay <command> -h" for a command's flags.
`

// exitError carries an exit status out of a command.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func([]string, io.Reader, io.Writer, io.Writer) error{
		"eval":     cmdEval,
		"validate": cmdValidate,
		"lint":     cmdLint,
		"convert":  cmdConvert,
		"conform":  cmdConform,
		"test":     cmdTest,
		"synth":    cmdSynth,
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "corsplay: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdin, stdout, stderr)
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(stderr, "corsplay "+args[0]+": "+ee.msg)
		}
		return ee.code
	default:
		fmt.Fprintln(stderr, "corsplay "+args[0]+": "+err.Error())
		return 2
	}
}

// readInput reads a named file, or stdin for "" or "-", refusing more than
// limit bytes without reading them all.
func readInput(name string, stdin io.Reader, limit int64) ([]byte, string, error) {
	var r io.Reader = stdin
	display := "<stdin>"
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, name, err
		}
		defer f.Close()
		r, display = f, name
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, display, err
	}
	if int64(len(b)) > limit {
		return nil, display, fmt.Errorf("%s is larger than %d bytes", display, limit)
	}
	return b, display, nil
}
