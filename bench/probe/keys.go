package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
	"corsplay/internal/examples"
)

// keysProfile loads the page, puts the 100-rule configuration in the
// editor, types n characters into rule 50 under the V8 profiler (50 µs
// samples), and prints the page's keystroke timings and the functions with
// the most self and inclusive time. To see Go's function names, serve a
// copy of web/ whose corsplay.wasm keeps its name section:
//
//	cp -r web /tmp/webn && rm /tmp/webn/corsplay.wasm.*
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/webn/corsplay.wasm ./wasm
//	go run ./bench/probe keys 200 /tmp/webn
func keysProfile(exe, url string, n int) error {
	tctx, stop, err := openReady(exe, url, 5*time.Minute)
	if err != nil {
		return err
	}
	defer stop()
	if _, err := chromiumtest.PutInEditor(tctx, examples.Large(100), "https://app50.example.com"); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	// Warm up as a person would have: some typing first.
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("config"), strings.Repeat("w", 40))); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	if w := os.Getenv("PROBE_WARM"); w != "" {
		// Many engine calls first: does V8 optimising the wasm explain the
		// difference between a keystroke in the page and in a benchmark?
		ms, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`(() => { const t = performance.now(); const ta = document.getElementById('config'); let v = ta.value;
		  for (let i = 0; i < `+w+`; i++) { v = v.replace('https://app50.example.com', 'https://app50.example.com' + (i % 2 ? '' : 'x')); corsplay.evaluate({bucket: {exists: true, cors: v}, request: {method: 'OPTIONS', target: 'object', headers: {Origin: 'https://a.example', 'Access-Control-Request-Method': 'PUT'}}, omit: ['lint', 'fix', 'values', 'browser-evaluations', 'rule-checks', 'rule-fields', 'rules']}); corsplay.highlight('<a>x</a>', 'xml'); }
		  return performance.now() - t; })()`))
		if err != nil {
			return err
		}
		fmt.Printf("warm-up: %s calls in %.0f ms\n", w, ms)
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[int](`(window.corsplayPerf.length = 0, window.corsplayPerfEngine.length = 0)`)); err != nil {
		return err
	}
	if os.Getenv("PROBE_DECODE") != "" {
		// Record every TextDecoder.decode: size and time.
		if _, err := chromedp.Run(tctx, chromedp.Evaluate[int](`(() => { const d = TextDecoder.prototype.decode; window.decodes = []; TextDecoder.prototype.decode = function (v) { const t = performance.now(); const r = d.call(this, v); window.decodes.push([v ? v.byteLength : 0, performance.now() - t, r.length]); return r; }; return 0; })()`)); err != nil {
			return err
		}
		defer func() {
			s, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify(window.decodes.filter((d) => d[1] > 0.05 || d[0] > 4096).slice(0, 40))`))
			fmt.Println("decodes over 4 KB or 50 µs:", s)
		}()
	}
	if _, err := chromedp.Call(tctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 50}); err != nil {
		return err
	}
	if os.Getenv("PROBE_NOPROF") == "" {
		if _, err := chromedp.Call(tctx, profiler.Start, cdp.Empty{}); err != nil {
			return err
		}
	}
	text := strings.Repeat("abcdefghij", n/10+1)[:n]
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("config"), text)); err != nil {
		return err
	}
	var prof *profiler.Profile
	if os.Getenv("PROBE_NOPROF") == "" {
		res, err := chromedp.Call(tctx, profiler.Stop, cdp.Empty{})
		if err != nil {
			return err
		}
		prof = res.Profile
	}
	pj, err := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify([window.corsplayPerf, window.corsplayPerfEngine])`))
	if err != nil {
		return err
	}
	var perf [2][]float64
	if err := json.Unmarshal([]byte(pj), &perf); err != nil {
		return err
	}
	for i, name := range []string{"keystroke → DOM updated", "of which corsplay.evaluate"} {
		v := slices.Clone(perf[i])
		slices.Sort(v)
		if len(v) == 0 {
			continue
		}
		fmt.Printf("%-28s p50 %.2f ms  p95 %.2f ms  max %.2f ms (%d keys)\n", name, v[len(v)/2], v[len(v)*95/100], v[len(v)-1], len(v))
	}
	if prof == nil {
		return nil
	}

	printProfile(prof, n, "ms/key", 45)
	return nil
}

// printProfile prints a CPU profile's busy time and the functions with the
// most self and inclusive time (the k largest), each divided by n and
// labelled unit (per key, or per paste).
func printProfile(p *profiler.Profile, n int, unit string, k int) {
	nodes := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, nd := range p.Nodes {
		nodes[nd.ID] = nd
		for _, c := range nd.Children {
			parent[c] = nd.ID
		}
	}
	name := func(nd *profiler.ProfileNode) string {
		return nd.CallFrame.FunctionName + " " + short(nd.CallFrame.URL)
	}
	self := map[string]int64{}
	incl := map[string]int64{}
	var total int64
	for i, s := range p.Samples {
		d := p.TimeDeltas[i]
		nd := nodes[s]
		nm := name(nd)
		if nm == "(idle) " || nm == "(program) " {
			continue
		}
		total += d
		self[nm] += d
		seen := map[string]bool{}
		for id, ok := s, true; ok; id, ok = parent[id] {
			m := name(nodes[id])
			if !seen[m] {
				seen[m] = true
				incl[m] += d
			}
		}
	}
	top := func(m map[string]int64, k int) {
		l := largest(m)
		for _, e := range l[:min(k, len(l))] {
			fmt.Printf("%8.2f %s %5.1f%%  %s\n", float64(e.v)/1000/float64(n), unit, 100*float64(e.v)/float64(total), e.k)
		}
	}
	fmt.Printf("\nbusy samples: %.2f %s\n\nself time:\n", float64(total)/1000/float64(n), unit)
	top(self, k)
	fmt.Printf("\ninclusive time:\n")
	top(incl, k)
}
