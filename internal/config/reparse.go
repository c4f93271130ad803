package config

import (
	"bytes"
	"unicode/utf8"
)

// Reparse is Parse for a text that differs from old, the text prev was
// parsed from, only inside one rule, as it does while a person types in
// the editor: it reads that rule again, moves the places of what follows,
// and reuses the rest of prev. It returns the index of the rule it read, or
// (nil, -1) when it cannot tell that the result would be Parse(src)'s: the
// edit touches more than one rule or the text around them, the rule no
// longer reads as one rule ending where it did, or src is over the limit.
// The caller then parses src.
//
// Reparse takes prev over when it succeeds: the result shares prev's rules
// and moves their places in place, so prev must not be used again. (Copying
// them costs more than reading the rule: in WebAssembly, most of a
// keystroke went to allocating and collecting those copies.) When it
// fails, prev is unchanged.
//
// Reading one rule of a 64 KB configuration costs a few microseconds where
// Parse costs a large part of a millisecond (TestReparseMatchesParse and
// FuzzReparse check that the answers are the same).
func Reparse(prev *Config, old, src []byte) (*Config, Move) {
	if prev == nil || len(prev.Rules) == 0 || prev.Size != len(old) || DetectForm(src) != prev.Form {
		return nil, Move{Rule: -1}
	}
	limit := MaxInput
	if prev.Form == XML {
		limit = MaxXML
	}
	if len(src) > limit {
		return nil, Move{Rule: -1}
	}
	// The edit is old[p:oldEnd] → src[p:newEnd].
	p := commonPrefix(old, src)
	if p == len(old) && p == len(src) {
		return nil, Move{Rule: -1} // the same text: the caller has its answer
	}
	s := commonSuffix(old[p:], src[p:])
	oldEnd := len(old) - s
	delta := len(src) - len(old)

	// The rule around the edit: its first and last bytes unchanged.
	k := -1
	for i := range prev.Rules {
		sp := prev.Rules[i].Span
		if sp.Start.Offset < p && oldEnd < sp.End.Offset {
			k = i
			break
		}
		if sp.Start.Offset >= p {
			break
		}
	}
	if k < 0 {
		return nil, Move{Rule: -1}
	}
	was := prev.Rules[k].Span
	from, to := was.Start.Offset, was.End.Offset+delta
	if !utf8.Valid(src[from:to]) {
		return nil, Move{Rule: -1} // Parse reports where
	}

	skip := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		skip = 3
	}
	body := src[skip:]
	ln := windowLines(src, from, to, was.Start.Line)
	ln.shift = skip
	var r Rule
	switch prev.Form {
	case XML:
		sc := &xmlScanner{src: body, i: prev.Root.Span.Start.Offset - skip}
		if t := sc.next(); sc.err != nil || t.kind != tokStart || t.selfClose {
			return nil, Move{Rule: -1}
		}
		sc.i = from - skip
		xp := &xmlParser{s: sc, ln: ln, one: true}
		t, err := xp.next()
		if err != nil || t.kind != tokStart || t.local != "CORSRule" {
			return nil, Move{Rule: -1}
		}
		if r, err = xp.corsRule(t, k); err != nil || len(sc.stack) != 1 || sc.i != to-skip {
			return nil, Move{Rule: -1}
		}
	default:
		depth := 1 // the console's list is the document
		if prev.Form == CLIJSON {
			depth = 2 // {"CORSRules": [ … ]}
		}
		jp := &jsonParser{src: body, i: from - skip, ln: ln}
		item := jp.value(depth)
		if jp.err != nil || item == nil || item.start != from-skip || item.end != to-skip {
			return nil, Move{Rule: -1}
		}
		r = jsonRule(item, k, ln)
	}

	// From here on prev is taken over: nothing below can fail.
	cfg := *prev
	cfg.Size = len(src)
	mv := Move{Rule: k, after: was.End.Offset, delta: delta, line: was.End.Line,
		dLine: r.Span.End.Line - was.End.Line, dCol: r.Span.End.Column - was.End.Column}
	cfg.Rules[k] = r
	for i := k + 1; i < len(cfg.Rules); i++ {
		mv.rule(&cfg.Rules[i])
	}
	cfg.Root.Span = mv.span(cfg.Root.Span)
	mv.values(cfg.Unknown)
	mv.values(cfg.Stray)
	mv.values(cfg.Directives)
	*prev = Config{} // a use of prev after this is a bug: make it show
	return &cfg, mv
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n && string(a[i:i+8]) == string(b[i:i+8]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n && string(a[len(a)-i-8:len(a)-i]) == string(b[len(b)-i-8:len(b)-i]) {
		i += 8
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// windowLines is a line table for the positions in src[from:to], whose
// first line is line firstLine of src.
func windowLines(src []byte, from, to, firstLine int) *lines {
	l := &lines{src: src, start: []int{bytes.LastIndexByte(src[:from], '\n') + 1}, base: firstLine - 1}
	for i := from; i < to; i++ {
		if src[i] == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

// Move says how Reparse moved places: Rule is the rule read again; the
// text after its old end is unchanged and now starts delta bytes, dLine
// lines and, on that line, dCol columns later. Pos and Span move a place
// of the old text that lies outside rule Rule to the new text.
type Move struct {
	Rule                            int
	after, delta, line, dLine, dCol int
}

// Pos moves p.
func (m Move) Pos(p Pos) Pos { return m.pos(p) }

// Span moves s.
func (m Move) Span(s Span) Span { return m.span(s) }

func (m *Move) pos(p Pos) Pos {
	if p.Offset < m.after {
		return p
	}
	if p.Line == m.line {
		p.Column += m.dCol
	}
	p.Line += m.dLine
	p.Offset += m.delta
	return p
}

func (m *Move) span(s Span) Span { return Span{Start: m.pos(s.Start), End: m.pos(s.End)} }

// values moves the places of vs in place.
func (m *Move) values(vs []Value) {
	for i := range vs {
		vs[i].Span = m.span(vs[i].Span)
	}
}

func (m *Move) rule(r *Rule) {
	r.Span = m.span(r.Span)
	m.values(r.Values)
	m.values(r.Unknown)
	m.values(r.Stray)
	m.values(r.Empty)
}
