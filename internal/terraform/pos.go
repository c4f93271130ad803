package terraform

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"corsplay/internal/config"
)

// lineTable turns byte offsets into config positions: 1-based lines, and
// columns in code points as the rest of corsplay counts them (HCL counts
// grapheme clusters).
type lineTable struct {
	src   []byte
	start []int
}

func newLineTable(src []byte) *lineTable {
	t := &lineTable{src: src, start: []int{0}}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		t.start = append(t.start, i)
	}
	return t
}

func (t *lineTable) pos(off int) config.Pos {
	off = max(0, min(off, len(t.src)))
	l := sort.Search(len(t.start), func(i int) bool { return t.start[i] > off }) - 1
	return config.Pos{Line: l + 1, Column: 1 + utf8.RuneCount(t.src[t.start[l]:off]), Offset: off}
}

func (t *lineTable) span(r hcl.Range) config.Span {
	return config.Span{Start: t.pos(r.Start.Byte), End: t.pos(r.End.Byte)}
}

func (t *lineTable) point(off int) config.Span {
	p := t.pos(off)
	return config.Span{Start: p, End: p}
}
