package fix

import (
	"strings"
	"testing"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     Edit
	}{
		{name: "insert a line", old: "a\nb\nc\n", new: "a\nb\nB\nc\n", want: Edit{Line: 3, Column: 1, EndLine: 3, EndColumn: 1, Text: "B\n"}},
		{name: "replace within a line", old: "<A>x/</A>\n", new: "<A>x</A>\n", want: Edit{Line: 1, Column: 5, EndLine: 1, EndColumn: 6, Text: ""}},
		{name: "code points, not bytes", old: "é1\n", new: "é2\n", want: Edit{Line: 1, Column: 2, EndLine: 1, EndColumn: 3, Text: "2"}},
		{name: "multi-byte change", old: "aéb", new: "aüb", want: Edit{Line: 1, Column: 2, EndLine: 1, EndColumn: 3, Text: "ü"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Fix{Config: tt.new, Diff: Diff(tt.old, tt.new)}
			c := f.Compact([]byte(tt.old), false)
			if *c.Edit != tt.want {
				t.Errorf("edit = %+v, want %+v", *c.Edit, tt.want)
			}
			if c.Config != "" || f.Config != tt.new {
				t.Error("Compact must drop Config from the copy only")
			}
			if got := applyEdit(tt.old, c.Edit); got != tt.new {
				t.Errorf("applying the edit gives %q, want %q", got, tt.new)
			}
		})
	}
}

// applyEdit is what an editor does with an Edit.
func applyEdit(s string, e *Edit) string {
	lines := strings.SplitAfter(s, "\n")
	off := func(line, col int) int {
		n := 0
		for i := 0; i < line-1; i++ {
			n += len(lines[i])
		}
		r := []rune(lines[line-1])
		return n + len(string(r[:col-1]))
	}
	return s[:off(e.Line, e.Column)] + e.Text + s[off(e.EndLine, e.EndColumn):]
}

func TestTrim(t *testing.T) {
	var old, nu []string
	for i := 0; i < 20; i++ {
		old = append(old, "line")
	}
	nu = append(append(append(nu, old[:10]...), "new"), old[10:]...)
	d := trim(Diff(strings.Join(old, "\n"), strings.Join(nu, "\n")), 2)
	var ops []string
	for _, l := range d {
		ops = append(ops, l.Op)
	}
	if got := strings.Join(ops, ""); got != "…  +  …" {
		t.Errorf("ops %q, want %q", got, "…  +  …")
	}
}
