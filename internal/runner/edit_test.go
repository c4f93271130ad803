package runner_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"corsplay/internal/examples"
	"corsplay/internal/runner"
)

// jsSplice is what a JavaScript caller means by an edit: the string as
// UTF-16 code units, units from up to to replaced by s.
func jsSplice(text string, from, to int, s string) string {
	u := utf16.Encode([]rune(text))
	out := append(append(append([]uint16{}, u[:from]...), utf16.Encode([]rune(s))...), u[to:]...)
	return string(utf16.Decode(out))
}

func scenarioJSON(t testing.TB, bucket map[string]any, omit []string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"bucket":  bucket,
		"request": map[string]any{"method": "OPTIONS", "headers": map[string]string{"Origin": "https://app7.example.com", "Access-Control-Request-Method": "PUT"}},
		"fetch":   map[string]any{"origin": "https://app7.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT", "headers": map[string]string{"Content-Type": "application/json"}},
		"omit":    omit,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRunnerEdits types random edits, in UTF-16 code units as a page
// counts them, into texts with non-ASCII and astral characters, and checks
// that each answer to the edit is byte for byte the answer to the whole
// text.
func TestRunnerEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "-", ".", "*", " ", "\n", "é", "😀", "</AllowedOrigin>", "&amp;", `"`, ",", "PUT", "https://app7.example.com", ""}
	omits := [][]string{nil, {"lint", "fix", "values", "browser-evaluations", "rule-checks", "rule-fields"}}
	starts := []string{examples.Large(12), strings.Replace(examples.Large(3), "app1", "äpp1-😀", 1)}
	for _, e := range examples.All() {
		if c := e.Scenario.Bucket.CORS; c != nil {
			starts = append(starts, *c)
		}
	}
	r := runner.New(4)
	rev := 0
	edits := 0
	for _, cur := range starts {
		rev++
		first := scenarioJSON(t, map[string]any{"cors": cur, "corsRev": rev}, nil)
		if got, want := r.RunJSON(first), runner.RunJSON(scenarioJSON(t, map[string]any{"cors": cur}, nil)); !bytes.Equal(got, want) {
			t.Fatalf("whole text with corsRev: answer differs from Run's\n got %s\nwant %s", got, want)
		}
		for i := range 60 {
			n := len(utf16.Encode([]rune(cur)))
			from := rng.IntN(n + 1)
			to := min(n, from+rng.IntN(3))
			u := utf16.Encode([]rune(cur))
			// Never split a surrogate pair: a JavaScript diff does not.
			if from > 0 && from < n && utf16.IsSurrogate(rune(u[from])) && u[from] >= 0xDC00 {
				from--
			}
			if to > 0 && to < n && utf16.IsSurrogate(rune(u[to])) && u[to] >= 0xDC00 {
				to++
			}
			piece := pieces[rng.IntN(len(pieces))]
			next := jsSplice(cur, from, to, piece)
			rev++
			omit := omits[i%len(omits)]
			got := r.RunJSON(scenarioJSON(t, map[string]any{"corsEdit": map[string]any{"base": rev - 1, "rev": rev, "from": from, "to": to, "text": piece}}, omit))
			want := runner.RunJSON(scenarioJSON(t, map[string]any{"cors": next}, omit))
			if !bytes.Equal(got, want) {
				t.Fatalf("edit %d (%d–%d → %q) of %q…: answer differs from the whole text's\n got %.400s\nwant %.400s", i, from, to, piece, cur[:min(60, len(cur))], got, want)
			}
			edits++
			cur = next
		}
	}
	t.Logf("%d edits compared", edits)
}

