package jscalls

import (
	"slices"
	"testing"
)

func TestCheck(t *testing.T) {
	params := map[string][]string{"makePass": {"config", "testsJSON"}, "synth": {"testsJSON"}, "gallery": {}}
	tests := []struct {
		name     string
		js       string
		caller   string
		want     []string
		problems []string
	}{
		{name: "in order", js: `iac('makePass', [config, testsJSON]); iac('synth', [testsJSON])`, caller: "iac",
			want: []string{"makePass", "synth"}},
		{name: "swapped", js: `iac('makePass', [testsJSON, config])`, caller: "iac",
			problems: []string{
				"passes testsJSON as argument 1 of makePass; the module takes it as argument 2 (config, testsJSON)",
				"passes config as argument 2 of makePass; the module takes it as argument 1 (config, testsJSON)"}},
		{name: "expressions are not checked", js: `iac('makePass', [text(), JSON.stringify(t)])`, caller: "iac"},
		{name: "no arguments", js: `call('gallery', [])`, caller: "call", want: []string{"gallery"}},
		{name: "unknown function", js: `iac('read', [name])`, caller: "iac", problems: []string{"calls read, which the module does not have"}},
		{name: "another caller's calls are not counted", js: `call('synth', [testsJSON])`, caller: "iac", want: []string{"synth"},
			problems: []string{"never calls synth"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(Find(tc.js, tc.caller), params, tc.want)
			if !slices.Equal(got, tc.problems) {
				t.Errorf("got %q\nwant %q", got, tc.problems)
			}
		})
	}
}

func TestFindMethods(t *testing.T) {
	params := map[string][]string{"fix": {"name", "text", "inputsJSON", "address", "scenarioJSON"}, "tfvars": {"text"}}
	tests := []struct {
		name     string
		js       string
		want     []string
		problems []string
	}{
		{name: "in order", js: `const r = mod.fix(name, text, inputsJSON, address, scenarioJSON);`, want: []string{"fix"}},
		{name: "swapped", js: `mod.fix(name, text, inputsJSON, scenarioJSON, address)`,
			problems: []string{
				"passes scenarioJSON as argument 4 of fix; the module takes it as argument 5 (name, text, inputsJSON, address, scenarioJSON)",
				"passes address as argument 5 of fix; the module takes it as argument 4 (name, text, inputsJSON, address, scenarioJSON)"}},
		{name: "nested calls are left out", js: `mod.tfvars(tfvText.value); mod.fix(a(), b)`, want: []string{"tfvars"}},
		{name: "another object", js: `other.fix(address)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(FindMethods(tc.js, "mod"), params, tc.want)
			if !slices.Equal(got, tc.problems) {
				t.Errorf("got %q\nwant %q", got, tc.problems)
			}
		})
	}
}
