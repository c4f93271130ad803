package header_test

import (
	"fmt"
	"testing"

	"corsplay/internal/header"
)

// TestMessagesMatchFmt: the message built by concatenation is the one
// fmt built from the format string it had.
func TestMessagesMatchFmt(t *testing.T) {
	for in, name := range map[string]string{
		`{"Origin": 5}`:                       "Origin",
		`{"a": "b", "X-\"q\"\u00e9\n": null}`: "X-\"q\"é\n",
		`{"": []}`:                            "",
	} {
		var l header.List
		want := fmt.Sprintf("headers: the value of %q must be a string", name)
		if err := l.UnmarshalJSON([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("UnmarshalJSON(%s): %v, want %q", in, err, want)
		}
	}
}
