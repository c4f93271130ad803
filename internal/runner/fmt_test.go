package runner

import (
	"errors"
	"fmt"
	"testing"

	"corsplay/internal/scenario"
)

// TestMessagesMatchFmt: the messages built by concatenation are the ones
// fmt built from the format strings they had.
func TestMessagesMatchFmt(t *testing.T) {
	many := make(scenario.Headers, scenario.MaxHeaders+1)
	for i := range many {
		many[i] = [2]string{"X", "v"}
	}
	reqs := []struct {
		r    scenario.Request
		want string
	}{
		{scenario.Request{Method: " GE\"T "}, fmt.Sprintf("request.method %q is not an HTTP method name", "GE\"T")},
		{scenario.Request{Method: "G\xffT"}, fmt.Sprintf("request.method %q is not an HTTP method name", "G\xffT")},
		{scenario.Request{Method: "GET", Target: "objekt\u2028"}, fmt.Sprintf(`request.target %q must be "object", "bucket" or "service"`, "objekt\u2028")},
		{scenario.Request{Method: "GET", Headers: many}, fmt.Sprintf("request.headers has %d headers; corsplay takes at most %d", len(many), scenario.MaxHeaders)},
		{scenario.Request{Method: "GET", Headers: scenario.Headers{{"Bad Name", "v"}}}, fmt.Sprintf("request header name %q is not a valid HTTP header name", "Bad Name")},
		{scenario.Request{Method: "GET", Headers: scenario.Headers{{"X-A", "a\r\nb"}}}, fmt.Sprintf("the value of request header %q contains a line break or NUL, which HTTP does not allow", "X-A")},
		{scenario.Request{Method: "GET", OperationStatus: 600}, fmt.Sprintf("request.operationStatus %d is not an HTTP status (100–599)", 600)},
		{scenario.Request{Method: "GET", OperationStatus: -1}, fmt.Sprintf("request.operationStatus %d is not an HTTP status (100–599)", -1)},
	}
	for _, tt := range reqs {
		if _, err := s3Request(tt.r); err == nil || err.Error() != tt.want {
			t.Errorf("s3Request(%+v): %v, want %q", tt.r, err, tt.want)
		}
	}

	for _, o := range []string{"lints", "", "\"\x00é"} {
		out := Run(scenario.Input{Omit: []string{o}})
		want := fmt.Sprintf("omit: %q is not a section that can be omitted (only \"lint\", \"values\", \"browser-evaluations\", \"fix\", \"rule-checks\", \"rule-fields\" and \"rules\")", o)
		if out.Error == nil || out.Error.Message != want {
			t.Errorf("omit %q: %+v, want %q", o, out.Error, want)
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
		got := runJSON(func(scenario.Input) scenario.Output { p(); return scenario.Output{} }, in)
		if string(got) != string(want) {
			t.Errorf("panic %v: %s, want %s", v, got, want)
		}
	}
}
