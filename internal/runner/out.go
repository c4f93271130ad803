package runner

import (
	"corsplay/internal/config"
	"corsplay/internal/scenario"
	"corsplay/internal/validation"
)

// The contract's shapes of what packages config and validation found.

// place is a span as the contract writes it.
func place(sp config.Span) scenario.Place {
	return scenario.Place{Line: sp.Start.Line, Column: sp.Start.Column, EndLine: sp.End.Line, EndColumn: sp.End.Column}
}

func rulesOut(cfg *config.Config) []scenario.RuleOut {
	out := make([]scenario.RuleOut, 0, len(cfg.Rules))
	for i := range cfg.Rules {
		out = append(out, ruleOut(&cfg.Rules[i]))
	}
	return out
}

func ruleOut(r *config.Rule) scenario.RuleOut {
	// The four lists share one allocation, each capped at its length; an
	// empty one is still a list ([] in JSON, not null).
	var n [4]int
	for _, v := range r.Values {
		if i := listOf(v.Field); i >= 0 {
			n[i]++
		}
	}
	all := make([]string, n[0]+n[1]+n[2]+n[3])
	var lists [4][]string
	at := 0
	for i := range lists {
		lists[i] = all[at : at : at+n[i]]
		at += n[i]
	}
	for _, v := range r.Values {
		if i := listOf(v.Field); i >= 0 {
			lists[i] = append(lists[i], v.Text)
		}
	}
	ro := scenario.RuleOut{Index: r.Index, ID: r.ID(), Place: place(r.Span),
		AllowedOrigins: lists[0], AllowedMethods: lists[1], AllowedHeaders: lists[2], ExposeHeaders: lists[3]}
	if n, ok := r.MaxAge(); ok {
		ro.MaxAgeSeconds = &n
	}
	return ro
}

// listOf numbers the fields scenario.RuleOut lists (see ruleOut); -1 for the others.
func listOf(f config.Field) int {
	switch f {
	case config.FieldAllowedOrigin:
		return 0
	case config.FieldAllowedMethod:
		return 1
	case config.FieldAllowedHeader:
		return 2
	case config.FieldExposeHeader:
		return 3
	}
	return -1
}

// rulesOutFrom is rulesOut for cfg when it differs from the configuration
// prev was made from only in rule k: the other rules keep their lists (no
// one changes them) and take their new places.
func rulesOutFrom(prev []scenario.RuleOut, cfg *config.Config, k int) []scenario.RuleOut {
	if len(prev) != len(cfg.Rules) {
		return rulesOut(cfg)
	}
	out := make([]scenario.RuleOut, len(prev))
	for i := range prev {
		if i == k {
			out[i] = ruleOut(&cfg.Rules[i])
			continue
		}
		r := prev[i]
		r.Place = place(cfg.Rules[i].Span)
		r.Values = nil // filled in on demand (fillValues)
		out[i] = r
	}
	return out
}

func validationOut(res validation.Result) *scenario.ValidationOut {
	v := &scenario.ValidationOut{Accepted: res.Accepted, S3Error: res.S3Error, ClientError: res.ClientError, Problems: make([]scenario.ProblemOut, 0, len(res.Problems))}
	for _, p := range res.Problems {
		v.Problems = append(v.Problems, scenario.ProblemOut{Problem: p, Place: place(p.Span)})
	}
	return v
}
