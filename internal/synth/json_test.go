package synth

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSON: the answers' JSON reads back with encoding/json to the same
// values.
func TestJSON(t *testing.T) {
	ok := Synthesize(file(t, fetchTest("get", app, "GET", "", "", `{"allowed": true}`)))
	bad := Synthesize(file(t, fetchTest("patch", app, "PATCH", "", "", `{"allowed": true}`)))
	edit := MakePass([]byte(`[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]`), file(t,
		fetchTest("get", app, "GET", "", "", `{"allowed": true}`), fetchTest("evil", evil, "GET", "", "", `{"allowed": false}`)))
	type conflict struct {
		Tests  []string
		Why    string
		Proven bool
		Text   string
	}
	var r1, r2 struct {
		Config         *string
		Rules, Values  int
		Empty          bool
		Conflicts      []conflict
		Passed, Failed int
	}
	if err := json.Unmarshal(ok.AppendJSON(nil), &r1); err != nil {
		t.Fatal(err)
	}
	if r1.Config == nil || *r1.Config != ok.Text || r1.Rules != 1 || r1.Values != 2 || r1.Passed != 1 || len(r1.Conflicts) != 0 {
		t.Errorf("%+v", r1)
	}
	if err := json.Unmarshal(bad.AppendJSON(nil), &r2); err != nil {
		t.Fatal(err)
	}
	if r2.Config != nil || len(r2.Conflicts) != 1 || r2.Conflicts[0].Text != bad.Conflicts[0].Text() || !r2.Conflicts[0].Proven {
		t.Errorf("%+v", r2)
	}
	var e struct {
		Config      string
		Diff        []struct{ Op, Text string }
		Changes     []string
		Synthesized bool
		Conflicts   []conflict
		Passed      int
	}
	if err := json.Unmarshal(edit.AppendJSON(nil), &e); err != nil {
		t.Fatal(err)
	}
	if e.Config != edit.Config || len(e.Diff) != len(edit.Diff) || strings.Join(e.Changes, ";") != strings.Join(edit.Changes, ";") || e.Passed != 2 {
		t.Errorf("%+v", e)
	}
}
