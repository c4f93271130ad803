package main

import (
	"encoding/json"
	"strings"
	"testing"

	"corsplay/internal/exercises"
	"corsplay/internal/expect"
)

// TestBuild checks that the page gets every exercise, in the package's
// order, with tests that decode as corsplay-tests/1 and no solution.
func TestBuild(t *testing.T) {
	b, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatalf("exercises.json does not decode: %v", err)
	}
	all, err := exercises.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != len(all) {
		t.Fatalf("%d items, want %d", len(items), len(all))
	}
	for i, it := range items {
		name, _ := it["name"].(string)
		if name != all[i].Name {
			t.Errorf("item %d is %q, want %q", i, name, all[i].Name)
		}
		if _, ok := it["solution"]; ok {
			t.Errorf("%s: the page's data holds the solution", name)
		}
		tests, _ := it["tests"].(string)
		if _, err := expect.Decode([]byte(tests)); err != nil {
			t.Errorf("%s: tests do not decode: %v", name, err)
		}
		for _, k := range []string{"title", "hint", "explanation"} {
			if s, _ := it[k].(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s: %s is empty", name, k)
			}
		}
	}
}
