package page

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "rewrite the files the tests compare with: web/index.html (TestPrerenderedPage), docs/screenshot.png (TestReadmeScreenshot)")

// drawnPage is evaluated in a page whose engine never arrives, once app.js
// has drawn the default example from the build-time result: it returns the
// document as HTML that shows the same without any script. Form fields'
// values go into their attributes (a value set from script is not part of
// the markup); elements placed with a style attribute (the editor's
// bands and marks, placed by measuring the font) are left out, because the
// page's Content-Security-Policy ignores style attributes in markup and
// app.js places them when it runs; the script tag loader.js added for
// wasm_exec.js and the modulepreload links start.js added are left out.
const drawnPage = `(() => {
	for (const e of document.querySelectorAll('input')) {
		if (e.type === 'checkbox' || e.type === 'radio') e.toggleAttribute('checked', e.checked);
		else if (e.value !== '') e.setAttribute('value', e.value);
		else e.removeAttribute('value');
	}
	for (const o of document.querySelectorAll('option')) o.toggleAttribute('selected', o.selected);
	for (const e of document.querySelectorAll('textarea')) e.textContent = e.value;
	for (const e of document.querySelectorAll('body [style]')) e.remove();
	for (const e of document.querySelectorAll('script[src$="wasm_exec.js"], link[rel="modulepreload"]')) e.remove();
	// Text after </body> in the file is parsed into the body: end it with
	// one line break there, not one more each time.
	return '<!doctype html>\n' + document.documentElement.outerHTML.replace(/\s*<\/body><\/html>$/, '\n</body></html>') + '\n';
})()`

// The page's HTML holds what app.js draws for the default example before
// the engine is ready, so the first frame needs no script (web/index.html
// says why). This test loads the page as shipped with the engine held back
// (its fetch never answers), lets app.js draw, and compares the drawing
// with web/index.html: they differ when app.js, the template or the
// engine's build-time answer changed since the file was written (run the
// test with -update), or when app.js does not draw over what the HTML
// already holds (the drawing of a drawn page must be the page itself).
func TestPrerenderedPage(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br, `delete window.Worker;
		{ const f = window.fetch; window.fetch = function (u, ...a) { return String(u && u.url || u).endsWith('.wasm') ? new Promise(() => {}) : f.call(this, u, ...a); }; }`)
	p.do(chromedp.Navigate(base))
	p.waitJS(`window.marks.firstResult !== undefined`)
	// After the frame app.js measures the editor's font in.
	evalJS[bool](p, `(requestAnimationFrame(() => requestAnimationFrame(() => { window.__drawn = true; })), true)`)
	p.waitJS(`window.__drawn === true`)
	if got := evalJS[string](p, `document.documentElement.dataset.engine`); got != "loading" {
		t.Fatalf("engine state %q while its fetch is held back, want loading", got)
	}
	// The first frame waits for the whole body (a frame of the header
	// alone came first on a busy machine): the render-blocking
	// <link rel=expect> names an element after which only the footer comes.
	if after := evalJS[string](p, `(() => {
		const l = document.querySelector('link[rel="expect"][blocking~="render"]');
		const t = l && document.querySelector(l.getAttribute('href'));
		if (!t) return 'no render-blocking <link rel=expect> naming an element';
		const later = [...document.body.querySelectorAll('*')].filter(e =>
			t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING && !t.contains(e) &&
			!e.closest('footer, noscript') && e.localName !== 'script');
		return later.length ? later.length + ' elements, from ' + later.slice(0, 5).map(e => e.localName + (e.id ? '#' + e.id : '')).join(' ') : '';
	})()`); after != "" {
		t.Errorf("the first frame can come before these are parsed: %s", after)
	}
	got := evalJS[string](p, drawnPage)
	p.noErrors()

	file := filepath.Join(repoRoot(), "web", "index.html")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", file, len(got))
		return
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := string(b); got != want {
		t.Errorf("web/index.html is not what app.js draws for the default example; "+
			"if the change is meant, run: go test ./e2e/page -run TestPrerenderedPage -update\n%s", firstDiff(want, got))
	}
	if strings.ContainsRune(got, 0) {
		t.Errorf("the drawn page holds a NUL character (a separator kept in an attribute?)")
	}
	for _, s := range []string{`allows this preflight: S3 answers 200`, `200 OK`, `Access-Control-Allow-Origin`, `https://app.example.com`} {
		if !strings.Contains(got, s) {
			t.Errorf("the drawn page does not hold %q", s)
		}
	}
}

// firstDiff shows where two texts first differ, with some context.
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	lo := max(0, i-120)
	return "file:  …" + want[lo:min(len(want), i+120)] + "…\ndrawn: …" + got[lo:min(len(got), i+120)] + "…"
}

