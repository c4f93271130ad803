package expect

import (
	"strconv"

	"corsplay/internal/browser"
	"corsplay/internal/header"
	"corsplay/internal/scenario"
)

// Format is the only format version this package reads.
const Format = "corsplay-tests/1"

// Limits on what Decode takes: far above a real project's tests, so that a
// hostile file costs bounded work and gets a clear error.
const (
	MaxFile  = 8 << 20 // bytes in a test file
	MaxTests = 10000   // tests in a file
	MaxList  = 200     // items in readable, notReadable, and header lists (browser.MaxHeaders)
	MaxName  = 200     // bytes in a test's name
)

// Pos is a place in a test file: 1-based line and column (in code points),
// and the byte offset.
type Pos struct {
	Line, Column, Offset int
}

// Error is a test file Decode does not take: where and why.
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string {
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
}

// File is one test file.
type File struct {
	Format string
	// Config is the configuration's text in any form corsplay reads (XML,
	// aws-cli JSON, console JSON); nil when the file has none and it comes
	// from elsewhere (corsplay test --config).
	Config    *string
	ConfigPos Pos
	// Exists is bucket.exists (default true).
	Exists bool
	Tests  []Test
}

// Test is one test: a fetch (browser level) or a request (S3 level), and
// what is expected of it.
type Test struct {
	Name string
	Pos  Pos // the test's '{'
	// Browser is chrome, firefox or safari for a fetch ("" reads as
	// chrome); always "" for a request.
	Browser string
	Fetch   *browser.Fetch
	Request *scenario.Request
	Expect  Expect
}

// Level is "browser" for a test with a fetch, "s3" for one with a request.
func (t *Test) Level() string {
	if t.Fetch != nil {
		return "browser"
	}
	return "s3"
}

// Expect is what a test expects. A nil pointer or an empty list checks
// nothing; Decode makes sure a test checks something and that a browser
// test's checks and an S3 test's checks are not mixed.
type Expect struct {
	Pos Pos // the expect object's '{'

	// Browser level.
	Allowed     *bool
	Readable    []string // header names the script can read
	NotReadable []string // header names it cannot
	Preflight   *bool    // whether a preflight is sent
	Message     *string  // a substring of the browser's console message
	// S3 level.
	Status  int // 0: not checked
	Headers []HeaderExpect

	// Where each check is written, for messages that point at it.
	AllowedPos, ReadablePos, NotReadablePos, PreflightPos, MessagePos, StatusPos, HeadersPos Pos
}

// HeaderExpect is one header of an S3-level expectation: its exact value,
// or Value nil for "absent".
type HeaderExpect struct {
	Name  string
	Value *string
	Pos   Pos
}

// Headers are request headers, as scenario and browser take them.
type Headers = header.List
