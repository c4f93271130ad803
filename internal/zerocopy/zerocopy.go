// Package zerocopy is the one place corsplay uses package unsafe: views of
// a string's bytes as a []byte and of a []byte as a string, without a copy.
//
// Why: a configuration is up to 64 KB and the page evaluates it at every
// keystroke. In WebAssembly, copying it between string and []byte at each
// step (the bridge's argument, the parsers' input, the answer handed back)
// was a large part of a keystroke's time.
//
// The rule that makes it safe: bytes seen both ways are never written.
// Bytes returns memory the Go runtime treats as immutable, so nothing may
// write to the slice; String's caller must not write to the slice (or let
// anything else write to it) for as long as the string lives.
package zerocopy

import "unsafe"

// Bytes returns s's bytes without a copy. The slice must not be written.
func Bytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// String returns b's bytes as a string without a copy. b must not be
// written afterwards.
func String(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Same reports whether b holds s's very bytes (not only equal ones): b was
// made from s by Bytes, or s from b by String.
func Same(b []byte, s string) bool {
	return len(b) == len(s) && (len(b) == 0 || unsafe.SliceData(b) == unsafe.StringData(s))
}
