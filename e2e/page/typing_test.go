package page

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A person replaces the configuration by typing, sees S3 reject it, clicks
// the problem, fixes it, then describes a request and reads the result.
func TestTypeConfigurationAndRequest(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)

	// The default example is on screen and its rule matches.
	if got := p.text("#rules li.matched .rule-head"); !strings.Contains(got, "Rule 1") {
		t.Fatalf("default example: matched rule shows %q", got)
	}

	config := "<CORSConfiguration>\n" +
		"  <CORSRule>\n" +
		"    <AllowedOrigin>https://app.example.com</AllowedOrigin>\n" +
		"    <AllowedMethod>GET</AllowedMethod>\n" +
		"    <AllowedMethod>PATCH</AllowedMethod>\n" +
		"  </CORSRule>\n" +
		"</CORSConfiguration>"
	p.clearAndType("#config", config)
	if got := evalJS[string](p, `document.getElementById('config').value`); got != config {
		t.Fatalf("editor holds %q, typed %q", got, config)
	}
	// Every keystroke was evaluated and timed.
	if n := evalJS[int](p, `window.corsplayPerf.length`); n < len(config)/2 {
		t.Errorf("corsplayPerf has %d entries after typing %d characters", n, len(config))
	}

	verdict := p.text("#verdict")
	for _, want := range []string{"400 InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is PATCH", "hypothetical"} {
		if !strings.Contains(verdict, want) {
			t.Errorf("verdict %q does not say %q", verdict, want)
		}
	}
	problem := p.text("#problems li .problem.error")
	if !strings.Contains(problem, "Line 5, column 20") || !strings.Contains(problem, "Unsupported method is PATCH") {
		t.Errorf("problem list shows %q", problem)
	}
	// The problem is marked in the editor: an underline and, at the end of
	// line 5, what it means in plain words (S3's exact text is in the list).
	if got := p.text("#marks .annot"); !strings.Contains(got, `"PATCH"`) || !strings.Contains(got, "GET, PUT, HEAD, POST and DELETE") {
		t.Errorf("editor annotation %q", got)
	}
	if n := evalJS[int](p, `document.querySelectorAll('#marks .uline.error').length`); n != 1 {
		t.Errorf("%d error underlines in the editor, want 1", n)
	}

	// Clicking the problem selects the offending value; typing replaces it.
	p.do(chromedp.Click(chromedp.CSS("#problems li button")))
	sel := evalJS[string](p, `(() => { const t = document.getElementById('config'); return document.activeElement === t ? t.value.slice(t.selectionStart, t.selectionEnd) : 'focus is elsewhere'; })()`)
	if sel != "PATCH" {
		t.Fatalf("after clicking the problem the selection is %q, want PATCH", sel)
	}
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "PUT"))
	if got := p.text("#verdict"); !strings.Contains(got, "200 OK — S3 accepts this configuration") {
		t.Errorf("after the fix the verdict is %q", got)
	}
	if n := evalJS[int](p, `document.querySelectorAll('#problems .problem.error').length`); n != 0 {
		t.Errorf("%d problems left after the fix", n)
	}
	// corsplay's advice stays, marked as advice (PUT without ETag exposed).
	p.waitJS(`document.getElementById('problems').textContent.includes('etag-not-exposed')`)
	if got := p.text("#problems .problem.warning"); !strings.Contains(got, "S3 accepts this") {
		t.Errorf("lint advice shows %q", got)
	}

	// The request: a preflight for PUT with Content-Type from the app.
	p.clearAndType("#origin", "https://app.example.com")
	p.do(chromedp.SendKeys(chromedp.CSS("#acrm"), "PU")) // type-ahead in the closed select picks PUT
	if got := evalJS[string](p, `document.getElementById('acrm').value`); got != "PUT" {
		t.Fatalf("Access-Control-Request-Method select shows %q", got)
	}
	p.clearAndType("#acrh", "content-type")

	// The rule has no AllowedHeader: no rule matches, S3 answers 403.
	if got := p.text("#response"); !strings.Contains(got, "HTTP/1.1 403 Forbidden") || !strings.Contains(got, "AccessForbidden") {
		t.Errorf("response with a header the rule does not allow:\n%s", got)
	}
	rule := p.text("#rules li")
	if !strings.Contains(rule, "✗ does not match") || !strings.Contains(rule, "content-type") {
		t.Errorf("rule 1 verdict %q should say it fails on content-type", rule)
	}
	if n := evalJS[int](p, `document.querySelectorAll('#rules li.matched').length`); n != 0 {
		t.Errorf("%d rules shown as matched, want 0", n)
	}

	// Without the header the rule matches: it is highlighted in the editor
	// and S3's headers are shown.
	p.clearAndType("#acrh", "")
	if got := p.text("#rules li.matched .rule-head"); !strings.Contains(got, "Rule 1") || !strings.Contains(got, "✓ matches") {
		t.Errorf("matched rule head %q", got)
	}
	if got := p.text("#bands .band:not(.fail) .band-label"); got != "✓ rule 1 matches" {
		t.Errorf("editor band label %q", got)
	}
	resp := p.text("#response")
	for _, want := range []string{
		"HTTP/1.1 200 OK",
		"Access-Control-Allow-Origin: https://app.example.com",
		"Access-Control-Allow-Methods: GET, PUT",
		"Access-Control-Allow-Credentials: true",
		"Vary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
	} {
		if !strings.Contains(resp, want) {
			t.Errorf("response lacks %q:\n%s", want, resp)
		}
	}
	if got := p.text("#summary"); !strings.Contains(got, "Rule 1") {
		t.Errorf("summary %q", got)
	}

	// An actual PUT from another origin: no CORS headers, the operation's
	// own status.
	p.do(chromedp.Click(chromedp.CSS("#kind-actual")))
	if got := evalJS[string](p, `document.getElementById('method').value`); got != "PUT" {
		t.Errorf("switching to an actual request: method %q, want PUT (moved from Access-Control-Request-Method)", got)
	}
	p.clearAndType("#origin", "https://evil.example.net")
	p.do(chromedp.Click(chromedp.CSS("#add-header")))
	p.do(chromedp.SendKeys(chromedp.CSS("#headers li:last-child .hn"), "Content-Type"))
	p.do(chromedp.SendKeys(chromedp.CSS("#headers li:last-child .hv"), "image/png"))
	resp = p.text("#response")
	if !strings.Contains(resp, "HTTP/1.1 200 OK") || strings.Contains(resp, "Access-Control-") {
		t.Errorf("actual PUT from an origin no rule allows:\n%s", resp)
	}
	p.settle()
	if n := evalJS[int](p, `document.querySelectorAll('#rules li.pending').length`); n != 0 {
		t.Errorf("after the pause, %d rules still show checks marked as being brought up to date", n)
	}
	if got := p.text("#rules li .checks"); !strings.Contains(got, "https://evil.example.net") {
		t.Errorf("origin check does not name the origin: %q", got)
	}

	// Exports come from the engine's converter.
	// The export menu, by keyboard: down three times to the aws s3api command.
	p.do(chromedp.Focus(chromedp.CSS("#export-to")), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	p.waitJS(`document.getElementById('export-out').textContent.includes('put-bucket-cors')`)
	p.screenshot("typed-actual-request.png")
	p.noErrors()
}

