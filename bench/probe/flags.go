package main

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
)

// withFlags loads the page once in a fresh browser started with the given
// V8 flags and prints window.marks and the browser's log (flags such as
// --trace-wasm-lazy-compilation write there).
func withFlags(exe, url, jsflags string) error {
	var out bytes.Buffer
	opts := append(chromiumtest.AllocatorOptions(exe), chromedp.Flag("js-flags", jsflags), chromedp.Flag("enable-logging", "stderr"), chromedp.CombinedOutput(&out))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	defer c1()
	ctx, c2 := chromedp.NewContext(actx)
	defer c2()
	tctx, c3 := context.WithTimeout(ctx, 60*time.Second)
	defer c3()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	if err := waitReady(tctx); err != nil {
		return err
	}
	m, err := chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify(window.marks)`))
	if err != nil {
		return err
	}
	fmt.Println(m)
	time.Sleep(200 * time.Millisecond)
	c2()
	fmt.Print(out.String())
	return nil
}
