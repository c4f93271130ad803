package cloudformation

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"corsplay/internal/config"
	"corsplay/internal/iac"

	"go.yaml.in/yaml/v3"
)

// Limits on what Read does with a file, whatever it holds.
const (
	// MaxTemplate is the most Read reads: CloudFormation's own limit on a
	// template passed by S3 URL is 1 MB (51,200 bytes in the request body);
	// see "CloudFormation quotas" in its user guide.
	MaxTemplate = 1 << 20
	// MaxDepth bounds nesting. A template needs about a dozen levels;
	// CDK synth output stays under twenty.
	MaxDepth = 100
	// MaxAliasUses bounds how many times a YAML alias may be used in one
	// file. Aliases are shared, not copied, so each use costs one node, but
	// evaluation walks them: together with MaxWork this keeps "billion
	// laughs" documents linear.
	MaxAliasUses = 1000
	// MaxWork bounds the values evaluation builds for one resource (each
	// node visited, each list element produced). S3's 100 rules of a few
	// dozen values each need a few thousand.
	MaxWork = 20000
)

type nkind uint8

const (
	nScalar nkind = iota
	nSeq
	nMap
)

// node is one value of a template, YAML or JSON, with its place.
type node struct {
	kind nkind
	// tag is a short-form intrinsic as written ("!Ref", "!Sub"), or "".
	tag  string
	typ  string // scalar: "string", "number", "boolean", "null"
	text string // scalar contents
	span config.Span
	// items holds a sequence's items; keys and vals a mapping's.
	items []*node
	keys  []*node
	vals  []*node
}

// get returns a mapping's value for key, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != nMap {
		return nil
	}
	for i, k := range n.keys {
		if k.text == key {
			return n.vals[i]
		}
	}
	return nil
}

// keyOf returns the key node for key, or nil.
func (n *node) keyOf(key string) *node {
	if n == nil || n.kind != nMap {
		return nil
	}
	for _, k := range n.keys {
		if k.text == key {
			return k
		}
	}
	return nil
}

// parseError is a file that cannot be read, at a place.
type parseError struct {
	msg string
	pos config.Pos
}

// posTable maps byte offsets, and YAML's line and column, to Pos.
type posTable struct {
	src   []byte
	start []int
	// bom is the length of a byte-order mark starting the text: go-yaml
	// counts columns on the first line after it.
	bom int
}

func newPosTable(src []byte) *posTable {
	start := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i, c := range src {
		if c == '\n' {
			start = append(start, i+1)
		}
	}
	t := &posTable{src: src, start: start}
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		t.bom = 3
	}
	return t
}

// offset converts a 1-based line and column (code points) to a byte
// offset, clamped to the line.
func (t *posTable) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(t.start) {
		return len(t.src)
	}
	off := t.start[line-1]
	if line == 1 {
		off += t.bom
	}
	for c := 1; c < col && off < len(t.src) && t.src[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(t.src[off:])
		off += n
	}
	return off
}

