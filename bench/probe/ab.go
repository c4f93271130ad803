package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
)

// ab compares built copies of web/ (one directory each) by alternating
// cold loads between them, each in a fresh browser, so that whatever else
// the machine is doing falls on every variant alike. It prints each load's
// marks and each variant's medians.
func ab(exe string, runs int, dirs []string) error {
	urls, stop, err := serveDirs(dirs)
	if err != nil {
		return err
	}
	defer stop()
	names := []string{"fetchStart", "workerBoot", "workerResponse", "workerCompiled", "compiled", "instantiated", "ready", "usable", "live", "firstResult", "fcp", "resultPaint", "warmMs"}
	if extra := os.Getenv("MARKS"); extra != "" {
		names = append(names, strings.Split(extra, ",")...)
	}
	got := make([]map[string][]float64, len(dirs))
	for i := range got {
		got[i] = map[string][]float64{}
	}
	for r := range runs {
		for k := range dirs {
			v := (k + r) % len(dirs) // rotate who goes first
			waitQuiet()
			m, err := loadMarks(exe, urls[v])
			if err != nil {
				return fmt.Errorf("%s run %d: %w", dirs[v], r+1, err)
			}
			var line []string
			for _, n := range names {
				if x, ok := m[n].(float64); ok {
					got[v][n] = append(got[v][n], x)
					line = append(line, fmt.Sprintf("%s %.0f", n, x))
				}
			}
			if e, ok := m["workerError"].(string); ok {
				line = append(line, "workerError "+e)
			}
			fmt.Printf("%-24s %s\n", dirs[v], strings.Join(line, " "))
		}
	}
	fmt.Printf("\nmedians (min–max) of %d cold loads each, load average %s\n", runs, loadavg())
	for v, d := range dirs {
		var line []string
		for _, n := range names {
			x := got[v][n]
			if len(x) == 0 {
				continue
			}
			line = append(line, fmt.Sprintf("%s %.0f (%.0f–%.0f)", n, median(x), slices.Min(x), slices.Max(x)))
		}
		fmt.Printf("%-24s %s\n", d, strings.Join(line, "  "))
	}
	return nil
}

// loadMarks opens url in a fresh browser, waits until the page is ready and
// idle, and returns window.marks.
func loadMarks(exe, url string) (map[string]any, error) {
	ctx, stop, err := chromiumtest.Start(context.Background(), exe)
	if err != nil {
		return nil, err
	}
	defer stop()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if os.Getenv("SETTLE") != "" {
		waitQuiet()
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](doneExpr(), chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return nil, err
	}
	time.Sleep(700 * time.Millisecond)
	// fcp: first contentful paint, when the first frame with content was
	// presented (the marks say when the page had put it in the DOM).
	s, err := chromedp.Run(tctx, chromedp.Evaluate[string](`(() => {
	  const m = Object.assign({}, window.marks, {fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime});
	  return new Promise((resolve) => {
	    const done = (t) => { if (t) m.resultPaint = t; resolve(JSON.stringify(m)); };
	    const PO = window.PerformanceObserver;
	    if (!PO || !(PO.supportedEntryTypes || []).includes('element')) return done();
	    new PO((l, o) => {
	      const e = l.getEntries().find((e) => e.identifier === 'result');
	      if (e) { o.disconnect(); done(e.renderTime || e.startTime); }
	    }).observe({type: 'element', buffered: true});
	    setTimeout(done, 500);
	  });
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, err
	}
	if os.Getenv("RES") != "" {
		// Each file's request start and response end (Resource Timing),
		// to see what the first frame waited for.
		r, err := chromedp.Run(tctx, chromedp.Evaluate[string](`(() => {
		  const n = performance.getEntriesByType('navigation')[0];
		  return 'document ' + n.requestStart.toFixed(0) + '→' + n.responseEnd.toFixed(0) + ' parsed ' + n.domInteractive.toFixed(0) +
		    ' DOMContentLoaded ' + n.domContentLoadedEventStart.toFixed(0) + '  ' +
		    performance.getEntriesByType('resource').map((e) =>
		      e.name.replace(/^.*\//, '') + ' ' + e.requestStart.toFixed(0) + '→' + e.responseEnd.toFixed(0)).join('  ');
		})()`))
		if err == nil {
			fmt.Println("   ", r)
		}
	}
	return m, nil
}

// doneExpr is the JavaScript condition a load waits for: the engine is
// ready, or DONE.
func doneExpr() string {
	if e := os.Getenv("DONE"); e != "" {
		return e
	}
	return `document.documentElement.dataset.engine === "ready"`
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

// cpuJiffies returns the machine's busy and total jiffies from /proc/stat.
func cpuJiffies() (busy, total uint64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	for i, x := range f[1:] {
		var n uint64
		fmt.Sscan(x, &n)
		total += n
		if i != 3 && i != 4 { // idle, iowait
			busy += n
		}
	}
	return busy, total
}

// waitQuiet waits (at most 30 s) until the machine was at least 85 % idle
// over 300 ms, so that a load does not start in the middle of someone
// else's build or benchmark.
func waitQuiet() {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b0, t0 := cpuJiffies()
		time.Sleep(300 * time.Millisecond)
		b1, t1 := cpuJiffies()
		if t1 > t0 && float64(b1-b0)/float64(t1-t0) < 0.15 {
			return
		}
	}
	fmt.Println("(machine not quiet after 30 s)")
}
