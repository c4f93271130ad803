package main

import (
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
