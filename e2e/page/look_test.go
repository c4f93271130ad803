package page

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Screenshots of what a person sees: desktop, narrow phone, dark, embed, and
// a rejected configuration. Open them and look.
func TestScreenshots(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br)

	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	p.screenshot("desktop.png")

	p.open(base + "#example=rejected-options-method")
	p.waitJS(`document.getElementById('example').value === 'rejected-options-method'`)
	if got := p.text("#verdict"); !strings.Contains(got, "400 InvalidRequest") {
		t.Errorf("rejected example verdict %q", got)
	}
	p.screenshot("rejected.png")

	p.darkMode(true)
	p.open(base + "#example=presigned-upload")
	p.waitJS(`document.getElementById('example').value === 'presigned-upload'`)
	if bg := evalJS[string](p, `getComputedStyle(document.body).backgroundColor`); bg == "rgb(247, 248, 250)" {
		t.Errorf("dark mode did not change the background (%s)", bg)
	}
	p.screenshot("dark.png")
	p.darkMode(false)

	p.do(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	p.do(chromedp.Navigate("about:blank"))
	p.open(base)
	if over := evalJS[string](p, `(() => {
		const w = document.documentElement.clientWidth;
		return Array.from(document.querySelectorAll('body *')).filter(e => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.right > w + 1 && !e.closest('.code, pre, .gutter');
		}).map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5).join(' ');
	})()`); over != "" {
		t.Errorf("at 375 px these stick out to the right: %s", over)
	}
	p.screenshot("narrow.png")

	p.do(chromedp.EmulateViewport(760, 700))
	p.do(chromedp.Navigate("about:blank"))
	p.open(base + "#embed&example=rule-order")
	if !evalJS[bool](p, `document.documentElement.classList.contains('embed')`) {
		t.Errorf("#embed did not switch to the embed layout")
	}
	// "Open in corsplay" carries the embedded state to the full page.
	p.waitJS(`document.getElementById('open-full').href.includes('#s=')`)
	if evalJS[bool](p, `document.getElementById('open-full').href.includes('embed')`) {
		t.Errorf("Open in corsplay link keeps the embed mode: %s", evalJS[string](p, `document.getElementById('open-full').href`))
	}
	p.screenshot("embed.png")
	p.noErrors()
}

// A 10 MB paste: the engine refuses it with S3's message, the text stays,
// and the page keeps working. A browser without WebAssembly gets a clear
// message and still sees the build-time result.
func TestBadInput(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br)
	p.open(base)
	ms := evalJS[float64](p, `(() => {
		const t = document.getElementById('config');
		const big = '<CORSConfiguration>' + 'x'.repeat(10 << 20);
		const t0 = performance.now();
		t.focus(); t.value = big; t.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste'}));
		return performance.now() - t0;
	})()`)
	t.Logf("10 MB paste: input handler returned after %.1f ms", ms)
	p.waitJS(`document.getElementById('verdict').textContent.includes('MaxMessageLengthExceeded')`)
	if n := evalJS[int](p, `document.getElementById('config').value.length`); n != len("<CORSConfiguration>")+10<<20 {
		t.Errorf("the pasted text was not kept: %d characters", n)
	}
	if !evalJS[bool](p, `document.getElementById('editor').classList.contains('plain')`) {
		t.Errorf("a 10 MB text should be shown without highlighting")
	}
	// Still responsive: a normal configuration pasted over it (the editor
	// shows the huge text read-only, and a paste replaces all of it) is
	// evaluated again.
	p.keyboardPaste("#config", `'<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>'`)
	p.waitJS(`document.getElementById('verdict').textContent.includes('S3 accepts')`)
	p.noErrors()

	q := newTab(t, br, `delete window.WebAssembly;`)
	q.do(chromedp.Navigate(base))
	q.waitJS(`document.documentElement.dataset.engine === 'failed'`)
	if got := q.text("#notice"); !strings.Contains(got, "WebAssembly") {
		t.Errorf("without WebAssembly the notice says %q", got)
	}
	if got := q.text("#summary"); !strings.Contains(got, "Rule 1") {
		t.Errorf("without WebAssembly the build-time result is not shown: %q", got)
	}
	q.screenshot("no-wasm.png")
}

// Keystroke latency on a 100-rule, about 64 KB configuration, as the page
// records it in window.corsplayPerf. Logged, not asserted: timing belongs to
// the benchmark, not to a test that fails on a slow machine.
func TestLargeConfigurationTyping(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	var b strings.Builder
	b.WriteString("<CORSConfiguration>\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "  <CORSRule>\n    <ID>rule-%03d</ID>\n    <AllowedOrigin>https://app%03d.example.com</AllowedOrigin>\n"+
			"    <AllowedOrigin>https://*.tenant%03d.example.org</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n"+
			"    <AllowedMethod>PUT</AllowedMethod>\n    <AllowedMethod>HEAD</AllowedMethod>\n    <AllowedHeader>content-type</AllowedHeader>\n"+
			"    <AllowedHeader>x-amz-*</AllowedHeader>\n    <ExposeHeader>ETag</ExposeHeader>\n    <ExposeHeader>x-amz-version-id</ExposeHeader>\n"+
			"    <MaxAgeSeconds>3000</MaxAgeSeconds>\n  </CORSRule>\n", i, i, i)
	}
	b.WriteString("</CORSConfiguration>\n")
	cfg := b.String()
	for len(cfg) < 63*1024 { // pad with a comment to about 64 KB
		cfg = strings.Replace(cfg, "<CORSConfiguration>\n", "<CORSConfiguration>\n<!-- "+strings.Repeat("padding ", 40)+"-->\n", 1)
	}
	p.paste("#config", cfg)
	p.waitJS(`document.getElementById('verdict').textContent.includes('S3 accepts')`)
	p.clearAndType("#origin", "https://app099.example.com")
	// Type in the middle of the configuration: the last rule's ID.
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config'); const i = t.value.lastIndexOf('rule-099') + 8;
		t.focus(); t.setSelectionRange(i, i); window.corsplayPerf.length = 0; window.corsplayPerfEngine.length = 0; })()`))
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "-typed-by-a-person"))
	perf := evalJS[[]float64](p, `window.corsplayPerf`)
	if len(perf) < 10 {
		t.Fatalf("%d keystrokes recorded", len(perf))
	}
	if got := p.text("#rules li.matched .rule-head"); !strings.Contains(got, "Rule 100") {
		t.Errorf("matched rule %q, want Rule 100", got)
	}
	engine := evalJS[[]float64](p, `window.corsplayPerfEngine`)
	q := func(xs []float64, f float64) float64 {
		xs = append([]float64(nil), xs...)
		sort.Float64s(xs)
		return xs[int(f*float64(len(xs)-1))]
	}
	t.Logf("%d KB, 100 rules, %d keystrokes: input→DOM p50 %.2f ms, p95 %.2f ms; of which corsplay.evaluate p50 %.2f ms, p95 %.2f ms",
		len(cfg)/1024, len(perf), q(perf, 0.5), q(perf, 0.95), q(engine, 0.5), q(engine, 0.95))
	p.noErrors()
}
