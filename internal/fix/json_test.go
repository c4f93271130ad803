package fix_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/jsonw/jsonwtest"
)

// TestJSONMatchesStd compares Fix.AppendJSON with encoding/json on real
// fixes (whole and compact, for random configurations and needs) and on
// random values of every field.
func TestJSONMatchesStd(t *testing.T) {
	check := func(f *fix.Fix) {
		t.Helper()
		jsonwtest.Check(t, "fix", f.AppendJSON(nil), jsonwtest.Std(t, f))
	}
	check(nil)
	r := rand.New(rand.NewPCG(7, 2026))
	real := 0
	for range 300 {
		_, src := randomConfig(r)
		cfg, err := config.Parse([]byte(src))
		if err != nil {
			continue
		}
		f := fix.Suggest([]byte(src), cfg, randomNeed(r))
		if f == nil {
			continue
		}
		check(f)
		check(f.Compact([]byte(src), true))
		check(f.Compact([]byte(src), false))
		real++
	}
	if real < 50 {
		t.Fatalf("only %d real fixes compared", real)
	}
	for range 2000 {
		var f fix.Fix
		jsonwtest.Fill(r, &f)
		check(&f)
	}
}
