package convert

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
	for _, src := range []string{"<CORSConfiguration><CORSRule>", "{\n  \"CORSRules\": [", "\n\n   <a></b>"} {
		_, err := config.Parse([]byte(src))
		var se *config.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("config.Parse(%q): %v, want a syntax error", src, err)
		}
		want := fmt.Sprintf("line %d, column %d: %s", se.Pos.Line, se.Pos.Column, se.Msg)
		if _, err := To([]byte(src), "xml"); err == nil || err.Error() != want {
			t.Errorf("To(%q): %v, want %q", src, err, want)
		}
	}
	xml := "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"
	for _, to := range []string{"yaml", "", "x\"y"} {
		want := fmt.Sprintf("unknown target %q: use one of %s", to, strings.Join(Targets, ", "))
		if _, err := To([]byte(xml), to); err == nil || err.Error() != want {
			t.Errorf("Convert to %q: %v, want %q", to, err, want)
		}
	}

}