// frameRecorder runs before the page's scripts and records, at every frame
// until the engine is ready, whether the page's main part is hidden, the
// summary on screen, and whether app.js had drawn anything yet.
const frameRecorder = `window.__frames = [];
(function rec() {
	requestAnimationFrame(() => {
		const s = document.getElementById('summary');
		const main = document.querySelector('main');
		if (s && main) window.__frames.push({
			hidden: getComputedStyle(main).visibility === 'hidden',
			summary: s.textContent,
			drawn: !!(window.marks && window.marks.firstResult !== undefined),
		});
		if (document.documentElement.dataset.engine !== 'ready') rec();
	});
})();`

type frame struct {
	Hidden  bool   `json:"hidden"`
	Summary string `json:"summary"`
	Drawn   bool   `json:"drawn"`
}

// The plain address shows the default example's result in its first frame,
// before app.js has drawn anything. Any other address (an example, a share
// link, embed mode) never shows it: loader.js marks the HTML stale and the
// page stays hidden until app.js has put the asked-for state in place.
func TestPrerenderedFirstFrame(t *testing.T) {
	base := site(t)
	br := browser(t)
	const defaultSummary = `allows this preflight: S3 answers 200 with its CORS headers`
	share := shareFragment(t, map[string]any{"v": 1, "config": `<CORSConfiguration><CORSRule><AllowedOrigin>https://shared.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
		"exists": true, "hasCors": true, "kind": "actual", "method": "GET", "target": "object", "origin": "https://shared.example",
		"acrm": "", "acrh": "", "headers": [][2]string{}, "opStatus": 200})
	// A state this browser keeps (saved.js) replaces the default as an
	// address does; one equal to the default ("default") does not.
	kept, err := json.Marshal(map[string]any{"v": 1, "saved": map[string]any{
		"state":   json.RawMessage(`{"v":1,"config":"<CORSConfiguration><CORSRule><AllowedOrigin>https://kept.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>","exists":true,"hasCors":true,"kind":"actual","method":"GET","target":"object","origin":"https://kept.example","acrm":"","acrh":"","headers":[],"opStatus":200}`),
		"example": "", "fetch": map[string]string{"url": "", "credentials": "same-origin", "browser": "chrome"}}})
	if err != nil {
		t.Fatal(err)
	}
	keep := func(store, value string) string {
		return store + `.setItem('corsplay.page', ` + quoteJS(value) + `);`
	}
	tests := []struct {
		name, addr string
		storage    string // a script that fills storage before the page loads
		prerender  bool   // the first frame shows the default example's result
	}{
		{name: "plain", addr: "", prerender: true},
		{name: "example", addr: "#example=public-read"},
		{name: "share link", addr: "#" + share},
		{name: "embed", addr: "?embed#example=rule-order"},
		{name: "saved state", storage: keep("localStorage", string(kept))},
		{name: "saved default", storage: keep("sessionStorage", "default") + keep("localStorage", string(kept)), prerender: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTab(t, br, frameRecorder, tt.storage)
			p.open(base + tt.addr)
			var frames []frame
			if err := json.Unmarshal([]byte(evalJS[string](p, `JSON.stringify(window.__frames)`)), &frames); err != nil {
				t.Fatal(err)
			}
			if len(frames) == 0 {
				t.Fatal("no frame recorded")
			}
			f := frames[0]
			if tt.prerender {
				if f.Hidden || f.Drawn || !strings.Contains(f.Summary, defaultSummary) {
					t.Errorf("first frame: hidden %v, drawn by app.js %v, summary %q; want the build-time result, before app.js", f.Hidden, f.Drawn, f.Summary)
				}
			} else {
				for i, f := range frames {
					if !f.Hidden && strings.Contains(f.Summary, defaultSummary) {
						t.Errorf("frame %d of %d shows the default example's result for %q", i+1, len(frames), tt.addr)
					}
				}
			}
			// The engine's own first answer follows (the browser panel asks
			// for the verdict the build-time result does not have).
			p.waitJS(`window.marks.live !== undefined && !document.getElementById('browser-panel').textContent.includes('Engine loading')`)
			if !tt.prerender && !p.noticeHidden() {
				t.Errorf("notice %q: the address was not used", p.text("#notice"))
			}
			if cfg := evalJS[string](p, `document.getElementById('config').value`); tt.storage != "" && tt.prerender == strings.Contains(cfg, "kept.example") {
				t.Errorf("the editor holds %q", cfg)
			}
			if evalJS[bool](p, `'prerendered' in document.documentElement.dataset || getComputedStyle(document.querySelector('main')).visibility === 'hidden'`) {
				t.Errorf("the page is still marked stale or hidden once the engine is ready")
			}
			p.noErrors()
		})
	}
}
