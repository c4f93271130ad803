package config

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Form names the ways a configuration is written. The first three are what
// Parse reads; the others are configurations read from infrastructure code
// (package terraform, package cloudformation), whose Values' spans point
// into that file.
type Form string

const (
	XML         Form = "xml"          // PutBucketCors request body
	CLIJSON     Form = "cli-json"     // aws s3api put-bucket-cors --cors-configuration
	ConsoleJSON Form = "console-json" // the S3 console's CORS editor
	Terraform   Form = "terraform"    // read from HCL, .tf.json or plan JSON
	// CloudFormation is an AWS::S3::Bucket's CorsConfiguration in a
	// CloudFormation template (YAML or JSON).
	CloudFormation Form = "cloudformation"
)

// MaxInput is the most Parse reads. S3 accepts at most 64 KB of XML; JSON is
// allowed four times that, since indentation inflates it and what counts for
// S3 is the XML the aws-cli sends, which package validation measures.
const MaxInput = 4 * MaxXML

// MaxXML is S3's limit on a CORS configuration: 64 KB.
const MaxXML = 64 << 10

// Field names the element of a rule a value belongs to, spelled as in XML.
type Field string

const (
	FieldID            Field = "ID"
	FieldAllowedOrigin Field = "AllowedOrigin"
	FieldAllowedMethod Field = "AllowedMethod"
	FieldAllowedHeader Field = "AllowedHeader"
	FieldExposeHeader  Field = "ExposeHeader"
	FieldMaxAgeSeconds Field = "MaxAgeSeconds"
)

// JSONKey is the aws-cli and console spelling of a field (plural lists).
func (f Field) JSONKey() string {
	switch f {
	case FieldID, FieldMaxAgeSeconds:
		return string(f)
	}
	return string(f) + "s"
}

// Pos is a place in the pasted text: 1-based line and column (in code
// points), and the byte offset.
type Pos struct {
	Line, Column, Offset int
}

// Span is a range of text; End is exclusive.
type Span struct {
	Start, End Pos
}

// Value is one value of a rule as written, with where it was written.
// For JSON it is the string (or number) token including its quotes.
type Value struct {
	Field Field
	Text  string
	Span  Span
	// Kind is the JSON type the value had ("string", "number", …); empty
	// for XML, where every value is text.
	Kind string
}

// Rule is one CORSRule in document order.
type Rule struct {
	Index  int
	Span   Span
	Values []Value // every value in document order, whatever its field
	// Unknown holds elements or keys S3 does not define, with their names.
	Unknown []Value
	// Stray holds text or JSON values where S3 expects none (text directly in
	// <CORSRule>, a rule that is not a JSON object, a list where a string
	// belongs...). Text is a short description.
	Stray []Value
	// Empty holds JSON list keys given an empty list ("AllowedOrigins": []).
	Empty []Value
}

// Get returns the values of one field in document order.
func (r *Rule) Get(f Field) []Value {
	var out []Value
	for _, v := range r.Values {
		if v.Field == f {
			out = append(out, v)
		}
	}
	return out
}

// Count returns how many values a field has.
func (r *Rule) Count(f Field) int {
	n := 0
	for _, v := range r.Values {
		if v.Field == f {
			n++
		}
	}
	return n
}

// Texts returns the texts of one field's values.
func (r *Rule) Texts(f Field) []string {
	out := []string{}
	for _, v := range r.Values {
		if v.Field == f {
			out = append(out, v.Text)
		}
	}
	return out
}

// ID returns the rule's ID, or "".
func (r *Rule) ID() string {
	for _, v := range r.Values {
		if v.Field == FieldID {
			return v.Text
		}
	}
	return ""
}

// MaxAge returns MaxAgeSeconds when the rule has one that S3 accepts.
func (r *Rule) MaxAge() (int, bool) {
	for _, v := range r.Values {
		if v.Field == FieldMaxAgeSeconds {
			n, err := ParseMaxAge(v.Text)
			if err != nil || n < 0 {
				return 0, false
			}
			return int(n), true
		}
	}
	return 0, false
}

// ParseMaxAge reads MaxAgeSeconds as S3's schema types it, an xs:int:
// optional surrounding white space, an optional sign, decimal digits, and a
// value that fits in 32 bits. Negative values parse; package validation
// decides about them.
func ParseMaxAge(s string) (int64, error) {
	t := strings.Trim(s, " \t\r\n")
	t = strings.TrimPrefix(t, "+")
	if t == "" || t[0] == '+' || strings.ContainsAny(t, "_") {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseInt(t, 10, 32)
}

// Config is a parsed configuration.
type Config struct {
	Form  Form
	Size  int // bytes of the pasted text
	Rules []Rule
	// Root describes the document around the rules, for validation:
	// the XML root element's name and namespace, or the JSON top level.
	Root Root
	// Unknown and Stray are as in Rule, at the top level.
	Unknown []Value
	Stray   []Value
	// Directives holds DOCTYPE and other <!...> declarations (XML only).
	Directives []Value
}

// Root is what surrounds the rules.
type Root struct {
	Name      string // XML: root element's local name; JSON: "" or the wrapper key
	Namespace string // XML only
	Span      Span
	// NoRuleList is true for aws-cli JSON without a "CORSRules" key.
	NoRuleList bool
}

// SyntaxError is input that is not well-formed: where and why.
type SyntaxError struct {
	Msg string
	Pos Pos
}

func (e *SyntaxError) Error() string {
	return strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Column) + ": " + e.Msg
}

// lines maps byte offsets of a text to line and column.
type lines struct {
	src   []byte
	start []int // byte offset where each line starts
	shift int   // added to every offset: the parser read src[shift:]
	last  Pos   // the previous answer (Line counted in start), to count on from
	// base is the number of lines before start[0]: a table for a window
	// of the text (see Reparse) starts at a later line.
	base int
}

func newLines(src []byte) *lines {
	// Counted first (bytes.Count is fast), so the table is made once.
	start := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		start = append(start, i)
	}
	return &lines{src: src, start: start}
}

// pos converts a byte offset; offsets past the end are clamped. Parsers
// ask for offsets mostly in increasing order, so pos counts code points on
// from the previous answer when it can: a 64 KB single-line document with
// thousands of values stays linear.
func (l *lines) pos(off int) Pos {
	off += l.shift
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	if off < l.start[0] {
		off = l.start[0] // a window's table (see Reparse) knows nothing before it
	}
	// The line of the previous answer or one of the next few (a parser
	// moves forward), else a binary search.
	lo, hi := 0, len(l.start)-1
	if n := l.last.Line; n > 0 && l.start[n-1] <= off {
		for k := n; k < min(n+4, len(l.start)+1); k++ {
			if k == len(l.start) || off < l.start[k] {
				lo, hi = k-1, k-1
				break
			}
		}
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.start[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	from, col := l.start[lo], 1
	if l.last.Line == lo+1 && l.last.Offset <= off && l.last.Offset >= from {
		from, col = l.last.Offset, l.last.Column
	}
	col += utf8.RuneCount(l.src[from:off])
	l.last = Pos{Line: lo + 1, Column: col, Offset: off}
	p := l.last
	p.Line += l.base
	return p
}

func (l *lines) span(from, to int) Span {
	return Span{Start: l.pos(from), End: l.pos(to)}
}
