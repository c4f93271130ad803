package cloudformation

import (
	"encoding/base64"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/iac"
)

type vkind uint8

const (
	vString vkind = iota
	vNumber
	vBool
	vNull
	vList
	vMap
	vUnknown
	vNoValue // AWS::NoValue: the property or element is left out
)

// value is what an expression evaluates to.
type value struct {
	kind vkind
	s    string
	list []value
	keys []*node // a mapping's keys, as written
	vals []value
	// from is the text that produced the value: the literal itself, or
	// the expression that computed it.
	from *node
	// via names the reference a computed value came from ("!Ref
	// AllowedOrigin"), "" for a literal written in place.
	via     string
	viaSpan config.Span
	// unknown lists the references that made the value unknown.
	unknown []unref
}

type unref struct {
	ref  string
	span config.Span
}

func (v value) known() bool { return v.kind != vUnknown }

// str is a scalar's text, as CloudFormation passes scalars on.
func (v value) str() (string, bool) {
	switch v.kind {
	case vString, vNumber, vBool:
		return v.s, true
	}
	return "", false
}

func unknownValue(n *node, refs ...unref) value {
	return value{kind: vUnknown, from: n, unknown: refs}
}

// template holds what evaluation looks things up in.
type template struct {
	params     *node
	mappings   *node
	conditions *node
	resources  *node
	in         iac.Inputs
	asked      map[string]bool // the names looked up in in (see input)
	serverless bool
	root       *node // the whole file (a Serverless file's self: variables)
}

// input is the value given for name, if any; it records that the template
// takes a value by that name (iac.File.Inputs).
func (t *template) input(name string) (string, bool) {
	if t.asked == nil {
		t.asked = map[string]bool{}
	}
	t.asked[name] = true
	v, ok := t.in[name]
	return v, ok
}

// evaluator evaluates one resource's properties.
type evaluator struct {
	tpl      *template
	work     int
	problems []iac.Problem
	conds    map[string]*condResult
	busy     map[string]bool // conditions being evaluated (cycles)
}

type condResult struct {
	val     bool
	known   bool
	unknown []unref
}

// cfnProblem records a template error CloudFormation reports before any
// resource is created.
func (e *evaluator) cfnProblem(msg string, sp config.Span) {
	for _, p := range e.problems {
		if p.Msg == msg && p.Span == sp {
			return
		}
	}
	e.problems = append(e.problems, iac.Problem{Tool: "cloudformation", Msg: msg, Span: sp})
}

// spend counts work; past MaxWork every value is unknown.
func (e *evaluator) spend(n *node) bool {
	e.work++
	if e.work == MaxWork+1 {
		e.problems = append(e.problems, iac.Problem{Tool: "corsplay", Msg: "evaluation stopped: more than " + strconv.Itoa(MaxWork) + " values (YAML aliases used over and over?)", Span: n.span})
	}
	return e.work <= MaxWork
}

// intrinsic returns the function a node calls and its argument: a
// short-form tag, or a one-key mapping {"Ref": …} / {"Fn::Sub": …}.
func intrinsic(n *node) (string, *node) {
	if n == nil {
		return "", nil
	}
	if n.tag != "" {
		arg := *n
		arg.tag = ""
		return intrinsics[n.tag], &arg
	}
	if n.kind == nMap && len(n.keys) == 1 {
		k := n.keys[0].text
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, n.vals[0]
		}
	}
	return "", nil
}

// short is how a function is named in messages: as written in YAML's
// short form.
func short(fn string) string { return "!" + strings.TrimPrefix(fn, "Fn::") }

