package main

import (
	"errors"
	"flag"
	"strconv"

	"corsplay/internal/jsonw"
	"corsplay/internal/report"
)

// checkFindingsFormat checks validate's and lint's --format: text (their
// own lines, the default), json, github (workflow commands) or sarif.
func checkFindingsFormat(f string) error {
	switch f {
	case "text", "json", "github", "sarif":
		return nil
	}
	return &exitError{code: 2, msg: "--format " + strconv.Quote(f) + " is not one of text, json, github, sarif"}
}

// failLevel is lint's --minimum-failure-severity (tflint's flag): the least
// severe finding that makes lint exit 1. Info findings are advice, often
// intended (a long MaxAgeSeconds on an upload rule, say): by default they
// are printed and the exit status stays 0.
type failLevel string

func (l *failLevel) String() string { return string(*l) }

func (l *failLevel) Set(s string) error {
	switch s {
	case "error", "warning":
		*l = failLevel(s)
	case "notice", "info":
		*l = "info"
	default:
		return errors.New("not one of error, warning, notice")
	}
	return nil
}

// fails reports whether a finding of severity sev ("error", "warning",
// "info") is at least as severe as l.
func (l failLevel) fails(sev string) bool {
	r, ok := severityRank[sev]
	return !ok || r >= severityRank[string(l)]
}

var severityRank = map[string]int{"info": 0, "warning": 1, "error": 2}

// register adds --minimum-failure-severity to fs, warning by default.
func (l *failLevel) register(fs *flag.FlagSet) {
	*l = "warning"
	fs.Var(l, "minimum-failure-severity", "the least severe finding that makes the exit status 1: error, warning (the default) or notice (info findings too)")
}

// appendFindings writes fs as workflow commands or a SARIF log.
func appendFindings(b []byte, format string, fs []report.Finding) []byte {
	if format == "github" {
		return report.AppendGitHub(b, fs)
	}
	// One SARIF rule per kind of finding, in the order met.
	var rules []report.Rule
	seen := map[string]bool{}
	for _, f := range fs {
		if !seen[f.RuleID] {
			seen[f.RuleID] = true
			rules = append(rules, report.Rule{ID: f.RuleID, Description: f.Title})
		}
	}
	return report.AppendSARIF(b, report.Tool{Name: "corsplay", Rules: rules}, fs)
}

// fileJSON is {"file": name, key: value} and a line break.
func fileJSON(name, key string, value func([]byte) []byte) []byte {
	b := []byte{'{'}
	b = jsonw.Key(b, "file")
	b = jsonw.String(b, name)
	b = jsonw.Key(b, key)
	b = value(b)
	return append(b, '}', '\n')
}
