package fix

import (
	"bytes"
	"errors"
	"sort"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/jsonw"
)

// The edits below work on the pasted text, not on a re-rendered
// configuration: a person's indentation, comments, field order and line
// endings survive, and the diff shows only what changed. Each primitive
// reads the places config.Parse recorded and mimics its neighbours: a value
// goes after the last sibling of the same field (or of the field before it
// in the form's usual order), on its own line with the sibling's indentation
// when the sibling has a line of its own, inline otherwise.

// errShape is returned when the text around a place is not what the parser
// promised (a JSON list that is not a list, a rule with no text...).
var errShape = errors.New("fix: the configuration's text is not shaped as expected there")

// edit replaces src[at:end] with text.
type edit struct {
	at, end int
	text    string
}

// apply performs non-overlapping edits.
func apply(src []byte, edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].at > edits[j].at })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		tail := append([]byte(e.text), out[e.end:]...)
		out = append(out[:e.at], tail...)
	}
	return out
}

// Orders in which the forms usually list a rule's fields: S3's documentation
// for XML, `aws s3api get-bucket-cors` for JSON (as config.Format writes).
var (
	xmlOrder  = []config.Field{config.FieldID, config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader, config.FieldMaxAgeSeconds}
	jsonOrder = []config.Field{config.FieldID, config.FieldAllowedHeader, config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldExposeHeader, config.FieldMaxAgeSeconds}
)

func rank(order []config.Field, f config.Field) int {
	for i, g := range order {
		if g == f {
			return i
		}
	}
	return len(order)
}

// text is the layout of one pasted configuration.
type text struct {
	src  []byte
	cfg  *config.Config
	nl   string // "\n" or "\r\n", whichever the text uses
	json bool
	// tpl: a CloudFormation template (YAML, or JSON when json is set),
	// whose keys are CloudFormation's names (see template.go).
	tpl bool
	// hcl: a Terraform file (see hcl.go).
	hcl bool
}

func newText(src []byte, cfg *config.Config) *text {
	t := &text{src: src, cfg: cfg, nl: "\n", json: cfg.Form != config.XML}
	if cfg.Form == config.CloudFormation {
		t.tpl, t.json = true, templateJSON(src)
	}
	t.hcl = cfg.Form == config.Terraform
	if bytes.Contains(src, []byte("\r\n")) {
		t.nl = "\r\n"
	}
	return t
}

func (t *text) lineStart(off int) int { return bytes.LastIndexByte(t.src[:off], '\n') + 1 }

// lineEnd is the offset of the line terminator after off (or the end).
func (t *text) lineEnd(off int) int {
	i := bytes.IndexByte(t.src[off:], '\n')
	if i < 0 {
		return len(t.src)
	}
	e := off + i
	if e > off && t.src[e-1] == '\r' {
		e--
	}
	return e
}

// nlLen is the length of the line terminator at off.
func (t *text) nlLen(off int) int {
	switch {
	case off < len(t.src) && t.src[off] == '\r' && off+1 < len(t.src) && t.src[off+1] == '\n':
		return 2
	case off < len(t.src) && t.src[off] == '\n':
		return 1
	}
	return 0
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// startsLine: only indentation before off on its line.
func (t *text) startsLine(off int) bool { return blank(t.src[t.lineStart(off):off]) }

// endsLine: nothing but spaces after off on its line.
func (t *text) endsLine(off int) bool { return blank(t.src[off:t.lineEnd(off)]) }

func (t *text) ownLine(from, to int) bool { return t.startsLine(from) && t.endsLine(to) }

// endsLineComma is endsLine allowing one JSON comma after off.
func (t *text) endsLineComma(off int) bool {
	rest := bytes.TrimLeft(t.src[off:t.lineEnd(off)], " \t")
	return blank(bytes.TrimPrefix(rest, []byte(",")))
}

func (t *text) indent(off int) string {
	ls := t.lineStart(off)
	j := ls
	for j < len(t.src) && (t.src[j] == ' ' || t.src[j] == '\t') {
		j++
	}
	return string(t.src[ls:j])
}

// quote writes a JSON string as the aws-cli and the console accept it.
func quote(s string) string { return string(jsonw.String(nil, s)) }

// ---- XML ----

// xmlElem returns the element around a value: from its start tag's '<' to
// after its end tag (or the self-closing tag).
func (t *text) xmlElem(v config.Value) (es, ee int, err error) {
	s, e := v.Span.Start.Offset, v.Span.End.Offset
	if s > len(t.src) || e > len(t.src) || s > e {
		return 0, 0, errShape
	}
	es = bytes.LastIndexByte(t.src[:s], '<')
	if es < 0 {
		return 0, 0, errShape
	}
	ee = e
	if bytes.HasPrefix(t.src[e:], []byte("</")) {
		k := bytes.IndexByte(t.src[e:], '>')
		if k < 0 {
			return 0, 0, errShape
		}
		ee = e + k + 1
	}
	return es, ee, nil
}

// prefix is the namespace prefix of the tag starting at off ("" or "s3:").
func (t *text) prefix(off int) string {
	end := off + 1
	for end < len(t.src) && strings.IndexByte("> \t\r\n/", t.src[end]) < 0 {
		end++
	}
	name := string(t.src[off+1 : end])
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		return name[:i+1]
	}
	return ""
}

