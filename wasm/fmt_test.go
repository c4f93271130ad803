package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMessagesMatchFmt: the messages Call builds by concatenation are the
// ones fmt built from the format strings it had, and a function's error
// is still wrapped (%w).
func TestMessagesMatchFmt(t *testing.T) {
	big := strings.Repeat("x", MaxHighlight+1)
	_, err := Call("highlight", []string{big, "xml"})
	inner := fmt.Errorf("text is %d bytes; highlight takes at most %d", len(big), MaxHighlight)
	if want := fmt.Errorf("corsplay.%s: %w", "highlight", inner).Error(); err == nil || err.Error() != want {
		t.Errorf("big highlight: %v, want %q", err, want)
	}

	sentinel := errors.New("sentinel \"x\"")
	Funcs["fails"] = Func{Params: []string{"a"}, Call: func([]string) (string, error) { return "", sentinel }}
	defer delete(Funcs, "fails")
	_, err = Call("fails", []string{"a"})
	if want := fmt.Errorf("corsplay.%s: %w", "fails", sentinel); err == nil || err.Error() != want.Error() || !errors.Is(err, sentinel) {
		t.Errorf("fails: %v, want %v wrapping the function's error", err, want)
	}

	for _, name := range []string{"eval", "", "a\"b"} {
		if _, err := Call(name, nil); err == nil || err.Error() != fmt.Sprintf("corsplay: no function %q", name) {
			t.Errorf("Call(%q): %v", name, err)
		}
	}

	var log strings.Builder
	PanicLog = &log
	defer func() { PanicLog = os.Stderr }()
	for _, p := range []func(){
		func() { var m map[string]int; m["k"]++ },
		func() { panic("a string") },
		func() { panic(fmt.Errorf("an error")) },
	} {
		var v any
		func() { defer func() { v = recover() }(); p() }()
		Funcs["boom"] = Func{Params: []string{}, Call: func([]string) (string, error) { p(); return "", nil }}
		log.Reset()
		_, err := Call("boom", []string{})
		if want := fmt.Sprintf("corsplay.%s: internal error: %v", "boom", v); err == nil || err.Error() != want {
			t.Errorf("panic %v: %v, want %q", v, err, want)
		}
		if want := fmt.Sprintf("corsplay: panic in %s: %v\n", "boom", v); !strings.HasPrefix(log.String(), want) || !strings.Contains(log.String(), "goroutine ") {
			t.Errorf("panic %v: log %q, want %q and a stack", v, log.String(), want)
		}
	}
	delete(Funcs, "boom")
}
