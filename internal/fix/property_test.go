package fix_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/fix"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// allowed judges need the way a browser does, from S3's answers as the
// engine computes them (runner.Prepare + Evaluate): the preflight when one
// is needed, then the actual request. It is deliberately written from the
// Fetch standard's CORS-preflight fetch and CORS check (§4.8, §4.9) and its
// CORS-safelisted response-header names, not
// from package fix's own reasoning, so that the property tests check fix
// against an independent judge.
func allowed(t *testing.T, cors string, n fix.Need) (bool, string) {
	t.Helper()
	p := runner.Prepare(scenario.Bucket{CORS: &cors})
	check := func(h [][2]string) (bool, string) {
		get := func(name string) (string, bool) {
			for _, kv := range h {
				if strings.EqualFold(kv[0], name) {
					return kv[1], true
				}
			}
			return "", false
		}
		acao, ok := get("Access-Control-Allow-Origin")
		if !ok {
			return false, "no Access-Control-Allow-Origin"
		}
		if acao == "*" && !n.Credentials {
			return true, ""
		}
		if acao != n.Origin {
			return false, "Access-Control-Allow-Origin " + acao
		}
		if n.Credentials {
			if v, _ := get("Access-Control-Allow-Credentials"); v != "true" {
				return false, "no Access-Control-Allow-Credentials: true"
			}
		}
		return true, ""
	}
	if n.Preflight() {
		hs := scenario.Headers{{"Origin", n.Origin}, {"Access-Control-Request-Method", n.Method}}
		if len(n.Headers) > 0 {
			hs = append(hs, [2]string{"Access-Control-Request-Headers", strings.Join(n.Headers, ",")})
		}
		ev, err := p.Evaluate(scenario.Request{Method: "OPTIONS", Target: "object", Headers: hs})
		if err != nil || ev == nil {
			return false, fmt.Sprint("preflight not evaluated: ", err)
		}
		if ok, why := check(ev.Response.Headers); !ok {
			return false, "preflight: " + why
		}
		if ev.Response.Status < 200 || ev.Response.Status > 299 {
			return false, fmt.Sprint("preflight status ", ev.Response.Status)
		}
	}
	ev, err := p.Evaluate(scenario.Request{Method: n.Method, Target: "object", Headers: scenario.Headers{{"Origin", n.Origin}}})
	if err != nil || ev == nil {
		return false, fmt.Sprint("actual not evaluated: ", err)
	}
	if ok, why := check(ev.Response.Headers); !ok {
		return false, "actual: " + why
	}
	var exposed []string
	for _, kv := range ev.Response.Headers {
		if strings.EqualFold(kv[0], "Access-Control-Expose-Headers") {
			for _, x := range strings.Split(kv[1], ",") {
				exposed = append(exposed, strings.ToLower(strings.TrimSpace(x)))
			}
		}
	}
	for _, e := range n.Expose {
		found := fix.SafelistedResponse(e)
		for _, x := range exposed {
			found = found || x == strings.ToLower(e)
		}
		if !found {
			return false, "actual: " + e + " not exposed"
		}
	}
	return true, ""
}

var (
	poolOrigins = []string{"*", "https://app.example.com", "https://*.example.com", "https://other.example.org", "http://localhost:3000", "https://www.example.com"}
	poolMethods = []string{"GET", "PUT", "HEAD", "POST", "DELETE"}
	poolHeaders = []string{"*", "content-type", "x-amz-*", "authorization", "Content-MD5"}
	poolExpose  = []string{"ETag", "x-amz-version-id", "x-amz-request-id"}

	needOrigins = []string{"https://app.example.com", "https://new.example.net", "http://localhost:3000", "https://a.example.com"}
	needHeaders = []string{"content-type", "x-amz-date", "authorization", "x-amz-checksum-crc32", "x-amz-meta-name"}
	needExpose  = []string{"etag", "x-amz-version-id"}
)

