// Package recovered writes a recovered panic value as fmt's %v writes it,
// for the engine's "internal error: …" answers. It stands in for fmt in the
// WebAssembly engine (docs/architecture.md, "Stand-ins for the standard library").
package recovered

import "strconv"

// Text is fmt.Sprint(v) for the values a panic carries: an error (a
// runtime error: nil map, index out of range, nil dereference...), a
// fmt.Stringer, a string, a bool or an integer. Any other value (a struct,
// a float, a slice...) would need reflection; it is written as
// "(a panic value of an unprinted type)". recovered_test.go compares Text
// with fmt.Sprint.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case error:
		return x.Error()
	case interface{ String() string }:
		return x.String()
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.FormatInt(int64(x), 10)
	case int8:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint:
		return strconv.FormatUint(uint64(x), 10)
	case uint8:
		return strconv.FormatUint(uint64(x), 10)
	case uint16:
		return strconv.FormatUint(uint64(x), 10)
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case uintptr:
		return strconv.FormatUint(uint64(x), 10)
	}
	return "(a panic value of an unprinted type)"
}
