package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"corsplay/internal/exercises"
)

// TestBuild: the file is one assignment of every exercise, with nothing a
// script context could misread ('<' escaped), and reads back as JSON.
func TestBuild(t *testing.T) {
	js, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "window.corsplayExercises = "
	i := bytes.Index(js, []byte(prefix))
	if i < 0 || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("not an assignment: %.200s", js)
	}
	if bytes.Contains(js, []byte("<")) {
		t.Error("an unescaped '<' in a script")
	}
	var list []struct {
		Name, Title, Hint, Explanation, Solution, Start, Tests string
		Level                                                  int
	}
	if err := json.Unmarshal(js[i+len(prefix):len(js)-2], &list); err != nil {
		t.Fatal(err)
	}
	all, _ := exercises.All()
	if len(list) != len(all) {
		t.Fatalf("%d exercises, want %d", len(list), len(all))
	}
	for k, e := range list {
		if e.Name != all[k].Name || e.Tests != all[k].Tests || e.Solution == "" || e.Level == 0 {
			t.Errorf("exercise %d: %+v", k, e)
		}
	}
}
