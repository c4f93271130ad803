// Package page tests the playground page end to end, in a real headless
// Chromium driven by chromedp, the way a person uses it: typing a
// configuration and a request, reading the matched rule, the headers and
// the errors on screen, opening share links, pasting hostile text.
//
// The page under test is the shipped one: the tests run ./build.sh once
// (wasm, wasm_exec.js, highlighting CSS, prerender.js, precompressed files)
// and serve web/ over httptest with the same handler serve.go uses, so the
// Content-Security-Policy the page must live under is enforced for real.
//
// Every conformance case of the project (internal/conformance/testdata) also
// runs through corsplay.evaluate inside the page and is compared with what
// S3 sends, and with the native engine's output byte for byte.
//
// Screenshots go to testdata/e2e-screenshots/ at the repository root
// (git-ignored): desktop, narrow (375 px), dark, embed and a rejected
// configuration. Look at them.
package page

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"corsplay/internal/chromiumtest"
	"corsplay/internal/webserve"
)

var (
	buildOnce sync.Once
	buildErr  error
	srvOnce   sync.Once
	srv       *httptest.Server

	browserOnce sync.Once
	browserCtx  context.Context
	browserStop func()
	browserErr  error
	snapshot    string // the copy of web/ being served, removed at the end
)

// repoRoot is the repository's top directory (this file is e2e/page/).
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browserStop != nil {
		browserStop()
	}
	if srv != nil {
		srv.Close()
	}
	if snapshot != "" {
		os.RemoveAll(snapshot)
	}
	os.Exit(code)
}

// site builds the page once per test binary and serves it; it returns the
// base URL. CORSPLAY_E2E_NOBUILD=1 serves web/ as it is (for a quick rerun
// after ./build.sh); CORSPLAY_E2E_WEB=DIR serves another built copy.
func site(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(), "web")
	if d := os.Getenv("CORSPLAY_E2E_WEB"); d != "" {
		dir = d
	}
	buildOnce.Do(func() {
		if os.Getenv("CORSPLAY_E2E_NOBUILD") == "1" || os.Getenv("CORSPLAY_E2E_WEB") != "" {
			return
		}
		cmd := exec.Command("./build.sh")
		cmd.Dir = repoRoot()
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("./build.sh: %v\n%s", err, out)
			return
		}
		// Serve a snapshot: web/ is a shared working tree, and a rebuild
		// while the tests run must not hand a browser half a wasm file.
		snap, err := os.MkdirTemp("", "corsplay-e2e-web-")
		if err != nil {
			buildErr = err
			return
		}
		snapshot = snap
		buildErr = os.CopyFS(snap, os.DirFS(dir))
		dir = snap
	})
	if snapshot != "" {
		dir = snapshot
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	srvOnce.Do(func() {
		h, err := webserve.Handler(dir)
		if err != nil {
			buildErr = err
			return
		}
		srv = httptest.NewServer(h)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return srv.URL + "/"
}

// browser returns the package's one headless Chromium, started on first use
// (each test works in tabs of its own; starting a browser per test would
// cost more than the tests). A missing browser skips or fails the test as
// chromiumtest.Browser does.
func browser(t *testing.T) context.Context {
	t.Helper()
	mode := os.Getenv(chromiumtest.EnvMode)
	if mode == "skip" {
		t.Skip(chromiumtest.EnvMode + "=skip: browser tests skipped")
	}
	path, err := chromiumtest.ExecPath()
	if err != nil {
		if mode == "require" {
			t.Fatalf("%s=require but %v", chromiumtest.EnvMode, err)
		}
		t.Skipf("skipping browser test: %v (set %s=require to make this a failure)", err, chromiumtest.EnvMode)
	}
	browserOnce.Do(func() {
		browserCtx, browserStop, browserErr = chromiumtest.Start(context.Background(), path)
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", path, browserErr)
	}
	return browserCtx
}

// Page is one tab showing the playground.
type Page struct {
	t   *testing.T
	ctx context.Context
}

// guard is installed before any page script: it records uncaught errors and
// unhandled rejections so a test can assert the page never threw.
const guard = `window.__errors = [];
addEventListener('error', (e) => window.__errors.push(String(e.message || e)));
addEventListener('unhandledrejection', (e) => window.__errors.push('unhandled rejection: ' + String(e.reason && e.reason.message || e.reason)));`

// newTab opens a fresh tab in the browser of ctx, with the error guard and
// any extra script installed before the page's own. Each tab gets a
// browser context of its own (a profile without storage: the page keeps
// its state in localStorage, and one test's typing must not become the
// next one's page); sibling opens another tab in the same one.
func newTab(t *testing.T, browser context.Context, scripts ...string) *Page {
	t.Helper()
	return openTab(t, browser, []chromedp.ContextOption{chromedp.WithNewBrowserContext()}, scripts)
}

// sibling opens another tab in p's browser context: it shares p's
// localStorage, not its sessionStorage.
func (p *Page) sibling(scripts ...string) *Page {
	p.t.Helper()
	return openTab(p.t, p.ctx, nil, scripts)
}

func openTab(t *testing.T, parent context.Context, opts []chromedp.ContextOption, scripts []string) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	p := &Page{t: t, ctx: ctx}
	// The first Do opens the tab and ties its life to the context it gets:
	// no timeout here, or the tab closes when the timeout is released.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	for _, src := range append([]string{guard}, scripts...) {
		p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
			return err
		}))
	}
	return p
}

