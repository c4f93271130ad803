package main

import (
	"os"
	"regexp"
	"testing"

	"corsplay/internal/jscalls"
)

// TestLoaderArgumentOrder: web/loader.js's corsplay.synth and
// corsplay.makePass reach this module through its iac(NAME, [ARGS]) with
// the arguments in the order Funcs declares them (jscalls says why), and
// web/iacload.js hands the page every function it needs, each one this
// module has; web/iac.js calls them (mod.NAME(ARGS)) with the arguments
// in the module's order.
func TestLoaderArgumentOrder(t *testing.T) {
	params := map[string][]string{}
	for name, f := range Funcs {
		params[name] = f.Params
	}
	loader, err := os.ReadFile("../../web/loader.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range jscalls.Check(jscalls.Find(string(loader), "iac"), params, []string{"synth", "makePass"}) {
		t.Error("loader.js " + p)
	}

	load, err := os.ReadFile("../../web/iacload.js")
	if err != nil {
		t.Fatal(err)
	}
	handed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(\w+): call\('(\w+)'\)`).FindAllStringSubmatch(string(load), -1) {
		if m[1] != m[2] {
			t.Errorf("iacload.js hands %s as %s", m[2], m[1])
		}
		if _, ok := Funcs[m[2]]; !ok {
			t.Errorf("iacload.js hands %s, which the module does not have", m[2])
		}
		handed[m[2]] = true
	}
	for _, name := range []string{"read", "tfvars", "synth", "makePass", "fix"} {
		if !handed[name] {
			t.Errorf("iacload.js does not hand %s to the page", name)
		}
	}

	page, err := os.ReadFile("../../web/iac.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range jscalls.Check(jscalls.FindMethods(string(page), "mod"), params, []string{"read", "tfvars", "fix"}) {
		t.Error("iac.js " + p)
	}
}
