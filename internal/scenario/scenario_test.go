package scenario_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/runner"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden runs each testdata/golden/NAME.json scenario through package
// runner and compares the whole output, indented, with NAME.golden: the
// contract by example (package runner's tests read the same scenarios).
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/golden/*.json")
	if len(inputs) == 0 {
		t.Fatal("no golden scenarios")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := json.Indent(&got, runner.RunJSON(src), "", "  "); err != nil {
				t.Fatal(err)
			}
			got.WriteByte('\n')
			golden := strings.TrimSuffix(in, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update after checking the change):\n%s", golden, lineDiff(string(want), got.String()))
			}
		})
	}
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + a + "\n  got  " + c + "\n")
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}