// pos converts a byte offset.
func (t *posTable) pos(off int) config.Pos {
	off = max(0, min(off, len(t.src)))
	lo, hi := 0, len(t.start)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.start[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return config.Pos{Line: lo + 1, Column: 1 + utf8.RuneCount(t.src[t.start[lo]:off]), Offset: off}
}

func (t *posTable) span(from, to int) config.Span {
	return config.Span{Start: t.pos(from), End: t.pos(max(from, to))}
}

// intrinsics are the short-form tags CloudFormation's YAML knows, each
// naming the long form it stands for.
var intrinsics = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt", "!If": "Fn::If", "!Join": "Fn::Join",
	"!Split": "Fn::Split", "!Select": "Fn::Select", "!FindInMap": "Fn::FindInMap",
	"!ImportValue": "Fn::ImportValue", "!Equals": "Fn::Equals", "!And": "Fn::And",
	"!Or": "Fn::Or", "!Not": "Fn::Not", "!Base64": "Fn::Base64", "!GetAZs": "Fn::GetAZs",
	"!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

// yamlReader turns a yaml.Node tree into nodes.
type yamlReader struct {
	t       *posTable
	memo    map[*yaml.Node]*node
	aliases int
	err     *parseError
}

func (r *yamlReader) fail(msg string, off int) {
	if r.err == nil {
		r.err = &parseError{msg: msg, pos: r.t.pos(off)}
	}
}

// readYAML reads a YAML template. go.yaml.in/yaml/v3 parses it into its
// node tree (which keeps lines, columns and tags, and shares aliased
// nodes instead of copying them); the tree is then checked (tags,
// duplicate keys, depth, alias uses) and given spans.
func readYAML(src []byte, t *posTable) (root *node, perr *parseError) {
	defer func() {
		// The parser is third-party code fed hostile text: a panic is a
		// finding about the file, not a crash.
		if e := recover(); e != nil {
			root, perr = nil, &parseError{msg: "the YAML parser failed on this text", pos: t.pos(0)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlError(err, t)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &parseError{msg: "the file is empty", pos: t.pos(0)}
	}
	r := &yamlReader{t: t, memo: map[*yaml.Node]*node{}}
	n, _ := r.convert(doc.Content[0], 0, false)
	if r.err != nil {
		return nil, r.err
	}
	return n, nil
}

// yamlError places the parser's message ("yaml: line 3: did not find
// expected key") at the start of its line; go-yaml reports no column.
func yamlError(err error, t *posTable) *parseError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
				// The parser's own errors (as opposed to the scanner's)
				// count lines from 0 and name the line where the
				// collection being parsed starts.
				if parserError(msg) {
					line++
					msg += " (in what starts on this line)"
				}
			}
		}
	}
	off := t.offset(line, 1)
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok && line == 1 {
		// Reported without a place: the first use of the alias is it.
		name, _, _ = strings.Cut(name, "'")
		if i := bytes.Index(t.src, []byte("*"+name)); i >= 0 {
			off = i
		}
	}
	return &parseError{msg: "YAML: " + msg, pos: t.pos(off)}
}

