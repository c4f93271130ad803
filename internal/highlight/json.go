package highlight

import (
	"unicode/utf8"
)

// scanJSON highlights JSON (aws-cli's {"CORSRules": […]} and the S3
// console's […]). Token types follow chroma's JSON lexer: NameTag for an
// object key (a string followed by `:`), LiteralStringDouble for other
// strings, LiteralNumberInteger/Float, KeywordConstant for true, false and
// null, Punctuation. Comments (not JSON, but people paste them) are shown as
// comments; a string left open at the end of its line, and any other stray
// word or character, is Error.
func scanJSON(s *scanner) {
	src := s.src
	for s.pos < len(src) {
		i := s.pos
		c := src[i]
		switch {
		case isSpace(c):
			s.emit(Text, skipSpace(src, i))
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',':
			s.emit(Punctuation, i+1)
		case c == '"':
			j, closed := scanJSONString(src, i+1)
			switch {
			case !closed:
				s.emit(Error, j)
			case isKey(src, j):
				s.emit(NameTag, j)
			default:
				s.emit(LiteralStringDouble, j)
			}
		case c == '-' || c >= '0' && c <= '9':
			j, float := scanNumber(src, i)
			switch {
			case j == i+1 && c == '-':
				s.emit(Error, j)
			case float:
				s.emit(LiteralNumberFloat, j)
			default:
				s.emit(LiteralNumberInteger, j)
			}
		case c == '/' && s.at(i, "//"):
			j := s.indexFrom(i, "\n")
			if j < 0 {
				j = len(src)
			}
			s.emit(CommentSingle, j)
		case c == '/' && s.at(i, "/*"):
			s.emit(CommentMultiline, s.through(i+2, "*/"))
		case isAlnum(c) || c == '_' || c == '$':
			j := i + 1
			for j < len(src) && (isAlnum(src[j]) || src[j] == '_' || src[j] == '$') {
				j++
			}
			switch src[i:j] {
			case "true", "false", "null":
				s.emit(KeywordConstant, j)
			default:
				s.emit(Error, j)
			}
		default:
			_, n := utf8.DecodeRuneInString(src[i:])
			s.emit(Error, i+n)
		}
	}
}

// scanJSONString returns the index past the closing quote of the string
// whose body starts at i, and whether it was closed before the end of the
// line (JSON strings cannot hold a raw newline, so an open string ends there
// and the next line highlights normally).
func scanJSONString(src string, i int) (int, bool) {
	for i < len(src) {
		switch src[i] {
		case '\\':
			if i+1 < len(src) && src[i+1] != '\n' {
				i += 2
				continue
			}
			return i + 1, false
		case '"':
			return i + 1, true
		case '\n':
			return i, false
		}
		i++
	}
	return i, false
}

// isKey reports whether a string ending at i is an object key: the next
// non-space byte is a colon.
func isKey(src string, i int) bool {
	i = skipSpace(src, i)
	return i < len(src) && src[i] == ':'
}

// scanNumber scans -?digits(.digits)?([eE][+-]?digits)? loosely and reports
// whether it had a fraction or an exponent.
func scanNumber(src string, i int) (end int, float bool) {
	if src[i] == '-' {
		i++
	}
	i = scanDigits(src, i)
	if i < len(src) && src[i] == '.' {
		float = true
		i = scanDigits(src, i+1)
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		float = true
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		i = scanDigits(src, i)
	}
	return i, float
}

func scanDigits(src string, i int) int {
	for i < len(src) && src[i] >= '0' && src[i] <= '9' {
		i++
	}
	return i
}
