package scenario_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"corsplay/internal/examples"
	"corsplay/internal/scenario"
)

// stdDecode is how scenario.DecodeInput read a scenario before the hand-written
// decoder: encoding/json, strict. The two must agree, except that the old
// check for trailing data (Decoder.More) let a stray '}' or ']' through;
// any text after the object is refused now.
func stdDecode(in []byte) (scenario.Input, error) {
	var input scenario.Input
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&input); err != nil {
		return input, err
	}
	if len(bytes.TrimLeft(in[dec.InputOffset():], " \t\r\n")) > 0 {
		return input, os.ErrInvalid
	}
	return input, nil
}

// decodeCorpus is every scenario the project's tests hold, and some that
// are hard to read.
func decodeCorpus(t testing.TB) [][]byte {
	var out [][]byte
	for _, e := range examples.All() {
		b, _ := json.Marshal(e.Scenario)
		out = append(out, b)
	}
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	for _, s := range []string{
		`{"bucket": {"exists": false, "cors": "<a/>"}, "request": {"method": "GET", "target": "bucket", "headers": [["Origin", "x"], ["origin", "y"]], "operationStatus": 404}, "omit": ["lint", null], "browser": "firefox"}`,
		`{"Bucket": {"CORS": "x", "Exists": null}, "REQUEST": {"Method": "PUT"}, "fetch": {"origin": "https://a", "url": "https://b/k", "headers": {"X": "1"}, "credentials": "include", "mode": "cors"}}`,
		`{"bucket": {"cors": "\u00e9\ud83c\udf89\ud800x\\\/\b\f\n\r\t"}, "request": {"method": "GET"}}`,
		"{\"bucket\": {\"cors\": \"caf\xe9 \xff\"}, \"request\": {\"method\": \"GET\"}}",
		`{"request": {"method": "GET"}, "request": {"target": "object"}, "fetch": {"origin": "a"}, "fetch": {"url": "b"}}`,
		`  null  `, `{}`, ``, `[]`, `"x"`, `{"bucket": 5}`, `{"bucket": {"cors": 5}}`, `{"request": {"operationStatus": 200.0}}`,
		`{"request": {"operationStatus": -0}}`, `{"request": {"operationStatus": 1e2}}`, `{"request": {"operationStatus": 99999999999999999999}}`,
		`{"request": {"headers": {"A": 1}}}`, `{"request": {"headers": [["A"]]}}`, `{"request": {"headers": [["A", 2]]}}`, `{"request": {"headers": "x"}}`,
		`{"request": {"method": "GET",}}`, `{"request": {"method": "GET"}} x`, `{"request": {"method": "G\x01"}}`, `{"omit": "lint"}`, `{"omit": [1]}`,
		`{"bucket": {"exists": 1}}`, `{"bucket": {"exists": true, "exists": null}}`, `{"unknown": {}}`, `{"request": {"method": "\q"}}`,
		`{"request": {"method": "\u12"}}`, `{"request": {"method": "GET"}`, `{"request" "x"}`, `{"request": nul}`, `{"browser": tru}`,
		`{"fetch": null, "bucket": null, "request": null, "omit": null, "browser": null}`,
		`{"bucket": {"corsRev": 3, "cors": "<a/>"}}`, `{"bucket": {"corsEdit": {"base": 3, "rev": 4, "from": 1, "to": 2, "text": "\u00e9"}}}`,
		`{"bucket": {"CorsEdit": {"Base": 1}, "corsEdit": {"rev": 2}}}`, `{"bucket": {"corsEdit": null, "corsRev": null}}`,
		`{"bucket": {"corsEdit": {"from": "1"}}}`, `{"bucket": {"corsEdit": {"size": 1}}}`, `{"bucket": {"corsEdit": []}}`, `{"bucket": {"corsRev": 1.5}}`, `{"K` + "\u212a" + `": 1}`,
	} {
		out = append(out, []byte(s))
	}
	return out
}

func checkDecode(t *testing.T, in []byte) {
	got, gotErr := scenario.DecodeInput(in)
	want, wantErr := stdDecode(in)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("%q: hand decoder error %v, encoding/json error %v", in, gotErr, wantErr)
	}
	if gotErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nhand %+v\nstd  %+v", in, got, want)
	}
}

func TestDecodeMatchesStd(t *testing.T) {
	corpus := decodeCorpus(t)
	if len(corpus) < 40 {
		t.Fatalf("only %d scenarios", len(corpus))
	}
	for _, in := range corpus {
		checkDecode(t, in)
	}
}

func FuzzDecodeInput(f *testing.F) {
	for _, in := range decodeCorpus(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<16 {
			return
		}
		checkDecode(t, in)
	})
}

func BenchmarkDecodeInput(b *testing.B) {
	cors := examples.Large(100)
	in, _ := json.Marshal(map[string]any{"bucket": map[string]any{"cors": cors}, "request": map[string]any{"method": "GET",
		"headers": map[string]string{"Origin": "https://a.example"}}, "omit": strings.Fields("lint values")})
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.DecodeInput(in); err != nil {
			b.Fatal(err)
		}
	}
}
