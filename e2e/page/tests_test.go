package page

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The Tests panel (web/tests.js): a person writes down two requests as
// tests, breaks one by editing the configuration and sees ✗ with the
// engine's reason, renames and deletes tests, loads one back into the
// request panels, exports the list and imports a file (and a broken one).
func TestTestsPanel(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 1000))
	p.open(base)

	const cfg = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>Content-Type</AllowedHeader></CORSRule></CORSConfiguration>`
	p.clearAndType("#config", cfg)
	p.do(chromedp.Click(chromedp.CSS("#kind-actual")))
	p.choose("#method", "PUT")
	p.clearAndType("#origin", "https://app.example.com")
	p.clearAndType("#fetch-url", "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.png")
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Allowed')`)
	if got := p.text("#tests-status"); !strings.Contains(got, "No tests yet") {
		t.Errorf("status before any test: %q", got)
	}

	p.do(chromedp.Click(chromedp.CSS("#test-allowed")))
	p.waitJS(`document.querySelectorAll('#tests li.test.ok').length === 1`)
	if got := p.text("#tests-count"); got != "1/1 test passes" {
		t.Errorf("count %q", got)
	}
	if got := p.text("#tests li .test-name"); got != "PUT /uploads/cat.png from https://app.example.com" {
		t.Errorf("the test's name %q", got)
	}

	// The same upload from another origin is blocked, and a test says so.
	p.clearAndType("#origin", "https://evil.example")
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked')`)
	p.do(chromedp.Click(chromedp.CSS("#test-blocked")))
	p.waitJS(`document.querySelectorAll('#tests li.test.ok').length === 2`)
	if got := p.text("#tests-count"); got != "2/2 tests pass" {
		t.Errorf("count %q", got)
	}

	// Editing the configuration re-runs the tests at once: the app's
	// origin is gone, so its upload is blocked and its test fails.
	p.clearAndType("#config", strings.Replace(cfg, "https://app.example.com", "https://www.example.com", 1))
	p.waitJS(`document.querySelectorAll('#tests li.test.bad').length === 1`)
	if got := p.text("#tests-count"); got != "1/2 tests pass" {
		t.Errorf("count after the edit %q", got)
	}
	if got := p.text("#tests li.bad .test-reason"); !strings.HasPrefix(got, "allowed: expected allowed, got blocked at the preflight (S3 answered 403)") ||
		!strings.Contains(got, "Closest: rule 1") {
		t.Errorf("the failing test's reason: %q", got)
	}
	p.screenshot("tests-failing.png")

	// Rename the second test.
	p.do(chromedp.Click(chromedp.CSS(`#tests li[data-index="1"] .test-tools button`)))
	p.clearAndType(".test-rename", "others cannot upload")
	p.do(chromedp.KeyEvent("\r"))
	p.waitJS(`document.querySelector('#tests li[data-index="1"] .test-name').textContent === 'others cannot upload'`)

	// Clicking the first test loads it into the request panels.
	p.clearAndType("#origin", "https://somewhere.example")
	p.do(chromedp.Click(chromedp.CSS(`#tests li[data-index="0"] .test-name`)))
	p.waitJS(`document.getElementById('origin').value === 'https://app.example.com'`)
	if got := evalJS[string](p, `[document.getElementById('kind-actual').checked, document.getElementById('method').value, document.getElementById('fetch-url').value].join(' ')`); got != "true PUT https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.png" {
		t.Errorf("kind, method, URL after loading the test: %q", got)
	}
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked')`)

	// Export: the file holds the configuration and both tests.
	// (The page's CSP lets nothing fetch a blob: URL back, so the test
	// reads the Blob the page makes.)
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	exported, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise((resolve) => {
		const create = URL.createObjectURL;
		URL.createObjectURL = (blob) => {
			URL.createObjectURL = create;
			blob.text().then(resolve);
			return create(blob);
		};
		document.getElementById('tests-export').click();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"format": "corsplay-tests/1"`, `"config": "<CORSConfiguration>`, `"name": "others cannot upload"`, `"allowed": false`} {
		if !strings.Contains(exported, want) {
			t.Errorf("the exported file lacks %s:\n%s", want, exported)
		}
	}

	// Import a file of three tests: it replaces the list.
	dir := t.TempDir()
	good := filepath.Join(dir, "three.json")
	if err := os.WriteFile(good, []byte(`{"format": "corsplay-tests/1", "tests": [
 {"name": "www uploads", "fetch": {"origin": "https://www.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT", "headers": [["Content-Type", "image/png"]]}, "expect": {"allowed": true}},
 {"name": "reads from anywhere", "browser": "firefox", "fetch": {"origin": "https://a.example", "url": "https://b.s3.amazonaws.com/k"}, "expect": {"allowed": true}},
 {"name": "S3 answers the preflight", "request": {"method": "OPTIONS", "headers": {"Origin": "https://www.example.com", "Access-Control-Request-Method": "PUT"}}, "expect": {"status": 200}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#tests-file"), []string{good}, chromedp.NodeReady))
	p.waitJS(`document.querySelectorAll('#tests li.test').length === 3`)
	if got := p.text("#tests-count"); got != "2/3 tests pass" {
		t.Errorf("count after the import %q", got)
	}
	if got := p.text(`#tests li[data-index="1"] .test-reason`); !strings.Contains(got, "expected allowed, got blocked") {
		t.Errorf("the Firefox test's reason: %q", got)
	}

	// A broken file: its mistake at its place, and the list as it was.
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\"format\": \"corsplay-tests/1\",\n \"tests\": [{\"name\": \"x\", \"fecth\": {}}]}"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.CSS("#tests-file"), []string{bad}, chromedp.NodeReady))
	p.waitJS(`document.getElementById('tests-status').textContent.includes('bad.json:2:26')`)
	if got := p.text("#tests-status"); !strings.Contains(got, `unknown member "fecth"`) {
		t.Errorf("status for a broken file: %q", got)
	}
	if n := evalJS[int](p, `document.querySelectorAll('#tests li.test').length`); n != 3 {
		t.Errorf("a broken import changed the list to %d tests", n)
	}

	// Loading the S3-level test fills the preflight form.
	p.do(chromedp.Click(chromedp.CSS(`#tests li[data-index="2"] .test-name`)))
	p.waitJS(`document.getElementById('kind-preflight').checked && document.getElementById('origin').value === 'https://www.example.com'`)

	// Delete the failing test: all pass.
	p.do(chromedp.Click(chromedp.CSS(`#tests li[data-index="1"] .test-tools button:last-child`)))
	p.waitJS(`document.querySelectorAll('#tests li.test').length === 2`)
	if got := p.text("#tests-count"); got != "2/2 tests pass" {
		t.Errorf("count after deleting %q", got)
	}
	p.do(chromedp.ScrollIntoView(chromedp.CSS("#tests-panel")))
	p.screenshot("tests-panel.png")
	p.noErrors()
}
