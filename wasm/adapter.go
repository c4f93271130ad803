// Command wasm is corsplay's engine compiled to WebAssembly: the thin bridge
// between JavaScript and the Go packages in internal/. It holds no CORS
// logic.
//
// This file is the whole API, as plain Go so it is tested natively: a table
// from function name to a func taking strings and returning a string. The
// syscall/js half (main.go, js/wasm only) installs each entry on a namespace
// object that web/loader.js creates, checks that every argument is a JS
// string, and returns the result string or {error: string}; loader.js turns
// the latter into a thrown JS Error.
//
// Functions (all arguments and results are strings):
//
//	evaluate(scenarioJSON)  → result JSON (the contract; a runner.Runner's
//	                          RunJSON, which reports bad input inside the JSON),
//	                          written in ASCII (\uXXXX escapes)
//	highlight(text, lang)   → `<pre class="chroma">…` HTML, every byte of
//	                          text escaped; lang is xml, json, http or text
//	convert(text, to[, url]) → JSON {"output": "…"} or {"error": "…"}: a
//	                          configuration that cannot be converted is an
//	                          answer, not a failed call; the PutBucketCors
//	                          request and aws-cli command name the bucket
//	                          url names (scenario.ExportBucket)
//	parsePaste(text)        → JSON of paste.Parse's Result, or {"error": "…"}
//	                          when the text holds no CORS error or curl
//	                          command (an answer, not a failed call)
//	gallery()               → JSON list of examples.Gallery(): the classic
//	                          failures, each {name, title, problem,
//	                          explanation, scenario, steps, source}
//	runTests(testsJSON, config)
//	                        → a corsplay-tests/1 file's tests run against
//	                          config (the editor's text, in place of the
//	                          file's own; "" for the file's own, or none
//	                          when it has none): expect.Report's JSON, or
//	                          {"error": {message, line, column}} for a file
//	                          that is not one; written in ASCII
//
// synth and makePass (a configuration from tests, "Make them pass") are in
// the module the page fetches on first need, ./wasm/iac: this one is what
// every visitor downloads, and synthesis is used by few.
//
// Every call goes through Call, which checks the name and the number of
// arguments and turns a panic into an error: a panic that escaped into the
// Go runtime would stop it, and every later call from the page would throw
// "Go program has already exited" until a reload.
package main

import (
	"errors"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/convert"
	"corsplay/internal/examples"
	"corsplay/internal/expect"
	"corsplay/internal/highlight"
	"corsplay/internal/jsonw"
	"corsplay/internal/paste"
	"corsplay/internal/recovered"
	"corsplay/internal/runner"
	"corsplay/internal/zerocopy"
)

// Func is one function of the JS API.
type Func struct {
	Params []string // parameter names, for messages; the arity is len(Params)
	// Optional is how many of the last Params a caller may leave out;
	// Call then gets "" for each.
	Optional int
	Call     func(args []string) (string, error)
}

// MaxHighlight bounds the text highlight takes. S3 takes configurations of
// at most 64 KB; a 10 MB paste is shown as plain text by the page (it gets
// an error here) instead of blocking the tab while 40 MB of HTML is built.
const MaxHighlight = 1 << 20

// engine keeps the last few configurations parsed, validated, compiled and
// rendered: while a person edits the request, keystrokes do not re-read a
// 64 KB configuration. The wasm runs one call at a time, so one Runner is
// safe; its cache is bounded.
var engine = runner.New(4)

// tests runs test files through engine, so that a configuration evaluate
// has prepared (or one edited from it) is not prepared again for the tests.
var tests = expect.NewRunner(engine)

