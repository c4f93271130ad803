package runner_test

import (
	"regexp"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

var fuzzConfigs = []string{
	`<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>10</MaxAgeSeconds></CORSRule><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`,
	`[{"AllowedOrigins": ["http://a", "b*"], "AllowedMethods": ["HEAD", "DELETE"], "AllowedHeaders": ["Content-Type"]}]`,
	`{"CORSRules": [{"AllowedOrigins": ["*suffix"], "AllowedMethods": ["POST"]}]}`,
}

// FuzzEvaluate checks the evaluator's invariants on any configuration and
// request: it never panics; an accepted configuration gives the same answer
// in all three forms; and a matched rule really allows the origin, the
// method and every requested header (checked against a regexp-based
// reference), while no earlier rule does.
func FuzzEvaluate(f *testing.F) {
	for _, c := range fuzzConfigs {
		f.Add(c, "https://app.example.com", "GET", "x-amz-date, content-type", true)
		f.Add(c, "http://a", "DELETE", "", false)
		f.Add(c, "bsuffix", "POST", "Content-Type", true)
	}
	f.Fuzz(func(t *testing.T, cors, origin, method, acrh string, preflight bool) {
		h := scenario.Headers{{"Origin", origin}}
		m := method
		if preflight {
			m = "OPTIONS"
			h = append(h, [2]string{"Access-Control-Request-Method", method})
		}
		if acrh != "" {
			h = append(h, [2]string{"Access-Control-Request-Headers", acrh})
		}
		req := scenario.Request{Method: m, Target: "object", Headers: h}
		out := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &cors}, Request: req})
		_ = scenario.Marshal(out)
		if out.Error != nil || out.Evaluation == nil {
			return
		}
		ev := out.Evaluation
		if ev.MatchedRule != nil {
			r := out.Config.Rules[*ev.MatchedRule]
			if !allows(r, origin, method, acrh) {
				t.Fatalf("rule %d matched but does not allow %q %q %q: %+v", *ev.MatchedRule, origin, method, acrh, r)
			}
			for _, earlier := range out.Config.Rules[:*ev.MatchedRule] {
				if allows(earlier, origin, method, acrh) {
					t.Fatalf("rule %d matched, but earlier rule %d allows the request", *ev.MatchedRule, earlier.Index)
				}
			}
		}
		if !out.Validation.Accepted {
			return
		}
		cfg, err := config.Parse([]byte(cors))
		if err != nil {
			t.Fatalf("accepted but does not parse: %v", err)
		}
		want := string(scenario.Marshal(scenario.Output{Evaluation: ev}))
		for _, form := range []config.Form{config.XML, config.CLIJSON, config.ConsoleJSON} {
			other := string(config.Format(cfg, form))
			got := runner.Run(scenario.Input{Bucket: scenario.Bucket{CORS: &other}, Request: req})
			if got.Evaluation == nil || string(scenario.Marshal(scenario.Output{Evaluation: got.Evaluation})) != want {
				t.Fatalf("%s form answers differently:\n%s\nvs\n%s", form, scenario.Marshal(scenario.Output{Evaluation: got.Evaluation}), want)
			}
		}
	})
}

// allows is a reference implementation of S3's three conditions, written
// with regexps rather than the engine's matcher.
func allows(r scenario.RuleOut, origin, method, acrh string) bool {
	if origin == "" {
		return false
	}
	ok := false
	for _, o := range r.AllowedOrigins {
		if wild(o, false).MatchString(origin) {
			ok = true
		}
	}
	if !ok {
		return false
	}
	ok = false
	for _, m := range r.AllowedMethods {
		ok = ok || m == method
	}
	if !ok {
		return false
	}
	for _, name := range strings.Split(acrh, ",") {
		name = strings.Trim(name, " \t")
		if name == "" {
			continue
		}
		ok = false
		for _, p := range r.AllowedHeaders {
			ok = ok || wild(p, true).MatchString(name)
		}
		if !ok {
			return false
		}
	}
	return true
}

func wild(p string, fold bool) *regexp.Regexp {
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	flags := "(?s)"
	if fold {
		flags = "(?is)"
	}
	return regexp.MustCompile(flags + "^" + strings.Join(parts, ".*") + "$")
}
