package header_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"corsplay/internal/header"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    header.List
		out     string // MarshalJSON of the result
		wantErr string
	}{
		{name: "object", in: `{"Origin": "https://a", "X-A": "1"}`, want: header.List{{"Origin", "https://a"}, {"X-A", "1"}}, out: `{"Origin":"https://a","X-A":"1"}`},
		{name: "pairs keep repeats", in: `[["X-A", "1"], ["x-a", "2"]]`, want: header.List{{"X-A", "1"}, {"x-a", "2"}}, out: `[["X-A","1"],["x-a","2"]]`},
		{name: "null", in: `null`, want: nil, out: `{}`},
		{name: "not a string", in: `{"Origin": 5}`, wantErr: "must be a string"},
		{name: "bad pair", in: `[["a"]]`, wantErr: "each pair"},
		{name: "not an object", in: `"x"`, wantErr: "must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l header.List
			err := json.Unmarshal([]byte(tt.in), &l)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l) != len(tt.want) {
				t.Fatalf("got %v, want %v", l, tt.want)
			}
			for i := range l {
				if l[i] != tt.want[i] {
					t.Errorf("got %v, want %v", l, tt.want)
				}
			}
			b, _ := json.Marshal(l)
			if string(b) != tt.out {
				t.Errorf("marshal = %s, want %s", b, tt.out)
			}
		})
	}
}