// Tab indents inside the editor; Esc then Tab leaves it. Every control can
// be reached with the keyboard.
func TestKeyboard(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)

	p.do(chromedp.Focus(chromedp.CSS("#config")))
	before := evalJS[string](p, `document.getElementById('config').value`)
	p.do(chromedp.KeyEvent("\t"))
	after := evalJS[string](p, `document.getElementById('config').value`)
	if len(after) != len(before)+2 || evalJS[string](p, `document.activeElement.id`) != "config" {
		t.Errorf("Tab in the editor: value grew by %d, focus on %q; want 2 spaces and focus kept",
			len(after)-len(before), evalJS[string](p, `document.activeElement.id`))
	}
	p.do(chromedp.KeyEvent("\x1b"), chromedp.KeyEvent("\t"))
	if id := evalJS[string](p, `document.activeElement.id`); id == "config" {
		t.Errorf("Esc then Tab did not leave the editor")
	}

	// Walk the page with Tab from the top and collect what gets focus.
	p.do(chromedp.Navigate("about:blank"))
	p.open(base)
	p.do(chromedp.Evaluate[chromedp.Void](`window.__focused = []; addEventListener('focusin', (e) => {
		const a = e.target; window.__focused.push(a.id || a.className || a.tagName); })`))
	// Up to the editor one key at a time (Esc is needed there to go on),
	// then the rest of the page in one go.
	for i := 0; i < 20 && evalJS[string](p, `document.activeElement.id`) != "config"; i++ {
		p.do(chromedp.KeyEvent("\t"))
	}
	p.do(chromedp.KeyEvent("\x1b"))
	tabs := make([]chromedp.Action[chromedp.Void], 45)
	for i := range tabs {
		tabs[i] = chromedp.KeyEvent("\t")
	}
	p.do(tabs...)
	seen := map[string]bool{}
	for _, id := range evalJS[[]string](p, `window.__focused`) {
		seen[id] = true
	}
	for _, id := range []string{"example", "share", "config", "bucket-exists", "bucket-cors", "kind-preflight", "target-object",
		"origin", "acrm", "acrh", "add-header", "copy-response", "rule-head", "export-to", "copy-export"} {
		if !seen[id] {
			t.Errorf("Tab never reached %q (reached %v)", id, seen)
		}
	}
	// Focus is visible: the focused control has an outline.
	p.do(chromedp.Focus(chromedp.CSS("#origin")))
	if w := evalJS[string](p, `getComputedStyle(document.activeElement).outlineStyle`); w == "none" {
		t.Errorf("focused field has no visible outline")
	}
	p.noErrors()
}

