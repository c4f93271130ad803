// Package chromiumtest starts a real headless Chromium for browser tests.
//
// Browser(t) gives a chromedp context bound to a fresh browser with a fresh,
// temporary profile (no HTTP cache, no wasm code cache, no cookies), so every
// call measures and tests a cold first visit. The browser is closed and its
// profile removed when the test ends.
//
// Finding the browser: $CORSPLAY_CHROMIUM when set, else /usr/bin/chromium,
// else chromium or chromium-browser on $PATH.
//
// When no browser is found, the test is skipped with a message saying how to
// install one — unless the environment variable CORSPLAY_E2E is "require",
// in which case the test fails. The project's test script and CI set
// CORSPLAY_E2E=require after installing Debian's chromium, so a missing
// browser can never turn the end-to-end tests into silent skips there, while
// `go test ./...` on a laptop without Chromium still passes the rest.
//
// CORSPLAY_E2E=skip skips browser tests even when a browser is installed
// (for a quick native-only run).
//
// Flags: chromedp's defaults (headless, no first run, background networking,
// sync, extensions and component updates off) plus --no-sandbox (containers
// run as root), --disable-gpu and --disable-quic: what Debian's chromium
// 156 needs to run in a container (docs/testing.md).
package chromiumtest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// EnvBrowser names the environment variable that points at a Chromium binary.
const EnvBrowser = "CORSPLAY_CHROMIUM"

// EnvMode names the environment variable that decides what a missing browser
// means: "require" fails the test, "skip" skips browser tests always, anything
// else (the default) skips when no browser is found.
const EnvMode = "CORSPLAY_E2E"

// installHint is what a person without Chromium reads.
const installHint = "install it with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium " +
	"(or point " + EnvBrowser + " at a Chromium binary)"

// ExecPath returns the Chromium binary to use, or an error saying why there
// is none.
func ExecPath() (string, error) {
	if p := os.Getenv(EnvBrowser); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", errors.New(EnvBrowser + "=" + p + ": " + err.Error())
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (looked at $" + EnvBrowser + ", /usr/bin/chromium and $PATH)")
}

// AllocatorOptions returns the chromedp allocator options for a headless,
// cold Chromium at execPath. Exported for programs (the browser benchmark)
// that have no testing.TB.
func AllocatorOptions(execPath string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	return append(opts,
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(1280, 900),
		// No user-data-dir: chromedp then makes a fresh temporary profile
		// and removes it when the browser exits.
	)
}

// Start launches a fresh browser and returns its chromedp context and a
// function that closes it. It is Browser without testing.TB.
func Start(parent context.Context, execPath string) (context.Context, func(), error) {
	actx, cancelA := chromedp.NewExecAllocator(parent, AllocatorOptions(execPath)...)
	bctx, cancelB := chromedp.NewContext(actx)
	var once sync.Once
	stop := func() {
		once.Do(func() {
			// Cancel closes the browser gracefully and waits for it to
			// exit, so the temporary profile is gone before the next test
			// starts. chromedp panics when Cancel runs twice, so skip it
			// if the caller already cancelled the context.
			if bctx.Err() == nil {
				func() {
					defer func() { _ = recover() }()
					_ = chromedp.Cancel(bctx)
				}()
			}
			cancelB()
			cancelA()
		})
	}
	// Do with no steps starts the browser and opens the first tab. No
	// timeout on this context: chromedp ties the browser's life to it.
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, err
	}
	return bctx, stop, nil
}

// Browser starts a fresh headless Chromium for t and returns a chromedp
// context for its first tab. The browser closes when t ends. See the package
// comment for how a missing browser is handled.
func Browser(t testing.TB) context.Context {
	t.Helper()
	mode := os.Getenv(EnvMode)
	if mode == "skip" {
		t.Skip(EnvMode + "=skip: browser tests skipped")
	}
	path, err := ExecPath()
	if err != nil {
		if mode == "require" {
			t.Fatalf("%s=require but %v; %s", EnvMode, err, installHint)
		}
		t.Skipf("skipping browser test: %v; %s (set %s=require to make this a failure)", err, installHint, EnvMode)
	}
	ctx, stop, err := Start(context.Background(), path)
	if err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Cleanup(stop)
	return ctx
}

// Screenshot saves a full-page PNG of the current page of ctx at path,
// creating parent directories. Open the file and look at it: that is the
// point of taking it.
func Screenshot(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 = PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// PutInEditor puts text into the corsplay page's configuration editor as a
// paste would (one input event), focuses it with the caret just after the
// first occurrence of caretAfter, and returns the editor's length: where
// the benchmarks start typing.
func PutInEditor(ctx context.Context, text, caretAfter string) (int, error) {
	t, _ := json.Marshal(text)
	c, _ := json.Marshal(caretAfter)
	return chromedp.Run(ctx, chromedp.Evaluate[int](`(() => {
	  const ta = document.getElementById('config');
	  ta.focus();
	  ta.value = `+string(t)+`;
	  ta.dispatchEvent(new Event('input', {bubbles: true}));
	  const after = `+string(c)+`;
	  const at = ta.value.indexOf(after) + after.length;
	  ta.setSelectionRange(at, at);
	  return ta.value.length;
	})()`))
}
