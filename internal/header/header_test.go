package header_test

import (
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
