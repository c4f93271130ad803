package highlight

import "strings"

// scanYAML highlights YAML (CloudFormation templates) as chroma's YAML
// lexer does, rule by rule and in its order (chroma v2's
// lexers/embedded/yaml.xml); it is not a YAML parser, and neither is
// chroma's lexer: a "key: " is recognised wherever it occurs on a line, a
// flow sequence's items after its "[" are one Literal, "!Ref" is Text "!"
// and a Literal. Tests compare the tokens with chroma's on templates.
func scanYAML(s *scanner) {
	src := s.src
	for s.pos < len(src) {
		i := s.pos
		c := src[i]
		bol := i == 0 || src[i-1] == '\n'
		switch {
		case yamlSpace(c):
			j := i
			for j < len(src) && yamlSpace(src[j]) {
				j++
			}
			s.emit(TextWhitespace, j)
		case bol && (s.at(i, "---") || s.at(i, "...")):
			s.emit(NameNamespace, i+3)
		case c == '-' && s.at(i, "- "):
			s.emit(Text, i+2)
		case c == '?' && dashAfter(src, i+1) > 0:
			s.emit(Text, dashAfter(src, i+1))
		case c == '#':
			s.emit(Comment, yamlEOL(src, i))
		case c == '/' && s.at(i, "//"):
			s.emit(Comment, yamlEOL(src, i))
		case c == '!' && s.at(i, "!!") && i+2 < len(src) && !yamlSpace(src[i+2]),
			(c == '&' || c == '*') && i+1 < len(src) && !yamlSpace(src[i+1]):
			j := i + 1
			for j < len(src) && !yamlSpace(src[j]) {
				j++
			}
			s.emit(CommentPreproc, j)
		case bol && c == '%' && includeEnd(src, i) > 0:
			s.emit(CommentPreproc, includeEnd(src, i))
		default:
			if yamlKey(s, i) || yamlValue(s, i) {
				continue
			}
			if strings.IndexByte("?:,[]", c) >= 0 {
				s.emit(Punctuation, i+1)
				continue
			}
			s.emit(Text, i+1)
		}
	}
}

// yamlSpace is \s as chroma's patterns use it.
func yamlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// yamlEOL is the end of the line holding i (before its "\n" or "\r\n").
// chroma reads "\r\n" as "\n" (it rewrites line endings before lexing);
// this lexer keeps the bytes and reads them as chroma does.
func yamlEOL(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		if j > 0 && src[i+j-1] == '\r' {
			return i + j - 1
		}
		return i + j
	}
	return len(src)
}

// nlAt is the length of a line ending at j (1 or 2), or 0.
func nlAt(src string, j int) int {
	switch {
	case j < len(src) && src[j] == '\n':
		return 1
	case j+1 < len(src) && src[j] == '\r' && src[j+1] == '\n':
		return 2
	}
	return 0
}

// dashAfter matches `\s*- ` at i: the end of the match, or 0.
func dashAfter(src string, i int) int {
	for i < len(src) && yamlSpace(src[i]) {
		i++
	}
	if strings.HasPrefix(src[i:], "- ") {
		return i + 2
	}
	return 0
}

// includeEnd matches `%include\s+[^\n\r]+` at i.
func includeEnd(src string, i int) int {
	if !strings.HasPrefix(src[i:], "%include") {
		return 0
	}
	j := i + len("%include")
	k := j
	for k < len(src) && yamlSpace(src[k]) {
		k++
	}
	if k == j {
		return 0
	}
	// \s+ backtracks to leave at least one character for [^\n\r]+.
	e := k
	for e < len(src) && src[e] != '\n' && src[e] != '\r' {
		e++
	}
	if e == k {
		for k > j+1 && (src[k-1] == '\n' || src[k-1] == '\r') {
			k--
		}
		if k == j+1 {
			return 0
		}
		e = k
		for e < len(src) && src[e] != '\n' && src[e] != '\r' {
			e++
		}
		if e == k {
			return 0
		}
	}
	return e
}

