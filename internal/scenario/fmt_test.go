package scenario

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"corsplay/internal/config"
)

// TestMessagesMatchFmt: the messages built by concatenation are the ones
// fmt built from the format strings they had.
func TestMessagesMatchFmt(t *testing.T) {
	many := make(Headers, MaxHeaders+1)
	for i := range many {
		many[i] = [2]string{"X", "v"}
	}
	reqs := []struct {
		r    Request
		want string
	}{
		{Request{Method: " GE\"T "}, fmt.Sprintf("request.method %q is not an HTTP method name", "GE\"T")},
		{Request{Method: "G\xffT"}, fmt.Sprintf("request.method %q is not an HTTP method name", "G\xffT")},
		{Request{Method: "GET", Target: "objekt\u2028"}, fmt.Sprintf(`request.target %q must be "object", "bucket" or "service"`, "objekt\u2028")},
		{Request{Method: "GET", Headers: many}, fmt.Sprintf("request.headers has %d headers; corsplay takes at most %d", len(many), MaxHeaders)},
		{Request{Method: "GET", Headers: Headers{{"Bad Name", "v"}}}, fmt.Sprintf("request header name %q is not a valid HTTP header name", "Bad Name")},
		{Request{Method: "GET", Headers: Headers{{"X-A", "a\r\nb"}}}, fmt.Sprintf("the value of request header %q contains a line break or NUL, which HTTP does not allow", "X-A")},
		{Request{Method: "GET", OperationStatus: 600}, fmt.Sprintf("request.operationStatus %d is not an HTTP status (100–599)", 600)},
		{Request{Method: "GET", OperationStatus: -1}, fmt.Sprintf("request.operationStatus %d is not an HTTP status (100–599)", -1)},
	}
	for _, tt := range reqs {
		if _, err := s3Request(tt.r); err == nil || err.Error() != tt.want {
			t.Errorf("s3Request(%+v): %v, want %q", tt.r, err, tt.want)
		}
	}

	for _, o := range []string{"lints", "", "\"\x00é"} {
		out := Run(Input{Omit: []string{o}})
		want := fmt.Sprintf("omit: %q is not a section that can be omitted (only \"lint\", \"values\", \"browser-evaluations\", \"fix\", \"rule-checks\", \"rule-fields\" and \"rules\")", o)
		if out.Error == nil || out.Error.Message != want {
			t.Errorf("omit %q: %+v, want %q", o, out.Error, want)
		}
	}

	for _, src := range []string{"<CORSConfiguration><CORSRule>", "{\n  \"CORSRules\": [", "\n\n   <a></b>"} {
		_, err := config.Parse([]byte(src))
		var se *config.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("config.Parse(%q): %v, want a syntax error", src, err)
		}
		want := fmt.Sprintf("line %d, column %d: %s", se.Pos.Line, se.Pos.Column, se.Msg)
		if _, err := Convert([]byte(src), "xml"); err == nil || err.Error() != want {
			t.Errorf("Convert(%q): %v, want %q", src, err, want)
		}
	}
	xml := "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"
	for _, to := range []string{"yaml", "", "x\"y"} {
		want := fmt.Sprintf("unknown target %q: use one of %s", to, strings.Join(ConvertTargets, ", "))
		if _, err := Convert([]byte(xml), to); err == nil || err.Error() != want {
			t.Errorf("Convert to %q: %v, want %q", to, err, want)
		}
	}

	in := []byte(`{"bucket": {"cors": null}, "request": {"method": "GET"}}`)
	for _, p := range []func(){
		func() { var m map[string]int; m["k"]++ },
		func() { panic("a string") },
		func() { panic(errors.New("an error")) },
	} {
		var v any
		func() { defer func() { v = recover() }(); p() }()
		want := errorJSON(fmt.Sprintf("internal error: %v (please report this scenario)", v))
		got := runJSON(func(Input) Output { p(); return Output{} }, in)
		if string(got) != string(want) {
			t.Errorf("panic %v: %s, want %s", v, got, want)
		}
	}
}
