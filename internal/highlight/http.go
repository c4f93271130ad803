package highlight

import (
	"strings"
)

// scanHTTP highlights one HTTP/1.1 message as the playground shows it: S3's
// response (status line, headers, body) or a PutBucketCors request (request
// line, headers, XML body). Token types follow chroma's HTTP lexer:
// NameFunction for the method, NameNamespace for the target, KeywordReserved
// and Operator and LiteralNumber for `HTTP/1.1`, LiteralNumber for the
// status; the reason phrase is GenericDeleted for 4xx/5xx and
// GenericInserted otherwise (red and green in both generated styles, where
// chroma's NameException has no colour in "github"). Header names are
// NameTag (like JSON keys), `:` Operator, values LiteralString. The body is highlighted as XML or JSON according to
// Content-Type (or its first byte when there is none), else as plain text.
// A message without a start line is read as headers.
func scanHTTP(s *scanner) {
	src := s.src
	first := lineEnd(src, 0)
	line := strings.TrimRight(src[:first], "\r\n")
	switch {
	case strings.HasPrefix(line, "HTTP/"):
		scanStatusLine(s, line)
		s.emit(Text, first)
	case strings.Contains(line, " HTTP/"):
		scanRequestLine(s, line)
		s.emit(Text, first)
	}
	contentType := ""
	for s.pos < len(src) {
		end := lineEnd(src, s.pos)
		line := strings.TrimRight(src[s.pos:end], "\r\n")
		if line == "" { // the blank line: the body follows
			s.emit(Text, end)
			break
		}
		colon := strings.IndexByte(line, ':')
		if colon <= 0 || strings.ContainsAny(line[:colon], " \t") {
			s.emit(Text, end)
			continue
		}
		name, value := line[:colon], strings.TrimSpace(line[colon+1:])
		if strings.EqualFold(name, "Content-Type") {
			contentType = strings.ToLower(value)
		}
		start := s.pos
		s.emit(NameTag, start+colon)
		s.emit(Operator, start+colon+1)
		s.emit(Text, skipBlank(src[:start+len(line)], s.pos))
		s.emit(LiteralString, start+len(strings.TrimRight(line, " \t")))
		s.emit(Text, end)
	}
	body := strings.TrimLeft(src[s.pos:], " \t\r\n")
	switch {
	case s.pos == len(src):
	case strings.Contains(contentType, "xml"),
		contentType == "" && strings.HasPrefix(body, "<"):
		s.emitSub(scanXML, len(src))
	case strings.Contains(contentType, "json"),
		contentType == "" && (strings.HasPrefix(body, "{") || strings.HasPrefix(body, "[")):
		s.emitSub(scanJSON, len(src))
	default:
		s.emit(Text, len(src))
	}
}

// scanStatusLine emits `HTTP/1.1 403 Forbidden` (without its line break).
func scanStatusLine(s *scanner, line string) {
	base := s.pos
	s.emit(KeywordReserved, base+len("HTTP"))
	s.emit(Operator, s.pos+1)
	sp := indexOrEnd(line, " ", s.pos-base)
	s.emit(LiteralNumber, base+sp)
	s.emit(Text, skipBlank(s.src[:base+len(line)], s.pos))
	code := indexOrEnd(line, " ", s.pos-base)
	status := line[s.pos-base : code]
	s.emit(LiteralNumber, base+code)
	s.emit(Text, skipBlank(s.src[:base+len(line)], s.pos))
	if status != "" && status[0] >= '4' {
		s.emit(GenericDeleted, base+len(line))
	} else {
		s.emit(GenericInserted, base+len(line))
	}
}

// scanRequestLine emits `PUT /?cors HTTP/1.1` (without its line break).
func scanRequestLine(s *scanner, line string) {
	base := s.pos
	proto := strings.LastIndex(line, " HTTP/")
	sp := indexOrEnd(line, " ", 0)
	s.emit(NameFunction, base+sp)
	s.emit(Text, skipBlank(s.src[:base+proto], s.pos))
	s.emit(NameNamespace, base+proto)
	s.emit(Text, base+proto+1)
	s.emit(KeywordReserved, s.pos+len("HTTP"))
	s.emit(Operator, s.pos+1)
	s.emit(LiteralNumber, base+len(line))
}

// lineEnd returns the index past the '\n' ending the line at i, or len(src).
func lineEnd(src string, i int) int {
	j := strings.IndexByte(src[i:], '\n')
	if j < 0 {
		return len(src)
	}
	return i + j + 1
}

// indexOrEnd returns the index of sep in line at or after from, or len(line).
func indexOrEnd(line, sep string, from int) int {
	j := strings.Index(line[from:], sep)
	if j < 0 {
		return len(line)
	}
	return from + j
}

func skipBlank(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}