func pick(r *rand.Rand, pool []string, max int) []string {
	n := r.IntN(max + 1)
	var out []string
	for _, i := range r.Perm(len(pool))[:min(n, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

// randomConfig builds an accepted configuration of 1–5 rules and writes it
// in one of six layouts people paste.
func randomConfig(r *rand.Rand) (string, string) {
	cfg := &config.Config{Form: config.XML}
	for i := 0; i < 1+r.IntN(5); i++ {
		var rule config.Rule
		add := func(f config.Field, vs []string) {
			for _, v := range vs {
				rule.Values = append(rule.Values, config.Value{Field: f, Text: v})
			}
		}
		os := pick(r, poolOrigins, 3)
		if len(os) == 0 {
			os = []string{poolOrigins[r.IntN(len(poolOrigins))]}
		}
		ms := pick(r, poolMethods, 3)
		if len(ms) == 0 {
			ms = []string{"GET"}
		}
		add(config.FieldAllowedOrigin, os)
		add(config.FieldAllowedMethod, ms)
		add(config.FieldAllowedHeader, pick(r, poolHeaders, 2))
		add(config.FieldExposeHeader, pick(r, poolExpose, 2))
		if r.IntN(3) == 0 {
			add(config.FieldMaxAgeSeconds, []string{"3000"})
		}
		cfg.Rules = append(cfg.Rules, rule)
	}
	switch layout := r.IntN(6); layout {
	case 0:
		return "xml", string(config.Format(cfg, config.XML))
	case 1:
		return "xml-compact", string(config.CompactXML(cfg))
	case 2:
		return "cli-json", string(config.Format(cfg, config.CLIJSON))
	case 3:
		return "console-json-2", strings.ReplaceAll(string(config.Format(cfg, config.ConsoleJSON)), "    ", "  ")
	case 4:
		// one rule per line, lists inline: how people write it by hand
		var b strings.Builder
		b.WriteString("[\n")
		for i := range cfg.Rules {
			var parts []string
			for _, f := range []config.Field{config.FieldAllowedHeader, config.FieldAllowedMethod, config.FieldAllowedOrigin, config.FieldExposeHeader} {
				if vs := cfg.Rules[i].Texts(f); len(vs) > 0 {
					j, _ := json.Marshal(vs)
					parts = append(parts, fmt.Sprintf("%q: %s", f.JSONKey(), strings.ReplaceAll(string(j), ",", ", ")))
				}
			}
			if n, ok := cfg.Rules[i].MaxAge(); ok {
				parts = append(parts, fmt.Sprintf(`"MaxAgeSeconds": %d`, n))
			}
			b.WriteString("  {" + strings.Join(parts, ", ") + "}")
			if i < len(cfg.Rules)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		return "console-json-inline", b.String()
	default:
		return "xml-crlf", strings.ReplaceAll(string(config.Format(cfg, config.XML)), "\n", "\r\n")
	}
}

func randomNeed(r *rand.Rand) fix.Need {
	n := fix.Need{Origin: needOrigins[r.IntN(len(needOrigins))], Method: poolMethods[r.IntN(len(poolMethods))],
		Credentials: r.IntN(3) == 0}
	n.Headers = pick(r, needHeaders, 2)
	n.Expose = pick(r, needExpose, 1)
	return n
}

func accepted(t *testing.T, cors string) bool {
	t.Helper()
	p := runner.Prepare(scenario.Bucket{CORS: &cors})
	return p.Validation != nil && p.Validation.Accepted
}

// TestSuggestProperties: for many random (configuration, need) pairs, a
// suggested fix really lets the request through (judged from the engine's
// responses), S3 still accepts the new configuration, the edit is small,
// and no fix is suggested when the request already passes.
func TestSuggestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2026))
	n := 3000
	if testing.Short() {
		n = 300
	}
	stats := map[string]int{}
	for i := 0; i < n; i++ {
		layout, src := randomConfig(r)
		need := randomNeed(r)
		if !accepted(t, src) {
			t.Fatalf("case %d: generated configuration not accepted:\n%s", i, src)
		}
		cfg, err := config.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		before, _ := allowed(t, src, need)
		f := fix.Suggest([]byte(src), cfg, need)
		if before {
			if f != nil {
				t.Errorf("case %d (%s): request already allowed, yet a fix was suggested: %s", i, layout, f.Summary)
			}
			stats["already allowed"]++
			continue
		}
		if f == nil {
			t.Errorf("case %d (%s): blocked %+v but no fix:\n%s", i, layout, need, src)
			continue
		}
		stats[f.Action]++
		if ok, why := allowed(t, f.Config, need); !ok {
			t.Errorf("case %d (%s): after %q the request is still blocked (%s)\nneed %+v\nbefore:\n%s\nafter:\n%s", i, layout, f.Summary, why, need, src, f.Config)
			continue
		}
		if !accepted(t, f.Config) {
			t.Errorf("case %d (%s): S3 would reject the fixed configuration:\n%s", i, layout, f.Config)
		}
		if c, err := config.Parse([]byte(f.Config)); err != nil || c.Form != cfg.Form {
			t.Errorf("case %d (%s): fixed text does not parse in the same form: %v", i, layout, err)
		}
		changed := fix.Changed(f.Diff)
		if len(f.Changes) == 1 && f.Action == fix.ActionAdd && !strings.Contains(f.Value, ",") && (changed < 1 || changed > 3) {
			t.Errorf("case %d (%s): a single added value changed %d lines:\n%v", i, layout, changed, f.Diff)
		}
		if limit := 12 * len(f.Changes); changed > limit+strings.Count(src, "\n")/2 && layout != "xml-compact" {
			t.Errorf("case %d (%s): %d changes touched %d lines", i, layout, len(f.Changes), changed)
		}
	}
	t.Logf("outcomes over %d cases: %v", n, stats)
}
