package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// timeline records a Chrome trace of one cold load (fresh browser) and
// prints, per thread and per 50 ms from navigation start, how busy the
// thread was and the longest named events in that slice: where the main
// thread's time goes, and what runs beside it.
// tev is one trace event, as Chrome's tracing writes it (µs).
type tev struct {
	Name string         `json:"name"`
	Cat  string         `json:"cat"`
	Ph   string         `json:"ph"`
	Ts   float64        `json:"ts"`
	Dur  float64        `json:"dur"`
	Tdur float64        `json:"tdur"` // CPU time of the thread, when recorded
	Tid  int            `json:"tid"`
	Pid  int            `json:"pid"`
	Args map[string]any `json:"args"`
}

// traceLoad records a Chrome trace of one cold load (fresh browser) and
// returns its complete events with the time of navigation start (µs, trace
// clock) and window.marks.
func traceLoad(exe, url string) ([]tev, float64, map[string]any, error) {
	bctx, stop, err := startBrowser(exe)
	if err != nil {
		return nil, 0, nil, err
	}
	defer stop()
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tctx, c2 := context.WithTimeout(ctx, 60*time.Second)
	defer c2()
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, 0, nil, err
	}
	var mu sync.Mutex
	var evs []tev
	done := make(chan struct{})
	chromedp.Listen(tctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				var t tev
				if json.Unmarshal(v, &t) == nil {
					evs = append(evs, t)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	cats := []string{"devtools.timeline", "v8.wasm", "loading", "toplevel", "blink.user_timing"}
	if c := os.Getenv("CATS"); c != "" {
		cats = strings.Split(c, ",")
	}
	if _, err := chromedp.Call(tctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{IncludedCategories: cats}}); err != nil {
		return nil, 0, nil, err
	}
	if os.Getenv("SETTLE") != "" {
		waitQuiet()
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return nil, 0, nil, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](doneExpr(), chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return nil, 0, nil, err
	}
	time.Sleep(500 * time.Millisecond)
	m, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify(Object.assign({}, window.marks, {fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime}))`))
	// A user-timing mark ties the trace's clock to performance.now().
	now, _ := chromedp.Run(tctx, chromedp.Evaluate[float64](`(performance.mark('corsplay-probe'), performance.getEntriesByName('corsplay-probe')[0].startTime)`))
	if _, err := chromedp.Call(tctx, tracing.End, cdp.Empty{}); err != nil {
		return nil, 0, nil, err
	}
	<-done

	var t0 float64
	for _, e := range evs {
		if e.Name == "corsplay-probe" {
			t0 = e.Ts - now*1000
		}
	}
	if t0 == 0 {
		return nil, 0, nil, fmt.Errorf("no user-timing mark in the trace")
	}
	marks := map[string]any{}
	json.Unmarshal([]byte(m), &marks)
	return evs, t0, marks, nil
}

// threadNames maps (pid, tid) to the thread's name.
func threadNames(evs []tev) map[[2]int]string {
	tn := map[[2]int]string{}
	for _, e := range evs {
		if e.Ph == "M" && e.Name == "thread_name" {
			tn[[2]int{e.Pid, e.Tid}] = fmt.Sprint(e.Args["name"])
		}
	}
	return tn
}

// timeline prints, per thread and per 50 ms from navigation start, how
// busy the thread was (wall and CPU time of its tasks) and the longest named
// events in that slice: where the main thread's time goes, and what runs
// beside it.
func timeline(exe, url string) error {
	evs, t0, marks, err := traceLoad(exe, url)
	if err != nil {
		return err
	}
	mj, _ := json.Marshal(marks)
	fmt.Println("marks", string(mj))
	tn := threadNames(evs)
	pagePid := 0
	for _, e := range evs {
		if e.Name == "corsplay-probe" {
			pagePid = e.Pid
		}
	}
	generic := map[string]bool{"RunTask": true, "ThreadControllerImpl::RunTask": true, "ThreadPool_RunTask": true,
		"Receive mojo message": true, "Receive mojo reply": true, "SimpleWatcher::OnHandleReady": true, "TaskGraphRunner::RunTask": true,
		"EpollEvent": true, "SequenceManager RunTask": true}
	top := map[string]bool{"RunTask": true, "ThreadControllerImpl::RunTask": true, "ThreadPool_RunTask": true, "TaskGraphRunner::RunTask": true}
	// EVENTS=prefix lists every event of more than 2 ms on the page's
	// threads whose name starts with prefix (nesting shown by order).
	if pre := os.Getenv("EVENTS"); pre != "" {
		for _, e := range evs {
			th := tn[[2]int{e.Pid, e.Tid}]
			if e.Ph == "X" && e.Ts >= t0 && e.Pid == pagePid && strings.HasPrefix(th, pre) && e.Dur > evMin() {
				if th != pre && strings.HasPrefix(th, "ThreadPool") {
					fmt.Printf("EV %7.1f +%6.1f cpu %6.1f %s [%s %d]\n", (e.Ts-t0)/1000, e.Dur/1000, e.Tdur/1000, e.Name, th, e.Tid)
					continue
				}
				args := ""
				if os.Getenv("EVARGS") != "" && len(e.Args) > 0 {
					b, _ := json.Marshal(e.Args)
					args = " " + string(b)
				}
				fmt.Printf("EV %7.1f +%6.1f cpu %6.1f %s%s\n", (e.Ts-t0)/1000, e.Dur/1000, e.Tdur/1000, e.Name, args)
			}
		}
	}
	// EVNAME=substring lists every event of any thread whose name holds it.
	if sub := os.Getenv("EVNAME"); sub != "" {
		for _, e := range evs {
			if e.Ts >= t0 && strings.Contains(e.Name, sub) && e.Ph != "M" {
				fmt.Printf("EN %7.1f +%6.1f %s [%s] %s\n", (e.Ts-t0)/1000, e.Dur/1000, e.Ph, tn[[2]int{e.Pid, e.Tid}], e.Name)
			}
		}
	}
	const slice = 50000.0 // µs
	type key struct {
		th string
		b  int
	}
	busy := map[key]float64{}
	cpu := map[key]float64{}
	named := map[key]map[string]float64{}
	ths := map[string]bool{}
	var maxB int
	for _, e := range evs {
		if e.Ph != "X" || e.Ts < t0 {
			continue
		}
		th := tn[[2]int{e.Pid, e.Tid}]
		if th == "" {
			continue
		}
		if strings.HasPrefix(th, "ThreadPool") {
			th = "ThreadPool"
		}
		if e.Pid != pagePid {
			th = fmt.Sprintf("%d:%s", e.Pid, th)
		}
		s, end := e.Ts-t0, e.Ts-t0+e.Dur
		for b := int(s / slice); float64(b)*slice < end; b++ {
			lo, hi := max(s, float64(b)*slice), min(end, float64(b+1)*slice)
			k := key{th, b}
			if top[e.Name] {
				busy[k] += (hi - lo) / 1000
				if e.Dur > 0 {
					cpu[k] += e.Tdur * (hi - lo) / e.Dur / 1000
				}
			}
			if !generic[e.Name] && e.Dur > 1000 {
				if named[k] == nil {
					named[k] = map[string]float64{}
				}
				// CPU time, when the trace has it, else wall time.
				f := 1.0
				if e.Tdur > 0 {
					f = e.Tdur / e.Dur
				}
				named[k][e.Name] += f * (hi - lo) / 1000
			}
			ths[th] = true
			maxB = max(maxB, b)
		}
	}
	var names []string
	for th := range ths {
		names = append(names, th)
	}
	sort.Strings(names)
	total := map[string]float64{}
	for k, v := range cpu {
		total[k.th] += v
	}
	for _, th := range names {
		fmt.Printf("cpu total %-22s %5.0f ms\n", th, total[th])
	}
	for b := 0; b <= maxB && b < 60; b++ {
		fmt.Printf("%5d ms\n", b*50)
		for _, th := range names {
			k := key{th, b}
			if busy[k] < 1 {
				continue
			}
			l := largest(named[k])
			var parts []string
			for _, x := range l[:min(5, len(l))] {
				parts = append(parts, fmt.Sprintf("%s %.0f", x.k, x.v))
			}
			fmt.Printf("   %-22s busy %3.0f cpu %3.0f  %s\n", th, busy[k], cpu[k], strings.Join(parts, ", "))
		}
	}
	return nil
}

// cpuCompare traces runs cold loads of each built directory (alternating)
// and prints the CPU time of the page's main thread from navigation start
// to engine ready and to page usable, and of the renderer's other threads:
// the work itself, which machine load changes much less than wall time.
func cpuCompare(exe string, runs int, dirs []string) error {
	urls, stop, err := serveDirs(dirs)
	if err != nil {
		return err
	}
	defer stop()
	cols := []string{"main→fcp", "main→ready", "main→usable", "worker", "pool", "wall fcp", "wall ready", "wall usable",
		"Layout", "UpdateLayoutTree", "Paint", "ParseHTML", "EvaluateScript", "wasm.CompileLazy", "wasm.OnBytesReceived", "wasm.FinishStreaming", "wasm.SyncInstantiate"}
	got := make([]map[string][]float64, len(dirs))
	byName := make([]map[string]float64, len(dirs)) // mean CPU per event name, main thread, before usable
	for i := range got {
		got[i] = map[string][]float64{}
		byName[i] = map[string]float64{}
	}
	for r := range runs {
		for k := range dirs {
			v := (k + r) % len(dirs)
			evs, t0, marks, err := traceLoad(exe, urls[v])
			if err != nil {
				return err
			}
			ready, _ := marks["ready"].(float64)
			usable, _ := marks["usable"].(float64)
			fcp, _ := marks["fcp"].(float64)
			tn := threadNames(evs)
			mainPid := 0 // the page's renderer: where the probe's mark is
			for _, e := range evs {
				if e.Name == "corsplay-probe" {
					mainPid = e.Pid
				}
			}
			x := map[string]float64{"wall fcp": fcp, "wall ready": ready, "wall usable": usable}
			// Count from the first ParseHTML: the navigation's commit
			// before it is the same for every page, but falls before or
			// after navigation start from one trace to the next.
			from := math.Inf(1)
			for _, e := range evs {
				if e.Name == "ParseHTML" && e.Pid == mainPid && e.Ts >= t0 {
					from = min(from, e.Ts)
				}
			}
			for _, e := range evs {
				if e.Ph != "X" || e.Ts < from || e.Pid != mainPid {
					continue
				}
				at := (e.Ts - t0) / 1000
				th := tn[[2]int{e.Pid, e.Tid}]
				top := e.Name == "ThreadControllerImpl::RunTask" || e.Name == "ThreadPool_RunTask"
				switch {
				case th == "CrRendererMain" && top:
					if at < fcp {
						x["main→fcp"] += e.Tdur / 1000
					}
					if at < ready {
						x["main→ready"] += e.Tdur / 1000
					}
					if at < usable {
						x["main→usable"] += e.Tdur / 1000
					}
				case th == "CrRendererMain" && at < usable:
					if slices.Contains(cols, e.Name) {
						x[e.Name] += e.Tdur / 1000
					}
					byName[v][e.Name] += e.Tdur / 1000 / float64(runs)
				case strings.HasPrefix(th, "DedicatedWorker") && top && at < usable:
					x["worker"] += e.Tdur / 1000
				case strings.HasPrefix(th, "ThreadPool") && top && at < usable:
					x["pool"] += e.Tdur / 1000
				}
			}
			var line []string
			for _, c := range cols {
				got[v][c] = append(got[v][c], x[c])
				line = append(line, fmt.Sprintf("%s %.0f", c, x[c]))
			}
			fmt.Printf("%-12s %s\n", dirs[v], strings.Join(line, " "))
		}
	}
	fmt.Printf("\nmedians of %d traced cold loads each (ms; CPU time unless wall), load average %s\n", runs, loadavg())
	for v, d := range dirs {
		var line []string
		for _, c := range cols {
			line = append(line, fmt.Sprintf("%s %.0f", c, median(got[v][c])))
		}
		fmt.Printf("%-12s %s\n", d, strings.Join(line, "  "))
	}
	fmt.Printf("\nmain thread before usable, mean CPU ms by event name (nested events counted in each)\n")
	var all []string
	for n := range byName[0] {
		all = append(all, n)
	}
	for _, m := range byName[1:] {
		for n := range m {
			if _, ok := byName[0][n]; !ok {
				all = append(all, n)
			}
		}
	}
	sort.Strings(all)
	for _, n := range all {
		var vals []string
		lo, hi := 1e9, -1e9
		for v := range dirs {
			lo, hi = min(lo, byName[v][n]), max(hi, byName[v][n])
			vals = append(vals, fmt.Sprintf("%6.1f", byName[v][n]))
		}
		if hi >= 3 {
			fmt.Printf("%s  %s\n", strings.Join(vals, " "), n)
		}
	}
	return nil
}

// threadsCPU prints the CPU time of every thread of every process from
// navigation start to page usable, largest first.
func threadsCPU(exe, url string) error {
	evs, t0, marks, err := traceLoad(exe, url)
	if err != nil {
		return err
	}
	usable, _ := marks["usable"].(float64)
	tn := threadNames(evs)
	pn := map[int]string{}
	for _, e := range evs {
		if e.Ph == "M" && e.Name == "process_name" {
			pn[e.Pid] = fmt.Sprint(e.Args["name"])
		}
	}
	type acc struct{ wall, cpu float64 }
	m := map[string]*acc{}
	top := map[string]bool{"ThreadControllerImpl::RunTask": true, "ThreadPool_RunTask": true, "TaskGraphRunner::RunTask": true}
	for _, e := range evs {
		if e.Ph != "X" || e.Ts < t0 || (e.Ts-t0)/1000 > usable || !top[e.Name] {
			continue
		}
		k := fmt.Sprintf("%s/%d %s", pn[e.Pid], e.Pid, tn[[2]int{e.Pid, e.Tid}])
		if m[k] == nil {
			m[k] = &acc{}
		}
		m[k].wall += e.Dur / 1000
		m[k].cpu += e.Tdur / 1000
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return m[ks[i]].cpu > m[ks[j]].cpu })
	fmt.Printf("navigation → usable %.0f ms; CPU by thread:\n", usable)
	for _, k := range ks {
		fmt.Printf("%7.0f cpu %7.0f wall  %s\n", m[k].cpu, m[k].wall, k)
	}
	return nil
}

// evMin is the shortest event EVENTS lists (µs): EVMIN, else 2000.
func evMin() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("EVMIN"), 64); err == nil {
		return v
	}
	return 2000
}
