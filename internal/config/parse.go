package config

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// DetectForm names the form of a pasted text from its first significant
// byte; anything that is not JSON is taken as XML, which is what S3 reads.
func DetectForm(src []byte) Form {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\uFEFF")), " \t\r\n")
	if len(s) > 0 {
		switch s[0] {
		case '{':
			return CLIJSON
		case '[':
			return ConsoleJSON
		}
	}
	return XML
}

// TooLargeError is input over MaxInput (or, for XML, over MaxXML); Parse
// refuses it before reading it.
type TooLargeError struct {
	Size, Limit int
	Form        Form
}

func (e *TooLargeError) Error() string {
	return "the configuration is " + strconv.Itoa(e.Size) + " bytes; S3 accepts at most " + strconv.Itoa(MaxXML) + " bytes"
}

// Limit is the most bytes of form that Parse reads: S3's 64 KB for XML,
// MaxInput for JSON (what counts for S3 is the XML built from it).
func Limit(form Form) int {
	if form == XML {
		return MaxXML
	}
	return MaxInput
}

// Parse reads a configuration in any of the three forms. It returns a
// *SyntaxError for text that is not well-formed XML or JSON, and a
// *TooLargeError, without reading further, for text over the limit.
func Parse(src []byte) (*Config, error) {
	form := DetectForm(src)
	if limit := Limit(form); len(src) > limit {
		return nil, &TooLargeError{Size: len(src), Limit: limit, Form: form}
	}
	ln := newLines(src)
	// A byte-order mark is allowed before either form; S3's XML parser
	// accepts one, and the aws-cli reads files as UTF-8 with BOM too.
	body, skip := src, 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		body, skip = src[3:], 3
	}
	if form == XML {
		if !utf8.Valid(body) {
			i := 0
			for i < len(body) {
				r, n := utf8.DecodeRune(body[i:])
				if r == utf8.RuneError && n == 1 {
					break
				}
				i += n
			}
			return nil, &SyntaxError{Msg: "invalid UTF-8", Pos: ln.pos(i + skip)}
		}
		cfg, err := parseXML(src[skip:], shifted(ln, skip))
		if err != nil {
			return nil, err
		}
		cfg.Size = len(src)
		return cfg, nil
	}
	cfg, err := parseJSON(src[skip:], shifted(ln, skip), form)
	if err != nil {
		return nil, err
	}
	cfg.Size = len(src)
	return cfg, nil
}

// shifted returns a line table for src[skip:] that reports positions in src.
func shifted(ln *lines, skip int) *lines {
	if skip == 0 {
		return ln
	}
	return &lines{src: ln.src, start: ln.start, shift: skip}
}