func parserError(msg string) bool {
	for _, p := range []string{"did not find expected", "found duplicate %", "found incompatible YAML document", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// convert returns the node for y and the byte offset where y's text ends
// (for an alias, the alias itself).
func (r *yamlReader) convert(y *yaml.Node, depth int, flow bool) (*node, int) {
	start := r.t.offset(y.Line, y.Column)
	if r.err != nil {
		return nil, start
	}
	if depth > MaxDepth {
		r.fail("nested more than "+strconv.Itoa(MaxDepth)+" levels deep", start)
		return nil, start
	}
	if y.Kind == yaml.AliasNode {
		r.aliases++
		if r.aliases > MaxAliasUses {
			r.fail("more than "+strconv.Itoa(MaxAliasUses)+" uses of YAML aliases", start)
			return nil, start
		}
		end := start + 1 + len(y.Value)
		if n, ok := r.memo[y.Alias]; ok {
			return n, end
		}
		r.fail("alias *"+y.Value+" is used before its anchor is complete", start)
		return nil, end
	}
	n := &node{}
	tag := ""
	if y.Style&yaml.TaggedStyle != 0 || strings.HasPrefix(y.Tag, "!") && !strings.HasPrefix(y.Tag, "!!") {
		tag = y.Tag
	}
	switch {
	case tag == "":
	case intrinsics[tag] != "":
		n.tag = tag
	case tag == "!!str" || tag == "!!int" || tag == "!!float" || tag == "!!bool" || tag == "!!null" ||
		tag == "!!seq" || tag == "!!map":
		// The core schema's own tags only say what the value already is.
	default:
		r.fail("unsupported tag "+tag+" (CloudFormation knows only its intrinsic functions' short forms, such as !Ref and !Sub)", start)
		return nil, start
	}
	flow = flow || y.Style&yaml.FlowStyle != 0
	end := start
	switch y.Kind {
	case yaml.ScalarNode:
		n.kind = nScalar
		n.text = y.Value
		n.typ = scalarType(y)
		end = scalarEnd(r.t.src, start, flow, y)
	case yaml.SequenceNode:
		n.kind = nSeq
		n.items = make([]*node, 0, len(y.Content))
		end = contentStart(r.t.src, start)
		for _, c := range y.Content {
			cn, ce := r.convert(c, depth+1, flow)
			if r.err != nil {
				return nil, start
			}
			n.items = append(n.items, cn)
			end = max(end, ce)
		}
		if flow {
			end = closeBracket(r.t.src, end, ']')
		}
	case yaml.MappingNode:
		n.kind = nMap
		end = contentStart(r.t.src, start)
		seen := map[string]*node{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			kn, ke := r.convert(y.Content[i], depth+1, flow)
			if r.err != nil {
				return nil, start
			}
			if kn.kind != nScalar || kn.tag != "" {
				r.fail("a mapping key must be a plain string", r.t.offset(y.Content[i].Line, y.Content[i].Column))
				return nil, start
			}
			if first, dup := seen[kn.text]; dup {
				r.fail("duplicate key "+strconv.Quote(kn.text)+" (first at "+strconv.Itoa(first.span.Start.Line)+":"+strconv.Itoa(first.span.Start.Column)+")", kn.span.Start.Offset)
				return nil, start
			}
			seen[kn.text] = kn
			vn, ve := r.convert(y.Content[i+1], depth+1, flow)
			if r.err != nil {
				return nil, start
			}
			n.keys = append(n.keys, kn)
			n.vals = append(n.vals, vn)
			end = max(end, ke, ve)
		}
		if flow {
			end = closeBracket(r.t.src, end, '}')
		}
	default:
		r.fail("unexpected YAML node", start)
		return nil, start
	}
	n.span = r.t.span(start, end)
	r.memo[y] = n
	return n, end
}

// scalarType names a scalar's JSON type as the core schema resolves it;
// timestamps (AWSTemplateFormatVersion: 2010-09-09) stay strings, as
// CloudFormation reads them.
func scalarType(y *yaml.Node) string {
	switch y.ShortTag() {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	return "string"
}

// contentStart skips a node's properties (tag, anchor) and the white
// space after them.
func contentStart(src []byte, off int) int {
	for off < len(src) && (src[off] == '!' || src[off] == '&') {
		for off < len(src) && !isSpace(src[off]) && src[off] != '[' && src[off] != '{' {
			off++
		}
		off = skipSpace(src, off)
	}
	return off
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(src []byte, off int) int {
	for off < len(src) && isSpace(src[off]) {
		off++
	}
	return off
}

// closeBracket finds the bracket closing a flow collection whose last
// content ends at off, skipping white space, commas and comments.
func closeBracket(src []byte, off int, want byte) int {
	for off < len(src) {
		switch c := src[off]; {
		case c == want:
			return off + 1
		case c == '#':
			for off < len(src) && src[off] != '\n' {
				off++
			}
		case isSpace(c) || c == ',':
			off++
		default:
			return off
		}
	}
	return off
}

// scalarEnd finds where the scalar written at off ends. go-yaml gives
// only where a node starts, so its end is found in the text by the
// scalar's style: quoted scalars at their closing quote, block scalars
// after their last indented line, plain scalars at the end of the line,
// a comment, or (in flow collections) an indicator.
func scalarEnd(src []byte, off int, flow bool, y *yaml.Node) int {
	off = contentStart(src, off)
	if off >= len(src) {
		return len(src)
	}
	switch src[off] {
	case '"':
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(src)
	case '\'':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	case '|', '>':
		if y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return blockEnd(src, off)
		}
	}
	if y.Value == "" && y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && (src[off] == '\n' || src[off] == '#' || src[off] == ',' || src[off] == ']' || src[off] == '}') {
		return off // an empty value (key:)
	}
	end := plainEnd(src, off, flow)
	// A plain scalar may go on over more-indented lines.
	if !flow && !strings.Contains(strings.TrimSpace(string(src[off:end])), y.Value) {
		ind := lineIndent(src, off)
		for next := lineAfter(src, end); next < len(src); next = lineAfter(src, end) {
			i := next
			for i < len(src) && src[i] == ' ' {
				i++
			}
			if i >= len(src) || src[i] == '\n' || src[i] == '#' || i-next <= ind {
				break
			}
			end = plainEnd(src, i, false)
		}
	}
	return end
}

func plainEnd(src []byte, off int, flow bool) int {
	end := off
	for i := off; i < len(src); i++ {
		c := src[i]
		if c == '\n' || c == '\r' {
			break
		}
		if c == '#' && i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
			break
		}
		if flow && (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
			break
		}
		if c == ':' && (i+1 >= len(src) || isSpace(src[i+1]) || flow && (src[i+1] == ',' || src[i+1] == ']' || src[i+1] == '}')) {
			break
		}
		if c != ' ' && c != '\t' {
			end = i + 1
		}
	}
	return end
}

// lineIndent is the number of spaces that start the line holding off.
func lineIndent(src []byte, off int) int {
	s := bytes.LastIndexByte(src[:off], '\n') + 1
	n := 0
	for s+n < len(src) && src[s+n] == ' ' {
		n++
	}
	return n
}

// lineAfter is the offset of the line after the one holding off.
func lineAfter(src []byte, off int) int {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
}

// blockEnd finds the end of a literal or folded block scalar whose
// header is at off: its content is the lines after the header indented at
// least as much as the first non-blank one (an explicit indentation
// indicator is not looked at: CloudFormation templates do not use them),
// and it ends with the last such line that is not blank.
func blockEnd(src []byte, off int) int {
	end := plainEnd(src, off, false)
	ind := -1
	for next := lineAfter(src, end); next < len(src); {
		i := next
		for i < len(src) && src[i] == ' ' {
			i++
		}
		if i < len(src) && src[i] != '\n' && src[i] != '\r' {
			if ind < 0 {
				ind = i - next
				if ind <= lineIndent(src, off) {
					break
				}
			}
			if i-next < ind {
				break
			}
			end = i
			for end < len(src) && src[end] != '\n' && src[end] != '\r' {
				end++
			}
		}
		next = lineAfter(src, i)
	}
	return end
}

// readJSON reads a JSON template with the project's own JSON reader,
// which keeps each value's exact span (go-yaml would give only starts,
// and refuses JSON's "\/" escape).
func readJSON(src []byte, t *posTable) (*node, *parseError) {
	j, err := config.ParseJSONTree(src)
	if err != nil {
		if se, ok := err.(*config.SyntaxError); ok {
			return nil, &parseError{msg: "JSON: " + se.Msg, pos: se.Pos}
		}
		return nil, &parseError{msg: err.Error(), pos: t.pos(0)}
	}
	var perr *parseError
	var conv func(j *config.JSONNode) *node
	conv = func(j *config.JSONNode) *node {
		n := &node{span: j.Span}
		switch j.Kind {
		case "array":
			n.kind = nSeq
			for _, it := range j.Items {
				n.items = append(n.items, conv(it))
			}
		case "object":
			n.kind = nMap
			seen := map[string]config.Span{}
			for _, m := range j.Members {
				if first, dup := seen[m.Key]; dup && perr == nil {
					perr = &parseError{msg: "duplicate key " + strconv.Quote(m.Key) + " (first at " + strconv.Itoa(first.Start.Line) + ":" + strconv.Itoa(first.Start.Column) + ")", pos: m.KeySpan.Start}
				}
				seen[m.Key] = m.KeySpan
				n.keys = append(n.keys, &node{kind: nScalar, typ: "string", text: m.Key, span: m.KeySpan})
				n.vals = append(n.vals, conv(m.Value))
			}
		default:
			n.kind = nScalar
			n.typ = j.Kind
			n.text = j.Text
		}
		return n
	}
	root := conv(j)
	if perr != nil {
		return nil, perr
	}
	return root, nil
}

// problemAt is a reader's finding about the file itself.
func problemAt(msg string, pos config.Pos) iac.Problem {
	return iac.Problem{Tool: "corsplay", Msg: msg, Span: config.Span{Start: pos, End: pos}}
}
