// Package report writes what corsplay finds (failed tests, S3's objections
// to a configuration, lint warnings) in the formats CI systems read:
//
//   - GitHub Actions workflow commands, one a line:
//     ::error file=F,line=L,col=C,title=T::message. In the message, %, CR and
//     LF are written %25, %0D and %0A; in a property value also : and , (%3A,
//     %2C), so that no text can end a command early or start another; other
//     control characters and invalid UTF-8 become U+FFFD.
//   - JUnit XML in the common Surefire/Jenkins shape: <testsuites> holding a
//     <testsuite> per file, a <testcase> per test, a <failure> (a check did
//     not hold) or <error> (the test could not run) inside a failed one.
//     Text that XML 1.0 cannot hold (control characters, invalid UTF-8)
//     becomes U+FFFD.
//   - SARIF 2.1.0: one run whose tool.driver names corsplay and lists the
//     rules; each result has ruleId, ruleIndex, level, message.text and a
//     physicalLocation (artifactLocation.uri, region.startLine/startColumn).
//
// Writers append to a byte slice and use neither fmt, reflect nor the
// standard library's JSON and XML encoders.
package report

// Level is how serious a finding is, in SARIF's words.
type Level string

const (
	Error   Level = "error"
	Warning Level = "warning"
	Note    Level = "note"
)

// Finding is one thing to report at a place in a file.
type Finding struct {
	RuleID  string // what kind of finding: a check, an S3 error code, a lint code
	Level   Level
	Title   string // a short title (GitHub shows it above the message)
	Message string
	File    string // the path as the user gave it
	// Line and Column are 1-based; 0 when unknown (the whole file).
	Line, Column       int
	EndLine, EndColumn int
}

// Rule describes a RuleID for SARIF's tool.driver.rules.
type Rule struct {
	ID          string
	Description string // one sentence
	HelpURI     string // "" for none
}

// Suite is one file's tests, for JUnit.
type Suite struct {
	Name  string // the file
	Cases []Case
}

// Case is one test.
type Case struct {
	Name      string
	ClassName string // JUnit's grouping: corsplay gives the file
	File      string
	Line      int
	// Failure is set for a test whose checks did not hold, Error for one
	// that could not run; both nil for a test that passed.
	Failure *Problem
	Error   *Problem
}

// Problem is a failure's or error's short message, kind and full text.
type Problem struct {
	Message string
	Type    string
	Text    string
}
