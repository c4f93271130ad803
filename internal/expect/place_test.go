package expect

import "testing"

// A failed test names the rule that matched or came closest; with the
// rules' places (a Terraform file, a template), the place follows the
// rule's number.
func TestReasonIn(t *testing.T) {
	one, two := 0, 1
	places := []RulePlace{
		{File: "main.tf", Line: 12, Column: 3, Address: "aws_s3_bucket_cors_configuration.uploads"},
		{File: "main.tf", Line: 18, Column: 3, Address: "aws_s3_bucket_cors_configuration.uploads"},
	}
	failed := []Failure{{Check: "allowed", Expected: "blocked", Got: "allowed"}}
	tests := []struct {
		name   string
		res    Result
		places []RulePlace
		want   string
	}{
		{name: "matched, no places", res: Result{Failures: failed, MatchedRule: &one},
			want: "allowed: expected blocked, got allowed. Rule 1 matched"},
		{name: "matched, placed", res: Result{Failures: failed, MatchedRule: &one}, places: places,
			want: "allowed: expected blocked, got allowed. Rule 1 (main.tf:12:3, aws_s3_bucket_cors_configuration.uploads) matched"},
		{name: "closest, placed", res: Result{Failures: failed, Closest: "Closest: rule 2 — origin not allowed", ClosestRule: &two}, places: places,
			want: "allowed: expected blocked, got allowed. Closest: rule 2 (main.tf:18:3, aws_s3_bucket_cors_configuration.uploads) — origin not allowed"},
		{name: "a rule past the places", res: Result{Failures: failed, MatchedRule: &two}, places: places[:1],
			want: "allowed: expected blocked, got allowed. Rule 2 matched"},
		{name: "a place without a line", res: Result{Failures: failed, MatchedRule: &one}, places: []RulePlace{{File: "t.yaml"}},
			want: "allowed: expected blocked, got allowed. Rule 1 matched"},
		{name: "passed", res: Result{Passed: true, MatchedRule: &one}, places: places, want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.res.ReasonIn(tc.places); got != tc.want {
				t.Errorf("ReasonIn = %q\nwant       %q", got, tc.want)
			}
		})
	}
}

// closestIn reads the rule number out of S3's closest-rule sentence.
func TestClosestIn(t *testing.T) {
	tests := []struct {
		name     string
		summary  string
		sentence string
		rule     int // -1: none
	}{
		{name: "one digit", summary: "Blocked. Closest: rule 2 — origin not allowed.", sentence: "Closest: rule 2 — origin not allowed", rule: 1},
		{name: "two digits", summary: "Closest: rule 12 — method not allowed", sentence: "Closest: rule 12 — method not allowed", rule: 11},
		{name: "no sentence", summary: "Allowed.", sentence: "", rule: -1},
		{name: "no number", summary: "Closest: rule x", sentence: "Closest: rule x", rule: -1},
		{name: "rule 0", summary: "Closest: rule 0 — ?", sentence: "Closest: rule 0 — ?", rule: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, r := closestIn(tc.summary)
			got := -1
			if r != nil {
				got = *r
			}
			if s != tc.sentence || got != tc.rule {
				t.Errorf("closestIn(%q) = %q, %d; want %q, %d", tc.summary, s, got, tc.sentence, tc.rule)
			}
		})
	}
}