func xmlElement(prefix string, f config.Field, v string) string {
	return "<" + prefix + string(f) + ">" + config.EscapeXML(v) + "</" + prefix + string(f) + ">"
}

// addValues inserts values of field f into rule ri.
func (t *text) addValues(ri int, f config.Field, vals []string) ([]edit, error) {
	if ri < 0 || ri >= len(t.cfg.Rules) {
		return nil, errShape
	}
	if t.hcl {
		op, err := hclOp()
		if err != nil {
			return nil, err
		}
		return op.add(t, ri, f, vals)
	}
	if t.tpl {
		return t.templateAdd(ri, f, vals)
	}
	if t.json {
		return t.jsonAdd(ri, f, vals)
	}
	return t.xmlAdd(ri, f, vals)
}

func (t *text) xmlAdd(ri int, f config.Field, vals []string) ([]edit, error) {
	r := &t.cfg.Rules[ri]
	anchor := -1
	for i, v := range r.Values {
		if v.Field == f {
			anchor = i
		}
	}
	if anchor < 0 {
		for i, v := range r.Values {
			if rank(xmlOrder, v.Field) < rank(xmlOrder, f) {
				anchor = i
			}
		}
	}
	var b strings.Builder
	switch {
	case anchor >= 0:
		es, ee, err := t.xmlElem(r.Values[anchor])
		if err != nil {
			return nil, err
		}
		p := t.prefix(es)
		if t.ownLine(es, ee) {
			ind := t.indent(es)
			for _, v := range vals {
				b.WriteString(t.nl + ind + xmlElement(p, f, v))
			}
			return []edit{{at: t.lineEnd(ee), end: t.lineEnd(ee), text: b.String()}}, nil
		}
		for _, v := range vals {
			b.WriteString(xmlElement(p, f, v))
		}
		return []edit{{at: ee, end: ee, text: b.String()}}, nil
	case len(r.Values) > 0:
		es, ee, err := t.xmlElem(r.Values[0])
		if err != nil {
			return nil, err
		}
		p := t.prefix(es)
		if t.ownLine(es, ee) {
			ind := t.indent(es)
			for _, v := range vals {
				b.WriteString(ind + xmlElement(p, f, v) + t.nl)
			}
			at := t.lineStart(es)
			return []edit{{at: at, end: at, text: b.String()}}, nil
		}
		for _, v := range vals {
			b.WriteString(xmlElement(p, f, v))
		}
		return []edit{{at: es, end: es, text: b.String()}}, nil
	}
	rs := r.Span.Start.Offset
	k := bytes.IndexByte(t.src[rs:], '>')
	if k < 0 || t.src[rs+k-1] == '/' {
		return nil, errShape
	}
	p := t.prefix(rs)
	for _, v := range vals {
		b.WriteString(xmlElement(p, f, v))
	}
	return []edit{{at: rs + k + 1, end: rs + k + 1, text: b.String()}}, nil
}

// ---- JSON ----

// member is one key of a JSON object as written.
type member struct {
	key                        string
	keyStart, valStart, valEnd int
	array                      bool
	items                      [][2]int // start, end of each item when array
}

// jsonScan reads the well-formed JSON config.Parse accepted, keeping
// offsets; it only needs to find members and list items.
type jsonScan struct {
	src []byte
	i   int
	err bool
}

func (s *jsonScan) ws() {
	for s.i < len(s.src) && strings.IndexByte(" \t\r\n", s.src[s.i]) >= 0 {
		s.i++
	}
}