// yamlKey tries chroma's key rules at i: a double-quoted key up to the
// line's last `": `, or the shortest run of characters other than `"`,
// newline, `{` and `#` (and not crossing "//") that is followed by ": ",
// else by ":\n".
func yamlKey(s *scanner, i int) bool {
	src := s.src
	eol := yamlEOL(src, i)
	if src[i] == '"' && i+1 < len(src) && src[i+1] != '"' && nlAt(src, i+1) == 0 && src[i+1] != '#' {
		if k := strings.LastIndex(src[i+2:eol], `": `); k >= 0 {
			s.emit(NameTag, i+2+k+3)
			return true
		}
	}
	j := i
	for ; j < len(src); j++ {
		c := src[j]
		if c == ':' && j+1 < len(src) && src[j+1] == ' ' {
			s.emit(NameTag, j)
			s.emit(Punctuation, j+1)
			s.emit(TextWhitespace, j+2)
			return true
		}
		if c == '"' || nlAt(src, j) > 0 || c == '{' || c == '#' || c == '/' && j+1 < len(src) && src[j+1] == '/' {
			break
		}
	}
	for j = i; j < len(src); j++ {
		c := src[j]
		if n := nlAt(src, j+1); c == ':' && n > 0 {
			s.emit(NameTag, j)
			s.emit(Punctuation, j+1)
			s.emit(TextWhitespace, j+1+n)
			return true
		}
		if c == '"' || nlAt(src, j) > 0 || c == '{' || c == '#' || c == '/' && j+1 < len(src) && src[j+1] == '/' {
			break
		}
	}
	return false
}

// yamlConstants are chroma's YAML KeywordConstant words, tried in its
// order (the first that ends at a word boundary wins).
var yamlConstants = []string{"false", "False", "FALSE", "true", "True", "TRUE", "null", "Off", "off", "yes", "Yes", "YES",
	"OFF", "On", "ON", "no", "No", "on", "NO", "n", "N", "Y", "y"}

func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// boundary is \b between src[i-1] and src[i].
func boundary(src string, i int) bool {
	a := i > 0 && isWord(src[i-1])
	b := i < len(src) && isWord(src[i])
	return a != b
}

// yamlValue tries chroma's value rules at i.
func yamlValue(s *scanner, i int) bool {
	src := s.src
	c := src[i]
	eol := yamlEOL(src, i)
	if (c == '>' || c == '|') && blockScalar(s, i) {
		return true
	}
	for _, w := range yamlConstants {
		if strings.HasPrefix(src[i:], w) && boundary(src, i+len(w)) {
			s.emit(KeywordConstant, i+len(w))
			return true
		}
	}
	if c == '"' || c == '\'' {
		// `"(?:\\.|[^"])*"`: may run over lines; a backslash escapes any
		// character but a newline. Without a closing quote, backtracking
		// makes the last escaped quote the closing one.
		typ := LiteralStringDouble
		if c == '\'' {
			typ = LiteralStringSingle
		}
		lastEscaped := -1
		for j := i + 1; j < len(src); j++ {
			switch {
			case src[j] == '\\' && nlAt(src, j+1) == 0 && j+1 < len(src):
				j++
				if src[j] == c {
					lastEscaped = j
				}
			case src[j] == c:
				s.emit(typ, j+1)
				return true
			}
		}
		if lastEscaped > 0 {
			s.emit(typ, lastEscaped+1)
			return true
		}
	}
	if j := yamlDate(src, i); j > 0 {
		s.emit(LiteralDate, j)
		return true
	}
	if j := yamlNumber(src, i); j > 0 {
		s.emit(LiteralNumber, j)
		return true
	}
	if strings.IndexByte("{}[]?,:!-*&@", c) >= 0 || nlAt(src, i) > 0 {
		return false
	}
	// The rest of the line is a Literal, except a trailing comment: from
	// the last " #" on the line, else the last " //".
	line := src[i:eol]
	for _, mark := range []string{" #", " //"} {
		k := strings.LastIndex(line, mark)
		if k <= 0 {
			continue
		}
		// Greedy .* leaves ( )+ the one space before the mark.
		s.emit(Literal, i+k)
		s.emit(TextWhitespace, i+k+1)
		s.emit(Comment, eol)
		return true
	}
	s.emit(Literal, eol)
	return true
}

// yamlDate matches `\d\d\d\d-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)?`.
func yamlDate(src string, i int) int {
	digits := func(j, n int) bool {
		if j+n > len(src) {
			return false
		}
		for k := j; k < j+n; k++ {
			if src[k] < '0' || src[k] > '9' {
				return false
			}
		}
		return true
	}
	if !digits(i, 4) || !strings.HasPrefix(src[i+4:], "-") || !digits(i+5, 2) || !strings.HasPrefix(src[i+7:], "-") || !digits(i+8, 2) {
		return 0
	}
	end := i + 10
	j := end
	if j < len(src) && (src[j] == 'T' || src[j] == ' ') && digits(j+1, 2) && strings.HasPrefix(src[j+3:], ":") && digits(j+4, 2) && strings.HasPrefix(src[j+6:], ":") && digits(j+7, 2) {
		j += 9
		if j < len(src) && src[j] == '.' && digits(j+1, 1) {
			j += 2
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
		}
		if j < len(src) && src[j] == 'Z' {
			j++
		} else {
			k := j
			for k < len(src) && yamlSpace(src[k]) {
				k++
			}
			if k > j && k < len(src) && (src[k] == '-' || src[k] == '+') && digits(k+1, 1) {
				k++
				for k < len(src) && src[k] >= '0' && src[k] <= '9' {
					k++
				}
				j = k
			}
		}
		end = j
	}
	return end
}

