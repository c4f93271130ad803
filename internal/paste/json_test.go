package paste_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/jsonw"
	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/paste"
)

// checkJSON compares r's JSON with encoding/json's, as the contract writes
// it and as the page gets it (json.Marshal's HTML escaping).
func checkJSON(t *testing.T, r *paste.Result) {
	t.Helper()
	got := r.AppendJSON(nil)
	jsonwtest.Check(t, "result", got, jsonwtest.Std(t, r))
	jsonwtest.Check(t, "result, HTML-escaped", jsonw.EscapeHTML(got), jsonwtest.StdHTML(t, r))
}

// TestJSONMatchesStd compares Result.AppendJSON with encoding/json on
// every sample paste and on random results.
func TestJSONMatchesStd(t *testing.T) {
	checkJSON(t, nil)
	for _, c := range cases {
		r, err := paste.Parse(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkJSON(t, r)
	}
	r := rand.New(rand.NewPCG(9, 2026))
	for range 1000 {
		var res paste.Result
		jsonwtest.Fill(r, &res)
		checkJSON(t, &res)
	}
}

func FuzzJSON(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := paste.Parse(s); err == nil {
			checkJSON(t, r)
		}
	})
}
