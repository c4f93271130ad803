package fix

import "strings"

// Line is one line of a diff: Op is " " (kept), "-" (removed) or "+"
// (added); Text has no line terminator.
type Line struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxLCS bounds the table the diff fills for the changed middle of a text;
// past it the middle is shown as removed then added, which is still correct.
const maxLCS = 1 << 20

// Diff compares two texts line by line and returns the whole file: every
// line of both texts appears once, kept, removed or added. It is a patience
// diff (lines that occur once on each side anchor the alignment, which keeps
// a moved rule whole), with a longest-common-subsequence pass between
// anchors, and runs of changes slid to where they read best.
func Diff(a, b string) []Line {
	al, bl := splitLines(a), splitLines(b)
	out := make([]Line, 0, len(al)+len(bl))
	diffRec(al, bl, &out, 0)
	slide(out)
	return out
}

func diffRec(a, b []string, out *[]Line, depth int) {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	for _, l := range a[:head] {
		*out = append(*out, Line{" ", l})
	}
	am, bm := a[head:len(a)-tail], b[head:len(b)-tail]
	switch {
	case len(am) == 0 || len(bm) == 0:
		for _, l := range am {
			*out = append(*out, Line{"-", l})
		}
		for _, l := range bm {
			*out = append(*out, Line{"+", l})
		}
	default:
		anchors := uniqueAnchors(am, bm)
		if len(anchors) == 0 || depth > 64 {
			*out = append(*out, lcs(am, bm)...)
			break
		}
		pa, pb := 0, 0
		for _, an := range anchors {
			diffRec(am[pa:an[0]], bm[pb:an[1]], out, depth+1)
			*out = append(*out, Line{" ", am[an[0]]})
			pa, pb = an[0]+1, an[1]+1
		}
		diffRec(am[pa:], bm[pb:], out, depth+1)
	}
	for _, l := range a[len(a)-tail:] {
		*out = append(*out, Line{" ", l})
	}
}

// uniqueAnchors pairs the lines that occur exactly once in a and in b, and
// keeps the longest run of pairs in the same order on both sides.
func uniqueAnchors(a, b []string) [][2]int {
	type count struct{ na, nb, ia, ib int }
	m := map[string]*count{}
	for i, l := range a {
		c := m[l]
		if c == nil {
			c = &count{}
			m[l] = c
		}
		c.na++
		c.ia = i
	}
	for i, l := range b {
		if c := m[l]; c != nil {
			c.nb++
			c.ib = i
		}
	}
	var pairs [][2]int
	for i, l := range a {
		if c := m[l]; c.na == 1 && c.nb == 1 {
			pairs = append(pairs, [2]int{i, c.ib})
		}
	}
	// longest increasing subsequence of pairs[k][1] (patience sorting)
	var tops []int // index into pairs of each pile's top
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		lo, hi := 0, len(tops)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tops[mid]][1] < p[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tops[lo-1]
		}
		if lo == len(tops) {
			tops = append(tops, k)
		} else {
			tops[lo] = k
		}
	}
	if len(tops) == 0 {
		return nil
	}
	out := make([][2]int, len(tops))
	for k, i := len(tops)-1, tops[len(tops)-1]; i >= 0; k, i = k-1, prev[i] {
		out[k] = pairs[i]
	}
	return out
}

func lcs(a, b []string) []Line {
	n, m := len(a), len(b)
	if n*m > maxLCS {
		out := make([]Line, 0, n+m)
		for _, l := range a {
			out = append(out, Line{"-", l})
		}
		for _, l := range b {
			out = append(out, Line{"+", l})
		}
		return out
	}
	// t[i][j] = LCS length of a[i:], b[j:]
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out []Line
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, Line{" ", a[i]})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			out = append(out, Line{"-", a[i]})
			i++
		default:
			out = append(out, Line{"+", b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, Line{"-", a[i]})
	}
	for ; j < m; j++ {
		out = append(out, Line{"+", b[j]})
	}
	return out
}

// splitLines splits on "\n", dropping a "\r" before it and the empty piece
// after a final newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSuffix(l, "\r")
	}
	return ls
}

// Changed counts the lines a diff adds or removes.
func Changed(d []Line) int {
	n := 0
	for _, l := range d {
		if l.Op != " " {
			n++
		}
	}
	return n
}

// slide moves each run of added (or removed) lines up or down over equal
// neighbours to where its first line reads best (see score), so an inserted
// rule shows as a whole rule rather than as the tail of one and the head of
// the next. The texts are the same either way.
func slide(d []Line) {
	for i := 0; i < len(d); {
		if d[i].Op == " " {
			i++
			continue
		}
		j := i
		for j < len(d) && d[j].Op == d[i].Op {
			j++
		}
		if j < len(d) && d[j].Op != " " { // mixed hunk: leave it
			for j < len(d) && d[j].Op != " " {
				j++
			}
			i = j
			continue
		}
		for i > 0 && d[i-1].Op == " " && d[i-1].Text == d[j-1].Text {
			d[i-1], d[j-1] = d[j-1], d[i-1]
			i, j = i-1, j-1
		}
		best, bi := score(d[i].Text), i
		for j < len(d) && d[j].Op == " " && d[j].Text == d[i].Text {
			d[i], d[j] = d[j], d[i]
			i, j = i+1, j+1
			if w := score(d[i].Text); w < best {
				best, bi = w, i
			}
		}
		for i > bi {
			d[i-1], d[j-1] = d[j-1], d[i-1]
			i, j = i-1, j-1
		}
		i = j
	}
}

// score ranks a first line for a run: less indented is better, and an
// opening line better than a closing one (</CORSRule>, }).
func score(s string) int {
	t := strings.TrimLeft(s, " \t")
	n := 2 * (len(s) - len(t))
	if strings.HasPrefix(t, "</") || strings.HasPrefix(t, "}") || strings.HasPrefix(t, "]") {
		n++
	}
	return n
}
