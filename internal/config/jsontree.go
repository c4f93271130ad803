package config

import "bytes"

// JSONNode is one JSON value with its place, as ParseJSONTree reads it, for
// readers of documents that embed CORS rules in a larger JSON file
// (CloudFormation templates).
type JSONNode struct {
	Kind    string // "object", "array", "string", "number", "boolean", "null"
	Text    string // a string's contents, a number or literal as written
	Span    Span   // the value's token(s), quotes and brackets included
	Items   []*JSONNode
	Members []JSONMember
}

// JSONMember is one key of an object, in the order written; duplicate
// keys are kept, for the caller to judge.
type JSONMember struct {
	Key     string
	KeySpan Span
	Value   *JSONNode
}

// ParseJSONTree reads one JSON document (an optional byte-order mark, a
// value, white space) with the same parser and limits as Parse, except
// the size, which the caller bounds. It returns a *SyntaxError for text
// that is not well-formed JSON.
func ParseJSONTree(src []byte) (*JSONNode, error) {
	ln := newLines(src)
	body, skip := src, 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		body, skip = src[3:], 3
	}
	sl := shifted(ln, skip)
	p := &jsonParser{src: body, ln: sl}
	top := p.value(0)
	if p.err == nil {
		p.ws()
		if p.i < len(body) {
			p.fail("unexpected text after the JSON value")
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return jsonTree(top, sl), nil
}

func jsonTree(n *jnode, ln *lines) *JSONNode {
	out := &JSONNode{Kind: n.kind.String(), Text: n.text, Span: ln.span(n.start, n.end)}
	if n.kind == jArray {
		out.Items = make([]*JSONNode, len(n.items))
		for i, it := range n.items {
			out.Items[i] = jsonTree(it, ln)
		}
	}
	if n.kind == jObject {
		out.Members = make([]JSONMember, len(n.members))
		for i, m := range n.members {
			// The key's span is taken before the value's: lines.pos counts
			// on from its previous answer, which wants increasing offsets.
			ks := ln.span(m.keyStart, m.keyEnd)
			out.Members[i] = JSONMember{Key: m.key, KeySpan: ks, Value: jsonTree(m.val, ln)}
		}
	}
	return out
}
