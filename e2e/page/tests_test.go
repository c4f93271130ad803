package page

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"corsplay/internal/exercises"
)

// The Tests panel (web/tests.js, testsedit.js, makepass.js) and exercises
// (web/exercise.js), used as a person does: click "Expect allowed", break
// the configuration, watch the test fail and the count change, let "Make
// them pass" fix it and undo that, solve an exercise and reload.

// panelShot saves one element alone (the page's screenshots are the whole
// page, several thousand pixels tall).
func panelShot(t *testing.T, p *Page, sel, name string) {
	t.Helper()
	p.waitJS(`document.documentElement.dataset.lint !== 'pending'`)
	buf, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(repoRoot(), "testdata", "e2e-screenshots", name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// A click lands where the element was when chromedp measured it: after
// a change, the panels above the Tests panel redraw right after the frame
// and again once typing pauses, so the tests wait for that (p.settle), as
// a person clicks what has stopped moving.

// press moves the keyboard focus to a button and presses Enter, as a
// keyboard user does. The Tests panel sits at the end of the page, under
// the exports, which are drawn again a moment after the answer: a mouse
// click aimed just before that lands on the export text that moved under
// it (seen in TestTestsShareAndEmbed), while the focus stays on the button.
func (p *Page) press(sel string) {
	p.t.Helper()
	p.do(chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.Enter))
}

// testsCount waits for the panel's count line once the tests have run.
func (p *Page) testsCount(want string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	expr := `(document.getElementById('tests-count') || {textContent: ''}).textContent.startsWith(` + quoteJS(want) + `)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		got := evalJS[string](p, `(document.getElementById('tests-count') || {textContent: '(no panel)'}).textContent + ' | ' +
			Array.from(document.querySelectorAll('#tests-list > li')).map(li => li.textContent).join(' | ') + ' | ' + document.getElementById('tests-msg').textContent`)
		p.t.Fatalf("waiting for the count %q: %v; the panel shows: %s", want, err, got)
	}
}

func TestTestsPanel(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	p.waitJS(`!!document.getElementById('expect-allowed')`)
	if got := p.text("#tests-count"); got != "No tests yet." {
		t.Errorf("count before any test: %q", got)
	}

	// The default example's preflight (PUT from https://app.example.com)
	// is allowed: expect that.
	p.settle()
	p.press("#expect-allowed")
	p.testsCount("1/1 tests pass")
	if got := p.text("#tests-list li .test-word"); got != "pass" {
		t.Errorf("the new test's word: %q", got)
	}
	if got := p.text("#tests-top"); got != "1/1 tests pass" {
		t.Errorf("the header's count: %q", got)
	}
	if got := evalJS[string](p, `document.getElementById('tests-count').getAttribute('aria-live')`); got != "polite" {
		t.Errorf("the count is not a polite live region: %q", got)
	}

	// A second test: the same request from another origin, blocked.
	p.clearAndType("#origin", "https://evil.example")
	p.settle()
	p.press("#expect-blocked")
	p.testsCount("2/2 tests pass")
	p.clearAndType("#origin", "https://app.example.com")

	// Take PUT out of the configuration: the upload test fails, at once.
	cfg := p.config()
	broken := strings.Replace(cfg, "<AllowedMethod>PUT</AllowedMethod>", "", 1)
	if broken == cfg {
		t.Fatalf("the default configuration has no PUT line:\n%s", cfg)
	}
	p.clearAndType("#config", broken)
	p.testsCount("1/2 tests pass")
	if got := p.text("#tests-list li:first-child .test-word"); got != "FAIL" {
		t.Errorf("the broken test's word: %q", got)
	}
	if got := p.text("#tests-list li:first-child .test-mark"); got != "✗" {
		t.Errorf("the broken test's mark: %q", got)
	}
	if got := p.text("#tests-list li:first-child .test-reason"); got == "" {
		t.Error("a failed test gives no reason")
	}
	if got := p.text("#tests-top"); got != "1/2 tests pass" {
		t.Errorf("the header's count after the change: %q", got)
	}
	p.screenshot("tests-failing-1280.png")
	panelShot(t, p, "#tests-panel", "tests-panel-failing-1280.png")
	p.do(chromedp.EmulateViewport(375, 800))
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('tests-panel').scrollIntoView()`))
	p.screenshot("tests-failing-375.png")
	panelShot(t, p, "#tests-panel", "tests-panel-failing-375.png")
	p.do(chromedp.EmulateViewport(1280, 900))

	// Make them pass: a diff, Apply, every test passes; Undo puts the
	// typed text back.
	p.settle()
	p.press("#make-pass")
	p.waitJS(`!!document.getElementById('make-pass-apply')`)
	if got := p.text("#makepass .bv-diff"); !strings.Contains(got, "+ ") || !strings.Contains(got, "PUT") {
		t.Errorf("Make them pass's diff does not add PUT:\n%s", got)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('makepass').scrollIntoView()`))
	p.screenshot("tests-makepass-1280.png")
	panelShot(t, p, "#tests-panel", "tests-panel-makepass-1280.png")
	p.settle()
	p.press("#make-pass-apply")
	p.testsCount("2/2 tests pass")
	if got := p.config(); !strings.Contains(got, "PUT") {
		t.Errorf("config after Apply has no PUT:\n%s", got)
	}
	p.settle()
	p.press("#make-pass-undo")
	p.testsCount("1/2 tests pass")
	if got := p.config(); got != broken {
		t.Errorf("Undo left:\n%s\nwant:\n%s", got, broken)
	}

	// Rename to hostile text: shown as text, nothing injected.
	const hostile = `<img src=x onerror="window.__pwned=1">`
	p.settle()
	p.press(`#tests-list li:first-child .test-tools button`)
	p.waitJS(`!!document.querySelector('.test-rename')`)
	p.clearAndType(".test-rename", hostile)
	p.do(chromedp.KeyEvent("\r"))
	p.waitJS(`document.querySelector('#tests-list li:first-child .test-name').textContent === ` + quoteJS(hostile))
	assertNothingInjected(t, p)

	// Delete the second test; the count follows.
	p.settle()
	p.press(`#tests-list li:nth-child(2) button[aria-label^="Delete"]`)
	p.testsCount("0/1 tests pass")
	p.noErrors()
}

