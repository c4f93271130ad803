package fix

import (
	"bytes"
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
	p, s := cut(a, b)
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

// Edits are the replacements that turn a into b: one for each run of
// changed lines of their line diff, cut to the characters that differ, in
// the order of the text (places in a). An editor shows them as the
// change's lines; applied together (from the last) they give b. When the
// line diff cannot say so exactly (a final newline added or dropped), it
// is one replacement, as Compact's.
func Edits(a, b []byte) []Edit {
	if bytes.Equal(a, b) {
		return nil
	}
	as, bs := lineStarts(a), lineStarts(b)
	var out []Edit
	var offs [][2]int // the byte range in a of each edit
	ai, bi := 0, 0
	d := Diff(string(a), string(b))
	for i := 0; i < len(d); {
		if d[i].Op == " " {
			ai, bi, i = ai+1, bi+1, i+1
			continue
		}
		a0, b0 := ai, bi
		for ; i < len(d) && d[i].Op != " "; i++ {
			if d[i].Op == "-" {
				ai++
			} else {
				bi++
			}
		}
		from, to := as[min(a0, len(as)-1)], as[min(ai, len(as)-1)]
		nf, nt := bs[min(b0, len(bs)-1)], bs[min(bi, len(bs)-1)]
		p, q := cut(a[from:to], b[nf:nt])
		s, t := place(a, from+p), place(a, to-q)
		out = append(out, Edit{Line: s[0], Column: s[1], EndLine: t[0], EndColumn: t[1], Text: string(b[nf+p : nt-q])})
		offs = append(offs, [2]int{from + p, to - q})
	}
	es := make([]edit, len(out))
	for i, e := range out {
		es[i] = edit{at: offs[i][0], end: offs[i][1], text: e.Text}
	}
	if !bytes.Equal(apply(a, es), b) {
		return []Edit{*edit1(a, b)}
	}
	return out
}

// lineStarts are the offsets where each line of b starts, and len(b) last.
func lineStarts(b []byte) []int {
	out := []int{0}
	for i, c := range b {
		if c == '\n' && i+1 < len(b) {
			out = append(out, i+1)
		}
	}
	return append(out, len(b))
}

// cut is the length of a's and b's common prefix and, after it, common
// suffix, on code-point boundaries (as edit1 cuts).
func cut(a, b []byte) (prefix, suffix int) {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && p < len(a) && !utf8.RuneStart(a[p]) {
		p--
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	for s > 0 && len(a)-s < len(a) && !utf8.RuneStart(a[len(a)-s]) {
		s--
	}
	return p, s
}