func (s *jsonScan) str() string {
	start := s.i
	s.i++
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			out, ok := jsonw.Unquote(s.src[start:s.i])
			if !ok {
				s.err = true
			}
			return out
		}
		s.i++
	}
	s.err = true
	return ""
}

// value skips one value; for an array it returns the items' places.
func (s *jsonScan) value(depth int) (items [][2]int, isArray bool) {
	s.ws()
	if s.i >= len(s.src) || depth > 100 {
		s.err = true
		return nil, false
	}
	switch s.src[s.i] {
	case '"':
		s.str()
	case '{':
		s.object(depth + 1)
	case '[':
		isArray = true
		s.i++
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == ']' {
			s.i++
			return nil, true
		}
		for !s.err {
			s.ws()
			st := s.i
			s.value(depth + 1)
			items = append(items, [2]int{st, s.i})
			s.ws()
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
				return items, true
			}
			s.err = true
		}
	default:
		for s.i < len(s.src) && strings.IndexByte(",]} \t\r\n", s.src[s.i]) < 0 {
			s.i++
		}
	}
	return items, isArray
}

func (s *jsonScan) object(depth int) []member {
	var ms []member
	if s.i >= len(s.src) || s.src[s.i] != '{' {
		s.err = true
		return nil
	}
	s.i++
	s.ws()
	if s.i < len(s.src) && s.src[s.i] == '}' {
		s.i++
		return ms
	}
	for !s.err {
		s.ws()
		if s.i >= len(s.src) || s.src[s.i] != '"' {
			s.err = true
			break
		}
		m := member{keyStart: s.i}
		m.key = s.str()
		s.ws()
		if s.i >= len(s.src) || s.src[s.i] != ':' {
			s.err = true
			break
		}
		s.i++
		s.ws()
		m.valStart = s.i
		m.items, m.array = s.value(depth)
		m.valEnd = s.i
		ms = append(ms, m)
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.src) && s.src[s.i] == '}' {
			s.i++
			return ms
		}
		s.err = true
	}
	return nil
}

// members returns rule ri's keys, or an error when it is not an object.
func (t *text) members(ri int) ([]member, error) {
	r := &t.cfg.Rules[ri]
	s := &jsonScan{src: t.src, i: r.Span.Start.Offset}
	ms := s.object(0)
	if s.err {
		return nil, errShape
	}
	return ms, nil
}

// style is how a JSON rule is laid out, so new keys and rules look alike.
type style struct {
	multi     bool   // one key per line
	keyIndent string // indentation of keys
	colon     string // between key and value, e.g. ": "
	listMulti bool   // one list item per line
	itemStep  string // extra indentation of list items relative to keys
}

func (t *text) style(ms []member) style {
	st := style{colon: ": ", itemStep: "    "}
	if len(ms) == 0 {
		return st
	}
	first := ms[0]
	// the colon run: from the key's closing quote to the value
	if c := bytes.LastIndexByte(t.src[first.keyStart:first.valStart], ':'); c >= 0 {
		k := first.keyStart + c
		j := k
		for j > first.keyStart && (t.src[j-1] == ' ' || t.src[j-1] == '\t') {
			j--
		}
		st.colon = string(t.src[j:first.valStart])
	}
	if t.startsLine(first.keyStart) {
		st.multi = true
		st.keyIndent = t.indent(first.keyStart)
	}
	for _, m := range ms {
		if m.array && len(m.items) > 0 {
			it := m.items[0][0]
			if t.startsLine(it) {
				st.listMulti = true
				ind := t.indent(it)
				st.itemStep = strings.TrimPrefix(ind, st.keyIndent)
			}
			break
		}
	}
	return st
}

