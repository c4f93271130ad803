package report

import (
	"strconv"
	"unicode/utf8"
)

// AppendGitHub writes each finding as a GitHub Actions workflow command
// (error, warning or notice), one a line.
func AppendGitHub(b []byte, fs []Finding) []byte {
	for _, f := range fs {
		b = append(b, "::"...)
		switch f.Level {
		case Error:
			b = append(b, "error"...)
		case Warning:
			b = append(b, "warning"...)
		default:
			b = append(b, "notice"...)
		}
		sep := byte(' ')
		prop := func(name, value string) {
			b = append(b, sep)
			sep = ','
			b = append(b, name...)
			b = append(b, '=')
			b = escape(b, value, true)
		}
		if f.File != "" {
			prop("file", f.File)
			if f.Line > 0 {
				prop("line", strconv.Itoa(f.Line))
				if f.Column > 0 {
					prop("col", strconv.Itoa(f.Column))
				}
				if f.EndLine > 0 {
					prop("endLine", strconv.Itoa(f.EndLine))
					if f.EndColumn > 0 && f.EndLine == f.Line {
						// GitHub takes endColumn only within one line.
						prop("endColumn", strconv.Itoa(f.EndColumn))
					}
				}
			}
		}
		if f.Title != "" {
			prop("title", f.Title)
		}
		b = append(b, "::"...)
		b = escape(b, f.Message, false)
		b = append(b, '\n')
	}
	return b
}

// escape writes s as a workflow command's message (property false) or a
// property's value. Other control characters and invalid UTF-8 become
// U+FFFD: a log line is text.
func escape(b []byte, s string, property bool) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n - 1
		case (c < 0x20 || c == 0x7f) && c != '\t' && c != '\r' && c != '\n':
			b = append(b, "\uFFFD"...)
		case c == '%':
			b = append(b, "%25"...)
		case c == '\r':
			b = append(b, "%0D"...)
		case c == '\n':
			b = append(b, "%0A"...)
		case property && c == ':':
			b = append(b, "%3A"...)
		case property && c == ',':
			b = append(b, "%2C"...)
		default:
			b = append(b, c)
		}
	}
	return b
}
