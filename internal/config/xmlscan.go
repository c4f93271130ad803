package config

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScanner is a small XML 1.0 tokenizer for S3's configuration documents.
// encoding/xml would do, but costs most of an end-to-end evaluation (the
// page evaluates at every keystroke) and reports positions only as it goes;
// this scanner checks the same well-formedness rules that matter here —
// names, matching tags, attributes, references, comments, CDATA, processing
// instructions, legal characters — and reports every token's byte range.
type xmlScanner struct {
	src []byte
	i   int
	err *scanError
	// depth-first stack of open elements' qualified names and the
	// namespace declarations they made.
	stack []openElem
}

type openElem struct {
	qname []byte // a slice of src: no copy per element
	ns    []nsDecl
}

type nsDecl struct{ prefix, uri string }

type scanError struct {
	msg string
	at  int
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
	tokComment
	tokPI
	tokDoctype
)

type xmlTok struct {
	kind       tokKind
	start, end int    // byte range of the whole token
	local      string // element's local name
	space      string // element's namespace URI (start tags)
	selfClose  bool
	text       string // decoded text (CDATA), or the directive's text
	raw        bool   // text to decode from src[start:end] (see textOf)
}

func (s *xmlScanner) fail(msg string, at int) xmlTok {
	if s.err == nil {
		s.err = &scanError{msg: msg, at: at}
	}
	return xmlTok{kind: tokEOF}
}

func (s *xmlScanner) has(prefix string) bool {
	return len(s.src)-s.i >= len(prefix) && string(s.src[s.i:s.i+len(prefix)]) == prefix
}

// next returns the next token; after an error it returns tokEOF and s.err
// is set.
func (s *xmlScanner) next() xmlTok {
	if s.err != nil || s.i >= len(s.src) {
		return xmlTok{kind: tokEOF, start: s.i, end: s.i}
	}
	start := s.i
	if s.src[s.i] != '<' {
		return s.textTok()
	}
	// Dispatch on the byte after '<': almost every token is a start or an
	// end tag, and each test of a prefix below costs a comparison.
	var c byte
	if s.i+1 < len(s.src) {
		c = s.src[s.i+1]
	}
	switch {
	case c != '/' && c != '!' && c != '?':
		return s.startTag()
	case c == '!' && s.has("<!--"):
		end := strings.Index(string(s.src[s.i+4:]), "--")
		if end < 0 {
			return s.fail("unterminated comment", start)
		}
		j := s.i + 4 + end
		if j+2 >= len(s.src) || s.src[j+2] != '>' {
			return s.fail(`"--" is not allowed inside a comment`, j)
		}
		if bad := s.badChar(s.i+4, j); bad >= 0 {
			return s.fail("illegal character in comment", bad)
		}
		s.i = j + 3
		return xmlTok{kind: tokComment, start: start, end: s.i}
	case c == '!' && s.has("<![CDATA["):
		if len(s.stack) == 0 {
			return s.fail("CDATA outside the root element", start)
		}
		end := strings.Index(string(s.src[s.i+9:]), "]]>")
		if end < 0 {
			return s.fail("unterminated CDATA section", start)
		}
		j := s.i + 9 + end
		if bad := s.badChar(s.i+9, j); bad >= 0 {
			return s.fail("illegal character in CDATA", bad)
		}
		text := normalizeNewlines(string(s.src[s.i+9 : j]))
		s.i = j + 3
		return xmlTok{kind: tokText, start: start, end: s.i, text: text}
	case c == '!':
		return s.doctype()
	case c == '?':
		end := strings.Index(string(s.src[s.i+2:]), "?>")
		if end < 0 {
			return s.fail("unterminated processing instruction", start)
		}
		j := s.i + 2 + end
		body := string(s.src[s.i+2 : j])
		target := body
		if k := strings.IndexAny(body, " \t\r\n"); k >= 0 {
			target = body[:k]
		}
		if !validName(target) {
			return s.fail("processing instruction without a valid target", start)
		}
		if strings.EqualFold(target, "xml") && start != 0 {
			return s.fail("the XML declaration must be at the very start of the document", start)
		}
		s.i = j + 2
		return xmlTok{kind: tokPI, start: start, end: s.i, text: target}
	case c == '/':
		s.i += 2
		name := s.name()
		if len(name) == 0 {
			return s.fail("expected an element name after </", s.i)
		}
		s.space()
		if s.i >= len(s.src) || s.src[s.i] != '>' {
			return s.fail("expected > to close </"+string(name), s.i)
		}
		s.i++
		if len(s.stack) == 0 {
			return s.fail("unexpected end element </"+string(name)+">", start)
		}
		top := s.stack[len(s.stack)-1]
		if string(top.qname) != string(name) {
			return s.fail("element <"+string(top.qname)+"> closed by </"+string(name)+">", start)
		}
		s.stack = s.stack[:len(s.stack)-1]
		return xmlTok{kind: tokEnd, start: start, end: s.i}
	}
	return s.startTag()
}

