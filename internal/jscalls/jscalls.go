// Package jscalls checks the page's JavaScript calls of a WebAssembly
// module's functions against the parameters the module declares. Every
// argument is a plain string, so a swap is not a type error anywhere:
// makePass once received the configuration as its test file.
//
// A call is written NAME('FUNC', [ARG, ARG, …]) in the script (loader.js's
// call for the default module, iac for the one fetched on first need), or
// RECV.FUNC(ARG, ARG, …) on the object the module's loader hands over
// (FindMethods; arguments without parentheses of their own). An
// argument written as a bare name that is one of FUNC's parameters must
// stand in that parameter's place.
package jscalls

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Call is one call found in a script.
type Call struct {
	Func string
	Args []string // as written, trimmed
}

// Find returns the calls of the form caller('FUNC', [ARGS]) in js.
func Find(js, caller string) []Call {
	return find(js, `\b`+regexp.QuoteMeta(caller)+`\('(\w+)', \[([^\]]*)\]\)`)
}

// FindMethods returns the calls of the form recv.FUNC(ARGS) in js whose
// arguments hold no parentheses.
func FindMethods(js, recv string) []Call {
	return find(js, `\b`+regexp.QuoteMeta(recv)+`\.(\w+)\(([^()]*)\)`)
}

// find returns a call for each match of pattern: the function's name, then
// the arguments, separated by commas.
func find(js, pattern string) []Call {
	var out []Call
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(js, -1) {
		c := Call{Func: m[1]}
		if strings.TrimSpace(m[2]) != "" {
			for _, a := range strings.Split(m[2], ",") {
				c.Args = append(c.Args, strings.TrimSpace(a))
			}
		}
		out = append(out, c)
	}
	return out
}

// Check returns a problem for each call of a function params does not
// have, each argument out of its parameter's place, and each function of
// want that no call reaches.
func Check(calls []Call, params map[string][]string, want []string) []string {
	var problems []string
	seen := map[string]bool{}
	for _, c := range calls {
		p, ok := params[c.Func]
		if !ok {
			problems = append(problems, "calls "+c.Func+", which the module does not have")
			continue
		}
		seen[c.Func] = true
		for i, a := range c.Args {
			if j := slices.Index(p, a); j >= 0 && j != i {
				problems = append(problems, "passes "+a+" as argument "+strconv.Itoa(i+1)+" of "+c.Func+
					"; the module takes it as argument "+strconv.Itoa(j+1)+" ("+strings.Join(p, ", ")+")")
			}
		}
	}
	for _, name := range want {
		if !seen[name] {
			problems = append(problems, "never calls "+name)
		}
	}
	return problems
}
