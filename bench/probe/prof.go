package main

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// profile records a V8 CPU profile (200 µs samples) of one cold load until
// the engine is ready and idle, and prints the functions with the most
// self time, then the top functions of each 50 ms.
func profile(exe, url string) error {
	ctx, stop, err := startBrowser(exe)
	if err != nil {
		return err
	}
	defer stop()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, profiler.Start, cdp.Empty{}); err != nil {
		return err
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	if err := waitReady(tctx); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	res, err := chromedp.Call(tctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return err
	}
	p := res.Profile
	nodes := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		nodes[n.ID] = n
	}
	type key struct {
		b    int64
		name string
	}
	buckets := map[key]int64{}
	self := map[string]int64{}
	t := p.StartTime
	for i, s := range p.Samples {
		t += float64(p.TimeDeltas[i])
		n := nodes[s]
		name := n.CallFrame.FunctionName + " " + short(n.CallFrame.URL)
		b := int64((t - p.StartTime) / 50000)
		buckets[key{b, name}] += p.TimeDeltas[i]
		self[name] += p.TimeDeltas[i]
	}
	l := largest(self)
	for _, e := range l[:min(25, len(l))] {
		fmt.Printf("%8.1f ms %s\n", float64(e.v)/1000, e.k)
	}
	var maxb int64
	for k := range buckets {
		maxb = max(maxb, k.b)
	}
	for b := int64(0); b <= maxb; b++ {
		inB := map[string]int64{}
		for k, v := range buckets {
			if k.b == b {
				inB[k.name] = v
			}
		}
		ll := largest(inB)
		line := fmt.Sprintf("%4d ms:", b*50)
		for _, e := range ll[:min(4, len(ll))] {
			line += fmt.Sprintf(" [%s %.0f]", e.k, float64(e.v)/1000)
		}
		fmt.Println(line)
	}
	return nil
}

func short(u string) string {
	for i := len(u) - 1; i >= 0; i-- {
		if u[i] == '/' {
			return u[i+1:]
		}
	}
	return u
}

// contexts loads the page six times, each in a new browser context (empty
// cache) of one running browser, and prints navigation timing and marks:
// start-up without the cost of starting a browser.
func contexts(exe, url string) error {
	bctx, stop, err := startBrowser(exe)
	if err != nil {
		return err
	}
	defer stop()
	for range 6 {
		ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
		tctx, c2 := context.WithTimeout(ctx, 60*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(url))
		if err == nil {
			err = waitReady(tctx)
		}
		if err != nil {
			c2()
			cancel()
			return err
		}
		time.Sleep(300 * time.Millisecond)
		s, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`(() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByType('paint')[0]; const f = (x) => x.toFixed(0); const res = performance.getEntriesByType('resource').map((r) => r.name.split('/').pop() + ' ' + f(r.startTime) + '–' + f(r.responseEnd)).join(', '); return 'request ' + f(n.requestStart) + ' response ' + f(n.responseStart) + '–' + f(n.responseEnd) + ' domInteractive ' + f(n.domInteractive) + ' fp ' + (p ? f(p.startTime) : '-') + '\n  ' + res + '\n  ' + JSON.stringify(window.marks) })()`))
		fmt.Println(s)
		c2()
		cancel()
	}
	return nil
}

func waitReady(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.dataset.engine === "ready"`, chromedp.WithPollingInterval(5*time.Millisecond)))
	return err
}
