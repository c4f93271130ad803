package config_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/examples"
	"corsplay/internal/jsonw/jsonwtest"
)

// stdFormatJSON is how Format wrote JSON before it wrote it by hand:
// encoding/json, indented, over ordered objects.
func stdFormatJSON(cfg *config.Config, form config.Form) []byte {
	order := []config.Field{config.FieldID, config.FieldAllowedHeader, config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldExposeHeader, config.FieldMaxAgeSeconds}
	rules := make([]any, 0, len(cfg.Rules))
	for i := range cfg.Rules {
		r := &cfg.Rules[i]
		var obj orderedObject
		for _, f := range order {
			vals := r.Get(f)
			if len(vals) == 0 {
				continue
			}
			switch f {
			case config.FieldID:
				obj = append(obj, kv{f.JSONKey(), vals[0].Text})
			case config.FieldMaxAgeSeconds:
				if n, err := strconv.ParseInt(vals[0].Text, 10, 64); err == nil {
					obj = append(obj, kv{f.JSONKey(), n})
				} else {
					obj = append(obj, kv{f.JSONKey(), vals[0].Text})
				}
			default:
				list := make([]string, len(vals))
				for j, v := range vals {
					list[j] = v.Text
				}
				obj = append(obj, kv{f.JSONKey(), list})
			}
		}
		rules = append(rules, obj)
	}
	var top any = rules
	if form == config.CLIJSON {
		top = orderedObject{{"CORSRules", rules}}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(top); err != nil {
		panic(err)
	}
	return b.Bytes()
}

type kv struct {
	k string
	v any
}

type orderedObject []kv

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.k)
		b.Write(k)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(m.v); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// TestFormatJSONMatchesStd compares Format's JSON forms with what
// encoding/json wrote, on every example, a large configuration, and random
// rules (any fields, tricky text, MaxAgeSeconds numeric or not).
func TestFormatJSONMatchesStd(t *testing.T) {
	var cfgs []*config.Config
	srcs := []string{examples.Large(20), `<CORSConfiguration/>`, `[]`, `{"CORSRules": [{}]}`,
		`<CORSConfiguration><CORSRule><ID>a"<b>&c` + "\u2028\xff" + `</ID><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>x</MaxAgeSeconds></CORSRule><CORSRule/></CORSConfiguration>`}
	for _, e := range examples.All() {
		if e.Scenario.Bucket.CORS != nil {
			srcs = append(srcs, *e.Scenario.Bucket.CORS)
		}
	}
	for _, src := range srcs {
		if cfg, err := config.Parse([]byte(src)); cfg != nil {
			cfgs = append(cfgs, cfg)
		} else {
			t.Logf("%.40q does not parse: %v", src, err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	fields := []config.Field{config.FieldID, config.FieldAllowedHeader, config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldExposeHeader, config.FieldMaxAgeSeconds}
	ages := []string{"0", "3000", "-5", "+7", "x", "1.5", "99999999999999999999", " 3", ""}
	for range 300 {
		cfg := &config.Config{}
		for range r.IntN(4) {
			var rule config.Rule
			for range r.IntN(8) {
				f := fields[r.IntN(len(fields))]
				text := jsonwtest.String(r)
				if f == config.FieldMaxAgeSeconds && r.IntN(2) == 0 {
					text = ages[r.IntN(len(ages))]
				}
				rule.Values = append(rule.Values, config.Value{Field: f, Text: text})
			}
			cfg.Rules = append(cfg.Rules, rule)
		}
		cfgs = append(cfgs, cfg)
	}
	for _, cfg := range cfgs {
		for _, form := range []config.Form{config.CLIJSON, config.ConsoleJSON} {
			if got, want := config.Format(cfg, form), stdFormatJSON(cfg, form); !bytes.Equal(got, want) {
				t.Fatalf("Format(%s):\n got %s\nwant %s", form, got, want)
			}
		}
	}
}
