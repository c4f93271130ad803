package main

import (
	"encoding/json"
	"testing"

	"corsplay/internal/convert"
	"corsplay/internal/examples"
	"corsplay/internal/paste"
)

// stdMarshal is json.Marshal's output, which these answers were before
// they were written by hand.
func stdMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustCall(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := Call(name, args)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAnswersMatchStd compares convert, parsePaste and gallery with what
// they answered through json.Marshal: every example and tricky text in
// every target, console messages and curl commands (and text that is
// neither), and the whole gallery.
func TestAnswersMatchStd(t *testing.T) {
	type answer struct {
		Output string `json:"output"`
		Error  string `json:"error,omitempty"`
	}
	texts := []string{examples.Large(5), `<CORSConfiguration><CORSRule>`, `[{"AllowedOrigins": ["https://a.example?x=<b>&c"], "AllowedMethods": ["GET"], "ID": "\u2028\u00e9"}]`,
		"<CORSConfiguration><CORSRule><ID>a&amp;b</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>x</MaxAgeSeconds></CORSRule></CORSConfiguration>",
		`<CORSConfiguration><Unknown>1</Unknown></CORSConfiguration>`, ""}
	for _, e := range examples.All() {
		if e.Scenario.Bucket.CORS != nil {
			texts = append(texts, *e.Scenario.Bucket.CORS)
		}
	}
	n := 0
	for _, text := range texts {
		for _, to := range append(convert.Targets, "yaml<>") {
			out, err := convert.To([]byte(text), to)
			a := answer{Output: string(out)}
			if err != nil {
				a = answer{Error: err.Error()}
			} else {
				n++
			}
			if got, want := mustCall(t, "convert", text, to), stdMarshal(t, a); got != want {
				t.Errorf("convert(%.30q, %s):\n got %s\nwant %s", text, to, got, want)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d conversions compared", n)
	}
	pastes := []string{
		"GET https://b.s3.amazonaws.com/k net::ERR_FAILED 403\nAccess to fetch at 'https://b.s3.amazonaws.com/k?a=1&b=<2>' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.s3.amazonaws.com/k. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.",
		`curl 'https://b.s3.amazonaws.com/' -H 'Origin: https://app.example.com' -H 'Cookie: a=b' -H 'X-Note: <&>' --data-raw '{"a":1}'`,
		"<img src=x onerror=alert(1)> hello", "",
	}
	for _, text := range pastes {
		r, err := paste.Parse(text)
		want := stdMarshal(t, r)
		if err != nil {
			want = stdMarshal(t, struct {
				Error string `json:"error"`
			}{err.Error()})
		}
		if got := mustCall(t, "parsePaste", text); got != want {
			t.Errorf("parsePaste(%.30q):\n got %s\nwant %s", text, got, want)
		}
	}
	if got, want := mustCall(t, "gallery"), stdMarshal(t, examples.Gallery()); got != want {
		t.Errorf("gallery:\n got %s\nwant %s", got, want)
	}
}
