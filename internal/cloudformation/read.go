package cloudformation

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/iac"
)

// Detect reports whether src looks like a CloudFormation template (or a
// SAM or Serverless file holding one) rather than a CORS configuration in
// one of S3's own forms: it names an AWS:: resource type under a
// Resources section.
func Detect(src []byte) bool {
	if len(src) > MaxTemplate {
		src = src[:MaxTemplate]
	}
	if !bytes.Contains(src, []byte("AWS::")) {
		return false
	}
	return bytes.Contains(src, []byte("Resources")) || bytes.Contains(src, []byte("AWSTemplateFormatVersion"))
}

// Read reads a template and returns every S3 CORS configuration it
// declares. A file that cannot be read at all (too large, not YAML or
// JSON, a hostile construct) gives a File with one Problem and no Sources.
func Read(src []byte, in iac.Inputs) *iac.File {
	f := &iac.File{Kind: iac.CloudFormation, Sources: []*iac.Source{}, Problems: []iac.Problem{}}
	t := newPosTable(src)
	if len(src) > MaxTemplate {
		f.Problems = append(f.Problems, problemAt("the file is "+strconv.Itoa(len(src))+" bytes; corsplay reads templates up to "+strconv.Itoa(MaxTemplate)+" bytes, CloudFormation's own limit", t.pos(0)))
		return f
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\uFEFF")), " \t\r\n")
	var root *node
	var perr *parseError
	if len(body) > 0 && body[0] == '{' {
		root, perr = readJSON(src, t)
	} else {
		root, perr = readYAML(src, t)
	}
	if perr != nil {
		f.Problems = append(f.Problems, problemAt(perr.msg, perr.pos))
		return f
	}
	if root.kind != nMap {
		f.Problems = append(f.Problems, problemAt("a template is a mapping with a Resources section", root.span.Start))
		return f
	}
	tpl := &template{in: in, root: root}
	doc := root
	if res := root.get("resources"); res != nil && root.get("Resources") == nil {
		// A Serverless Framework file: CloudFormation lives under
		// resources:, beside the Framework's own keys.
		doc, tpl.serverless = res, true
	}
	tpl.params, tpl.mappings, tpl.conditions, tpl.resources =
		doc.get("Parameters"), doc.get("Mappings"), doc.get("Conditions"), doc.get("Resources")
	if tpl.resources == nil || tpl.resources.kind != nMap {
		f.Problems = append(f.Problems, problemAt("no Resources section: CloudFormation requires at least one resource", root.span.Start))
		return f
	}
	e := &evaluator{tpl: tpl, conds: map[string]*condResult{}, busy: map[string]bool{}}
	for i, k := range tpl.resources.keys {
		r := tpl.resources.vals[i]
		if r.get("Type") == nil || r.get("Type").text != "AWS::S3::Bucket" {
			continue
		}
		e.work = 0
		if s := bucket(e, k, r, len(src)); s != nil {
			f.Sources = append(f.Sources, s)
		}
	}
	f.Inputs = inputs(tpl)
	return f
}

// inputs are the template's parameters and every other name its CORS
// rules asked a value for (AWS::Region, an import, a Serverless variable),
// sorted.
func inputs(tpl *template) []string {
	seen := map[string]bool{}
	for n := range tpl.asked {
		seen[n] = true
	}
	if tpl.params != nil && tpl.params.kind == nMap {
		for _, k := range tpl.params.keys {
			seen[k.text] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// InputName is the name under which a person supplies the value of an
// Unknown's Ref: the Ref itself (a parameter, AWS::Region, Res.Attr,
// ImportValue:Name), or for a Serverless variable "${env:X, 'a'}" its
// source, "env:X".
func InputName(ref string) string {
	if inner, ok := strings.CutPrefix(ref, "${"); ok {
		inner = strings.TrimSuffix(inner, "}")
		name, _, _ := strings.Cut(inner, ",")
		return strings.TrimSpace(name)
	}
	return ref
}

// CloudFormation's property names, and the fields they map to.
var fields = []struct {
	name  string
	field config.Field
	list  bool
}{
	{"AllowedHeaders", config.FieldAllowedHeader, true},
	{"AllowedMethods", config.FieldAllowedMethod, true},
	{"AllowedOrigins", config.FieldAllowedOrigin, true},
	{"ExposedHeaders", config.FieldExposeHeader, true},
	{"Id", config.FieldID, false},
	{"MaxAge", config.FieldMaxAgeSeconds, false},
}

// methods are the AllowedMethods values the AWS::S3::Bucket resource
// schema's enum allows (aws-cloudformation/cfn-lint,
// src/cfnlint/data/schemas/providers/us_east_1/aws-s3-bucket.json,
// definitions.CorsRule).
var methods = map[string]bool{"GET": true, "PUT": true, "HEAD": true, "POST": true, "DELETE": true}

// bucket reads one AWS::S3::Bucket; nil when it declares no CORS.
func bucket(e *evaluator, key, res *node, size int) *iac.Source {
	props := res.get("Properties")
	corsNode := props.get("CorsConfiguration")
	if corsNode == nil {
		return nil
	}
	id := key.text
	src := &iac.Source{
		Address: id,
		Span:    config.Span{Start: key.span.Start, End: res.span.End},
		Config:  &config.Config{Form: config.CloudFormation, Size: size, Rules: []config.Rule{}},
		Written: []int{},
	}
	e.problems = nil
	if md := res.get("Metadata").get("aws:cdk:path"); md != nil && md.kind == nScalar {
		src.Notes = append(src.Notes, "CDK construct "+md.text)
	}
	if c := res.get("Condition"); c != nil && c.kind == nScalar {
		r := e.condition(c.text, c)
		switch {
		case r.known && !r.val:
			return nil // not created: nothing reaches S3
		case !r.known:
			src.Notes = append(src.Notes, "created only when condition "+c.text+" holds, which is not known")
			addUnknowns(src, r.unknown, -1, "")
		}
	}
	prefix := "Properties validation failed for resource " + id + " with message: "
	refuse := func(path, msg string, sp config.Span) {
		src.Problems = append(src.Problems, iac.Problem{Tool: "cloudformation", Msg: prefix + "#/CorsConfiguration" + path + ": " + msg, Span: sp})
	}
	cors := e.eval(corsNode, 0)
	defer func() {
		src.Problems = append(e.problems, src.Problems...)
		sort.SliceStable(src.Problems, func(i, j int) bool {
			return src.Problems[i].Span.Start.Offset < src.Problems[j].Span.Start.Offset
		})
	}()
	switch cors.kind {
	case vNoValue:
		return nil
	case vUnknown:
		addUnknowns(src, cors.unknown, -1, "")
		return src
	case vMap:
	default:
		refuse("", "expected type: JSONObject, found: "+jsonType(cors), cors.from.span)
		return src
	}
	var rules value
	found := false
	for i, k := range cors.keys {
		if k.text != "CorsRules" {
			refuse("", "extraneous key ["+k.text+"] is not permitted", k.span)
			continue
		}
		rules, found = cors.vals[i], true
	}
	if !found {
		refuse("", "required key [CorsRules] not found", spanStart(corsNode))
		return src
	}
	src.Config.Root = config.Root{Name: "CorsRules", Span: rules.from.span}
	switch rules.kind {
	case vUnknown:
		addUnknowns(src, rules.unknown, -1, "")
		return src
	case vList:
	default:
		refuse("/CorsRules", "expected type: JSONArray, found: "+jsonType(rules), rules.from.span)
		return src
	}
	if dup := duplicateItem(rules.list); dup >= 0 {
		refuse("/CorsRules", "array items are not unique", rules.list[dup].from.span)
	}
	for i, rv := range rules.list {
		path := "/CorsRules/" + strconv.Itoa(i)
		rule := config.Rule{Index: i, Values: []config.Value{}}
		if rv.from != nil {
			rule.Span = rv.from.span
		}
		switch rv.kind {
		case vUnknown:
			addUnknowns(src, rv.unknown, i, "")
			src.Config.Rules = append(src.Config.Rules, rule)
			src.Written = append(src.Written, i)
			continue
		case vMap:
		default:
			refuse(path, "expected type: JSONObject, found: "+jsonType(rv), rv.from.span)
			continue
		}
		has := map[string]bool{}
		for j, k := range rv.keys {
			fi := fieldIndex(k.text)
			if fi < 0 {
				refuse(path, "extraneous key ["+k.text+"] is not permitted", k.span)
				continue
			}
			has[k.text] = true
			fd := fields[fi]
			v := rv.vals[j]
			fpath := path + "/" + fd.name
			if v.kind == vUnknown {
				addUnknowns(src, v.unknown, i, fd.field)
				continue
			}
			if !fd.list {
				ruleScalar(&rule, fd.field, v, fpath, refuse)
				continue
			}
			if v.kind != vList {
				refuse(fpath, "expected type: JSONArray, found: "+jsonType(v), v.from.span)
				continue
			}
			if dup := duplicateItem(v.list); dup >= 0 {
				refuse(fpath, "array items are not unique", v.list[dup].from.span)
			}
			for n, it := range v.list {
				if it.kind == vUnknown {
					addUnknowns(src, it.unknown, i, fd.field)
					continue
				}
				s, ok := it.str()
				if !ok {
					refuse(fpath+"/"+strconv.Itoa(n), "expected type: String, found: "+jsonType(it), it.from.span)
					continue
				}
				if fd.field == config.FieldAllowedMethod && !methods[s] {
					refuse(fpath+"/"+strconv.Itoa(n), s+" is not a valid enum value", it.from.span)
				}
				rule.Values = append(rule.Values, config.Value{Field: fd.field, Text: s, Span: it.from.span, Kind: "string"})
			}
		}
		for _, req := range []string{"AllowedMethods", "AllowedOrigins"} {
			if !has[req] {
				refuse(path, "required key ["+req+"] not found", spanStart(rv.from))
			}
		}
		src.Config.Rules = append(src.Config.Rules, rule)
		src.Written = append(src.Written, i)
	}
	return src
}

// ruleScalar adds Id or MaxAge, checked against the resource schema: Id a
// string of at most 255 characters, MaxAge an integer of at least 0.
// CloudFormation converts a template's scalars to the schema's types, so
// MaxAge: "3600" is 3600 and Id: 7 is "7".
func ruleScalar(rule *config.Rule, f config.Field, v value, path string, refuse func(path, msg string, sp config.Span)) {
	s, ok := v.str()
	if !ok {
		want := "String"
		if f == config.FieldMaxAgeSeconds {
			want = "Integer"
		}
		refuse(path, "expected type: "+want+", found: "+jsonType(v), v.from.span)
		return
	}
	kind := "string"
	if f == config.FieldMaxAgeSeconds {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil && v.kind == vNumber {
			// YAML's other integer forms (0x10, 0o17) are integers too.
			if n, err = strconv.ParseInt(s, 0, 64); err == nil {
				s = strconv.FormatInt(n, 10)
			}
		}
		if err != nil {
			found := "String"
			if v.kind == vNumber {
				found = "Double"
			}
			if v.kind == vBool {
				found = "Boolean"
			}
			refuse(path, "expected type: Integer, found: "+found, v.from.span)
			return
		}
		if n < 0 {
			refuse(path, s+" is not greater or equal to 0", v.from.span)
		}
		kind = "number"
	}
	if f == config.FieldID && len([]rune(s)) > 255 {
		refuse(path, "expected maxLength: 255, actual: "+strconv.Itoa(len([]rune(s))), v.from.span)
	}
	rule.Values = append(rule.Values, config.Value{Field: f, Text: s, Span: v.from.span, Kind: kind})
}

func fieldIndex(name string) int {
	for i, f := range fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// jsonType names a value's type as the schema validator's messages do.
func jsonType(v value) string {
	switch v.kind {
	case vString:
		return "String"
	case vNumber:
		if _, err := strconv.ParseInt(v.s, 10, 64); err == nil {
			return "Integer"
		}
		return "Double"
	case vBool:
		return "Boolean"
	case vList:
		return "JSONArray"
	case vMap:
		return "JSONObject"
	}
	return "Null"
}

// duplicateItem returns the index of the first item equal to an earlier
// one (the schema's uniqueItems), or -1. Only known scalars and mappings
// of them are compared.
func duplicateItem(list []value) int {
	seen := map[string]bool{}
	for i, v := range list {
		k, ok := canon(v, 0)
		if !ok {
			continue
		}
		if seen[k] {
			return i
		}
		seen[k] = true
	}
	return -1
}

// canon is a value's text for comparison.
func canon(v value, depth int) (string, bool) {
	if depth > 4 {
		return "", false
	}
	switch v.kind {
	case vString, vNumber, vBool:
		return strconv.Quote(v.s), true
	case vList:
		s := "["
		for _, it := range v.list {
			c, ok := canon(it, depth+1)
			if !ok {
				return "", false
			}
			s += c + ","
		}
		return s + "]", true
	case vMap:
		s := "{"
		for i, k := range v.keys {
			c, ok := canon(v.vals[i], depth+1)
			if !ok {
				return "", false
			}
			s += strconv.Quote(k.text) + ":" + c + ","
		}
		return s + "}", true
	}
	return "", false
}

func spanStart(n *node) config.Span {
	if n == nil {
		return config.Span{}
	}
	return config.Span{Start: n.span.Start, End: n.span.Start}
}

func addUnknowns(src *iac.Source, refs []unref, rule int, f config.Field) {
next:
	for _, r := range refs {
		for _, u := range src.Unknowns {
			if u.Ref == r.ref && u.Span == r.span && u.Rule == rule && u.Field == f {
				continue next
			}
		}
		src.Unknowns = append(src.Unknowns, iac.Unknown{Ref: r.ref, Span: r.span, Rule: rule, Field: f})
	}
}
