package highlight

import (
	"fmt"
	"strings"
	"testing"
)

// TestMessagesMatchFmt: the message built by concatenation is the one
// fmt built from the format string it had.
func TestMessagesMatchFmt(t *testing.T) {
	for _, lang := range []string{"toml", "", "X\"\x00é"} {
		want := fmt.Sprintf("highlight: unknown language %q (want one of %s)", lang, strings.Join(Languages, ", "))
		if _, err := HTML("<a/>", lang); err == nil || err.Error() != want {
			t.Errorf("HTML(_, %q): %v, want %q", lang, err, want)
		}
	}
}
