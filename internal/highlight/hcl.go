package highlight

import "unicode/utf8"

// scanHCL highlights Terraform's HCL with the token types of chroma's
// Terraform lexer: KeywordReserved for a top-level block's type at the
// start of a line (resource, variable, module…), Keyword for for, in and
// if, NameBuiltin for a function's name and the roots var, local, each,
// count, module, data, path; NameAttribute for an argument's name (before
// =), NameOther for other names, LiteralStringDouble for quoted strings
// with LiteralStringInterpol around ${…} and %{…} (whose insides are
// highlighted as expressions), LiteralString for a heredoc's body,
// LiteralNumber, KeywordConstant (true, false, null), CommentSingle (#,
// //), CommentMultiline, Operator and Punctuation. A string left open at
// the end of its line, and a character HCL does not use, is Error.
func scanHCL(s *scanner) {
	src := s.src
	var depth []int // brace depth inside each open ${ (innermost last)
	for s.pos < len(src) {
		i := s.pos
		c := src[i]
		switch {
		case isSpace(c):
			s.emit(Text, skipSpace(src, i))
		case c == '#' || c == '/' && s.at(i, "//"):
			j := s.indexFrom(i, "\n")
			if j < 0 {
				j = len(src)
			}
			s.emit(CommentSingle, j)
		case c == '/' && s.at(i, "/*"):
			s.emit(CommentMultiline, s.through(i+2, "*/"))
		case c == '"':
			s.hclString(i, &depth)
		case c == '}' && len(depth) > 0 && depth[len(depth)-1] == 0:
			depth = depth[:len(depth)-1]
			s.emit(LiteralStringInterpol, i+1)
			s.hclStringRest(i+1, &depth)
		case c == '{' || c == '}':
			if len(depth) > 0 {
				if c == '{' {
					depth[len(depth)-1]++
				} else {
					depth[len(depth)-1]--
				}
			}
			s.emit(Punctuation, i+1)
		case c == '<' && s.at(i, "<<") && heredoc(src, i) > 0:
			s.hclHeredoc(i)
		case c == '[' || c == ']' || c == '(' || c == ')' || c == ',' || c == '.':
			s.emit(Punctuation, i+1)
		case c >= '0' && c <= '9':
			j := scanDigits(src, i)
			if j < len(src) && src[j] == '.' && j+1 < len(src) && src[j+1] >= '0' && src[j+1] <= '9' {
				j = scanDigits(src, j+1)
			}
			s.emit(LiteralNumber, j)
		case isAlnum(c) || c == '_':
			j := i + 1
			for j < len(src) && (isAlnum(src[j]) || src[j] == '_' || src[j] == '-') {
				j++
			}
			s.emit(hclWord(src, i, j), j)
		case c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|' || c == '+' || c == '-' ||
			c == '*' || c == '/' || c == '%' || c == '?' || c == ':':
			j := i + 1
			if j < len(src) && (src[j] == '=' || src[j] == '&' && c == '&' || src[j] == '|' && c == '|' || src[j] == '>' && c == '=') {
				j++
			}
			s.emit(Operator, j)
		default:
			_, n := utf8.DecodeRuneInString(src[i:])
			s.emit(Error, i+n)
		}
	}
}

// hclWord classifies the name src[i:j].
func hclWord(src string, i, j int) TokenType {
	w := src[i:j]
	switch w {
	case "true", "false", "null":
		return KeywordConstant
	case "for", "in", "if", "else", "endif", "endfor":
		return Keyword
	}
	lineStart := i == 0 || src[i-1] == '\n'
	if lineStart {
		switch w {
		case "resource", "data", "variable", "output", "locals", "module", "provider", "terraform", "provisioner", "moved", "import", "check":
			return KeywordReserved
		}
	}
	k := j
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	switch {
	case k < len(src) && src[k] == '(':
		return NameBuiltin
	case k < len(src) && src[k] == '=' && (k+1 >= len(src) || src[k+1] != '=' && src[k+1] != '>'):
		return NameAttribute
	case j < len(src) && src[j] == '.' && (i == 0 || src[i-1] != '.'):
		switch w {
		case "var", "local", "each", "count", "module", "data", "path", "self", "terraform":
			return NameBuiltin
		}
	}
	return NameOther
}

// hclString scans a quoted string from its opening quote.
func (s *scanner) hclString(i int, depth *[]int) {
	s.emit(LiteralStringDouble, i+1)
	s.hclStringRest(i+1, depth)
}

// hclStringRest scans a string's text from i: up to its closing quote, an
// interpolation's start (whose expression the main loop then scans), or
// the end of the line (an open string, Error).
func (s *scanner) hclStringRest(i int, depth *[]int) {
	src := s.src
	for i < len(src) {
		switch c := src[i]; {
		case c == '\\' && i+1 < len(src) && src[i+1] != '\n':
			i += 2
		case (c == '$' || c == '%') && s.at(i+1, string(c)+"{"): // $${ and %%{ are text
			i += 3
		case (c == '$' || c == '%') && s.at(i+1, "{"):
			s.emit(LiteralStringDouble, i)
			s.emit(LiteralStringInterpol, i+2)
			*depth = append(*depth, 0)
			return
		case c == '"':
			s.emit(LiteralStringDouble, i+1)
			return
		case c == '\n':
			s.emit(Error, i)
			return
		default:
			i++
		}
	}
	s.emit(Error, i)
}

// heredoc returns the length of a heredoc's opening (<<EOF or <<-EOF and
// the rest of its line), or 0.
func heredoc(src string, i int) int {
	j := i + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	k := j
	for k < len(src) && (isAlnum(src[k]) || src[k] == '_') {
		k++
	}
	if k == j || k >= len(src) || src[k] != '\n' {
		return 0
	}
	return k - i
}

// hclHeredoc scans <<EOF … EOF: the markers as Operator, the body as
// LiteralString; an unclosed heredoc runs to the end.
func (s *scanner) hclHeredoc(i int) {
	src := s.src
	n := heredoc(src, i)
	id := src[i+2 : i+n]
	if id[0] == '-' {
		id = id[1:]
	}
	s.emit(Operator, i+n)
	for j := i + n + 1; j <= len(src); {
		end := s.indexFrom(j, "\n")
		if end < 0 {
			end = len(src)
		}
		line := src[j:end]
		k := 0
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		if line[k:] == id {
			s.emit(LiteralString, j+k)
			s.emit(Operator, end)
			return
		}
		if end == len(src) {
			break
		}
		j = end + 1
	}
	s.emit(LiteralString, len(src))
}