// Funcs is the API. Tests may add entries; main.go installs all of them.
var Funcs = map[string]Func{
	"evaluate": {
		Params: []string{"scenarioJSON"},
		Call: func(args []string) (string, error) {
			// RunJSON only reads its input and keeps none of it, so it can
			// read the string's bytes in place (64 KB at every keystroke);
			// the answer is a fresh buffer, also handed over without a copy.
			// It crosses into JavaScript as ASCII (see jsonw.ASCII: a
			// JavaScript string of two-byte characters cost twenty times
			// more to make).
			out := jsonw.ASCII(engine.RunJSON(zerocopy.Bytes(args[0])))
			return zerocopy.String(out), nil
		},
	},
	"highlight": {
		Params: []string{"text", "lang"},
		Call: func(args []string) (string, error) {
			if len(args[0]) > MaxHighlight {
				return "", errors.New("text is " + strconv.Itoa(len(args[0])) + " bytes; highlight takes at most " + strconv.Itoa(MaxHighlight))
			}
			return highlight.HTML(args[0], args[1])
		},
	},
	"convert": {
		Params:   []string{"text", "to", "url"},
		Optional: 1,
		Call: func(args []string) (string, error) {
			out, err := convert.ToBucket([]byte(args[0]), args[1], convert.BucketOf(args[2]))
			return string(convertAnswer(out, err)), nil
		},
	},
	"parsePaste": {
		Params: []string{"text"},
		Call: func(args []string) (string, error) {
			// paste.Parse reads at most paste.MaxInput bytes and is linear,
			// so a megabyte of console log costs milliseconds.
			r, err := paste.Parse(args[0])
			if err != nil {
				return string(errorAnswer(err)), nil
			}
			return string(jsonw.EscapeHTML(r.AppendJSON(nil))), nil
		},
	},
	"runTests": {
		Params: []string{"testsJSON", "config"},
		Call: func(args []string) (string, error) {
			// RunJSON keeps nothing of the file's bytes (it decodes into
			// fresh strings and keeps a copy to compare the next call's).
			var config *string
			if args[1] != "" {
				config = &args[1]
			}
			out := jsonw.ASCII(tests.RunJSON(zerocopy.Bytes(args[0]), config))
			return zerocopy.String(out), nil
		},
	},
	"gallery": {
		Params: []string{},
		Call: func(args []string) (string, error) {
			return string(jsonw.EscapeHTML(examples.AppendJSON(nil, examples.Gallery()))), nil
		},
	},
}

// The answers of convert, parsePaste and gallery are written as json.Marshal
// wrote them ('<', '>' and '&' escaped as \u003c, \u003e, \u0026), by hand:
// the engine does not link encoding/json (TestAnswersMatchStd compares them).

// convertAnswer is {"output": "…"}, or {"output": "", "error": "…"}.
func convertAnswer(out []byte, err error) []byte {
	b := []byte(`{"output":`)
	if err != nil {
		b = append(b, `""`...)
		if msg := err.Error(); msg != "" {
			b = append(b, `,"error":`...)
			b = jsonw.String(b, msg)
		}
	} else {
		b = jsonw.String(b, string(out))
	}
	return jsonw.EscapeHTML(append(b, '}'))
}

// errorAnswer is {"error": "…"}.
func errorAnswer(err error) []byte {
	return jsonw.EscapeHTML(append(jsonw.String([]byte(`{"error":`), err.Error()), '}'))
}

// PanicLog receives the stack of a recovered panic. In the browser stderr
// is the console.
var PanicLog io.Writer = os.Stderr

// Names returns the API's function names, sorted.
func Names() []string {
	names := make([]string, 0, len(Funcs))
	for n := range Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Call runs the function name with args. It never panics: an unknown name,
// a wrong number of arguments and a panic inside the function all come back
// as an error whose message starts with "corsplay.NAME: ".
func Call(name string, args []string) (result string, err error) {
	f, ok := Funcs[name]
	if !ok {
		return "", errors.New("corsplay: no function " + strconv.Quote(name))
	}
	if len(args) < len(f.Params)-f.Optional || len(args) > len(f.Params) {
		n := strconv.Itoa(len(f.Params))
		if f.Optional > 0 {
			n = strconv.Itoa(len(f.Params)-f.Optional) + " to " + n
		}
		return "", errors.New("corsplay." + name + ": takes " + n + " argument" + plural(len(f.Params)) +
			" (" + strings.Join(f.Params, ", ") + "), got " + strconv.Itoa(len(args)))
	}
	for len(args) < len(f.Params) {
		args = append(args, "")
	}
	defer func() {
		if r := recover(); r != nil {
			// The stack goes to the browser console (wasm_exec.js prints
			// the program's output there) for a bug report; the page
			// gets one line.
			msg := recovered.Text(r)
			io.WriteString(PanicLog, "corsplay: panic in "+name+": "+msg+"\n"+string(stack()))
			result, err = "", errors.New("corsplay."+name+": internal error: "+msg)
		}
	}()
	result, err = f.Call(args)
	if err != nil {
		err = &callError{"corsplay." + name + ": ", err}
	}
	return result, err
}

// ArgTypeError is the error for an argument that is not a string; main.go
// reports the JS type it got.
func ArgTypeError(name string, i int, gotType string) error {
	f := Funcs[name]
	param := strconv.Itoa(i + 1)
	if i < len(f.Params) {
		param += " (" + f.Params[i] + ")"
	}
	return errors.New("corsplay." + name + ": argument " + param + " must be a string, got " + gotType)
}

// callError is a function's error with "corsplay.NAME: " before its text;
// errors.Is and errors.As see the function's error (as fmt.Errorf's %w).
type callError struct {
	prefix string
	err    error
}

func (e *callError) Error() string { return e.prefix + e.err.Error() }
func (e *callError) Unwrap() error { return e.err }

// stack is runtime/debug.Stack: the calling goroutine's stack trace.
func stack() []byte {
	buf := make([]byte, 1024)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
