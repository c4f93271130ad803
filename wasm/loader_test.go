package main

import (
	"os"
	"testing"

	"corsplay/internal/jscalls"
)

// TestLoaderArgumentOrder: web/loader.js calls every function of Funcs, each
// with its arguments in the order Funcs declares them (jscalls says why).
// The on-demand module's functions are checked against the loader in
// ./wasm/iac.
func TestLoaderArgumentOrder(t *testing.T) {
	js, err := os.ReadFile("../web/loader.js")
	if err != nil {
		t.Fatal(err)
	}
	params := map[string][]string{}
	for name, f := range Funcs {
		params[name] = f.Params
	}
	calls := jscalls.Find(string(js), "call")
	if len(calls) < len(Funcs) {
		t.Fatalf("found %d calls in loader.js, want one at least for each of %d functions", len(calls), len(Funcs))
	}
	for _, p := range jscalls.Check(calls, params, Names()) {
		t.Error("loader.js " + p)
	}
}
