package expect

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The JSON Schema in docs/ and the decoder must agree: every example file
// validates; every file the decoder refuses for a reason a schema can
// state is refused by the schema too. What only the decoder checks is
// listed by name.

const schemaPath = "../../docs/corsplay-tests.schema.json"

// beyondSchema are decodeErrorCases a JSON Schema cannot refuse (or that
// are not JSON at all).
var beyondSchema = map[string]string{
	"empty":                       "not JSON",
	"repeated member":             "JSON Schema sees objects after repeated names are merged",
	"trailing data":               "not JSON",
	"duplicate name":              "uniqueness of a member across items",
	"fetch bad url":               "URL syntax and scheme",
	"request header with newline": "header values",
	"readable and not":            "a header in two lists",
	"preflight in no-cors":        "mode and preflight together",
	"expected header repeated":    "names that differ only in case",
	"bad escape":                  "not JSON",
	"unterminated string":         "not JSON",
	"missing comma":               "not JSON",
	"deep nesting":                "not JSON",
	"huge number":                 "1e999999999 is an integer to JSON Schema",
}

func loadSchema(t testing.TB) map[string]any {
	t.Helper()
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, strconv.ErrSyntax
	}
	return v, nil
}

func TestSchemaExamples(t *testing.T) {
	schema := loadSchema(t)
	files, _ := filepath.Glob("testdata/*.json")
	examples := map[string][]byte{}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		examples[name] = b
	}
	// The test files docs/tests.md shows, in ```json blocks.
	doc, err := os.ReadFile("../../docs/tests.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, block := range strings.Split(string(doc), "```json\n")[1:] {
		if block, _, _ = strings.Cut(block, "```"); strings.Contains(block, `"format": "corsplay-tests/1"`) {
			examples["docs/tests.md block "+strconv.Itoa(i+1)] = []byte(block)
		}
	}
	if len(examples) < len(files)+1 {
		t.Fatalf("docs/tests.md shows %d test files", len(examples)-len(files))
	}
	for name, b := range examples {
		if _, err := Decode(b); err != nil {
			t.Errorf("%s: the decoder refuses it: %v", name, err)
		}
		v, err := decodeJSON(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if msg := validate(schema, schema, v, "$"); msg != "" {
			t.Errorf("%s: the schema refuses it: %s", name, msg)
		}
	}
}

func TestSchemaRefusesWhatTheDecoderRefuses(t *testing.T) {
	schema := loadSchema(t)
	for _, c := range decodeErrorCases() {
		t.Run(c.name, func(t *testing.T) {
			v, err := decodeJSON([]byte(c.in))
			if err != nil {
				if _, listed := beyondSchema[c.name]; !listed {
					t.Errorf("not JSON (%v); list it in beyondSchema", err)
				}
				return
			}
			msg := validate(schema, schema, v, "$")
			_, listed := beyondSchema[c.name]
			if msg == "" && !listed {
				t.Errorf("the decoder refuses it (%s) but the schema takes it", c.msg)
			}
		})
	}
}

