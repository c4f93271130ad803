package highlight

import (
	"unicode/utf8"
)

// scanXML highlights XML as PutBucketCors takes it: markup, comments,
// processing instructions, CDATA, entities and text. Token types follow
// chroma's own XML lexer so any chroma style colours it the same way:
// NameTag for `<Tag`, `>` and `</Tag>`, NameAttribute, Operator for `=`,
// LiteralString for attribute values, NameEntity, Comment, CommentPreproc
// for `<?…?>`, `<!…>` and CDATA, Error for a stray `<` or `&`.
func scanXML(s *scanner) {
	src := s.src
	for s.pos < len(src) {
		i := s.pos
		switch c := src[i]; c {
		case '<':
			switch {
			case s.at(i, "<!--"):
				s.emit(Comment, s.through(i+4, "-->"))
			case s.at(i, "<![CDATA["):
				s.emit(CommentPreproc, s.through(i+9, "]]>"))
			case s.at(i, "<?"):
				s.emit(CommentPreproc, s.through(i+2, "?>"))
			case s.at(i, "<!"):
				s.emit(CommentPreproc, s.through(i+2, ">"))
			case s.at(i, "</") && i+2 < len(src) && isNameStart(src[i+2]):
				j := skipSpace(src, scanName(src, i+2))
				if j < len(src) && src[j] == '>' {
					j++
				}
				s.emit(NameTag, j)
			case i+1 < len(src) && isNameStart(src[i+1]):
				s.emit(NameTag, scanName(src, i+1))
				scanXMLTag(s)
			default:
				s.emit(Error, i+1)
			}
		case '&':
			j := i + 1
			if j < len(src) && src[j] == '#' {
				j++
			}
			k := j
			for k < len(src) && isAlnum(src[k]) {
				k++
			}
			if k > j && k < len(src) && src[k] == ';' {
				s.emit(NameEntity, k+1)
			} else {
				s.emit(Error, i+1)
			}
		default:
			j := i + 1
			for j < len(src) && src[j] != '<' && src[j] != '&' {
				j++
			}
			s.emit(Text, j)
		}
	}
}

// scanXMLTag scans the inside of a start tag after its name, through `>` or
// `/>`. It returns early at a `<` (an unclosed tag) so the next tag still
// highlights.
func scanXMLTag(s *scanner) {
	src := s.src
	afterEq := false // an unquoted value may follow `=` (HTML style; XML rejects it)
	for s.pos < len(src) {
		i := s.pos
		c := src[i]
		if afterEq && !isSpace(c) {
			afterEq = false
			if c != '"' && c != '\'' && c != '>' && c != '<' && !s.at(i, "/>") {
				j := i + 1
				for j < len(src) && !isSpace(src[j]) && src[j] != '>' && src[j] != '<' && !s.at(j, "/>") {
					j++
				}
				s.emit(LiteralString, j)
				continue
			}
		}
		switch {
		case isSpace(c):
			s.emit(Text, skipSpace(src, i))
		case c == '>':
			s.emit(NameTag, i+1)
			return
		case c == '/' && s.at(i, "/>"):
			s.emit(NameTag, i+2)
			return
		case c == '<':
			return
		case isNameStart(c):
			s.emit(NameAttribute, scanName(src, i))
		case c == '=':
			s.emit(Operator, i+1)
			afterEq = true
		case c == '"' || c == '\'':
			s.emit(LiteralString, s.through(i+1, string(c)))
		default:
			_, n := utf8.DecodeRuneInString(src[i:])
			s.emit(Error, i+n)
		}
	}
}

// through returns the index just past the first end at or after i, or
// len(src) when end never comes (an unterminated construct runs to the end,
// as an XML parser reads it).
func (s *scanner) through(i int, end string) int {
	if i > len(s.src) {
		return len(s.src)
	}
	j := s.indexFrom(i, end)
	if j < 0 {
		return len(s.src)
	}
	return j + len(end)
}

// isNameStart accepts the ASCII XML name-start characters and any non-ASCII
// byte (names may be Unicode; the XML parser, not the highlighter, judges).
func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func scanName(src string, i int) int {
	for i < len(src) && isNameChar(src[i]) {
		i++
	}
	return i
}

func skipSpace(src string, i int) int {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	return i
}
