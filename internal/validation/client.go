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
	// say adds the plain words to the problem add just added.
	say := func(words string) { ps[len(ps)-1].Plain = words }
	where := func(rule int) string {
		if rule < 0 {
			return "The configuration"
		}
		return "Rule " + strconv.Itoa(rule+1)
	}
	top := "CORSConfiguration"
	if cfg.Form == config.CLIJSON {
		if cfg.Root.NoRuleList {
			add(-1, "CORSRules", "", `Missing required parameter in CORSConfiguration: "CORSRules"`, rootStart(cfg))
			say(`The JSON has no "CORSRules" list; the rules go in {"CORSRules": [ … ]}.`)
		}
		for _, u := range cfg.Unknown {
			add(-1, u.Text, u.Text, `Unknown parameter in CORSConfiguration: "`+u.Text+`", must be one of: CORSRules`, u.Span)
			say(`"` + u.Text + `" is not a key the aws-cli knows here; the only one is "CORSRules".`)
		}
		for _, s := range cfg.Stray {
			add(-1, "CORSRules", s.Text, "Invalid type for parameter CORSConfiguration.CORSRules, value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'list'>, <class 'tuple'>", s.Span)
			say(`"CORSRules" must be a list in [ ], not ` + kindWords(s.Kind) + ".")
		}
	}
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		path := top + ".CORSRules[" + strconv.Itoa(r.Index) + "]"
		head := config.Span{Start: r.Span.Start, End: r.Span.Start}
		if len(r.Stray) > 0 && r.Stray[0].Field == "" {
			s := r.Stray[0]
			add(r.Index, "CORSRule", s.Text, "Invalid type for parameter "+path+", value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'dict'>", s.Span)
			say(where(r.Index) + " must be an object in { }, not " + kindWords(s.Kind) + ".")
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
				say(where(r.Index) + ` has no "` + f.JSONKey() + `" list, and every rule needs one.`)
			}
		}
		for _, u := range r.Unknown {
			add(r.Index, u.Text, u.Text, `Unknown parameter in `+path+`: "`+u.Text+`", must be one of: `+ruleKeys, u.Span)
			say(where(r.Index) + ` has the key "` + u.Text + `", which the aws-cli does not know (it knows ` + ruleKeys + ").")
		}
		for _, s := range r.Stray {
			add(r.Index, s.Field.JSONKey(), s.Text, "Invalid type for parameter "+path+"."+s.Field.JSONKey()+", value: "+pyStr(s.Kind, s.Text)+", type: "+pyType(s.Kind, s.Text)+", valid types: <class 'list'>, <class 'tuple'>", s.Span)
			say(where(r.Index) + `'s "` + s.Field.JSONKey() + `" must be a list in [ ], even for one value, not ` + kindWords(s.Kind) + ".")
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
				if v.Field == config.FieldMaxAgeSeconds {
					say(where(r.Index) + "'s MaxAgeSeconds must be a whole number without quotes (such as 3000), not " + kindWords(v.Kind) + ".")
				} else {
					say(where(r.Index) + "'s " + v.Field.JSONKey() + " values must be text in double quotes, not " + kindWords(v.Kind) + ".")
				}
			}
		}
	}
	return ps
}

// kindWords names a JSON value's kind for someone who does not read Python.
func kindWords(kind string) string {
	switch kind {
	case "string":
		return "text in quotes"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "null":
		return "null"
	case "object":
		return "an object in { }"
	case "array":
		return "a list in [ ]"
	}
	return "a " + kind
}
