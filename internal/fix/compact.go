package fix

import (
	"strconv"
	"unicode/utf8"
)

// DiffContext is how many unchanged lines Compact keeps around a change.
const DiffContext = 2

// Compact returns a copy of f for sending to an editor: the change as one
// Edit of src, the diff cut to its changed lines and DiffContext lines
// around them (a skipped run becomes one line with Op "…" saying how many
// lines it stands for), and, when keepConfig is false, no Config. On a
// 64 KB configuration a lint run's fixes would otherwise carry the whole
// text and a whole-file diff each: megabytes per keystroke.
func (f *Fix) Compact(src []byte, keepConfig bool) *Fix {
	c := *f
	c.Edit = edit1(src, []byte(f.Config))
	c.Diff = trim(f.Diff, DiffContext)
	if !keepConfig {
		c.Config = ""
	}
	return &c
}

// edit1 is the single replacement that turns a into b: everything between
// their common prefix and common suffix (kept on code-point boundaries).
func edit1(a, b []byte) *Edit {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && !utf8.RuneStart(a[p]) && p < len(a) {
		p--
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	for s > 0 && len(a)-s < len(a) && !utf8.RuneStart(a[len(a)-s]) {
		s--
	}
	start, end := place(a, p), place(a, len(a)-s)
	return &Edit{Line: start[0], Column: start[1], EndLine: end[0], EndColumn: end[1], Text: string(b[p : len(b)-s])}
}

// place is the 1-based line and code-point column of byte offset off.
func place(b []byte, off int) [2]int {
	line, col := 1, 1
	for i := 0; i < off; {
		r, n := utf8.DecodeRune(b[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return [2]int{line, col}
}

// trim keeps the changed lines of a diff and ctx unchanged lines around
// each; every longer run of unchanged lines becomes one "…" line.
func trim(d []Line, ctx int) []Line {
	keep := make([]bool, len(d))
	for i, l := range d {
		if l.Op == " " {
			continue
		}
		for j := max(0, i-ctx); j <= min(len(d)-1, i+ctx); j++ {
			keep[j] = true
		}
	}
	out := make([]Line, 0, len(d))
	for i := 0; i < len(d); {
		if keep[i] {
			out = append(out, d[i])
			i++
			continue
		}
		j := i
		for j < len(d) && !keep[j] {
			j++
		}
		out = append(out, Line{Op: "…", Text: strconv.Itoa(j-i) + " unchanged lines"})
		i = j
	}
	return out
}