// The README's five-step tour, step by step, as written there.
func TestReadmeWalkthrough(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	// 1. The default example is evaluated.
	if got := p.text("#summary"); !strings.Contains(got, "Rule 1") || !strings.Contains(p.text("#response"), "HTTP/1.1 200 OK") {
		t.Fatalf("step 1: summary %q", got)
	}
	selectText := func(s string) {
		p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config'); const i = t.value.indexOf(` + quoteJS(s) + `);
			t.focus(); t.setSelectionRange(i, i + ` + quoteJS(s) + `.length); })()`))
	}
	// 2. PUT → PATCH: 400 InvalidRequest on line 6, hypothetical.
	selectText("PUT")
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "PATCH"))
	if got := p.text("#verdict"); !strings.Contains(got, "400 InvalidRequest") {
		t.Errorf("step 2: verdict %q", got)
	}
	if got := p.text("#problems .problem.error"); !strings.HasPrefix(got, "✗ Line 6,") {
		t.Errorf("step 2: problem %q, want it on line 6", got)
	}
	if got := p.text("#summary"); !strings.Contains(got, "Hypothetical") {
		t.Errorf("step 2: summary %q should say hypothetical", got)
	}
	// 3. PUT back, Origin https://staging.example.com: ✗ Origin, 403 AccessForbidden.
	selectText("PATCH")
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "PUT"))
	p.clearAndType("#origin", "https://staging.example.com")
	p.settle()
	if got := p.text("#rules li .checks li.no"); !strings.Contains(got, "Origin") {
		t.Errorf("step 3: failing check %q, want the origin", got)
	}
	if got := p.text("#response"); !strings.Contains(got, "HTTP/1.1 403 Forbidden") || !strings.Contains(got, "<Code>AccessForbidden</Code>") {
		t.Errorf("step 3: response\n%s", got)
	}
	// 4. Add the origin to the rule: it matches and S3 echoes it.
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config');
		const i = t.value.indexOf('</AllowedOrigin>') + '</AllowedOrigin>'.length; t.focus(); t.setSelectionRange(i, i); })()`))
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "\n    <AllowedOrigin>https://staging.example.com</AllowedOrigin>"))
	if got := p.text("#response"); !strings.Contains(got, "Access-Control-Allow-Origin: https://staging.example.com") {
		t.Errorf("step 4: response\n%s", got)
	}
	// 5. The aws s3api command.
	p.choose("#export-to", "aws-cli")
	p.waitJS(`document.getElementById('export-out').textContent.startsWith('aws s3api put-bucket-cors')`)
	if got := p.text("#export-out"); !strings.Contains(got, "https://staging.example.com") {
		t.Errorf("step 5: export %q lacks the new origin", got)
	}
	p.screenshot("walkthrough.png")
	p.noErrors()
}
