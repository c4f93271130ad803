// Command browser measures the playground in real headless Chromium, the
// way issue 3 states its targets:
//
//   - wasm bytes transferred (brotli, as served by internal/webserve);
//   - navigation → engine ready (window.marks.ready, and the page's
//     "usable" mark), median of N cold loads, each in a fresh browser with a
//     fresh profile (no HTTP cache, no wasm code cache); also the first
//     answer the engine itself computed in the page (marks.live; before
//     it, the build-time result is on screen). Each load is made twice, in
//     alternation: once in a browser that has started and gone idle before
//     the navigation (as when a person opens the page: their browser is
//     already running), which is the figure for the target, and once
//     navigating the moment the browser is up, so that Chromium's own
//     start-up (its GPU process, network service and new profile, on the
//     same two cores) runs during the load; both are reported;
//   - keystroke → result updated on a 100-rule ≈ 64 KB configuration: the
//     page records each input event's handling time in window.corsplayPerf;
//     p50/p95 over typed characters (chromedp key events, one input event
//     per key), plus the engine alone (evaluate, highlight) timed in-page;
//   - the same typing with -tests tests (100 by default) in the Tests panel:
//     the keystroke's own time again, and the time of each re-run of the
//     tests with its drawing (window.corsplayPerfTests), which follows the
//     keystroke's panels in a task of its own.
//
// It is a program, not a test, so timing never fails a test run:
//
//	./build.sh && go run ./bench/browser [-runs 5] [-keys 60]
//
// It serves web/ as built with the same handler as serve.go (COOP/COEP on,
// so performance.now() has 5 µs resolution).
//
// The machine it runs on is shared (other people's builds, tests and
// benchmarks), and a cold load on two cores is mostly waiting for a core.
// So, unless -quiet=false, each cold load first waits (at most 30 s) until
// the machine has been at least 85 % idle for 300 ms; the report says how
// many loads did not get that. Load that starts during a load still counts.
package main

import (
	"context"
	"corsplay/internal/examples"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
	"corsplay/internal/webserve"
)

func main() {
	dir := flag.String("dir", "web", "built web directory (./build.sh)")
	runs := flag.Int("runs", 5, "cold loads")
	keys := flag.Int("keys", 60, "characters typed into the 100-rule configuration")
	tests := flag.Int("tests", 100, "tests in the Tests panel for the second typing run (0: none)")
	warm := flag.String("warm", "", "override loader.js data-warm (after, before, none) by serving a patched index.html")
	preload := flag.Bool("preload", false, "serve index.html with <link rel=preload> for corsplay.wasm")
	quiet := flag.Bool("quiet", true, "before each cold load, wait (at most 30 s) for an idle machine")
	flag.Parse()
	if err := run(*dir, *runs, *keys, *tests, *warm, *preload, *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "bench/browser:", err)
		os.Exit(1)
	}
}

type marks struct {
	FetchStart     float64 `json:"fetchStart"`
	Compiled       float64 `json:"compiled"`
	Instantiated   float64 `json:"instantiated"`
	WorkerCompiled float64 `json:"workerCompiled"`
	WorkerError    string  `json:"workerError"`
	Ready          float64 `json:"ready"`
	Usable         float64 `json:"usable"`
	Live           float64 `json:"live"`
	FirstResult    float64 `json:"firstResult"`
	FCP            float64 `json:"fcp"`
	ResultPaint    float64 `json:"resultPaint"`
	Warm           float64 `json:"warm"`
	WarmMs         float64 `json:"warmMs"`
	WasmEncoded    float64 `json:"wasmEncoded"`
	WasmDecoded    float64 `json:"wasmDecoded"`
	Isolated       bool    `json:"isolated"`
}

