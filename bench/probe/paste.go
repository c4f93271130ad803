package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// pasteTexts are the huge pastes pasteProfile knows, as JavaScript
// expressions that build them in the page (10 MB through the DevTools
// protocol would take longer than the paste itself).
var pasteTexts = map[string]string{
	// About 655,000 lines of 16 bytes.
	"lines": `Array.from({length: 655360}, (_, i) => 'line ' + String(i).padStart(9, '0')).join('\n')`,
	// 10 MB without a line break.
	"oneline": `'<CORSConfiguration>' + 'x'.repeat(10 << 20)`,
	// About 1 MB of rules.
	"rules": `'<CORSConfiguration>\n' + '  <CORSRule>\n    <AllowedOrigin>https://app.example.com</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n'.repeat(8000) + '</CORSConfiguration>\n'`,
	// About 10 MB of Terraform.
	"terraform": `Array.from({length: 40000}, (_, i) => 'resource "aws_s3_bucket_cors_configuration" "b' + i + '" {\n  bucket = "bucket-' + i + '"\n  cors_rule {\n    allowed_methods = ["GET"]\n    allowed_origins = ["https://app.example.com"]\n  }\n}\n').join('\n')`,
}

// pasteProfile loads the page, pastes one of pasteTexts into the editor
// (one input event, as a paste) under the V8 profiler (1 ms samples), waits
// until the page has been idle for 2 s, types a key, and prints the long
// tasks (over 50 ms) the page saw and the functions with the most self and
// inclusive time.
func pasteProfile(exe, url, kind string) error {
	build, ok := pasteTexts[kind]
	if !ok {
		return fmt.Errorf("paste: unknown text %q (lines, oneline, rules, terraform)", kind)
	}
	tctx, stop, err := openReady(exe, url, 5*time.Minute)
	if err != nil {
		return err
	}
	defer stop()
	time.Sleep(500 * time.Millisecond)
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[int](`(() => { window.longTasks = []; window.pasteText = `+build+`;
	  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({type: 'longtask'});
	  return window.pasteText.length; })()`)); err != nil {
		return err
	}
	prof := os.Getenv("PROBE_NOPROF") == ""
	if prof {
		if _, err := chromedp.Call(tctx, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := chromedp.Call(tctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 1000}); err != nil {
			return err
		}
		if _, err := chromedp.Call(tctx, profiler.Start, cdp.Empty{}); err != nil {
			return err
		}
	}
	start := time.Now()
	t0, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`(() => { const t = document.getElementById('config'); window.pasteAt = performance.now();
	  t.focus(); t.value = window.pasteText; t.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true}));
	  return performance.now() - window.pasteAt; })()`))
	if err != nil {
		return err
	}
	fmt.Printf("%s: the input event took %.0f ms\n", kind, t0)
	// Idle for 2 s (each poll is a task of its own; a frozen page answers late).
	for {
		idle, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(() => { const l = window.longTasks; const end = l.length ? l[l.length - 1][0] + l[l.length - 1][1] : 0; return performance.now() - end > 2000; })()`))
		if err != nil {
			return err
		}
		if idle || time.Since(start) > 3*time.Minute {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Printf("idle again after %.1f s\n", time.Since(start).Seconds())
	k0 := time.Now()
	if err := chromedp.Do(tctx, chromedp.SendKeys(chromedp.ID("config"), "x")); err != nil {
		return err
	}
	fmt.Printf("a key typed in %.0f ms\n", float64(time.Since(k0).Microseconds())/1000)
	time.Sleep(1500 * time.Millisecond)
	s, err := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify({tasks: window.longTasks.map(([s, d]) => [s - Math.round(window.pasteAt), d]), summary: document.getElementById('summary').textContent.slice(0, 200), verdict: document.getElementById('verdict').textContent.slice(0, 200), len: document.getElementById('config').value.length})`))
	if err != nil {
		return err
	}
	var r struct {
		Tasks            [][2]float64
		Summary, Verdict string
		Len              int
	}
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return err
	}
	var longest float64
	for _, t := range r.Tasks {
		longest = max(longest, t[1])
	}
	fmt.Printf("text now %d characters\nsummary: %s\nverdict: %s\nlong tasks (ms after the paste, ms long): %v\nlongest: %.0f ms\n", r.Len, r.Summary, r.Verdict, r.Tasks, longest)
	if !prof {
		return nil
	}
	res, err := chromedp.Call(tctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return err
	}
	printProfile(res.Profile, 1, "ms", 30)
	return nil
}