// Hostile files: too large, too many tests, not a test file. Each gets a
// message, nothing hangs, the editor keeps its text.
func TestTestsImportBadFiles(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	p.waitJS(`!!document.getElementById('tests-file')`)
	before := p.config()
	cases := []struct {
		name, make, want string
	}{
		{name: "10 MB", make: `'x'.repeat(10 << 20)`, want: "a test file is at most 8 MB"},
		{name: "100,000 tests", make: `JSON.stringify({format: 'corsplay-tests/1', tests: Array.from({length: 100000}, (_, i) => ({name: 't' + i, request: {}, expect: {status: 200}}))})`,
			want: "has 100000 tests; this panel takes at most 1000"},
		{name: "not JSON", make: `'<CORSConfiguration>'`, want: "is not JSON"},
		{name: "bad member", make: `JSON.stringify({format: 'corsplay-tests/1', tests: [{name: 'a', fetch: {origin: 'https://a.example'}, expect: {allowed: true, bogus: 1}}]})`,
			want: "line 1, column"},
	}
	for _, c := range cases {
		p.do(chromedp.Evaluate[chromedp.Void](`(() => { const dt = new DataTransfer(); dt.items.add(new File([` + c.make + `], 'tests.json'));
			const f = document.getElementById('tests-file'); f.files = dt.files; f.dispatchEvent(new Event('change')); })()`))
		p.waitJS(`document.getElementById('tests-msg').textContent.includes(` + quoteJS(c.want) + `)`)
		if got := p.config(); got != before {
			t.Errorf("%s: the editor changed", c.name)
		}
		if got := p.text("#tests-count"); got != "No tests yet." {
			t.Errorf("%s: count %q", c.name, got)
		}
	}
	p.noErrors()
}