// yamlNumber matches
// `\b[+\-]?(0x[\da-f]+|0o[0-7]+|(\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?|\.inf|\.nan)\b`
// with the regular expression's backtracking: the first alternative, and
// within it the longest length, that ends at a word boundary.
func yamlNumber(src string, i int) int {
	if !boundary(src, i) {
		return 0
	}
	j := i
	if j < len(src) && (src[j] == '+' || src[j] == '-') {
		j++
	}
	// Each alternative's possible ends, longest first.
	var ends []int
	run := func(k int, ok func(byte) bool) int {
		for k < len(src) && ok(src[k]) {
			k++
		}
		return k
	}
	dig := func(b byte) bool { return b >= '0' && b <= '9' }
	hex := func(b byte) bool { return dig(b) || b >= 'a' && b <= 'f' }
	oct := func(b byte) bool { return b >= '0' && b <= '7' }
	try := func(from, to int) int {
		for e := to; e > from; e-- {
			if boundary(src, e) {
				return e
			}
		}
		return 0
	}
	if strings.HasPrefix(src[j:], "0x") {
		if e := try(j+2, run(j+2, hex)); e > 0 {
			return e
		}
	}
	if strings.HasPrefix(src[j:], "0o") {
		if e := try(j+2, run(j+2, oct)); e > 0 {
			return e
		}
	}
	// (\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?: collect every way the mantissa can
	// end, then each with and without an exponent, in backtracking order.
	var mant []int
	if d := run(j, dig); d > j {
		for e := d; e > j; e-- {
			if e == d && d < len(src) && src[d] == '.' {
				f := run(d+1, dig)
				for g := f; g >= d+1; g-- {
					mant = append(mant, g)
				}
			}
			mant = append(mant, e)
		}
	}
	if k := j; k < len(src) && src[k] == '.' {
		if d := run(k+1, dig); d > k+1 {
			for e := d; e > k+1; e-- {
				mant = append(mant, e)
			}
		}
	} else if d := run(j, dig); d > j {
		for e := d; e > j; e-- {
			mant = append(mant, e)
		}
	}
	for _, m := range mant {
		if m < len(src) && src[m] == 'e' {
			k := m + 1
			if k < len(src) && (src[k] == '+' || src[k] == '-') {
				k++
			}
			if d := run(k, dig); d > k {
				for e := d; e > k; e-- {
					ends = append(ends, e)
				}
			}
		}
		ends = append(ends, m)
	}
	for _, e := range ends {
		if boundary(src, e) {
			return e
		}
	}
	for _, w := range []string{".inf", ".nan"} {
		if strings.HasPrefix(src[j:], w) && boundary(src, j+len(w)) {
			return j + len(w)
		}
	}
	return 0
}

// blockScalar matches `([>|](?:[+-])?)(\n(^ {1,})(?:(?:.*\n*(?:^\3 *).*)+|.*))`:
// the indicator, then, from the next line (which must be indented), every
// line indented at least as much, with empty lines between.
func blockScalar(s *scanner, i int) bool {
	src := s.src
	h := i + 1
	if h < len(src) && (src[h] == '+' || src[h] == '-') {
		h++
	}
	n := nlAt(src, h)
	if n == 0 {
		return false
	}
	k := h + n
	for k < len(src) && src[k] == ' ' {
		k++
	}
	ind := k - (h + n)
	if ind == 0 {
		return false
	}
	end := yamlEOL(src, k)
	for next := end; next < len(src); {
		j := next
		for nlAt(src, j) > 0 {
			j += nlAt(src, j)
		}
		if j == next || j+ind > len(src) || strings.Count(src[j:j+ind], " ") != ind {
			break
		}
		end = yamlEOL(src, j)
		next = end
	}
	s.emit(Punctuation, h)
	s.emit(LiteralStringDoc, end)
	return true
}
