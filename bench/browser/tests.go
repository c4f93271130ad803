package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"
)

// importTests hands the Tests panel a file of n browser-level tests, as a
// person's file pick does (the panel's file input), and waits until they
// have run: test i expects a GET from https://appI.example.com, the origin
// of rule i of examples.Large, allowed.
func importTests(ctx context.Context, n int) error {
	js := `(() => {
	  const tests = Array.from({length: ` + strconv.Itoa(n) + `}, (_, i) => ({name: 'app' + i + ' reads',
	    fetch: {origin: 'https://app' + i + '.example.com', url: 'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/k' + i, method: 'GET'},
	    expect: {allowed: true}}));
	  const dt = new DataTransfer();
	  dt.items.add(new File([JSON.stringify({format: 'corsplay-tests/1', tests})], 'bench.json'));
	  const f = document.getElementById('tests-file');
	  f.files = dt.files;
	  f.dispatchEvent(new Event('change'));
	  return 0;
	})()`
	wait := `!!document.getElementById('tests-file')`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](wait, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		return fmt.Errorf("the Tests panel did not load: %w", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js)); err != nil {
		return err
	}
	done := `/^\d+\/` + strconv.Itoa(n) + ` tests pass/.test(document.getElementById('tests-count').textContent)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		return fmt.Errorf("the %d tests did not run: %w", n, err)
	}
	return nil
}