// An exercise: open its link, see it fail, type the answer, see it solved
// with its explanation; reload and it is still solved.
func TestExercise(t *testing.T) {
	ex, ok := exercises.ByName("get-one-origin")
	if !ok {
		t.Fatal("no exercise get-one-origin")
	}
	var solution string
	{
		// The reference solution is not in the page's data; read it from
		// the package as a person would have worked it out.
		all, err := exercises.All()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range all {
			if e.Name == ex.Name {
				solution = e.Solution
			}
		}
	}
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base + "#exercise=" + ex.Name)
	p.waitJS(`(document.getElementById('exercise-title') || {}).textContent === ` + quoteJS("Exercise: "+ex.Title))
	if got := p.config(); got != ex.Start {
		t.Errorf("the exercise's starting configuration is not in the editor:\n%s", got)
	}
	p.waitJS(`/^\d+\/\d+ tests pass/.test(document.getElementById('tests-count').textContent) && document.querySelectorAll('#tests-list li.fail').length > 0`)
	if evalJS[bool](p, `!!document.querySelector('.exercise-done')`) {
		t.Fatal("solved before any change")
	}
	// Opening it replaced the configuration through the page's undo: one
	// Undo puts the page's text back, Redo the exercise's.
	if msg, action := p.bar(); !strings.Contains(msg, "Opened the exercise") || action != "Undo" {
		t.Errorf("state bar after opening: %q / %q", msg, action)
	}
	p.settle()
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`document.getElementById('config').value !== ` + quoteJS(ex.Start))
	p.settle()
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`document.getElementById('config').value === ` + quoteJS(ex.Start))

	// The hint, on demand.
	if !evalJS[bool](p, `document.getElementById('exercise-hint').hidden`) {
		t.Error("the hint shows before it is asked for")
	}
	p.settle()
	p.do(chromedp.Click(chromedp.CSS("#exercise-hint-btn")))
	if got := p.text("#exercise-hint"); got != ex.Hint {
		t.Errorf("hint %q", got)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('tests-panel').scrollIntoView()`))
	p.screenshot("exercise-failing-1280.png")
	panelShot(t, p, "#tests-panel", "exercise-panel-failing-1280.png")

	p.clearAndType("#config", solution)
	p.waitJS(`!!document.querySelector('.exercise-done')`)
	if got := p.text("#exercise-solved"); !strings.Contains(got, ex.Explanation) {
		t.Errorf("solved box %q lacks the explanation", got)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('tests-panel').scrollIntoView()`))
	p.screenshot("exercise-solved-1280.png")
	panelShot(t, p, "#tests-panel", "exercise-panel-solved-1280.png")
	panelShot(t, p, "#exercise-box", "exercise-box-solved-1280.png")
	p.do(chromedp.EmulateViewport(375, 800))
	p.screenshot("exercise-solved-375.png")
	panelShot(t, p, "header", "exercise-header-solved-375.png")
	panelShot(t, p, "#tests-panel", "exercise-panel-solved-375.png")
	p.do(chromedp.EmulateViewport(1280, 900))

	// Progress is kept in this browser: a reload brings the typed answer
	// and the solved state back, and the list marks it solved.
	p.waitJS(`(localStorage.getItem('corsplay.exercises') || '').includes('"solved":true')`)
	p.reload()
	p.waitJS(`!!document.querySelector('.exercise-done')`)
	if got := p.config(); got != solution {
		t.Errorf("after the reload the editor holds:\n%s", got)
	}
	p.settle()
	p.press("#exercise-list-box summary")
	p.waitJS(`document.getElementById('exercise-list').textContent.includes('✓ solved')`)
	p.noErrors()
}

// A share link carries the tests; its embed shows them, live. A link's
// tests are hostile like any link: names are shown as text.
func TestTestsShareAndEmbed(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	p.waitJS(`!!document.getElementById('expect-allowed')`)
	p.settle()
	p.press("#expect-allowed")
	p.testsCount("1/1 tests pass")
	p.settle()
	p.do(chromedp.Click(chromedp.CSS("#share")))
	p.waitJS(`document.getElementById('share-url').value.includes('#s=')`)
	link := evalJS[string](p, `document.getElementById('share-url').value`)
	embed := strings.Replace(link, "#s=", "#embed&s=", 1)

	p.openAnew(embed)
	p.testsCount("1/1 tests pass")
	if !evalJS[bool](p, `document.getElementById('tests-panel').offsetParent !== null`) {
		t.Error("the embed hides its tests")
	}
	// Live: break the configuration inside the embed.
	p.clearAndType("#config", `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`)
	p.testsCount("0/1 tests pass")
	p.screenshot("tests-embed-1280.png")

	// An embed without tests shows no Tests panel.
	p.openAnew(base + "#embed")
	p.waitJS(`!!document.getElementById('tests-panel')`)
	if evalJS[bool](p, `document.getElementById('tests-panel').offsetParent !== null`) {
		t.Error("an embed without tests shows the Tests panel")
	}

	// Hostile names in a link.
	const hostile = `<img src=x onerror="window.__pwned=1">`
	tests := `[{"name":` + strconvQuote(hostile) + `,"fetch":{"origin":"https://app.example.com","url":"https://b.s3.us-east-1.amazonaws.com/k","method":"GET"},"expect":{"allowed":true}}]`
	st := map[string]any{"v": 1, "config": "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
		"exists": true, "hasCors": true, "kind": "actual", "method": "GET", "target": "object", "origin": "https://app.example.com",
		"acrm": "", "acrh": "", "headers": [][2]string{}, "opStatus": 200, "tests": tests}
	p.openAnew(base + "#" + shareFragment(t, st))
	p.testsCount("1/1 tests pass")
	if got := p.text("#tests-list .test-name"); got != hostile {
		t.Errorf("the hostile name shows as %q", got)
	}
	assertNothingInjected(t, p)
	p.noErrors()
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