func run(dir string, runs, keys, tests int, warm string, preload, quiet bool) error {
	if err := webserve.Check(dir); err != nil {
		return fmt.Errorf("%s: %v; run ./build.sh first", dir, err)
	}
	h, err := webserve.Handler(dir)
	if err != nil {
		return err
	}
	if warm != "" || preload {
		h = patchPage(h, dir, warm, preload)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	exe, err := chromiumtest.ExecPath()
	if err != nil {
		return err
	}

	// loads[0]: the browser was running and idle before the navigation;
	// loads[1]: it was starting.
	var loads [2][]marks
	mode := [2]string{"running", "starting"}
	notQuiet, quietWaits := 0, 0
	for i := range runs {
		for k := range 2 {
			settle := (i+k)%2 == 0 // alternate which comes first
			j := 1
			if settle {
				j = 0
			}
			if quiet {
				quietWaits++
				if !waitQuiet(30 * time.Second) {
					notQuiet++
				}
			}
			m, err := coldLoad(exe, srv.URL+"/", settle, quiet)
			if err != nil {
				return fmt.Errorf("load %d (browser %s): %w", i+1, mode[j], err)
			}
			loads[j] = append(loads[j], m)
			fmt.Fprintf(os.Stderr, "load %d, browser %-8s fetchStart %.0f workerCompiled %.0f compiled %.0f instantiated %.0f ready %.0f usable %.0f live %.0f firstResult %.0f fcp %.0f resultPaint %.0f warm %.0f (%.0f ms) wasm %.0f B %s\n",
				i+1, mode[j]+":", m.FetchStart, m.WorkerCompiled, m.Compiled, m.Instantiated, m.Ready, m.Usable, m.Live, m.FirstResult, m.FCP, m.ResultPaint, m.Warm, m.WarmMs, m.WasmEncoded, m.WorkerError)
		}
	}

	typing, engine, err := keystrokes(exe, srv.URL+"/", keys, 0)
	if err != nil {
		return fmt.Errorf("typing: %w", err)
	}
	var withTests typed
	if tests > 0 {
		if withTests, _, err = keystrokes(exe, srv.URL+"/", keys, tests); err != nil {
			return fmt.Errorf("typing with %d tests: %w", tests, err)
		}
	}

	q := "no"
	if quiet {
		q = fmt.Sprintf("%d of %d waits ended with 300 ms of an idle machine", quietWaits-notQuiet, quietWaits)
	}
	if runs > 0 {
		coldLoadTable(loads, runs, warm, preload, q)
	} else {
		fmt.Printf("\ncorsplay browser benchmark (no cold loads, load average %s)\n", loadavg())
	}
	typingTable(typing, withTests, engine, tests)
	return nil
}

// coldLoadTable prints the cold loads' medians.
func coldLoadTable(loads [2][]marks, runs int, warm string, preload bool, q string) {
	col := func(j int, f func(m marks) float64) []float64 {
		var v []float64
		for _, m := range loads[j] {
			v = append(v, f(m))
		}
		return v
	}
	fmt.Printf("\ncorsplay browser benchmark (%d cold loads in each way, headless Chromium, loopback, cross-origin isolated: %v, warm %q, preload %v, load average %s, waited for quiet: %s)\n\n",
		runs, loads[0][0].Isolated, warm, preload, loadavg(), q)
	fmt.Printf("| measure | median | min | max | target |\n|---|---:|---:|---:|---:|\n")
	row := func(name string, j int, f func(m marks) float64, unit, target string) {
		v := col(j, f)
		fmt.Printf("| %s | %.0f %s | %.0f | %.0f | %s |\n", name, median(v), unit, slices.Min(v), slices.Max(v), target)
	}
	row("wasm transferred (brotli, encodedBodySize)", 0, func(m marks) float64 { return m.WasmEncoded }, "B", "≤ 1.1 MB")
	row("wasm decoded", 0, func(m marks) float64 { return m.WasmDecoded }, "B", "")
	for j, how := range []string{"browser running", "browser starting with the load"} {
		target := ""
		if j == 0 {
			target = "≤ 700 ms"
		}
		row(how+": navigation → fetch start", j, func(m marks) float64 { return m.FetchStart }, "ms", "")
		row(how+": navigation → instantiated", j, func(m marks) float64 { return m.Instantiated }, "ms", "")
		row(how+": navigation → engine ready", j, func(m marks) float64 { return m.Ready }, "ms", target)
		row(how+": navigation → page usable (engine ready, inputs enabled)", j, func(m marks) float64 { return m.Usable }, "ms", "")
		row(how+": navigation → first answer computed in the page, in the DOM", j, func(m marks) float64 { return m.Live }, "ms", "")
		row(how+": navigation → build-time result in the DOM (before layout and paint)", j, func(m marks) float64 { return m.FirstResult }, "ms", "")
		row(how+": navigation → first contentful paint", j, func(m marks) float64 { return m.FCP }, "ms", "")
		row(how+": navigation → build-time result on screen (element timing of the summary)", j, func(m marks) float64 { return m.ResultPaint }, "ms", "sooner than ready")
		row(how+": result on screen − engine ready", j, func(m marks) float64 { return m.ResultPaint - m.Ready }, "ms", "< 0")
		row(how+": warm-up duration", j, func(m marks) float64 { return m.WarmMs }, "ms", "")
	}
}

// typingTable prints the keystrokes' percentiles.
func typingTable(typing, withTests typed, engine map[string][]float64, tests int) {
	fmt.Printf("\nkeystroke → result updated, 100 rules, %d B configuration, %d keys (window.corsplayPerf):\n\n", typing.size, len(typing.ms))
	fmt.Printf("| measure | p50 | p95 | max | target |\n|---|---:|---:|---:|---:|\n")
	fmt.Printf("| keystroke → DOM updated (editor, summary, response) | %.2f ms | %.2f ms | %.2f ms | p50 ≤ 2, p95 ≤ 8 |\n", pct(typing.ms, 50), pct(typing.ms, 95), slices.Max(typing.ms))
	fmt.Printf("| of which corsplay.evaluate | %.2f ms | %.2f ms | %.2f ms | |\n", pct(typing.engine, 50), pct(typing.engine, 95), slices.Max(typing.engine))
	if len(typing.panels) > 0 {
		fmt.Printf("| then, after the frame: rules, marks, problems, browser verdict (%d drawings) | %.2f ms | %.2f ms | %.2f ms | |\n", len(typing.panels), pct(typing.panels, 50), pct(typing.panels, 95), slices.Max(typing.panels))
	}
	for _, name := range []string{"evaluate", "highlight"} {
		v := engine[name]
		fmt.Printf("| engine only: %s (in page, %d calls) | %.2f ms | %.2f ms | %.2f ms | |\n", name, len(v), pct(v, 50), pct(v, 95), slices.Max(v))
	}
	if tests > 0 {
		w := withTests
		fmt.Printf("| with %d tests in the Tests panel: keystroke → DOM updated | %.2f ms | %.2f ms | %.2f ms | p50 ≤ 2, p95 ≤ 8 |\n", tests, pct(w.ms, 50), pct(w.ms, 95), slices.Max(w.ms))
		if len(w.tests) > 0 {
			fmt.Printf("| with %d tests: their re-run and redraw after the keystroke (%d runs) | %.2f ms | %.2f ms | %.2f ms | p95 ≤ 8 |\n", tests, len(w.tests), pct(w.tests, 50), pct(w.tests, 95), slices.Max(w.tests))
			if len(w.testsEngine) > 0 {
				fmt.Printf("| of which corsplay.runTests | %.2f ms | %.2f ms | %.2f ms | |\n", pct(w.testsEngine, 50), pct(w.testsEngine, 95), slices.Max(w.testsEngine))
			}
		}
	}
}

// coldLoad opens url in a new browser and returns the page's marks once the
// engine is ready and the warm-up (if any) ran. With settle, it first lets
// the browser finish starting: it waits until the machine is idle (as
// waitQuiet; at most 30 s, and at least one 300 ms window even without
// quiet), so that the load does not share the two cores with Chromium's own
// start-up.
func coldLoad(exe, url string, settle, quiet bool) (marks, error) {
	ctx, stop, err := chromiumtest.Start(context.Background(), exe)
	if err != nil {
		return marks{}, err
	}
	defer stop()
	if settle {
		wait := 300 * time.Millisecond
		if quiet {
			wait = 30 * time.Second
		}
		waitQuiet(wait)
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return marks{}, err
	}
	if err := waitReady(tctx); err != nil {
		return marks{}, err
	}
	// Let the idle warm-up and the page's first own evaluation run.
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`window.marks.live !== undefined`, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return marks{}, fmt.Errorf("no answer computed in the page: %w", err)
	}
	time.Sleep(300 * time.Millisecond)
	js := `(() => {
	  const m = Object.assign({}, window.marks);
	  // Fetched in the page, or in loader.js's worker (which reports its sizes in marks).
	  const e = performance.getEntriesByType('resource').find(r => r.name.endsWith('/corsplay.wasm'));
	  if (e) { m.wasmEncoded = e.encodedBodySize; m.wasmDecoded = e.decodedBodySize; }
	  m.isolated = self.crossOriginIsolated === true;
	  // When the first frame with content was presented: the build-time
	  // result on screen (firstResult is when app.js put it in the DOM).
	  const p = performance.getEntriesByName('first-contentful-paint')[0];
	  if (p) m.fcp = p.startTime;
	  return ` + resultPaintJS + `.then((t) => { if (t) m.resultPaint = t; return JSON.stringify(m); });
	})()`
	s, err := chromedp.Run(tctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return marks{}, err
	}
	var m marks
	err = json.Unmarshal([]byte(s), &m)
	return m, err
}

