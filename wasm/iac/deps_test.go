package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies: the default page's module must not link HCL and its
// evaluator nor synthesis from tests (this module's reasons to exist), nor
// the packages the project keeps out of it; no binary links the Terraform plugin SDK, which tests use
// as an oracle only.
func TestDependencies(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	tests := []struct {
		name, pkg, goos, goarch string
		forbidden               []string
	}{
		{name: "default page module", pkg: "corsplay/wasm", goos: "js", goarch: "wasm",
			forbidden: []string{"github.com/hashicorp/", "github.com/zclconf/", "corsplay/internal/terraform", "go.yaml.in/yaml/", "corsplay/internal/cloudformation", "corsplay/internal/synth", "fmt", "reflect", "encoding/json", "regexp"}},
		{name: "iac module", pkg: "corsplay/wasm/iac", goos: "js", goarch: "wasm", forbidden: []string{"github.com/hashicorp/terraform-plugin-sdk"}},
		{name: "command line", pkg: "corsplay/cmd/corsplay", forbidden: []string{"github.com/hashicorp/terraform-plugin-sdk"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(goTool, "list", "-deps", tc.pkg)
			cmd.Env = os.Environ()
			if tc.goos != "" {
				cmd.Env = append(cmd.Env, "GOOS="+tc.goos, "GOARCH="+tc.goarch)
			}
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list: %v", err)
			}
			for _, dep := range strings.Fields(string(out)) {
				for _, f := range tc.forbidden {
					if dep == f || strings.HasPrefix(dep, f) && strings.HasSuffix(f, "/") || strings.HasPrefix(dep, f+"/") {
						t.Errorf("%s links %s", tc.pkg, dep)
					}
				}
			}
		})
	}
}
