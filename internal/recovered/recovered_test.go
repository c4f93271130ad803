package recovered_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"corsplay/internal/recovered"
)

type stringer struct{ s string }

func (s stringer) String() string { return "S:" + s.s }

type both struct{}

func (both) Error() string  { return "the error" }
func (both) String() string { return "the string" }

type named string

func (n named) String() string { return strings.ToUpper(string(n)) }

// recoverFrom runs f and returns what it panicked with.
func recoverFrom(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestTextMatchesFmt(t *testing.T) {
	var m map[string]int
	var p *struct{ x int }
	var s []int
	i := 5
	values := []any{
		recoverFrom(func() { m["k"]++ }),
		recoverFrom(func() { _ = p.x }),
		recoverFrom(func() { _ = s[i] }),
		recoverFrom(func() { _ = i / (i - 5) }),
		recoverFrom(func() { var e any = "x"; _ = e.(int) }),
		recoverFrom(func() { panic(nil) }),
		recoverFrom(func() { panic("examples: broken") }),
		recoverFrom(func() { panic(errors.New("wrapped")) }),
		recoverFrom(func() { panic(fmt.Errorf("ctx: %w", errors.New("inner"))) }),
		stringer{"x"}, &stringer{"y"}, both{}, named("abc"),
		"", "é\x00\xff", true, false,
		0, -1, math.MaxInt64, math.MinInt64, int8(-128), int16(300), int32(-7), int64(1 << 40),
		uint(7), uint8(255), uint16(65535), uint32(1 << 31), uint64(math.MaxUint64), uintptr(42),
	}
	for _, v := range values {
		if got, want := recovered.Text(v), fmt.Sprint(v); got != want {
			t.Errorf("Text(%#v) = %q, fmt.Sprint gives %q", v, got, want)
		}
		if got, want := "internal error: "+recovered.Text(v)+" (please report this scenario)", fmt.Sprintf("internal error: %v (please report this scenario)", v); got != want {
			t.Errorf("%q, fmt gives %q", got, want)
		}
	}
	if got := recovered.Text(struct{ a int }{1}); got != "(a panic value of an unprinted type)" {
		t.Errorf("struct: %q", got)
	}
}
