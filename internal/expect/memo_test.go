package expect

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/examples"
)

// TestMemoMatchesFresh: a Runner that keeps each fetch's verdict while S3
// answers its requests the same (memo) reports exactly what a fresh Runner
// reports, edit after edit of a configuration, and does keep most
// verdicts when an edit touches one rule.
func TestMemoMatchesFresh(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	text := examples.Large(20)
	f := benchFile(t, 100)
	r := NewRunner(nil)
	// Edits as a person makes them: an origin of some rule retyped, a
	// method added or removed, ExposeHeader ETag dropped, MaxAgeSeconds
	// changed, a rule's origin made a wildcard.
	edits := []func(string) string{
		func(s string) string {
			i := rng.IntN(20)
			return strings.Replace(s, "https://app"+itoa(i)+".example.com<", "https://app"+itoa(i)+".example.org<", 1)
		},
		func(s string) string { return strings.Replace(s, "<AllowedMethod>PUT</AllowedMethod>", "", 1) },
		func(s string) string {
			return strings.Replace(s, "<AllowedMethod>GET</AllowedMethod>", "<AllowedMethod>GET</AllowedMethod><AllowedMethod>DELETE</AllowedMethod>", 1)
		},
		func(s string) string { return strings.Replace(s, "<ExposeHeader>ETag</ExposeHeader>", "", 1) },
		func(s string) string { return strings.Replace(s, "<MaxAgeSeconds>60", "<MaxAgeSeconds>9", 1) },
		func(s string) string {
			i := rng.IntN(20)
			return strings.Replace(s, "https://app"+itoa(i)+".example.com<", "*<", 1)
		},
		func(s string) string { return strings.Replace(s, "<AllowedHeader>Content-Type</AllowedHeader>", "", 1) },
	}
	runs := 0
	for step := range 60 {
		text = edits[rng.IntN(len(edits))](text)
		cfg := text
		got := r.Run(f, &cfg)
		want := NewRunner(nil).Run(f, &cfg)
		if g, w := got.AppendJSON(nil), want.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Fatalf("step %d: the memo's report differs from a fresh run:\n%s\n%s", step, g, w)
		}
		runs += len(f.Tests)
	}
	// 75 browser tests per run; after the first run most stand.
	if r.reused < runs/2 {
		t.Errorf("only %d of %d results came from a memo", r.reused, runs)
	}
	// Another file (or the same tests changed in place) is judged afresh.
	g := benchFile(t, 100)
	g.Tests[0].Fetch.Origin = "https://elsewhere.example"
	cfg := text
	if !sameReport(r, NewRunner(nil), g, &cfg) {
		t.Fatal("another file's report differs from a fresh run")
	}
	g.Tests[1].Fetch.Method = "DELETE"
	if !sameReport(r, NewRunner(nil), g, &cfg) {
		t.Fatal("a test changed in place is reported from its memo")
	}
}

func sameReport(a, b *Runner, f *File, cfg *string) bool {
	x, y := a.Run(f, cfg), b.Run(f, cfg)
	return bytes.Equal(x.AppendJSON(nil), y.AppendJSON(nil))
}

func itoa(i int) string { return strconv.Itoa(i) }