func TestGet(t *testing.T) {
	l := header.List{{"Origin", "a"}, {"origin", "b"}}
	if v, ok := l.Get("ORIGIN"); !ok || v != "a" {
		t.Errorf("Get = %q %v, want the first, case-insensitively", v, ok)
	}
	if _, ok := l.Get("Vary"); ok {
		t.Error("Get found a missing header")
	}
}

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{"Content-Type": true, "x-amz-*": true, "": false, "a b": false, "a:b": false, "é": false, "!#$%&'*+-.^_`|~09Az": true} {
		if got := header.IsToken(s); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestJSONEscapesAndOrder(t *testing.T) {
	var l header.List
	in := `{ "X-B" : "2" , "X-\u0041" : "a\"b\\c\n", "é": "ü" }`
	if err := json.Unmarshal([]byte(in), &l); err != nil {
		t.Fatal(err)
	}
	want := header.List{{"X-B", "2"}, {"X-A", "a\"b\\c\n"}, {"é", "ü"}}
	if len(l) != len(want) {
		t.Fatalf("got %q", l)
	}
	for i := range want {
		if l[i] != want[i] {
			t.Errorf("got %q, want %q", l, want)
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	f.Add(`{"a": "b", "c\"": "\u00e9"}`)
	f.Add(`[["a", "b"]]`)
	f.Fuzz(func(t *testing.T, in string) {
		var l header.List
		if err := json.Unmarshal([]byte(in), &l); err != nil {
			return
		}
		// Whatever decodes must agree with a plain map on an object
		// whose names are unique.
		var m map[string]any
		if json.Unmarshal([]byte(in), &m) != nil {
			return
		}
		seen := map[string]bool{}
		for _, kv := range l {
			if seen[kv[0]] {
				return
			}
			seen[kv[0]] = true
		}
		if len(m) != len(l) {
			t.Fatalf("%q: %d pairs, map has %d", in, len(l), len(m))
		}
		for _, kv := range l {
			if m[kv[0]] != kv[1] {
				t.Fatalf("%q: %q = %q, map says %v", in, kv[0], kv[1], m[kv[0]])
			}
		}
	})
}

// stdMarshal is how MarshalJSON wrote a list through encoding/json.
func stdMarshal(l header.List) string {
	seen := map[string]bool{}
	for _, kv := range l {
		k := strings.ToLower(kv[0])
		if seen[k] {
			b, _ := json.Marshal([][2]string(l))
			return string(b)
		}
		seen[k] = true
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, kv := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[0])
		v, _ := json.Marshal(kv[1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}

var marshalCases = []header.List{nil, {}, {{"Origin", "https://a"}}, {{"X-A", "1"}, {"x-a", "2"}},
	{{"a<b>", "c&d"}, {"\u2028", "\xff\"\\\n"}}, {{"K", "1"}, {"\u212a", "2"}}, {{"İ", "1"}, {"i̇", "2"}}, {{"", ""}, {"", ""}}}

func TestMarshalMatchesStd(t *testing.T) {
	for _, l := range marshalCases {
		b, err := l.MarshalJSON()
		if err != nil || string(b) != stdMarshal(l) {
			t.Errorf("%q: MarshalJSON = %s %v, encoding/json wrote %s", l, b, err, stdMarshal(l))
		}
		// Inside another value, whatever its HTML escaping.
		v := struct{ H header.List }{l}
		want, _ := json.Marshal(struct{ H json.RawMessage }{json.RawMessage(stdMarshal(l))})
		if got, _ := json.Marshal(v); string(got) != string(want) {
			t.Errorf("%q in a struct: %s, want %s", l, got, want)
		}
	}
}

func FuzzMarshal(f *testing.F) {
	f.Add("Origin", "https://a", "origin", "b")
	f.Add("a<", "&\u2028", "\xff", "\"\\")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		l := header.List{{k1, v1}, {k2, v2}}
		if b, _ := l.MarshalJSON(); string(b) != stdMarshal(l) {
			t.Errorf("%q: MarshalJSON = %s, encoding/json wrote %s", l, b, stdMarshal(l))
		}
	})
}

// stdPairs is how UnmarshalJSON read a list before: space trimmed,
// json.Unmarshal into [][]string, any error one message, then each pair
// checked.
func stdPairs(b []byte) (header.List, string) {
	b = bytes.TrimSpace(b)
	var pairs [][]string
	if err := json.Unmarshal(b, &pairs); err != nil {
		return nil, "list"
	}
	out := make(header.List, 0, len(pairs))
	for _, p := range pairs {
		if len(p) != 2 {
			return nil, "pair"
		}
		out = append(out, [2]string{p[0], p[1]})
	}
	return out, ""
}

var pairCases = []string{`[]`, `[ ]`, `[["a","b"]]`, ` [ [ "a" , "b" ] , ["c\u0041", "\ud83c\udf89"] ] `, `[null]`,
	`[["a",null]]`, `[[null,null]]`, `[["a"]]`, `[["a","b","c"]]`, `[[]]`, `[5]`, `[["a",5]]`, `[["a","b"],]`,
	`[["a","b"]`, `[["a","b"]] x`, `[{"a":"b"}]`, `[["a\q","b"]]`, "[[\"a\x01\",\"b\"]]", "[[\"\xff\",\"b\"]]",
	`[["a","b"] ["c","d"]]`, `[nul]`, `[["a" "b"]]`, `[[["a"]]]`, `["a"]`, `[["\"]\\",","]]`}

func TestUnmarshalMatchesStd(t *testing.T) {
	for _, in := range pairCases {
		checkPairs(t, in)
	}
}

func checkPairs(t *testing.T, in string) {
	var l header.List
	err := l.UnmarshalJSON([]byte(in))
	want, wantErr := stdPairs([]byte(in))
	switch {
	case wantErr == "list" && (err == nil || !strings.Contains(err.Error(), "a list must hold")),
		wantErr == "pair" && (err == nil || !strings.Contains(err.Error(), "each pair")),
		wantErr == "" && err != nil:
		t.Fatalf("%q: error %v, encoding/json: %q", in, err, wantErr)
	}
	if err == nil && (len(l) != len(want) || l == nil) {
		t.Fatalf("%q: %q, encoding/json read %q", in, l, want)
	}
	for i := range want {
		if err == nil && l[i] != want[i] {
			t.Fatalf("%q: %q, encoding/json read %q", in, l, want)
		}
	}
}

func FuzzUnmarshalPairs(f *testing.F) {
	for _, in := range pairCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.HasPrefix(strings.TrimSpace(in), "[") {
			return
		}
		checkPairs(t, in)
	})
}