// resultPaintJS is a JavaScript promise of when the result was first
// painted: the render time of the Element Timing entry of the page's
// summary (elementtiming="result", "Rule 1 … allows this preflight"), or
// undefined when there is none. First contentful paint can be a frame
// with only part of the page in it (the parser yields), so it does not say
// when the result was on screen.
const resultPaintJS = `new Promise((resolve) => {
	  const PO = window.PerformanceObserver;
	  if (!PO || !(PO.supportedEntryTypes || []).includes('element')) return resolve(undefined);
	  new PO((l, o) => {
	    const e = l.getEntries().find((e) => e.identifier === 'result');
	    if (e) { o.disconnect(); resolve(e.renderTime || e.startTime); }
	  }).observe({type: 'element', buffered: true});
	  setTimeout(() => resolve(undefined), 500);
	})`

func waitReady(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.dataset.engine === "ready"`, chromedp.WithPollingInterval(5*time.Millisecond)))
	if err != nil {
		st, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dataset.engine + ': ' + document.getElementById('engine-status').textContent`))
		return fmt.Errorf("engine not ready (%s): %w", st, err)
	}
	return nil
}

type typed struct {
	size   int
	ms     []float64 // input event → DOM updated (the summary and response)
	engine []float64 // of which corsplay.evaluate
	panels []float64 // the rest of the panels, drawn right after the frame
	tests  []float64 // the Tests panel's runs (with tests)
	// of which corsplay.runTests
	testsEngine []float64
}