// TestRunnerEditRefused: each way an edit cannot be applied is an answer
// with an error (code stale-edit when sending the whole text mends it), and
// leaves the held text as it was.
func TestRunnerEditRefused(t *testing.T) {
	text := "<CORSConfiguration><CORSRule><AllowedOrigin>https://😀.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"
	at := len(utf16.Encode([]rune(text[:strings.Index(text, "😀")]))) // the astral character's first unit
	tests := []struct {
		name     string
		runner   bool // a Runner holding text as revision 1; else package-level Run
		bucket   map[string]any
		code     string
		contains string
	}{
		{name: "no runner", bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": 0, "to": 0, "text": "x"}}, code: "stale-edit", contains: "holds no configuration"},
		{name: "other base", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 7, "rev": 8, "from": 0, "to": 0, "text": "x"}}, code: "stale-edit", contains: "revision 1 of the configuration, not 7"},
		{name: "past the end", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": 0, "to": 1000, "text": "x"}}, code: "stale-edit", contains: "not a range"},
		{name: "backwards", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": 5, "to": 4, "text": "x"}}, code: "stale-edit", contains: "not a range"},
		{name: "negative", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": -1, "to": 0, "text": "x"}}, code: "stale-edit", contains: "not a range"},
		{name: "splits a surrogate pair", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": at + 1, "to": at + 1, "text": "x"}}, code: "stale-edit", contains: "not a range"},
		{name: "both text and edit", runner: true, bucket: map[string]any{"cors": "x", "corsEdit": map[string]any{"base": 1, "rev": 2, "from": 0, "to": 0, "text": "x"}}, contains: "both given"},
		{name: "rev 0", runner: true, bucket: map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 0, "from": 0, "to": 0, "text": "x"}}, contains: "must not be 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out []byte
			r := runner.New(4)
			if tc.runner {
				r.RunJSON(scenarioJSON(t, map[string]any{"cors": text, "corsRev": 1}, nil))
				out = r.RunJSON(scenarioJSON(t, tc.bucket, nil))
			} else {
				out = runner.RunJSON(scenarioJSON(t, tc.bucket, nil))
			}
			var res struct {
				Error *struct{ Message, Code string }
			}
			if err := json.Unmarshal(out, &res); err != nil || res.Error == nil {
				t.Fatalf("want an error answer, got %s (%v)", out, err)
			}
			if res.Error.Code != tc.code || !strings.Contains(res.Error.Message, tc.contains) {
				t.Errorf("error %+v, want code %q and a message with %q", *res.Error, tc.code, tc.contains)
			}
			if !tc.runner {
				return
			}
			// The held text is unchanged: an edit of revision 1 still works.
			got := r.RunJSON(scenarioJSON(t, map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 3, "from": 0, "to": 0, "text": " "}}, nil))
			want := runner.RunJSON(scenarioJSON(t, map[string]any{"cors": " " + text}, nil))
			if !bytes.Equal(got, want) {
				t.Errorf("after the refused edit, an edit of revision 1:\n got %.300s\nwant %.300s", got, want)
			}
		})
	}
}

// TestRunnerEditKeepsText: a scenario without a revision (someone else's
// configuration, or none) does not replace the held text.
func TestRunnerEditKeepsText(t *testing.T) {
	a, b := examples.Large(2), examples.Large(3)
	r := runner.New(4)
	r.RunJSON(scenarioJSON(t, map[string]any{"cors": a, "corsRev": 4}, nil))
	r.RunJSON(scenarioJSON(t, map[string]any{"cors": b}, nil))
	r.RunJSON(scenarioJSON(t, map[string]any{"cors": nil}, nil))
	got := r.RunJSON(scenarioJSON(t, map[string]any{"corsEdit": map[string]any{"base": 4, "rev": 5, "from": 0, "to": 0, "text": "\n"}}, nil))
	if want := runner.RunJSON(scenarioJSON(t, map[string]any{"cors": "\n" + a}, nil)); !bytes.Equal(got, want) {
		t.Fatalf("edit after other scenarios:\n got %.300s\nwant %.300s", got, want)
	}
}

// FuzzRunnerEdit: any edit of any text either is refused with an error
// answer or gives the answer to the text a JavaScript splice makes.
func FuzzRunnerEdit(f *testing.F) {
	f.Add("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>", 45, 46, "x")
	f.Add(`{"CORSRules": [{"AllowedOrigins": ["https://é😀"], "AllowedMethods": ["PUT"]}]}`, 30, 32, "")
	f.Add("😀😀", 1, 3, "a")
	f.Fuzz(func(t *testing.T, text string, from, to int, s string) {
		if len(text) > 4096 || len(s) > 256 {
			return
		}
		// What a JavaScript string holds: UTF-16, invalid UTF-8 already
		// replaced (TextEncoder and JSON.stringify never send it).
		text, s = strings.ToValidUTF8(text, "\uFFFD"), strings.ToValidUTF8(s, "\uFFFD")
		r := runner.New(2)
		r.RunJSON(scenarioJSON(t, map[string]any{"cors": text, "corsRev": 1}, nil))
		got := r.RunJSON(scenarioJSON(t, map[string]any{"corsEdit": map[string]any{"base": 1, "rev": 2, "from": from, "to": to, "text": s}}, nil))
		u := utf16.Encode([]rune(text))
		ok := 0 <= from && from <= to && to <= len(u) &&
			(from == 0 || from == len(u) || !(u[from] >= 0xDC00 && u[from] <= 0xDFFF)) &&
			(to == 0 || to == len(u) || !(u[to] >= 0xDC00 && u[to] <= 0xDFFF))
		if !ok {
			if !bytes.Contains(got, []byte(`"code":"stale-edit"`)) {
				t.Fatalf("edit %d–%d of %q accepted: %.300s", from, to, text, got)
			}
			return
		}
		want := runner.RunJSON(scenarioJSON(t, map[string]any{"cors": jsSplice(text, from, to, s)}, nil))
		if !bytes.Equal(got, want) {
			t.Fatalf("edit %d–%d → %q of %q:\n got %.300s\nwant %.300s", from, to, s, text, got, want)
		}
	})
}