func (e *evaluator) eval(n *node, depth int) value {
	if n == nil {
		return value{kind: vNull}
	}
	if !e.spend(n) || depth > MaxDepth {
		return unknownValue(n)
	}
	if fn, arg := intrinsic(n); fn != "" {
		return e.call(fn, arg, n, depth)
	}
	switch n.kind {
	case nSeq:
		v := value{kind: vList, from: n}
		for _, it := range n.items {
			iv := e.eval(it, depth+1)
			if iv.kind == vNoValue {
				continue
			}
			v.list = append(v.list, iv)
		}
		return v
	case nMap:
		v := value{kind: vMap, from: n}
		for i, k := range n.keys {
			iv := e.eval(n.vals[i], depth+1)
			if iv.kind == vNoValue {
				continue
			}
			v.keys = append(v.keys, k)
			v.vals = append(v.vals, iv)
		}
		return v
	}
	v := value{from: n, s: n.text}
	switch n.typ {
	case "number":
		v.kind = vNumber
	case "boolean":
		v.kind = vBool
	case "null":
		v.kind = vNull
	default:
		v.kind = vString
		if e.tpl.serverless && strings.Contains(n.text, "${") {
			return e.serverlessString(n)
		}
	}
	return v
}

// serverlessString resolves the Serverless Framework's variables in a
// plain string, as the Framework does before CloudFormation sees the
// template: ${self:a.b} is the file's own value at that path; ${opt:x},
// ${env:X}, ${sls:stage} and the other sources are what the person
// supplies under that name ("opt:stage"), else the variable's fallback
// (${opt:stage, 'dev'}), else unknown.
func (e *evaluator) serverlessString(n *node) value {
	out, refs, changed := e.serverlessVars(n.text, 0)
	if len(refs) > 0 {
		return unknownValue(n, unrefsAt(refs, n)...)
	}
	if !changed {
		return value{kind: vString, s: n.text, from: n}
	}
	return computed(value{kind: vString, s: out}, n, "${…}")
}

func unrefsAt(refs []string, n *node) []unref {
	out := make([]unref, len(refs))
	for i, r := range refs {
		out[i] = unref{ref: r, span: n.span}
	}
	return out
}

// serverlessVars substitutes each ${…} in s; refs lists those with no
// value. Variables nest in their fallbacks and in self: values, up to a
// depth.
func (e *evaluator) serverlessVars(s string, depth int) (string, []string, bool) {
	var b strings.Builder
	var refs []string
	changed := false
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := matchingBrace(s, i+2)
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		expr := s[i+2 : j]
		s = s[j+1:]
		changed = true
		v, ok := e.serverlessVar(expr, depth)
		if !ok {
			refs = append(refs, "${"+expr+"}")
			continue
		}
		b.WriteString(v)
	}
	return b.String(), refs, changed
}

// matchingBrace finds the '}' closing a "${" whose contents start at i.
func matchingBrace(s string, i int) int {
	level := 1
	for ; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				return i
			}
		}
	}
	return -1
}

func (e *evaluator) serverlessVar(expr string, depth int) (string, bool) {
	if depth > 10 || !e.spend(e.tpl.root) {
		return "", false
	}
	ref, fallback, hasFallback := strings.Cut(expr, ",")
	ref = strings.TrimSpace(ref)
	if path, ok := strings.CutPrefix(ref, "self:"); ok {
		n := e.tpl.root
		for _, k := range strings.Split(path, ".") {
			n = n.get(k)
		}
		if n != nil && n.kind == nScalar && n.tag == "" {
			v, refs, _ := e.serverlessVars(n.text, depth+1)
			if len(refs) == 0 {
				return v, true
			}
		}
	} else if v, ok := e.tpl.input(ref); ok {
		return v, true
	}
	if !hasFallback {
		return "", false
	}
	fallback = strings.TrimSpace(fallback)
	if len(fallback) >= 2 && (fallback[0] == '\'' || fallback[0] == '"') && fallback[len(fallback)-1] == fallback[0] {
		return fallback[1 : len(fallback)-1], true
	}
	v, refs, _ := e.serverlessVars(fallback, depth+1)
	if len(refs) > 0 || strings.HasPrefix(fallback, "${") && v == fallback {
		return "", false
	}
	if strings.HasPrefix(fallback, "${") {
		return v, true
	}
	// A bare fallback is another variable source (${opt:stage, self:provider.stage}).
	return e.serverlessVar(fallback, depth+1)
}