func (p *Page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// open navigates and waits until the engine is usable.
func (p *Page) open(url string) {
	p.t.Helper()
	p.do(chromedp.Navigate(url))
	p.waitJS(`document.documentElement.dataset.engine === 'ready'`)
}

// waitJS waits until expr is true in the page.
func (p *Page) waitJS(expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		state := evalJS[string](p, `document.documentElement.dataset.engine + ' | ' + document.getElementById('notice').textContent + ' | ' + JSON.stringify(window.__errors)`)
		p.t.Fatalf("waiting for %s: %v (engine, notice, errors: %s)", expr, err, state)
	}
}

func evalJS[T any](p *Page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluating %.200s: %v", expr, err)
	}
	return v
}

func (p *Page) text(sel string) string {
	p.t.Helper()
	// After a keystroke the summary and response are drawn at once and
	// the other panels right after the next frame: read what a person sees
	// once that frame is painted.
	p.waitJS(`document.documentElement.dataset.panels !== 'due'`)
	return evalJS[string](p, fmt.Sprintf(`(document.querySelector(%q) || {textContent: ''}).textContent`, sel))
}

// clearAndType focuses a field, selects all of it and types text, one key
// event per character, as a person does.
func (p *Page) clearAndType(sel, text string) {
	p.t.Helper()
	p.do(chromedp.Focus(chromedp.CSS(sel)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(2 /* Ctrl */)),
		chromedp.KeyEvent("\b"))
	if text != "" {
		p.do(chromedp.SendKeys(chromedp.CSS(sel), text))
	}
}

// noErrors fails if the page threw anything.
func (p *Page) noErrors() {
	p.t.Helper()
	if errs := evalJS[[]string](p, `window.__errors`); len(errs) > 0 {
		p.t.Errorf("page errors: %q", errs)
	}
}

// settle waits for the full answer that follows a pause in typing: lint,
// the fix and each rule's per-field checks (a keystroke's answer has
// only each rule's verdict and reason).
func (p *Page) settle() {
	p.t.Helper()
	p.waitJS(`document.documentElement.dataset.lint !== 'pending'`)
}

// screenshot saves what is on screen once the page has settled: the lint
// that follows a pause in typing has arrived.
func (p *Page) screenshot(name string) {
	p.t.Helper()
	if evalJS[string](p, `document.documentElement.dataset.engine`) == "ready" {
		p.waitJS(`document.documentElement.dataset.lint !== 'pending'`)
	}
	chromiumtest.Screenshot(p.t, p.ctx, filepath.Join(repoRoot(), "testdata", "e2e-screenshots", name))
}

func (p *Page) darkMode(on bool) {
	v := "light"
	if on {
		v = "dark"
	}
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v}},
		})
		return err
	}))
}
