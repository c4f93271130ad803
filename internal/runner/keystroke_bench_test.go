package runner_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"corsplay/internal/examples"
	"corsplay/internal/runner"
)

// pageScenario is what the page sends at a keystroke: the configuration,
// the request, the script's fetch (verdict.js) and the omit list of a
// keystroke.
func pageScenario(cors string) []byte { return pageScenarioFrom(cors, "https://app99.example.com") }

func pageScenarioFrom(cors, origin string) []byte {
	sc := map[string]any{
		"bucket": map[string]any{"exists": true, "cors": cors},
		"request": map[string]any{"method": "OPTIONS", "target": "object", "headers": map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "PUT"}},
		"fetch": map[string]any{"origin": origin, "url": "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photo.jpg",
			"method": "PUT", "headers": [][2]string{}, "credentials": "same-origin"},
		"browser": "chrome",
		"omit":    omitKeys,
	}
	// As JSON.stringify writes it: no \u003c for '<'.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(sc)
	return b.Bytes()
}

// BenchmarkKeystrokeConfig is a keystroke in the editor of the 100-rule
// configuration: every call carries a configuration one character longer
// (the cache never hits), as typing into an origin of rule 50 does.
func BenchmarkKeystrokeConfig(b *testing.B) {
	base := examples.Large(100)
	at := strings.Index(base, "https://app50.example.com") + len("https://app50.example.com")
	r := runner.New(4)
	var ins [][]byte
	for i := range 64 {
		cors := base[:at] + strings.Repeat("x", i) + base[at:]
		ins = append(ins, pageScenario(cors))
	}
	b.ReportAllocs()
	i := 0
	var n int
	for b.Loop() {
		out := r.RunJSON(ins[i%len(ins)])
		n = len(out)
		i++
	}
	b.ReportMetric(float64(n), "B/answer")
}

// BenchmarkKeystrokeRequest is a keystroke in the request form: the
// configuration is unchanged (the Runner's cache hits).
func BenchmarkKeystrokeRequest(b *testing.B) {
	base := examples.Large(100)
	r := runner.New(4)
	var ins [][]byte
	for i := range 8 {
		ins = append(ins, pageScenarioFrom(base, "https://app9"+strconv.Itoa(i)+".example.com"))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.RunJSON(ins[i%len(ins)])
		i++
	}
}

// omitKeys is what the page omits at a keystroke.
var omitKeys = []string{"lint", "fix", "values", "browser-evaluations", "rule-checks", "rule-fields"}

// BenchmarkKeystrokeEdit is BenchmarkKeystrokeConfig as the page sends it
// now: the configuration once, then each keystroke as an edit of it
// (bucket.corsEdit). Every 64th keystroke deletes what the 63 before typed.
// "first" is the answer a keystroke's frame paints (no fetch, rules
// omitted); "first+panels" adds the answer drawn right after that frame
// (the same text, with the script's fetch and the rules).
func BenchmarkKeystrokeEdit(b *testing.B) {
	for _, panels := range []bool{false, true} {
		name := "first"
		if panels {
			name = "first+panels"
		}
		b.Run(name, func(b *testing.B) {
			base := examples.Large(100)
			at := strings.Index(base, "https://app50.example.com") + len("https://app50.example.com")
			r := runner.New(4)
			r.RunJSON(editScenario(b, map[string]any{"cors": base, "corsRev": 1}, false))
			var ins [][]byte
			for i := range 64 {
				e := map[string]any{"base": i + 1, "rev": i + 2, "from": at + i, "to": at + i, "text": "x"}
				if i == 63 {
					e = map[string]any{"base": i + 1, "rev": 1, "from": at, "to": at + 63, "text": ""}
				}
				ins = append(ins, editScenario(b, map[string]any{"corsEdit": e}, false))
			}
			var panelIns [][]byte
			for i := range 64 {
				rev := i + 2
				if i == 63 {
					rev = 1
				}
				panelIns = append(panelIns, editScenario(b, map[string]any{"corsEdit": map[string]any{"base": rev, "rev": rev, "from": 0, "to": 0, "text": ""}}, true))
			}
			b.ReportAllocs()
			i := 0
			var n int
			for b.Loop() {
				out := r.RunJSON(ins[i%len(ins)])
				n = len(out)
				if panels {
					n += len(r.RunJSON(panelIns[i%len(ins)]))
				}
				i++
			}
			for _, out := range [][]byte{r.RunJSON(ins[i%len(ins)]), r.RunJSON(panelIns[i%len(ins)])} {
				if bytes.Contains(out, []byte(`"error":{`)) {
					b.Fatalf("an edit was refused: %.300s", out)
				}
			}
			b.ReportMetric(float64(n), "B/answer")
		})
	}
}

func editScenario(b *testing.B, bucket map[string]any, fetch bool) []byte {
	origin := "https://app99.example.com"
	sc := map[string]any{
		"bucket": bucket,
		"request": map[string]any{"method": "OPTIONS", "target": "object", "headers": map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "PUT"}},
		"omit": append(omitKeys[:len(omitKeys):len(omitKeys)], "rules"),
	}
	if fetch {
		sc["omit"] = omitKeys
		sc["fetch"] = map[string]any{"origin": origin, "url": "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/photo.jpg",
			"method": "PUT", "headers": [][2]string{}, "credentials": "same-origin"}
		sc["browser"] = "chrome"
	}
	out, err := json.Marshal(sc)
	if err != nil {
		b.Fatal(err)
	}
	return out
}