// computed marks v (and a list's elements) as coming from an expression
// at n, named by via.
func computed(v value, n *node, via string) value {
	if v.kind == vUnknown {
		return v
	}
	v.from, v.via, v.viaSpan = n, via, n.span
	for i := range v.list {
		v.list[i] = computed(v.list[i], n, via)
	}
	return v
}

func (e *evaluator) call(fn string, arg, n *node, depth int) value {
	switch fn {
	case "Ref":
		if arg.kind != nScalar {
			e.cfnProblem("Template format error: the argument of Ref must be a string", n.span)
			return unknownValue(n)
		}
		return e.ref(arg.text, n)
	case "Fn::Sub":
		return e.sub(arg, n, depth)
	case "Fn::GetAtt":
		name := ""
		switch {
		case arg.kind == nScalar:
			name = arg.text
		case arg.kind == nSeq && len(arg.items) == 2:
			a, b := e.eval(arg.items[0], depth+1), e.eval(arg.items[1], depth+1)
			as, ok1 := a.str()
			bs, ok2 := b.str()
			if !ok1 || !ok2 {
				return unknownValue(n, append(a.unknown, b.unknown...)...)
			}
			name = as + "." + bs
		default:
			e.cfnProblem("Template error: every Fn::GetAtt object requires two non-empty parameters", n.span)
			return unknownValue(n)
		}
		if s, ok := e.tpl.input(name); ok {
			return computed(value{kind: vString, s: s}, n, "!GetAtt "+name)
		}
		res, _, _ := strings.Cut(name, ".")
		if e.tpl.resources.get(res) == nil {
			e.cfnProblem("Template format error: Unresolved resource dependencies ["+res+"] in the Resources block of the template", n.span)
		}
		return unknownValue(n, unref{ref: name, span: n.span})
	case "Fn::ImportValue":
		v := e.eval(arg, depth+1)
		s, ok := v.str()
		if !ok {
			return unknownValue(n, v.unknown...)
		}
		key := "ImportValue:" + s
		if in, ok := e.tpl.input(key); ok {
			return computed(value{kind: vString, s: in}, n, "!ImportValue "+s)
		}
		return unknownValue(n, unref{ref: key, span: n.span})
	case "Fn::Join":
		if arg.kind != nSeq || len(arg.items) != 2 {
			e.cfnProblem("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.", n.span)
			return unknownValue(n)
		}
		d := e.eval(arg.items[0], depth+1)
		l := e.eval(arg.items[1], depth+1)
		ds, ok := d.str()
		if !ok || l.kind != vList {
			return e.unknownFrom(n, d, l)
		}
		parts := make([]string, 0, len(l.list))
		var unk []unref
		for _, it := range l.list {
			s, ok := it.str()
			if !ok {
				unk = append(unk, it.unknown...)
				continue
			}
			parts = append(parts, s)
		}
		if len(unk) > 0 {
			return unknownValue(n, unk...)
		}
		return computed(value{kind: vString, s: strings.Join(parts, ds)}, n, "!Join")
	case "Fn::Split":
		if arg.kind != nSeq || len(arg.items) != 2 {
			e.cfnProblem("Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.", n.span)
			return unknownValue(n)
		}
		d := e.eval(arg.items[0], depth+1)
		s := e.eval(arg.items[1], depth+1)
		ds, ok1 := d.str()
		ss, ok2 := s.str()
		if !ok1 || !ok2 || ds == "" {
			return e.unknownFrom(n, d, s)
		}
		out := value{kind: vList}
		for _, p := range strings.Split(ss, ds) {
			if !e.spend(n) {
				return unknownValue(n)
			}
			out.list = append(out.list, value{kind: vString, s: p})
		}
		return computed(out, n, viaOf(s, "!Split"))
	case "Fn::Select":
		if arg.kind != nSeq || len(arg.items) != 2 {
			e.cfnProblem("Template error: Fn::Select requires a list argument with two elements: an integer index and a list", n.span)
			return unknownValue(n)
		}
		iv := e.eval(arg.items[0], depth+1)
		l := e.eval(arg.items[1], depth+1)
		is, ok := iv.str()
		if !ok || l.kind != vList {
			return e.unknownFrom(n, iv, l)
		}
		i, err := strconv.Atoi(is)
		if err != nil || i < 0 || i >= len(l.list) {
			e.cfnProblem("Template error: Fn::Select cannot select nonexistent value at index "+is, n.span)
			return unknownValue(n)
		}
		sel := l.list[i]
		if sel.via == "" && sel.kind != vUnknown && sel.from != nil && sel.from != n {
			return sel // a literal element: it can be edited where it is
		}
		return computed(sel, n, viaOf(l, "!Select"))
	case "Fn::FindInMap":
		return e.findInMap(arg, n, depth)
	case "Fn::If":
		if arg.kind != nSeq || len(arg.items) != 3 || arg.items[0].kind != nScalar {
			e.cfnProblem("Template error: Fn::If requires a list argument with three elements", n.span)
			return unknownValue(n)
		}
		c := e.condition(arg.items[0].text, arg.items[0])
		if !c.known {
			return unknownValue(n, c.unknown...)
		}
		if c.val {
			return e.eval(arg.items[1], depth+1)
		}
		return e.eval(arg.items[2], depth+1)
	case "Fn::Base64":
		v := e.eval(arg, depth+1)
		s, ok := v.str()
		if !ok {
			return unknownValue(n, v.unknown...)
		}
		return computed(value{kind: vString, s: base64.StdEncoding.EncodeToString([]byte(s))}, n, "!Base64")
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
		c := e.condExpr(n, depth)
		if !c.known {
			return unknownValue(n, c.unknown...)
		}
		return computed(value{kind: vBool, s: strconv.FormatBool(c.val)}, n, short(fn))
	case "Fn::GetAZs", "Fn::Cidr", "Fn::Transform", "Fn::Length", "Fn::ToJsonString", "Fn::ForEach":
		return unknownValue(n, unref{ref: fn + " (not evaluated)", span: n.span})
	}
	e.cfnProblem("Template format error: Encountered unsupported function: "+fn, n.span)
	return unknownValue(n)
}

