package conformance_test

import (
	"flag"
	"path/filepath"
	"testing"

	"corsplay/internal/conformance"
)

var extra = flag.String("cases", "", "more conformance files to run (a glob), e.g. ../../../shared/conformance/*.json")

// TestConformance runs every case of the project's copy of the shared
// cases, plus any files named with -cases.
func TestConformance(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if *extra != "" {
		more, err := filepath.Glob(*extra)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, more...)
	}
	if len(files) == 0 {
		t.Fatal("no conformance files in testdata/")
	}
	n := 0
	for _, path := range files {
		f, err := conformance.Load(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i := range f.Cases {
			c := &f.Cases[i]
			n++
			t.Run(c.ID, func(t *testing.T) {
				for _, d := range conformance.Run(c) {
					t.Errorf("%s (%s): %s", c.ID, c.Evidence, d)
				}
			})
		}
	}
	if n < 59 {
		t.Errorf("ran %d cases; the shared file alone has 59", n)
	}
}