func (st style) list(vals []string, nl string) string {
	if !st.listMulti || len(vals) == 0 {
		qs := make([]string, len(vals))
		for i, v := range vals {
			qs[i] = quote(v)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	var b strings.Builder
	b.WriteString("[" + nl)
	for i, v := range vals {
		b.WriteString(st.keyIndent + st.itemStep + quote(v))
		if i < len(vals)-1 {
			b.WriteString(",")
		}
		b.WriteString(nl)
	}
	b.WriteString(st.keyIndent + "]")
	return b.String()
}

func (t *text) jsonAdd(ri int, f config.Field, vals []string) ([]edit, error) {
	ms, err := t.members(ri)
	if err != nil {
		return nil, err
	}
	key := t.key(f)
	for _, m := range ms {
		if m.key != key {
			continue
		}
		if !m.array {
			return nil, errShape
		}
		var b strings.Builder
		if len(m.items) == 0 {
			qs := make([]string, len(vals))
			for i, v := range vals {
				qs[i] = quote(v)
			}
			return []edit{{at: m.valStart + 1, end: m.valStart + 1, text: strings.Join(qs, ", ")}}, nil
		}
		last := m.items[len(m.items)-1]
		if t.ownLine(last[0], last[1]) {
			ind := t.indent(last[0])
			for _, v := range vals {
				b.WriteString("," + t.nl + ind + quote(v))
			}
		} else {
			for _, v := range vals {
				b.WriteString(", " + quote(v))
			}
		}
		return []edit{{at: last[1], end: last[1], text: b.String()}}, nil
	}
	st := t.style(ms)
	mtext := quote(key) + st.colon + st.list(vals, t.nl)
	r := &t.cfg.Rules[ri]
	if len(ms) == 0 {
		at := r.Span.Start.Offset + 1
		return []edit{{at: at, end: at, text: mtext}}, nil
	}
	for _, m := range ms {
		if f2, ok := t.fieldOfKey(m.key); ok && rank(jsonOrder, f2) > rank(jsonOrder, f) {
			if t.startsLine(m.keyStart) {
				at := t.lineStart(m.keyStart)
				return []edit{{at: at, end: at, text: t.indent(m.keyStart) + mtext + "," + t.nl}}, nil
			}
			return []edit{{at: m.keyStart, end: m.keyStart, text: mtext + ", "}}, nil
		}
	}
	last := ms[len(ms)-1]
	if t.startsLine(last.keyStart) {
		return []edit{{at: last.valEnd, end: last.valEnd, text: "," + t.nl + t.indent(last.keyStart) + mtext}}, nil
	}
	return []edit{{at: last.valEnd, end: last.valEnd, text: ", " + mtext}}, nil
}

func (t *text) fieldOfKey(k string) (config.Field, bool) {
	for _, f := range jsonOrder {
		if t.key(f) == k {
			return f, true
		}
	}
	return "", false
}

// ---- replacing and removing one value ----

func (t *text) value(ri, vi int) (config.Value, error) {
	if ri < 0 || ri >= len(t.cfg.Rules) || vi < 0 || vi >= len(t.cfg.Rules[ri].Values) {
		return config.Value{}, errShape
	}
	return t.cfg.Rules[ri].Values[vi], nil
}

func (t *text) replaceValue(ri, vi int, s string) ([]edit, error) {
	v, err := t.value(ri, vi)
	if err != nil {
		return nil, err
	}
	if t.hcl {
		op, err := hclOp()
		if err != nil {
			return nil, err
		}
		return op.replace(t, ri, v, s)
	}
	if t.tpl {
		return t.templateReplace(v, s)
	}
	if t.json {
		repl := quote(s)
		if v.Kind == "number" && isDigits(s) {
			repl = s
		}
		return []edit{{at: v.Span.Start.Offset, end: v.Span.End.Offset, text: repl}}, nil
	}
	es, ee, err := t.xmlElem(v)
	if err != nil {
		return nil, err
	}
	if ee == v.Span.End.Offset { // self-closing: rewrite the element
		return []edit{{at: es, end: ee, text: xmlElement(t.prefix(es), v.Field, s)}}, nil
	}
	return []edit{{at: v.Span.Start.Offset, end: v.Span.End.Offset, text: config.EscapeXML(s)}}, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (t *text) removeValue(ri, vi int) ([]edit, error) {
	v, err := t.value(ri, vi)
	if err != nil {
		return nil, err
	}
	if t.hcl {
		op, err := hclOp()
		if err != nil {
			return nil, err
		}
		return op.remove(t, v)
	}
	if t.tpl {
		if err := t.literal(v); err != nil {
			return nil, err
		}
		if !t.json {
			return t.yamlRemove(ri, v)
		}
	}
	if !t.json {
		es, ee, err := t.xmlElem(v)
		if err != nil {
			return nil, err
		}
		if t.ownLine(es, ee) {
			le := t.lineEnd(ee)
			return []edit{{at: t.lineStart(es), end: le + t.nlLen(le)}}, nil
		}
		return []edit{{at: es, end: ee}}, nil
	}
	ms, err := t.members(ri)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		for k, it := range m.items {
			if it[0] != v.Span.Start.Offset {
				continue
			}
			switch {
			case k < len(m.items)-1:
				return []edit{{at: it[0], end: m.items[k+1][0]}}, nil
			case k > 0:
				return []edit{{at: m.items[k-1][1], end: it[1]}}, nil
			default:
				return []edit{{at: it[0], end: it[1]}}, nil
			}
		}
	}
	return nil, errShape
}

// ---- whole rules ----

// RuleSpec is a rule to write: its values in the form's usual order.
type RuleSpec struct {
	ID             string
	AllowedOrigins []string
	AllowedMethods []string
	AllowedHeaders []string
	ExposeHeaders  []string
	MaxAgeSeconds  string // as written; "" for none
}

func (rs RuleSpec) get(f config.Field) []string {
	switch f {
	case config.FieldID:
		if rs.ID != "" {
			return []string{rs.ID}
		}
	case config.FieldAllowedOrigin:
		return rs.AllowedOrigins
	case config.FieldAllowedMethod:
		return rs.AllowedMethods
	case config.FieldAllowedHeader:
		return rs.AllowedHeaders
	case config.FieldExposeHeader:
		return rs.ExposeHeaders
	case config.FieldMaxAgeSeconds:
		if rs.MaxAgeSeconds != "" {
			return []string{rs.MaxAgeSeconds}
		}
	}
	return nil
}

// specOf copies a rule's values.
func specOf(r *config.Rule) RuleSpec {
	rs := RuleSpec{ID: r.ID(), AllowedOrigins: r.Texts(config.FieldAllowedOrigin), AllowedMethods: r.Texts(config.FieldAllowedMethod),
		AllowedHeaders: r.Texts(config.FieldAllowedHeader), ExposeHeaders: r.Texts(config.FieldExposeHeader)}
	if vs := r.Get(config.FieldMaxAgeSeconds); len(vs) > 0 {
		rs.MaxAgeSeconds = strings.TrimSpace(vs[0].Text)
	}
	return rs
}

// ruleText writes spec laid out like rule ref; multi reports whether it
// spans lines (then it starts with ref's indentation and has no newline at
// either end).
func (t *text) ruleText(spec RuleSpec, ref int) (string, bool, error) {
	r := &t.cfg.Rules[ref]
	rs := r.Span.Start.Offset
	multi := t.startsLine(rs)
	ruleInd := t.indent(rs)
	if !t.json {
		p := t.prefix(rs)
		childInd := ruleInd + "  "
		if len(r.Values) > 0 {
			es, ee, err := t.xmlElem(r.Values[0])
			if err != nil {
				return "", false, err
			}
			if !t.ownLine(es, ee) {
				multi = false
			} else {
				childInd = t.indent(es)
			}
		}
		var b strings.Builder
		sep, ci := "", ""
		if multi {
			sep, ci = t.nl, childInd
			b.WriteString(ruleInd)
		}
		b.WriteString("<" + p + "CORSRule>" + sep)
		for _, f := range xmlOrder {
			for _, v := range spec.get(f) {
				b.WriteString(ci + xmlElement(p, f, v) + sep)
			}
		}
		if multi {
			b.WriteString(ruleInd)
		}
		b.WriteString("</" + p + "CORSRule>")
		return b.String(), multi, nil
	}
	ms, err := t.members(ref)
	if err != nil {
		return "", false, err
	}
	st := t.style(ms)
	multi = multi && st.multi
	var parts []string
	for _, f := range jsonOrder {
		vals := spec.get(f)
		if len(vals) == 0 {
			continue
		}
		switch f {
		case config.FieldID:
			parts = append(parts, quote(t.key(f))+st.colon+quote(vals[0]))
		case config.FieldMaxAgeSeconds:
			v := vals[0]
			if !isDigits(strings.TrimPrefix(v, "-")) {
				v = quote(v)
			}
			parts = append(parts, quote(t.key(f))+st.colon+v)
		default:
			if !multi {
				st.listMulti = false
			}
			parts = append(parts, quote(t.key(f))+st.colon+st.list(vals, t.nl))
		}
	}
	if !multi {
		return "{" + strings.Join(parts, ", ") + "}", false, nil
	}
	var b strings.Builder
	b.WriteString(ruleInd + "{" + t.nl)
	for i, p := range parts {
		b.WriteString(st.keyIndent + p)
		if i < len(parts)-1 {
			b.WriteString(",")
		}
		b.WriteString(t.nl)
	}
	b.WriteString(ruleInd + "}")
	return b.String(), true, nil
}

// insertRule writes spec before rule `before`, or after the last rule when
// before is -1.
func (t *text) insertRule(spec RuleSpec, before int) ([]edit, error) {
	n := len(t.cfg.Rules)
	if n == 0 {
		return nil, errShape
	}
	if t.hcl {
		op, err := hclOp()
		if err != nil {
			return nil, err
		}
		return op.insertRule(t, spec)
	}
	if t.tpl && !t.json {
		return t.yamlInsertRule(spec, before)
	}
	if before >= n {
		before = -1
	}
	ref := before
	if ref < 0 {
		ref = n - 1
	}
	rt, multi, err := t.ruleText(spec, ref)
	if err != nil {
		return nil, err
	}
	r := &t.cfg.Rules[ref]
	rs, re := r.Span.Start.Offset, r.Span.End.Offset
	comma := ""
	if t.json {
		comma = ","
	}
	if before >= 0 {
		if multi {
			at := t.lineStart(rs)
			return []edit{{at: at, end: at, text: rt + comma + t.nl}}, nil
		}
		sp := ""
		if t.json {
			sp = " "
		}
		return []edit{{at: rs, end: rs, text: rt + comma + sp}}, nil
	}
	if multi && t.endsLine(re) {
		return []edit{{at: re, end: re, text: comma + t.nl + rt}}, nil
	}
	if t.json {
		return []edit{{at: re, end: re, text: ", " + rt}}, nil
	}
	return []edit{{at: re, end: re, text: rt}}, nil
}

// moveRule moves rule from to just before rule before (before < from).
func (t *text) moveRule(from, before int) ([]edit, error) {
	if before < 0 || from <= before || from >= len(t.cfg.Rules) {
		return nil, errShape
	}
	if t.hcl {
		return nil, ErrTerraformOrder
	}
	if t.tpl && !t.json {
		return t.yamlMoveRule(from, before)
	}
	rf, rb := &t.cfg.Rules[from], &t.cfg.Rules[before]
	fs, fe := rf.Span.Start.Offset, rf.Span.End.Offset
	bs := rb.Span.Start.Offset
	lines := t.startsLine(fs) && t.endsLineComma(fe) && t.startsLine(bs)
	var del, ins edit
	if lines {
		le := t.lineEnd(fe)
		block := string(t.src[t.lineStart(fs):fe])
		at := t.lineStart(bs)
		if t.json {
			ins = edit{at: at, end: at, text: block + "," + t.nl}
		} else {
			ins = edit{at: at, end: at, text: block + t.nl}
			del = edit{at: t.lineStart(fs), end: le + t.nlLen(le)}
		}
	} else {
		sep := ""
		if t.json {
			sep = ", "
		}
		ins = edit{at: bs, end: bs, text: string(t.src[fs:fe]) + sep}
		if !t.json {
			del = edit{at: fs, end: fe}
		}
	}
	if t.json {
		if from < len(t.cfg.Rules)-1 {
			del = edit{at: fs, end: t.cfg.Rules[from+1].Span.Start.Offset}
			if lines {
				del.at = t.lineStart(fs)
				del.end = t.lineStart(t.cfg.Rules[from+1].Span.Start.Offset)
			}
		} else {
			del = edit{at: t.cfg.Rules[from-1].Span.End.Offset, end: fe}
		}
	}
	return []edit{ins, del}, nil
}

// removeRule deletes rule ri with its separator.
func (t *text) removeRule(ri int) ([]edit, error) {
	n := len(t.cfg.Rules)
	if ri < 0 || ri >= n || n < 2 {
		return nil, errShape
	}
	r := &t.cfg.Rules[ri]
	rs, re := r.Span.Start.Offset, r.Span.End.Offset
	if t.hcl {
		op, err := hclOp()
		if err != nil {
			return nil, err
		}
		return op.removeRule(t, ri)
	}
	if t.tpl && !t.json {
		return t.yamlRemoveRule(ri)
	}
	if !t.json {
		if t.startsLine(rs) && t.endsLine(re) {
			le := t.lineEnd(re)
			return []edit{{at: t.lineStart(rs), end: le + t.nlLen(le)}}, nil
		}
		return []edit{{at: rs, end: re}}, nil
	}
	if ri < n-1 {
		next := t.cfg.Rules[ri+1].Span.Start.Offset
		if t.startsLine(rs) && t.startsLine(next) {
			return []edit{{at: t.lineStart(rs), end: t.lineStart(next)}}, nil
		}
		return []edit{{at: rs, end: next}}, nil
	}
	return []edit{{at: t.cfg.Rules[ri-1].Span.End.Offset, end: re}}, nil
}