func (s *xmlScanner) startTag() xmlTok {
	start := s.i
	s.i++
	qname := s.name()
	if len(qname) == 0 {
		return s.fail("expected an element name after <", s.i)
	}
	name := intern(qname)
	el := openElem{qname: qname}
	var seen map[string]bool
	for {
		ws := s.space()
		if s.i >= len(s.src) {
			return s.fail("unexpected end of document in <"+name+">", s.i)
		}
		c := s.src[s.i]
		if c == '>' || c == '/' {
			break
		}
		if !ws {
			return s.fail("expected white space before an attribute in <"+name+">", s.i)
		}
		at := s.i
		attr := string(s.name())
		if attr == "" {
			return s.fail("invalid attribute name in <"+name+">", s.i)
		}
		if seen[attr] {
			return s.fail("attribute "+attr+" repeated in <"+name+">", at)
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[attr] = true
		s.space()
		if s.i >= len(s.src) || s.src[s.i] != '=' {
			return s.fail("expected = after attribute "+attr, s.i)
		}
		s.i++
		s.space()
		if s.i >= len(s.src) || (s.src[s.i] != '"' && s.src[s.i] != '\'') {
			return s.fail("attribute value must be quoted", s.i)
		}
		q := s.src[s.i]
		s.i++
		vs := s.i
		for s.i < len(s.src) && s.src[s.i] != q {
			if s.src[s.i] == '<' {
				return s.fail("< is not allowed in an attribute value", s.i)
			}
			s.i++
		}
		if s.i >= len(s.src) {
			return s.fail("unterminated attribute value", vs)
		}
		val, ok := s.decode(vs, s.i)
		if !ok {
			return xmlTok{kind: tokEOF}
		}
		s.i++
		switch {
		case attr == "xmlns":
			el.ns = append(el.ns, nsDecl{"", val})
		case strings.HasPrefix(attr, "xmlns:"):
			el.ns = append(el.ns, nsDecl{attr[6:], val})
		}
	}
	self := s.src[s.i] == '/'
	if self {
		s.i++
		if s.i >= len(s.src) || s.src[s.i] != '>' {
			return s.fail("expected > after / in <"+name+">", s.i)
		}
	}
	s.i++
	s.stack = append(s.stack, el)
	t := xmlTok{kind: tokStart, start: start, end: s.i, local: localName(name), space: s.resolve(name), selfClose: self}
	if self {
		s.stack = s.stack[:len(s.stack)-1]
	}
	return t
}

// resolve finds the namespace of a qualified name from the open elements'
// declarations (the element's own included: it is on the stack).
func (s *xmlScanner) resolve(qname string) string {
	prefix := ""
	if i := strings.IndexByte(qname, ':'); i >= 0 {
		prefix = qname[:i]
	}
	for k := len(s.stack) - 1; k >= 0; k-- {
		for _, d := range s.stack[k].ns {
			if d.prefix == prefix {
				return d.uri
			}
		}
	}
	return prefix // an undeclared prefix: reported as a wrong namespace
}

// intern returns the name b as a string, without a copy for the names of
// S3's schema (a switch on string(b) does not copy b; nor does the call of
// ruleField, which is inlined).
func intern(b []byte) string {
	switch string(b) {
	case "CORSConfiguration":
		return "CORSConfiguration"
	case "CORSRule":
		return "CORSRule"
	}
	if f, ok := ruleField(string(b)); ok {
		return string(f)
	}
	return string(b)
}

func localName(q string) string {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

func (s *xmlScanner) textTok() xmlTok {
	start := s.i
	// Most text is plain: printable ASCII or white space up to the next
	// '<', with no entity. It needs no character check; anything else
	// takes the full one.
	for s.i < len(s.src) && plainText[s.src[s.i]] {
		s.i++
	}
	plain := s.i == len(s.src) || s.src[s.i] == '<'
	if !plain {
		if j := bytes.IndexByte(s.src[s.i:], '<'); j >= 0 {
			s.i += j
		} else {
			s.i = len(s.src)
		}
	}
	if s.has("]]>") {
		return s.fail(`"]]>" is not allowed in text`, s.i)
	}
	if k := strings.Index(string(s.src[start:s.i]), "]]>"); k >= 0 {
		return s.fail(`"]]>" is not allowed in text`, start+k)
	}
	// Validate now (well-formedness), decode later and only where the text
	// is wanted: most text is the white space between elements.
	if !plain && !s.check(start, s.i) {
		return xmlTok{kind: tokEOF}
	}
	return xmlTok{kind: tokText, start: start, end: s.i, raw: true}
}

// plainText holds the bytes character data may hold without a closer
// look: printable ASCII but '<' and '&', and the three white-space
// characters.
var plainText = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '<' && c != '&'
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// nameByte holds the ASCII bytes of a name after its first; nameStart the
// ones that can start it (see name).
var nameByte, nameStart = func() (b, st [256]bool) {
	for c := 0; c < 0x80; c++ {
		b[c] = isNameByte(byte(c), false)
		st[c] = isNameByte(byte(c), true)
	}
	return b, st
}()

// check validates character data without decoding it.
func (s *xmlScanner) check(from, to int) bool {
	if bad := s.badChar(from, to); bad >= 0 {
		s.fail("illegal character code U+"+strings.ToUpper(strconv.FormatInt(int64(s.runeAt(bad)), 16)), bad)
		return false
	}
	for i := from; i < to; i++ {
		if s.src[i] != '&' {
			continue
		}
		semi := -1
		for j := i + 1; j < to; j++ {
			if s.src[j] == ';' {
				semi = j
				break
			}
		}
		if semi < 0 {
			s.fail("invalid character entity & (no semicolon)", i)
			return false
		}
		switch ref := s.src[i+1 : semi]; string(ref) {
		case "amp", "lt", "gt", "quot", "apos":
		default:
			if _, ok := charRef(string(ref)); !ok {
				s.fail("invalid character entity &"+string(ref)+";", i)
				return false
			}
		}
		i = semi
	}
	return true
}

// textOf is a text token's decoded text.
func (s *xmlScanner) textOf(t xmlTok) string {
	if !t.raw {
		return t.text
	}
	text, _ := s.decode(t.start, t.end) // checked when scanned
	return text
}

// blank reports whether a text token is only white space.
func (s *xmlScanner) blank(t xmlTok) bool {
	if !t.raw {
		return strings.TrimSpace(t.text) == ""
	}
	for _, c := range s.src[t.start:t.end] {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// decode checks and decodes character data in src[from:to]: references
// (the five predefined entities and character references) and line ends.
func (s *xmlScanner) decode(from, to int) (string, bool) {
	raw := s.src[from:to]
	if bad := s.badChar(from, to); bad >= 0 {
		s.fail("illegal character code U+"+strings.ToUpper(strconv.FormatInt(int64(s.runeAt(bad)), 16)), bad)
		return "", false
	}
	if !containsAny(raw, "&\r") {
		return string(raw), true
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\r' {
			b.WriteByte('\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		}
		if c != '&' {
			b.WriteByte(c)
			continue
		}
		semi := strings.IndexByte(string(raw[i:]), ';')
		if semi < 0 {
			s.fail("invalid character entity & (no semicolon)", from+i)
			return "", false
		}
		ref := string(raw[i+1 : i+semi])
		switch ref {
		case "amp":
			b.WriteByte('&')
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "quot":
			b.WriteByte('"')
		case "apos":
			b.WriteByte('\'')
		default:
			r, ok := charRef(ref)
			if !ok {
				s.fail("invalid character entity &"+ref+";", from+i)
				return "", false
			}
			b.WriteRune(r)
		}
		i += semi
	}
	return b.String(), true
}

func charRef(ref string) (rune, bool) {
	var n uint64
	var err error
	switch {
	case strings.HasPrefix(ref, "#x"):
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	case strings.HasPrefix(ref, "#"):
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	default:
		return 0, false
	}
	if err != nil || len(ref) < 2 || !isXMLChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

func containsAny(b []byte, chars string) bool {
	for i := 0; i < len(chars); i++ {
		if bytes.IndexByte(b, chars[i]) >= 0 {
			return true
		}
	}
	return false
}

// badChar returns the offset of the first character XML does not allow
// in src[from:to], or -1. The input is valid UTF-8 (Parse checked).
func (s *xmlScanner) badChar(from, to int) int {
	for i := from; i < to; {
		c := s.src[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s.src[i:to])
		if !isXMLChar(r) {
			return i
		}
		i += n
	}
	return -1
}

func (s *xmlScanner) runeAt(i int) rune {
	r, _ := utf8.DecodeRune(s.src[i:])
	return r
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// space skips white space and reports whether there was any.
func (s *xmlScanner) space() bool {
	from := s.i
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
			continue
		}
		break
	}
	return s.i > from
}

// name reads an XML name (letters, digits, and . - _ : and any non-ASCII
// character, not starting with a digit, '.' or '-').
func (s *xmlScanner) name() []byte {
	from := s.i
	// ASCII names (all of S3's) by table; the loop below takes the rest.
	if s.i < len(s.src) && nameStart[s.src[s.i]] {
		s.i++
		for s.i < len(s.src) && nameByte[s.src[s.i]] {
			s.i++
		}
	}
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c >= 0x80 {
			r, n := utf8.DecodeRune(s.src[s.i:])
			if !isXMLChar(r) {
				break
			}
			s.i += n
			continue
		}
		if isNameByte(c, s.i == from) {
			s.i++
			continue
		}
		break
	}
	return s.src[from:s.i]
}

func isNameByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':':
		return true
	case c >= '0' && c <= '9', c == '-', c == '.':
		return !first
	}
	return false
}

func validName(n string) bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < 0x80 && !isNameByte(n[i], i == 0) {
			return false
		}
	}
	return true
}

// doctype reads <!DOCTYPE …> including an internal subset in brackets, and
// any other <!…> declaration. They are reported, not interpreted: no
// entity is ever declared or expanded.
func (s *xmlScanner) doctype() xmlTok {
	start := s.i
	if len(s.stack) > 0 {
		return s.fail("a declaration <!… is not allowed inside an element", start)
	}
	depth := 0
	var quote byte
	for j := s.i + 2; j < len(s.src); j++ {
		c := s.src[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.i = j + 1
			return xmlTok{kind: tokDoctype, start: start, end: s.i, text: string(s.src[start:s.i])}
		}
	}
	return s.fail("unterminated declaration", start)
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
