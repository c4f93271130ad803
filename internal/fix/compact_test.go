package fix

import (
	"strings"
	"testing"
	"unicode/utf8"
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

func TestEdits(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Edit
	}{
		{name: "same", old: "a\n", new: "a\n", want: nil},
		{name: "two lines apart", old: "m = [\"GET\"]\nx\nh = []\n", new: "m = [\"GET\", \"PUT\"]\nx\nh = [\"content-type\"]\n",
			want: []Edit{{Line: 1, Column: 11, EndLine: 1, EndColumn: 11, Text: ", \"PUT\""}, {Line: 3, Column: 6, EndLine: 3, EndColumn: 6, Text: "\"content-type\""}}},
		{name: "a line added", old: "a\nc\n", new: "a\nb\nc\n", want: []Edit{{Line: 2, Column: 1, EndLine: 2, EndColumn: 1, Text: "b\n"}}},
		{name: "CRLF kept", old: "a\r\nb\r\n", new: "a\r\nB\r\n", want: []Edit{{Line: 2, Column: 1, EndLine: 2, EndColumn: 2, Text: "B"}}},
		{name: "final newline added", old: "a", new: "a\n", want: []Edit{{Line: 1, Column: 2, EndLine: 1, EndColumn: 2, Text: "\n"}}},
		{name: "code points", old: "é\nx\né\n", new: "é1\nx\né2\n",
			want: []Edit{{Line: 1, Column: 2, EndLine: 1, EndColumn: 2, Text: "1"}, {Line: 3, Column: 2, EndLine: 3, EndColumn: 2, Text: "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Edits([]byte(tt.old), []byte(tt.new))
			if len(got) != len(tt.want) {
				t.Fatalf("Edits = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("edit %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if s := applyEdits(tt.old, got); s != tt.new {
				t.Errorf("applying the edits gives %q, want %q", s, tt.new)
			}
		})
	}
}

// applyEdits applies edits of s from the last, as an editor does.
func applyEdits(s string, es []Edit) string {
	for i := len(es) - 1; i >= 0; i-- {
		s = applyEdit(s, &es[i])
	}
	return s
}

// FuzzEdits: the edits of any two texts, applied to the first, give the
// second, and come in the order of the text without overlapping.
func FuzzEdits(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\nd")
	f.Add("x = [\"GET\"]\r\n", "x = [\"GET\", \"PUT\"]\r\n")
	f.Add("é", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || len(a)+len(b) > 4096 {
			return
		}
		es := Edits([]byte(a), []byte(b))
		for i := 1; i < len(es); i++ {
			p, q := es[i-1], es[i]
			if q.Line < p.EndLine || q.Line == p.EndLine && q.Column < p.EndColumn {
				t.Fatalf("edits overlap or are out of order: %+v", es)
			}
		}
		if got := applyEdits(a, es); got != b {
			t.Fatalf("applying %+v to %q gives %q, want %q", es, a, got, b)
		}
	})
}
