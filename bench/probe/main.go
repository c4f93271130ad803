// Command probe looks into the page's start-up in headless Chromium: where
// the time between navigation and a ready engine goes, and whether a change
// to the page helps. bench/browser measures the figures docs/performance.md reports;
// this explains them. Every load is a cold one: a fresh browser with an
// empty profile, serving a built web/ directory (./build.sh) with the
// handler serve.go uses.
//
//	go run ./bench/probe ab N DIR...        N cold loads of each built directory, alternating
//	                                        between them (each waits for an idle machine):
//	                                        window.marks per load and medians
//	go run ./bench/probe cpu N DIR...       the same, traced: CPU time of the page's main
//	                                        thread (first parse → first frame, → ready, → usable), of its
//	                                        worker and thread pool, and per trace event name
//	go run ./bench/probe timeline [DIR]     one traced load: per 50 ms, each thread's wall and
//	                                        CPU time in tasks and its longest events
//	go run ./bench/probe threads [DIR]      one traced load: CPU time of every thread of every
//	                                        process up to page usable
//	go run ./bench/probe prof [DIR]         a CPU profile (JavaScript and wasm) of one load
//	go run ./bench/probe ctx [DIR]          six loads in new browser contexts of one browser
//	go run ./bench/probe keys [N] [DIR]     a CPU profile of typing N keys (200) into the
//	                                        100-rule configuration: timings, self and
//	                                        inclusive time per function
//	go run ./bench/probe paste KIND [DIR]   a CPU profile of pasting a huge text into the editor
//	                                        (KIND: lines, oneline, rules, terraform): the
//	                                        page's long tasks, self and inclusive time
//	go run ./bench/probe flags FLAGS [DIR]  one load with V8 flags (--js-flags), for example
//	                                        --no-wasm-lazy-compilation; prints window.marks
//
// DIR defaults to web. To compare two versions of the page, build once and
// copy web/ twice (the same corsplay.wasm in both), change one copy, and
// run ab (wall clock, sensitive to whatever else the machine runs) and cpu
// (CPU time, much less so). CSP=policy serves every response with that
// Content-Security-Policy instead of internal/webserve's. SETTLE=1 lets
// each fresh browser finish starting (waits for an idle machine) before
// ab and timeline navigate, as bench/browser's "browser running" loads.
// RES=1 makes ab print when the document arrived and was parsed, and each
// file's request start and response end
// (Resource Timing) per load. DONE=expression makes ab and timeline wait until it is true instead of until the
// engine is ready (for a page without the engine).
// For timeline, EVENTS=thread-name-prefix lists the page's events on those
// threads longer than EVMIN µs (2000), EVARGS=1 with their arguments (font
// family names, script URLs), and EVNAME=substring every event of any
// process whose name holds it (DedicatedWorkerHost, for when the browser
// started the worker's script load). CATS=a,b,… sets the trace categories.
//
// What it found is summarised in docs/performance.md ("Where the time goes").
package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
	"corsplay/internal/webserve"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench/probe:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: probe ab|cpu N DIR... | timeline|threads|prof|ctx [DIR] | flags FLAGS [DIR]")
	}
	exe, err := chromiumtest.ExecPath()
	if err != nil {
		return err
	}
	if csp := os.Getenv("CSP"); csp != "" {
		webserve.Headers["Content-Security-Policy"] = csp
	}
	mode, args := args[0], args[1:]
	switch mode {
	case "ab", "cpu":
		if len(args) < 2 {
			return fmt.Errorf("%s N DIR...", mode)
		}
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 1 {
			return fmt.Errorf("%s: N must be a positive number", mode)
		}
		if mode == "ab" {
			return ab(exe, n, args[1:])
		}
		return cpuCompare(exe, n, args[1:])
	case "flags":
		if len(args) < 1 {
			return fmt.Errorf("flags FLAGS [DIR]")
		}
		url, stop, err := serve(args[1:])
		if err != nil {
			return err
		}
		defer stop()
		return withFlags(exe, url, args[0])
	case "keys":
		n := 200
		if len(args) > 0 {
			if v, err := strconv.Atoi(args[0]); err == nil {
				n, args = v, args[1:]
			}
		}
		url, stop, err := serve(args)
		if err != nil {
			return err
		}
		defer stop()
		return keysProfile(exe, url, n)
	case "paste":
		if len(args) < 1 {
			return fmt.Errorf("paste lines|oneline|rules|terraform [DIR]")
		}
		url, stop, err := serve(args[1:])
		if err != nil {
			return err
		}
		defer stop()
		return pasteProfile(exe, url, args[0])
	case "timeline", "threads", "prof", "ctx":
		url, stop, err := serve(args)
		if err != nil {
			return err
		}
		defer stop()
		switch mode {
		case "timeline":
			return timeline(exe, url)
		case "threads":
			return threadsCPU(exe, url)
		case "prof":
			return profile(exe, url)
		default:
			return contexts(exe, url)
		}
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// serve serves the built directory (args[0], or web) and returns its URL.
func serve(args []string) (string, func(), error) {
	dir := "web"
	if len(args) > 0 {
		dir = args[0]
	}
	return serveDir(dir)
}

// serveDir serves a built directory with serve.go's handler and returns
// its URL and the function that stops the server.
func serveDir(dir string) (string, func(), error) {
	if err := webserve.Check(dir); err != nil {
		return "", nil, fmt.Errorf("%s: %v; run ./build.sh first", dir, err)
	}
	h, err := webserve.Handler(dir)
	if err != nil {
		return "", nil, err
	}
	srv := httptest.NewServer(h)
	return srv.URL + "/", srv.Close, nil
}

// serveDirs is serveDir for each directory.
func serveDirs(dirs []string) ([]string, func(), error) {
	var urls []string
	var stops []func()
	stop := func() {
		for _, s := range stops {
			s()
		}
	}
	for _, d := range dirs {
		u, s, err := serveDir(d)
		if err != nil {
			stop()
			return nil, nil, err
		}
		urls = append(urls, u)
		stops = append(stops, s)
	}
	return urls, stop, nil
}

// amount is a name and an amount, for a list sorted by amount.
type amount[T int64 | float64] struct {
	k string
	v T
}

// largest returns m's entries, the largest amount first.
func largest[T int64 | float64](m map[string]T) []amount[T] {
	l := make([]amount[T], 0, len(m))
	for k, v := range m {
		l = append(l, amount[T]{k, v})
	}
	sort.Slice(l, func(a, b int) bool { return l[a].v > l[b].v })
	return l
}

func startBrowser(exe string) (context.Context, func(), error) {
	return chromiumtest.Start(context.Background(), exe)
}

// openReady starts a browser, loads url in it and waits until the engine
// is ready; the context ends after timeout, and stop closes the browser.
func openReady(exe, url string, timeout time.Duration) (context.Context, func(), error) {
	ctx, stop, err := startBrowser(exe)
	if err != nil {
		return nil, nil, err
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	done := func() {
		cancel()
		stop()
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		done()
		return nil, nil, err
	}
	if err := waitReady(tctx); err != nil {
		done()
		return nil, nil, err
	}
	return tctx, done, nil
}
