// Package iacfix writes the browser fix into a Terraform file or a
// CloudFormation template: the smallest change that lets a blocked fetch
// through (package fix), made in the file's own text, so that what a person
// gets back is their file with a line or two changed, comments and layout
// kept.
//
// Browser reads the file (package iacfile) with the person's values for its
// variables or parameters, picks the configuration by address, judges the
// scenario's fetch against what S3 would receive from it (package runner),
// and asks package fix for the change, which edits the original text and
// reads it again with the same reader after each step (fix.SuggestIn): a
// Terraform file's rules are matched in the provider's set order, as S3
// receives them. The answer is the whole edited file, its edits (one per
// changed run of lines, places in the original text) and a line diff.
//
// A change to a value an expression computes (var.site_domain,
// "https://${local.domain}", !Sub, each.value.origins) is not made: Browser
// answers a *Refusal saying what to change, which expression stands
// there and at which line, for the person to change by hand.
package iacfix

import (
	"errors"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// Input is the file, the values given for it, and the fetch the page judges.
type Input struct {
	Name    string // the file's name (main.tf, template.yaml); "" to detect from the text
	Text    []byte
	Inputs  iac.Inputs
	Address string // the configuration (iac.Source.Address); "" for the file's first
	// Scenario is the page's scenario: its fetch and browser are judged
	// against the file's configuration, whatever its bucket's CORS says.
	Scenario scenario.Input
}

// Result is the fix written into the file.
type Result struct {
	Summary string       `json:"summary"`
	Text    string       `json:"text"` // the whole file, edited
	Edits   []Edit       `json:"edits"`
	Diff    []fix.Line   `json:"diff"` // the changed lines with fix.DiffContext lines around them
	Changes []fix.Change `json:"changes"`
}

// Edit replaces the original text between two places (1-based lines and
// code-point columns, end exclusive) with New.
type Edit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	New       string `json:"new"`
}

// Refusal is a fix that would change a computed value: the person makes it
// by hand, at Line.
type Refusal struct {
	Summary string // the change, as the fix would have made it
	Expr    string // the expression that computes the value, as written
	Line    int
	Column  int
}

func (r *Refusal) Error() string {
	return strings.TrimSuffix(r.Summary, ".") + " by hand: " + r.Reason()
}

// Reason says why the page does not make the change, and where the person
// makes it.
func (r *Refusal) Reason() string {
	return "line " + strconv.Itoa(r.Line) + " computes the value with " + r.Expr + ", which the page does not edit"
}

// Errors Browser answers besides a Refusal.
var (
	ErrNotIaC     = errors.New("neither a Terraform file nor a CloudFormation template")
	ErrNoConfig   = errors.New("no S3 CORS configuration read from the file")
	ErrNotBlocked = errors.New("nothing to fix: the browser does not block this request for CORS")
	ErrNoFix      = errors.New("no change to this file's rules lets the request through")
)

// Browser writes the browser fix into the file; see the package comment.
func Browser(in Input) (*Result, error) {
	kind := iacfile.KindOf(in.Name, in.Text)
	if kind == "" {
		return nil, ErrNotIaC
	}
	read := func(src []byte) *iac.Source {
		f := iacfile.ReadAs(kind, in.Name, src, in.Inputs)
		if f == nil {
			return nil
		}
		for _, s := range f.Sources {
			if s.Address == in.Address || in.Address == "" {
				return s
			}
		}
		return nil
	}
	s := read(in.Text)
	if s == nil && in.Address != "" {
		return nil, errors.New("no configuration " + strconv.Quote(in.Address) + " in the file")
	}
	if s == nil {
		return nil, ErrNoConfig
	}
	if s.Config == nil || len(s.Config.Rules) == 0 {
		return nil, ErrNoConfig
	}
	sc := in.Scenario
	if e := sc.Bucket.Exists; e != nil && !*e {
		return nil, errors.New("the bucket does not exist: no CORS configuration helps")
	}
	xml := string(config.Format(s.Config, config.XML))
	sc.Bucket = scenario.Bucket{Exists: sc.Bucket.Exists, CORS: &xml}
	sc.Omit = []string{scenario.OmitLint, scenario.OmitValues, scenario.OmitFix, scenario.OmitRuleChecks}
	if sc.Fetch == nil {
		return nil, errors.New("the scenario has no fetch to judge")
	}
	out := runner.Run(sc)
	if out.Error != nil {
		return nil, errors.New(out.Error.Message)
	}
	need, ok := runner.FixNeed(out.Browser)
	if !ok {
		return nil, ErrNotBlocked
	}
	f, err := fix.SuggestIn(in.Text, s.Config, need, func(src []byte) (*config.Config, error) {
		s := read(src)
		if s == nil || s.Config == nil {
			return nil, errors.New("the edited file no longer holds the configuration")
		}
		return s.Config, nil
	})
	var r *fix.Refused
	if errors.As(err, &r) {
		return nil, &Refusal{Summary: r.Change.Summary, Expr: r.Cannot.Expr, Line: r.Cannot.Pos.Line, Column: r.Cannot.Pos.Column}
	}
	if err != nil || f == nil {
		return nil, ErrNoFix
	}
	res := &Result{Summary: f.Summary, Text: f.Config, Diff: f.Compact(in.Text, false).Diff, Changes: f.Changes, Edits: []Edit{}}
	for _, e := range fix.Edits(in.Text, []byte(f.Config)) {
		res.Edits = append(res.Edits, Edit{e.Line, e.Column, e.EndLine, e.EndColumn, e.Text})
	}
	return res, nil
}
