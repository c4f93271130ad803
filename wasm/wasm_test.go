//go:build js && wasm

package main

import (
	"encoding/json"
	"os"
	"strings"
	"syscall/js"
	"testing"
)

// call invokes obj[name](args...) the way the page does: a string is the
// result, an object {error} the error.
func call(t *testing.T, obj js.Value, name string, args ...any) (result, errMsg string) {
	t.Helper()
	v := obj.Call(name, args...)
	switch v.Type() {
	case js.TypeString:
		result = v.String()
	case js.TypeObject:
		e := v.Get("error")
		if e.Type() != js.TypeString || e.String() == "" {
			t.Fatalf("%s returned an object without an error message", name)
		}
		errMsg = e.String()
	default:
		t.Fatalf("%s returned a %s, want a string or an object", name, v.Type())
	}
	if result == "" && errMsg == "" && name != "highlight" {
		t.Fatalf("%s returned an empty result", name)
	}
	return result, errMsg
}

func fresh() js.Value {
	obj := js.Global().Get("Object").New()
	Install(obj)
	return obj
}

func TestInstallSetsEveryFunction(t *testing.T) {
	obj := fresh()
	for _, name := range Names() {
		if typ := obj.Get(name).Type(); typ != js.TypeFunction {
			t.Errorf("%s is a %s, want a function", name, typ)
		}
	}
	// Nothing leaks onto the global object.
	for _, name := range Names() {
		if js.Global().Get(name).Type() != js.TypeUndefined {
			t.Errorf("Install set a global %q", name)
		}
	}
}

func TestCallsThroughJS(t *testing.T) {
	obj := fresh()

	out, errMsg := call(t, obj, "evaluate", preflight)
	if errMsg != "" {
		t.Fatal(errMsg)
	}
	var r result
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Evaluation == nil || r.Evaluation.MatchedRule == nil {
		t.Fatalf("evaluate: %v %s", err, out)
	}

	out, errMsg = call(t, obj, "highlight", "<a>\u00e9</a>", "xml")
	if errMsg != "" || !strings.Contains(out, "&lt;a&gt;</span>\u00e9") {
		t.Fatalf("highlight: %q %q", out, errMsg)
	}

	out, errMsg = call(t, obj, "convert", "[]", "xml")
	if errMsg != "" || !strings.Contains(out, `"output"`) && !strings.Contains(out, `"error"`) {
		t.Fatalf("convert: %q %q", out, errMsg)
	}

	out, errMsg = call(t, obj, "parsePaste", "curl 'https://b.s3.amazonaws.com/k' -X PUT -H 'Origin: https://app.example.com' -H 'Content-Type: image/png'")
	var p struct {
		Kind  string
		Fetch struct{ Origin, Method string }
	}
	if err := json.Unmarshal([]byte(out), &p); errMsg != "" || err != nil || p.Kind != "curl" || p.Fetch.Method != "PUT" || p.Fetch.Origin != "https://app.example.com" {
		t.Fatalf("parsePaste: %q %q %v", out, errMsg, err)
	}

	out, errMsg = call(t, obj, "gallery")
	var items []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &items); errMsg != "" || err != nil || len(items) != 10 {
		t.Fatalf("gallery: %d items, %q %v", len(items), errMsg, err)
	}
}

func TestArgumentChecks(t *testing.T) {
	obj := fresh()
	tests := []struct {
		name    string
		fn      string
		args    []any
		wantErr string
	}{
		{name: "number for a string", fn: "evaluate", args: []any{42}, wantErr: "corsplay.evaluate: argument 1 (scenarioJSON) must be a string, got number"},
		{name: "object for a string", fn: "highlight", args: []any{"x", map[string]any{}}, wantErr: "argument 2 (lang) must be a string, got object"},
		{name: "undefined", fn: "highlight", args: []any{js.Undefined(), "xml"}, wantErr: "argument 1 (text) must be a string, got undefined"},
		{name: "null", fn: "convert", args: []any{nil, "xml"}, wantErr: "must be a string, got null"},
		{name: "missing argument", fn: "convert", args: []any{"x"}, wantErr: "takes 2 to 3 arguments (text, to, url), got 1"},
		{name: "no arguments", fn: "evaluate", args: nil, wantErr: "takes 1 argument (scenarioJSON), got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errMsg := call(t, obj, tt.fn, tt.args...)
			if !strings.Contains(errMsg, tt.wantErr) {
				t.Errorf("error %q, want %q", errMsg, tt.wantErr)
			}
		})
	}
}

// TestPanicDoesNotStopTheRuntime installs a function that panics, calls it
// from JS, and checks that the next calls still work: a panic escaping into
// the runtime would end the program.
func TestPanicDoesNotStopTheRuntime(t *testing.T) {
	Funcs["boom"] = Func{Params: nil, Call: func([]string) (string, error) {
		var p *struct{ x int }
		return string(rune(p.x)), nil // nil dereference
	}}
	defer delete(Funcs, "boom")
	var log strings.Builder
	PanicLog = &log
	defer func() { PanicLog = os.Stderr }()
	obj := fresh()
	for i := range 3 {
		_, errMsg := call(t, obj, "boom")
		if !strings.HasPrefix(errMsg, "corsplay.boom: internal error: ") {
			t.Fatalf("call %d: error %q, want a recovered panic", i, errMsg)
		}
		if out, errMsg := call(t, obj, "evaluate", preflight); errMsg != "" || !strings.Contains(out, `"matchedRule":0`) {
			t.Fatalf("evaluate after panic %d: %q %q", i, out, errMsg)
		}
	}
}
