//go:build !js

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The page's engine must not link these packages: each costs start-up time
// or size in WebAssembly (fmt and reflect most of all), and the engine has
// its own small stand-ins (docs/architecture.md, "Stand-ins for the
// standard library"). Its size budget is checked by test.sh, on the
// compressed copy build.sh makes.
var forbidden = []string{"fmt", "reflect", "encoding/json", "encoding/xml", "crypto/md5", "regexp", "net/url"}

// wasmEnv is the environment that builds the engine for the page.
func wasmEnv() []string { return append(os.Environ(), "GOOS=js", "GOARCH=wasm") }

// TestEngineDependencies lists what the engine links (go list -deps for
// js/wasm) and fails on any forbidden package, naming what imports it.
func TestEngineDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, ".")
	cmd.Env = wasmEnv()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	linked := map[string]bool{}
	importers := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		linked[fields[0]] = true
		for _, imp := range fields[1:] {
			importers[imp] = append(importers[imp], fields[0])
		}
	}
	if !linked["corsplay/internal/runner"] || !linked["syscall/js"] {
		t.Fatalf("go list -deps does not list the engine (%d packages): %s", len(linked), out)
	}
	for _, p := range forbidden {
		if linked[p] {
			t.Errorf("the wasm links %s, imported by %s", p, strings.Join(importers[p], ", "))
		}
	}
}
