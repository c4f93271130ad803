package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"corsplay/internal/browser"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// headerFlags collects repeated --header "Name: value" flags.
type headerFlags [][2]string

func (h *headerFlags) String() string { return fmt.Sprint(*h) }

func (h *headerFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf(`want "Name: value", got %q`, s)
	}
	*h = append(*h, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
	return nil
}

func cmdEval(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfgFile   = fs.String("config", "", "the bucket's CORS configuration (XML, aws-cli JSON or console JSON); with it, the request comes from flags")
		noConfig  = fs.Bool("no-config", false, "the bucket has no CORS configuration")
		noBucket  = fs.Bool("no-bucket", false, "the bucket does not exist")
		origin    = fs.String("origin", "", "the Origin header")
		method    = fs.String("method", "GET", "the method; with --preflight, the Access-Control-Request-Method")
		preflight = fs.Bool("preflight", false, "send the preflight (OPTIONS) a browser sends before METHOD with these headers")
		target    = fs.String("target", "object", "object, bucket (the bucket root) or service")
		status    = fs.Int("status", 0, "for an actual request: the operation's own status (e.g. 404 for a missing key)")
		asJSON    = fs.Bool("json", false, "print the JSON contract instead of an explanation")
		url       = fs.String("url", "", "judge as a browser: the URL the page's script fetches (METHOD and --header are what the script sets)")
		creds     = fs.String("credentials", "same-origin", "with --url: the fetch's credentials mode: omit, same-origin or include")
		mode      = fs.String("mode", "cors", "with --url: the fetch's mode: cors, no-cors or same-origin")
		browserNm = fs.String("browser", "chrome", "with --url: chrome, firefox or safari")
		headers   headerFlags
	)
	fs.Var(&headers, "header", `a request header "Name: value" (repeatable); with --preflight, the names go into Access-Control-Request-Headers`)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: corsplay eval [FILE]       scenarios as JSON, or JSON Lines (one per line), from FILE or stdin;
                                  one JSON result per line
       corsplay eval --config FILE --origin ORIGIN --method METHOD [--header "N: V"]... [--preflight]
                                  one request described by flags; a readable explanation

flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if *cfgFile == "" && !*noConfig && !*noBucket {
		if fs.NArg() > 1 {
			fs.Usage()
			return &exitError{code: 2}
		}
		return evalBatch(fs.Arg(0), stdin, stdout)
	}
	in := scenario.Input{Request: scenario.Request{Method: *method, Target: *target, OperationStatus: *status}}
	exists := !*noBucket
	in.Bucket.Exists = &exists
	if *cfgFile != "" && !*noConfig {
		src, _, err := readInput(*cfgFile, stdin, maxConfigFile)
		if err != nil {
			return err
		}
		s := string(src)
		in.Bucket.CORS = &s
	}
	var h scenario.Headers
	if *origin != "" {
		h = append(h, [2]string{"Origin", *origin})
	}
	if *preflight {
		in.Request.Method = "OPTIONS"
		h = append(h, [2]string{"Access-Control-Request-Method", *method})
		var names []string
		for _, kv := range headers {
			names = append(names, strings.ToLower(kv[0]))
		}
		if len(names) > 0 {
			h = append(h, [2]string{"Access-Control-Request-Headers", strings.Join(names, ",")})
		}
	} else {
		h = append(h, headers...)
	}
	in.Request.Headers = h
	if *url != "" {
		// The browser decides what reaches S3: the raw request is dropped.
		in.Request = scenario.Request{}
		in.Fetch = &browser.Fetch{Origin: *origin, URL: *url, Method: *method, Headers: browser.Headers(headers),
			Credentials: *creds, Mode: *mode}
		in.Browser = *browserNm
	}
	out := runner.Run(in)
	if *asJSON {
		b := scenario.Marshal(out)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, b, "", "  "); err != nil {
			return err
		}
		pretty.WriteByte('\n')
		_, err := stdout.Write(pretty.Bytes())
		return err
	}
	if out.Error != nil {
		return &exitError{code: 1, msg: out.Error.Message}
	}
	if err := explain(stdout, in, out); err != nil {
		return err
	}
	// For scripts: a blocked fetch, or a CORS request that no rule
	// allows, is a negative answer.
	if out.Browser != nil {
		if !out.Browser.Allowed {
			return &exitError{code: 1}
		}
		return nil
	}
	if ev := out.Evaluation; ev == nil || ev.MatchedRule == nil {
		if _, hasOrigin := scenario.Headers(in.Request.Headers).Get("Origin"); hasOrigin {
			return &exitError{code: 1}
		}
	}
	return nil
}

// evalBatch answers every JSON value in the input (one scenario, or JSON
// Lines), one compact result per line. A scenario it cannot take gets an
// {"error": …} line; the exit status is then 1.
func evalBatch(name string, stdin io.Reader, stdout io.Writer) error {
	var r io.Reader = stdin
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	defer w.Flush()
	engine := runner.New(64)
	dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	bad := 0
	for n := 1; ; n++ {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		if err != nil {
			w.Write(scenario.Marshal(scenario.Output{Error: &scenario.ErrorOut{Message: fmt.Sprintf("scenario %d is not JSON: %v", n, err)}}))
			w.WriteByte('\n')
			return &exitError{code: 1, msg: fmt.Sprintf("scenario %d is not JSON: %v; stopped there", n, err)}
		}
		res, ok := answer(engine, raw)
		if !ok {
			bad++
		}
		w.Write(res)
		w.WriteByte('\n')
	}
	if bad > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d scenarios could not be evaluated (see their \"error\")", bad)}
	}
	return nil
}

// answer runs one scenario; ok is false when it could not be evaluated.
func answer(r *runner.Runner, raw []byte) (line []byte, ok bool) {
	return r.AnswerJSON(raw)
}