func viaOf(v value, def string) string {
	if v.via != "" {
		return v.via
	}
	return def
}

// unknownFrom is an unknown value carrying its inputs' unknown references.
func (e *evaluator) unknownFrom(n *node, vs ...value) value {
	var refs []unref
	for _, v := range vs {
		refs = append(refs, v.unknown...)
	}
	return unknownValue(n, refs...)
}

// pseudo are CloudFormation's pseudo parameters. Each is unknown unless
// supplied, except AWS::Partition and AWS::URLSuffix, which follow from a
// supplied AWS::Region as the pseudo-parameter reference defines them
// (aws, aws-cn, aws-us-gov; amazonaws.com, amazonaws.com.cn).
var pseudo = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::NoValue": true, "AWS::Partition": true,
	"AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

func (e *evaluator) ref(name string, n *node) value {
	via := "!Ref " + name
	if p := e.tpl.params.get(name); p != nil {
		typ := ""
		if t := p.get("Type"); t != nil {
			typ = t.text
		}
		s, ok := e.tpl.input(name)
		if !ok {
			d := p.get("Default")
			if d == nil || d.kind != nScalar {
				return unknownValue(n, unref{ref: name, span: n.span})
			}
			s = d.text
		}
		if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") {
			out := value{kind: vList}
			for _, part := range strings.Split(s, ",") {
				out.list = append(out.list, value{kind: vString, s: part})
			}
			return computed(out, n, via)
		}
		kind := vString
		if typ == "Number" {
			kind = vNumber
		}
		return computed(value{kind: kind, s: s}, n, via)
	}
	if pseudo[name] {
		if name == "AWS::NoValue" {
			return value{kind: vNoValue, from: n}
		}
		if s, ok := e.tpl.input(name); ok {
			return computed(value{kind: vString, s: s}, n, via)
		}
		if region, ok := e.tpl.input("AWS::Region"); ok && (name == "AWS::Partition" || name == "AWS::URLSuffix") {
			part, suffix := "aws", "amazonaws.com"
			switch {
			case strings.HasPrefix(region, "cn-"):
				part, suffix = "aws-cn", "amazonaws.com.cn"
			case strings.HasPrefix(region, "us-gov-"):
				part = "aws-us-gov"
			}
			if name == "AWS::Partition" {
				return computed(value{kind: vString, s: part}, n, via)
			}
			return computed(value{kind: vString, s: suffix}, n, via)
		}
		return unknownValue(n, unref{ref: name, span: n.span})
	}
	if e.tpl.resources.get(name) != nil {
		if s, ok := e.tpl.input(name); ok {
			return computed(value{kind: vString, s: s}, n, via)
		}
		return unknownValue(n, unref{ref: name, span: n.span})
	}
	e.cfnProblem("Template format error: Unresolved resource dependencies ["+name+"] in the Resources block of the template", n.span)
	return unknownValue(n, unref{ref: name, span: n.span})
}