// keystrokes loads the page, puts the 100-rule configuration in the
// editor, types keys characters into an origin of rule 50 and returns the
// page's per-input timings and in-page engine timings. With tests > 0 the
// Tests panel first imports that many browser-level tests, one per rule's
// origin (the typing makes rule 50's fail).
func keystrokes(exe, url string, keys, tests int) (typed, map[string][]float64, error) {
	ctx, stop, err := chromiumtest.Start(context.Background(), exe)
	if err != nil {
		return typed{}, nil, err
	}
	defer stop()
	tctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return typed{}, nil, err
	}
	if err := waitReady(tctx); err != nil {
		return typed{}, nil, err
	}
	marker := "https://app50.example.com"
	size, err := chromiumtest.PutInEditor(tctx, examples.Large(100), marker)
	if err != nil {
		return typed{}, nil, err
	}
	if tests > 0 {
		if err := importTests(tctx, tests); err != nil {
			return typed{}, nil, err
		}
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[int](`window.corsplayPerf.length = window.corsplayPerfEngine.length = window.corsplayPerfPanels.length = (window.corsplayPerfTests || []).length = (window.corsplayPerfTestsEngine || []).length = 0`)); err != nil {
		return typed{}, nil, err
	}
	time.Sleep(200 * time.Millisecond)
	// Type like a person: one key event (one input event) per character.
	text := strings.Repeat("abcdefghij", keys/10+1)[:keys]
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("config"), text)); err != nil {
		return typed{}, nil, err
	}
	// The panels of the last key are drawn after its frame.
	time.Sleep(100 * time.Millisecond)
	perfJSON, err := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify([window.corsplayPerf, window.corsplayPerfEngine, window.corsplayPerfPanels, window.corsplayPerfTests || [], window.corsplayPerfTestsEngine || []])`))
	if err != nil {
		return typed{}, nil, err
	}
	var perf [5][]float64
	if err := json.Unmarshal([]byte(perfJSON), &perf); err != nil {
		return typed{}, nil, err
	}
	ms := perf[0]
	if len(ms) < keys {
		got, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`document.getElementById('config').value.slice(0, 200)`))
		return typed{}, nil, fmt.Errorf("page recorded %d input timings for %d keys (editor starts %q)", len(ms), keys, got)
	}
	check, err := chromedp.Run(tctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById('config').value.includes(%q)`, marker+text)))
	if err != nil || !check {
		return typed{}, nil, fmt.Errorf("typed text did not land in the origin of rule 50 (%v)", err)
	}

	cfgJSON, _ := json.Marshal(examples.Large(100))
	engineJS := fmt.Sprintf(`(() => {
	  const cfg = %s;
	  const sc = JSON.stringify({bucket: {exists: true, cors: cfg}, request: {method: 'OPTIONS', target: 'object',
	    headers: {Origin: 'https://app99.example.com', 'Access-Control-Request-Method': 'PUT'}}});
	  const out = {evaluate: [], highlight: []};
	  for (let i = 0; i < 50; i++) {
	    let t = performance.now(); corsplay.evaluateJSON(sc); out.evaluate.push(performance.now() - t);
	    t = performance.now(); corsplay.highlight(cfg, 'xml'); out.highlight.push(performance.now() - t);
	  }
	  return JSON.stringify(out);
	})()`, cfgJSON)
	ej, err := chromedp.Run(tctx, chromedp.Evaluate[string](engineJS))
	if err != nil {
		return typed{}, nil, err
	}
	engine := map[string][]float64{}
	if err := json.Unmarshal([]byte(ej), &engine); err != nil {
		return typed{}, nil, err
	}
	return typed{size: size, ms: ms, engine: perf[1], panels: perf[2], tests: perf[3], testsEngine: perf[4]}, engine, nil
}

func median(v []float64) float64 { return pct(v, 50) }

// pct returns the p-th percentile (nearest rank) of v.
func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// loadavg returns the 1-minute load average, to judge how noisy a run was.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

// cpuJiffies returns the machine's busy and total jiffies from /proc/stat.
func cpuJiffies() (busy, total uint64, ok bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, false
	}
	for i, x := range f[1:] {
		n, err := strconv.ParseUint(x, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		total += n
		if i != 3 && i != 4 { // idle, iowait
			busy += n
		}
	}
	return busy, total, true
}

// waitQuiet waits until the machine was at least 85 % idle over 300 ms, at
// most max; it reports whether it was.
func waitQuiet(max time.Duration) bool {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) {
		b0, t0, ok0 := cpuJiffies()
		time.Sleep(300 * time.Millisecond)
		b1, t1, ok1 := cpuJiffies()
		if !ok0 || !ok1 {
			return true // not Linux: nothing to wait for
		}
		if t1 > t0 && float64(b1-b0)/float64(t1-t0) < 0.15 {
			return true
		}
	}
	return false
}