// validate checks v against schema s (the JSON Schema 2020-12 keywords the
// corsplay-tests schema uses) and returns the first violation, or "".
func validate(root, s map[string]any, v any, at string) string {
	if ref, ok := s["$ref"].(string); ok {
		target := root
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			target = target[part].(map[string]any)
		}
		if msg := validate(root, target, v, at); msg != "" {
			return msg
		}
	}
	if t, ok := s["type"]; ok && !typeIs(t, v) {
		return at + ": not of type " + strings.Trim(strings.ReplaceAll(jsonText(t), `"`, ""), "[]")
	}
	if c, ok := s["const"]; ok && jsonText(c) != jsonText(v) {
		return at + ": not " + jsonText(c)
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			found = found || jsonText(x) == jsonText(v)
		}
		if !found {
			return at + ": not one of " + jsonText(e)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if msg := validateObject(root, s, x, at); msg != "" {
			return msg
		}
	case []any:
		if msg := validateArray(root, s, x, at); msg != "" {
			return msg
		}
	case string:
		n := utf8.RuneCountInString(x)
		if m, ok := s["minLength"].(float64); ok && float64(n) < m {
			return at + ": too short"
		}
		if m, ok := s["maxLength"].(float64); ok && float64(n) > m {
			return at + ": too long"
		}
		if p, ok := s["pattern"].(string); ok && !ecma(p).MatchString(x) {
			return at + ": does not match " + p
		}
	case json.Number:
		f, _ := x.Float64()
		if m, ok := s["minimum"].(float64); ok && f < m {
			return at + ": below the minimum"
		}
		if m, ok := s["maximum"].(float64); ok && f > m {
			return at + ": above the maximum"
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			if msg := validate(root, sub.(map[string]any), v, at); msg != "" {
				return msg
			}
		}
	}
	if any_, ok := s["anyOf"].([]any); ok {
		ok := false
		for _, sub := range any_ {
			ok = ok || validate(root, sub.(map[string]any), v, at) == ""
		}
		if !ok {
			return at + ": matches none of anyOf"
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		n, first := 0, ""
		for _, sub := range one {
			if msg := validate(root, sub.(map[string]any), v, at); msg == "" {
				n++
			} else if first == "" {
				first = msg
			}
		}
		if n != 1 {
			return at + ": matches " + strconv.Itoa(n) + " of oneOf (" + first + ")"
		}
	}
	if not, ok := s["not"].(map[string]any); ok && validate(root, not, v, at) == "" {
		return at + ": matches what is refused (not)"
	}
	if cond, ok := s["if"].(map[string]any); ok && validate(root, cond, v, at) == "" {
		if then, ok := s["then"].(map[string]any); ok {
			if msg := validate(root, then, v, at); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func validateObject(root, s map[string]any, x map[string]any, at string) string {
	for _, r := range asList(s["required"]) {
		if _, ok := x[r.(string)]; !ok {
			return at + ": " + r.(string) + " is required"
		}
	}
	if m, ok := s["maxProperties"].(float64); ok && float64(len(x)) > m {
		return at + ": too many members"
	}
	props, _ := s["properties"].(map[string]any)
	for k, val := range x {
		if pn, ok := s["propertyNames"].(map[string]any); ok {
			if msg := validate(root, pn, k, at+"["+strconv.Quote(k)+"]"); msg != "" {
				return msg
			}
		}
		if p, ok := props[k]; ok {
			if msg := validate(root, p.(map[string]any), val, at+"."+k); msg != "" {
				return msg
			}
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				return at + ": " + k + " is not allowed"
			}
		case map[string]any:
			if msg := validate(root, ap, val, at+"."+k); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func validateArray(root, s map[string]any, x []any, at string) string {
	if m, ok := s["minItems"].(float64); ok && float64(len(x)) < m {
		return at + ": too few items"
	}
	if m, ok := s["maxItems"].(float64); ok && float64(len(x)) > m {
		return at + ": too many items"
	}
	prefix := asList(s["prefixItems"])
	for i, item := range x {
		sub, _ := s["items"].(map[string]any)
		if i < len(prefix) {
			sub = prefix[i].(map[string]any)
		}
		if sub != nil {
			if msg := validate(root, sub, item, at+"["+strconv.Itoa(i)+"]"); msg != "" {
				return msg
			}
		}
	}
	if c, ok := s["contains"].(map[string]any); ok {
		found := false
		for _, item := range x {
			found = found || validate(root, c, item, at) == ""
		}
		if !found {
			return at + ": contains no matching item"
		}
	}
	return ""
}

// ecma compiles a JSON Schema pattern (ECMA-262) with Go's regexp: the
// schema's patterns use nothing else of ECMA's but \uXXXX.
func ecma(p string) *regexp.Regexp {
	return regexp.MustCompile(regexp.MustCompile(`\\u([0-9a-fA-F]{4})`).ReplaceAllString(p, `\x{$1}`))
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func typeIs(t any, v any) bool {
	if l, ok := t.([]any); ok {
		for _, x := range l {
			if typeIs(x, v) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := n.Float64()
		return err == nil && f == math.Trunc(f) || err != nil && !strings.ContainsAny(n.String(), ".")
	case "number":
		_, ok := v.(json.Number)
		return ok
	}
	return false
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