// sub evaluates Fn::Sub: "${Name}" is a variable of the second form's
// map, a parameter, pseudo parameter or resource; "${Res.Attr}" is
// Fn::GetAtt; "${!Literal}" is "${Literal}".
func (e *evaluator) sub(arg, n *node, depth int) value {
	var tmpl *node
	var vars *node
	switch {
	case arg.kind == nScalar:
		tmpl = arg
	case arg.kind == nSeq && len(arg.items) == 2 && arg.items[0].kind == nScalar && arg.items[1].kind == nMap:
		tmpl, vars = arg.items[0], arg.items[1]
	default:
		e.cfnProblem("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string", n.span)
		return unknownValue(n)
	}
	s := tmpl.text
	var b strings.Builder
	var unk []unref
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		name = strings.TrimSpace(name)
		var v value
		switch {
		case vars.get(name) != nil:
			v = e.eval(vars.get(name), depth+1)
		case strings.Contains(name, ".") && !pseudo[name]:
			if in, ok := e.tpl.input(name); ok {
				v = value{kind: vString, s: in}
				break
			}
			res, _, _ := strings.Cut(name, ".")
			if e.tpl.resources.get(res) == nil && e.tpl.params.get(name) == nil {
				e.cfnProblem("Template format error: Unresolved resource dependencies ["+res+"] in the Resources block of the template", n.span)
			}
			v = unknownValue(n, unref{ref: name, span: n.span})
		default:
			v = e.ref(name, n)
		}
		vs, ok := v.str()
		if !ok {
			if v.kind == vList {
				e.cfnProblem("Template error: variable "+name+" in Fn::Sub expression does not resolve to a string", n.span)
			}
			unk = append(unk, v.unknown...)
			continue
		}
		b.WriteString(vs)
	}
	if len(unk) > 0 {
		return unknownValue(n, unk...)
	}
	if b.String() == tmpl.text {
		// Nothing to substitute: as good as a literal, except that its
		// text lies inside the !Sub.
		return computed(value{kind: vString, s: b.String()}, n, "!Sub")
	}
	return computed(value{kind: vString, s: b.String()}, n, "!Sub")
}

