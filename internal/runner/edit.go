package runner

import (
	"corsplay/internal/scenario"
	"strconv"
	"unicode/utf8"
)

// held is the text a Runner holds for edits.
type held struct {
	rev   int // 0: none
	text  string
	ascii bool // text is ASCII: character and byte offsets agree
}

// resolve turns b's edit into the text it makes, and keeps every text that
// has a revision. It reports a refused edit as the answer's error.
func (r *Runner) resolve(b *scenario.Bucket) *scenario.ErrorOut {
	e := b.Edit
	if e == nil {
		if b.Rev != 0 && b.CORS != nil {
			r.held = held{rev: b.Rev, text: *b.CORS, ascii: isASCII(*b.CORS)}
		}
		return nil
	}
	if b.CORS != nil {
		return &scenario.ErrorOut{Message: "bucket.cors and bucket.corsEdit are both given: give the whole text or an edit of it, not both"}
	}
	if e.Rev == 0 {
		return &scenario.ErrorOut{Message: "bucket.corsEdit.rev must not be 0"}
	}
	h := &r.held
	if h.rev == 0 || h.rev != e.Base {
		msg := "bucket.corsEdit: the engine holds "
		if h.rev == 0 {
			msg += "no configuration to edit"
		} else {
			msg += "revision " + strconv.Itoa(h.rev) + " of the configuration, not " + strconv.Itoa(e.Base)
		}
		return &scenario.ErrorOut{Code: scenario.StaleEdit, Message: msg + ": send the whole text in bucket.cors"}
	}
	text, ok := splice(h, e.From, e.To, e.Text)
	if !ok {
		return &scenario.ErrorOut{Code: scenario.StaleEdit, Message: "bucket.corsEdit: characters " + strconv.Itoa(e.From) + " to " + strconv.Itoa(e.To) +
			" are not a range of the configuration's " + strconv.Itoa(utf16Len(h.text)) + ": send the whole text in bucket.cors"}
	}
	if len(text) > scenario.MaxScenario {
		return &scenario.ErrorOut{Message: "bucket.corsEdit makes a configuration of " + strconv.Itoa(len(text)) + " bytes; corsplay reads at most " + strconv.Itoa(scenario.MaxScenario)}
	}
	*h = held{rev: e.Rev, text: text, ascii: h.ascii && isASCII(e.Text)}
	b.CORS, b.Edit = &h.text, nil
	return nil
}

// splice returns h's text with the characters (UTF-16 code units) from up
// to to replaced by s.
func splice(h *held, from, to int, s string) (string, bool) {
	if from < 0 || to < from {
		return "", false
	}
	var i, j int
	if h.ascii {
		if to > len(h.text) {
			return "", false
		}
		i, j = from, to
	} else {
		var ok bool
		if i, ok = byteOffset(h.text, 0, 0, from); !ok {
			return "", false
		}
		if j, ok = byteOffset(h.text, i, from, to); !ok {
			return "", false
		}
	}
	return h.text[:i] + s + h.text[j:], true
}

// byteOffset returns the byte offset of character (UTF-16 code unit) n of
// s, counting from byte i, which is character u. It fails past the end and
// inside a character that JavaScript counts as two.
func byteOffset(s string, i, u, n int) (int, bool) {
	for u < n {
		if i >= len(s) {
			return 0, false
		}
		if s[i] < utf8.RuneSelf {
			i++
			u++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if r > 0xFFFF {
			u += 2
		} else {
			u++
		}
	}
	return i, u == n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n++
		}
		n++
	}
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
