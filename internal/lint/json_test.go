package lint_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"corsplay/internal/examples"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/lint"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// TestJSONMatchesStd compares Warning.AppendJSON with encoding/json on the
// warnings (with the compact quick fixes the contract sends) of the
// testdata configurations, the examples and a large configuration, and on
// random warnings.
func TestJSONMatchesStd(t *testing.T) {
	srcs := []string{examples.Large(30)}
	files, _ := filepath.Glob("testdata/*.cors")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	for _, e := range examples.All() {
		if e.Scenario.Bucket.CORS != nil {
			srcs = append(srcs, *e.Scenario.Bucket.CORS)
		}
	}
	n, fixes := 0, 0
	for _, src := range srcs {
		for _, w := range runner.Prepare(scenario.Bucket{CORS: &src}).Warnings() {
			jsonwtest.Check(t, "warning", w.AppendJSON(nil), jsonwtest.Std(t, w))
			n++
			if w.Fix != nil {
				fixes++
			}
		}
	}
	if n < 50 || fixes < 5 {
		t.Fatalf("only %d warnings (%d with a fix) compared", n, fixes)
	}
	r := rand.New(rand.NewPCG(5, 2026))
	for range 1000 {
		var w lint.Warning
		jsonwtest.Fill(r, &w)
		jsonwtest.Check(t, "warning", w.AppendJSON(nil), jsonwtest.Std(t, w))
	}
}
