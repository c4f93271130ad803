package validation

import (
	"strconv"

	"corsplay/internal/config"
)

// pyTypes are the Python types botocore names in its messages, by JSON type.
var pyTypes = map[string]string{
	"string": "<class 'str'>", "number": "<class 'int'>", "boolean": "<class 'bool'>",
	"null": "<class 'NoneType'>", "object": "<class 'dict'>", "array": "<class 'list'>",
}

const ruleKeys = "ID, AllowedHeaders, AllowedMethods, AllowedOrigins, ExposeHeaders, MaxAgeSeconds"

func pyType(kind, text string) string {
	if kind == "number" && !isInt(text) {
		return "<class 'float'>"
	}
	return pyTypes[kind]
}

func isInt(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		_, err = strconv.ParseUint(s, 10, 64)
	}
	// Python ints are unbounded; a long run of digits is still an int.
	if err != nil {
		for i, c := range s {
			if !(c >= '0' && c <= '9' || i == 0 && c == '-') {
				return false
			}
		}
		return len(s) > 0
	}
	return true
}

// pyStr is Python's str() of a JSON value, as botocore prints it.
func pyStr(kind, text string) string {
	switch kind {
	case "boolean":
		if text == "true" {
			return "True"
		}
		return "False"
	case "null":
		return "None"
	case "object":
		return "{…}"
	case "array":
		return "[…]"
	}
	return text
}

// paramValidation reproduces botocore's checks of the S3 API model on a
// JSON configuration: required members, unknown members, and types. The
// messages are botocore's (botocore/validate.py), joined under "Parameter
// validation failed:".
func paramValidation(cfg *config.Config) []Problem {
	var ps []Problem
	add := func(rule int, field, value, msg string, sp config.Span) {
		ps = append(ps, Problem{Code: CodeParamValidation, Message: msg, Rule: rule, Field: field, Value: value,
			Span: sp, Verified: true, client: true})
	}
	top := "CORSConfiguration"
	if cfg.Form == config.CLIJSON {
		if cfg.Root.NoRuleList {
			add(-1, "CORSRules", "", `Missing required parameter in CORSConfiguration: "CORSRules"`, rootStart(cfg))
		}
		for _, u := range cfg.Unknown {
			add(-1, u.Text, u.Text, `Unknown parameter in CORSConfiguration: "`+u.Text+`", must be one of: CORSRules`, u.Span)
		}
		for _, s := range cfg.Stray {
			add(-1, "CORSRules", s.Text, "Invalid type for parameter CORSConfiguration.CORSRules, value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'list'>, <class 'tuple'>", s.Span)
		}
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		path := top + ".CORSRules[" + strconv.Itoa(r.Index) + "]"
		head := config.Span{Start: r.Span.Start, End: r.Span.Start}
		if len(r.Stray) > 0 && r.Stray[0].Field == "" {
			s := r.Stray[0]
			add(r.Index, "CORSRule", s.Text, "Invalid type for parameter "+path+", value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'dict'>", s.Span)
			continue
		}
		has := map[config.Field]bool{}
		for _, v := range r.Values {
			has[v.Field] = true
		}
		for _, s := range r.Stray {
			has[s.Field] = true
		}
		for _, e := range r.Empty {
			has[e.Field] = true
		}
		for _, f := range []config.Field{config.FieldAllowedMethod, config.FieldAllowedOrigin} {
			if !has[f] {
				add(r.Index, f.JSONKey(), "", `Missing required parameter in `+path+`: "`+f.JSONKey()+`"`, head)
			}
		}
		for _, u := range r.Unknown {
			add(r.Index, u.Text, u.Text, `Unknown parameter in `+path+`: "`+u.Text+`", must be one of: `+ruleKeys, u.Span)
		}
		for _, s := range r.Stray {
			add(r.Index, s.Field.JSONKey(), s.Text, "Invalid type for parameter "+path+"."+s.Field.JSONKey()+", value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'list'>, <class 'tuple'>", s.Span)
		}
		idx := map[config.Field]int{}
		for _, v := range r.Values {
			n := idx[v.Field]
			idx[v.Field]++
			p := path + "." + v.Field.JSONKey()
			want := "<class 'str'>"
			ok := v.Kind == "string"
			switch v.Field {
			case config.FieldMaxAgeSeconds:
				want = "<class 'int'>"
				ok = v.Kind == "number" && isInt(v.Text)
			case config.FieldID:
			default:
				p += "[" + strconv.Itoa(n) + "]"
			}
			if !ok {
				add(r.Index, string(v.Field), v.Text, "Invalid type for parameter "+p+", value: "+pyStr(v.Kind, v.Text)+", type: "+pyType(v.Kind, v.Text)+", valid types: "+want, v.Span)
			}
		}
	}
	return ps
}
