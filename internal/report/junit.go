package report

import (
	"strconv"
	"unicode/utf8"
)

// AppendJUnit writes the suites as one JUnit XML document.
func AppendJUnit(b []byte, name string, suites []Suite) []byte {
	tests, failures, errors := 0, 0, 0
	for _, s := range suites {
		t, f, e := s.counts()
		tests, failures, errors = tests+t, failures+f, errors+e
	}
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, "<testsuites"...)
	b = attr(b, "name", name)
	b = attr(b, "tests", strconv.Itoa(tests))
	b = attr(b, "failures", strconv.Itoa(failures))
	b = attr(b, "errors", strconv.Itoa(errors))
	b = append(b, ">\n"...)
	for _, s := range suites {
		t, f, e := s.counts()
		b = append(b, "  <testsuite"...)
		b = attr(b, "name", s.Name)
		b = attr(b, "tests", strconv.Itoa(t))
		b = attr(b, "failures", strconv.Itoa(f))
		b = attr(b, "errors", strconv.Itoa(e))
		b = attr(b, "skipped", "0")
		b = append(b, ">\n"...)
		for _, c := range s.Cases {
			b = append(b, "    <testcase"...)
			b = attr(b, "name", c.Name)
			b = attr(b, "classname", c.ClassName)
			if c.File != "" {
				b = attr(b, "file", c.File)
				if c.Line > 0 {
					b = attr(b, "line", strconv.Itoa(c.Line))
				}
			}
			if c.Failure == nil && c.Error == nil {
				b = append(b, "/>\n"...)
				continue
			}
			b = append(b, ">\n"...)
			if c.Failure != nil {
				b = problem(b, "failure", c.Failure)
			}
			if c.Error != nil {
				b = problem(b, "error", c.Error)
			}
			b = append(b, "    </testcase>\n"...)
		}
		b = append(b, "  </testsuite>\n"...)
	}
	return append(b, "</testsuites>\n"...)
}

func (s *Suite) counts() (tests, failures, errors int) {
	for _, c := range s.Cases {
		switch {
		case c.Error != nil:
			errors++
		case c.Failure != nil:
			failures++
		}
	}
	return len(s.Cases), failures, errors
}

func problem(b []byte, elem string, p *Problem) []byte {
	b = append(b, "      <"...)
	b = append(b, elem...)
	b = attr(b, "message", p.Message)
	if p.Type != "" {
		b = attr(b, "type", p.Type)
	}
	if p.Text == "" {
		return append(b, "/>\n"...)
	}
	b = append(b, '>')
	b = xmlText(b, p.Text, false)
	b = append(b, "</"...)
	b = append(b, elem...)
	return append(b, ">\n"...)
}

// attr writes ` name="value"`.
func attr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = xmlText(b, value, true)
	return append(b, '"')
}

// xmlText escapes s for XML 1.0 character data or, with inAttr, a quoted
// attribute value (where a line break or tab must be a reference to
// survive). What XML 1.0 cannot hold at all becomes U+FFFD.
func xmlText(b []byte, s string, inAttr bool) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"' && inAttr:
			b = append(b, "&quot;"...)
		case r == '\n' && inAttr:
			b = append(b, "&#10;"...)
		case r == '\r':
			b = append(b, "&#13;"...) // a raw CR would be read as LF
		case r == '\t' && inAttr:
			b = append(b, "&#9;"...)
		case r == utf8.RuneError && n == 1, !xmlChar(r):
			b = append(b, "\uFFFD"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// xmlChar is XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