func (e *evaluator) findInMap(arg, n *node, depth int) value {
	if arg.kind != nSeq || len(arg.items) < 3 {
		e.cfnProblem("Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value", n.span)
		return unknownValue(n)
	}
	var keys [3]string
	var unk []unref
	for i := range 3 {
		v := e.eval(arg.items[i], depth+1)
		s, ok := v.str()
		if !ok {
			unk = append(unk, v.unknown...)
			continue
		}
		keys[i] = s
	}
	if len(unk) > 0 {
		return unknownValue(n, unk...)
	}
	m := e.tpl.mappings.get(keys[0])
	if m == nil {
		e.cfnProblem("Template error: Mapping named '"+keys[0]+"' is not present in the 'Mappings' section of template.", n.span)
		return unknownValue(n)
	}
	v := m.get(keys[1]).get(keys[2])
	if v == nil {
		if len(arg.items) == 4 { // AWS::LanguageExtensions: {DefaultValue: …}
			if d := arg.items[3].get("DefaultValue"); d != nil {
				return e.eval(d, depth+1)
			}
		}
		e.cfnProblem("Template error: Unable to get mapping for "+keys[0]+"::"+keys[1]+"::"+keys[2], n.span)
		return unknownValue(n)
	}
	// The value is written in the Mappings section, where it can be
	// edited; but it serves every key that maps to it.
	return computed(e.eval(v, depth+1), n, "!FindInMap ["+keys[0]+", "+keys[1]+", "+keys[2]+"]")
}

// condition evaluates a named condition of the Conditions section.
func (e *evaluator) condition(name string, at *node) condResult {
	if c, ok := e.conds[name]; ok {
		return *c
	}
	def := e.tpl.conditions.get(name)
	if def == nil {
		e.cfnProblem("Template format error: Unresolved dependencies ["+name+"]. Cannot reference resources in the Conditions block of the template", at.span)
		return condResult{unknown: []unref{{ref: "Condition " + name, span: at.span}}}
	}
	if e.busy[name] {
		e.cfnProblem("Template error: condition "+name+" refers to itself", def.span)
		return condResult{}
	}
	e.busy[name] = true
	c := e.condExpr(def, 0)
	delete(e.busy, name)
	e.conds[name] = &c
	return c
}

// condExpr evaluates a condition function: Fn::Equals, Fn::And, Fn::Or,
// Fn::Not, Condition.
func (e *evaluator) condExpr(n *node, depth int) condResult {
	if !e.spend(n) || depth > MaxDepth {
		return condResult{}
	}
	fn, arg := intrinsic(n)
	if fn == "" && n.kind == nMap && len(n.keys) == 1 && n.keys[0].text == "Condition" {
		fn, arg = "Condition", n.vals[0]
	}
	switch fn {
	case "Condition":
		if arg.kind != nScalar {
			return condResult{}
		}
		return e.condition(arg.text, n)
	case "Fn::Equals":
		if arg.kind != nSeq || len(arg.items) != 2 {
			e.cfnProblem("Template error: Fn::Equals requires a list argument with two elements", n.span)
			return condResult{}
		}
		a, b := e.eval(arg.items[0], depth+1), e.eval(arg.items[1], depth+1)
		as, ok1 := a.str()
		bs, ok2 := b.str()
		if !ok1 || !ok2 {
			return condResult{unknown: append(a.unknown, b.unknown...)}
		}
		return condResult{val: as == bs, known: true}
	case "Fn::Not":
		if arg.kind != nSeq || len(arg.items) != 1 {
			e.cfnProblem("Template error: Fn::Not requires a list argument with one function token", n.span)
			return condResult{}
		}
		c := e.condExpr(arg.items[0], depth+1)
		c.val = !c.val
		return c
	case "Fn::And", "Fn::Or":
		if arg.kind != nSeq || len(arg.items) < 2 || len(arg.items) > 10 {
			e.cfnProblem("Template error: "+fn+" requires a list argument with between 2 and 10 function tokens", n.span)
			return condResult{}
		}
		and := fn == "Fn::And"
		out := condResult{val: and, known: true}
		for _, it := range arg.items {
			c := e.condExpr(it, depth+1)
			switch {
			case !c.known:
				out.known = false
				out.unknown = append(out.unknown, c.unknown...)
			case c.val != and:
				// One false operand decides And (one true, Or),
				// whatever the unknown ones are.
				return condResult{val: !and, known: true}
			}
		}
		return out
	}
	v := e.eval(n, depth+1)
	if v.kind == vBool {
		return condResult{val: v.s == "true", known: true}
	}
	return condResult{unknown: v.unknown}
}
