package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLoaderArgumentOrder: web/loader.js passes each function's arguments
// in the order Funcs declares them. Both take plain strings, so a swap is
// not a type error anywhere: makePass once received the configuration as
// its test file. An argument written as a bare name that is one of the
// function's parameters must stand in that parameter's place.
func TestLoaderArgumentOrder(t *testing.T) {
	js, err := os.ReadFile("../web/loader.js")
	if err != nil {
		t.Fatal(err)
	}
	calls := regexp.MustCompile(`call\('(\w+)', \[([^\]]*)\]\)`).FindAllStringSubmatch(string(js), -1)
	if len(calls) < len(Funcs) {
		t.Fatalf("found %d calls in loader.js, want one at least for each of %d functions", len(calls), len(Funcs))
	}
	seen := map[string]bool{}
	for _, c := range calls {
		name, args := c[1], strings.Split(c[2], ",")
		f, ok := Funcs[name]
		if !ok {
			t.Errorf("loader.js calls %q, which the bridge does not have", name)
			continue
		}
		seen[name] = true
		for i, a := range args {
			a = strings.TrimSpace(a)
			if j := slices.Index(f.Params, a); j >= 0 && j != i {
				t.Errorf("loader.js passes %s as argument %d of %s; the bridge takes it as argument %d (%v)", a, i+1, name, j+1, f.Params)
			}
		}
	}
	for name := range Funcs {
		if !seen[name] {
			t.Errorf("loader.js never calls %s", name)
		}
	}
}
