package page

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"corsplay/internal/examples"
)

// A person types non-ASCII and astral characters into a large
// configuration: the page sends each keystroke as an edit of the text the
// engine holds (bucket.corsEdit), and every answer must be the answer to
// the whole text. Then someone else's call replaces what the engine holds,
// and the loader's next edit, refused as stale, is sent whole.
func TestKeystrokesAsEdits(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)

	cfg := strings.Replace(examples.Large(20), "https://app10.example.com", "https://äpp10-😀.example.com", 1)
	cfgJSON, _ := json.Marshal(cfg)
	p.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const ta = document.getElementById('config');
		ta.focus();
		ta.value = ` + string(cfgJSON) + `;
		ta.dispatchEvent(new Event('input', {bubbles: true}));
		const at = ta.value.indexOf('😀') + 2;
		ta.setSelectionRange(at, at);
		// Right after the page has handled each typed key (this listener
		// runs after app.js's, in the same event), the highlight layer
		// shows every line's text, before any full pass: checked at every
		// key, so no timing decides what is checked.
		window.__layer = {keys: 0, partial: 0, bad: ''};
		ta.addEventListener('input', () => {
			const st = window.__layer;
			st.keys++;
			if (document.documentElement.dataset.highlight === 'partial') st.partial++;
			if (st.bad) return;
			const lines = ta.value.split('\n');
			const els = Array.from(document.querySelectorAll('#hl .line'));
			if (els.length !== lines.length) {
				st.bad = 'after key ' + st.keys + ': ' + els.length + ' line elements for ' + lines.length + ' lines';
				return;
			}
			const i = lines.findIndex((l, i) => els[i].textContent !== l);
			if (i >= 0) st.bad = 'after key ' + st.keys + ': line ' + (i + 1) + ' shows ' + JSON.stringify(els[i].textContent) + ', holds ' + JSON.stringify(lines[i]);
		});
		// Count the edits the loader sends (it writes each scenario with
		// JSON.stringify).
		window.__edits = 0;
		const stringify = JSON.stringify;
		JSON.stringify = function (v, ...rest) {
			if (v && v.bucket && v.bucket.corsEdit) window.__edits++;
			return stringify.call(this, v, ...rest);
		};
	})()`))
	p.settle()
	// Typing: ASCII, a two-byte and a three-byte character, an astral one,
	// a deletion.
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "ab-é€😀x\b"))
	// Right after each key, before the full pass: every line shows its
	// text, and the layer was drawn piecewise.
	type layer struct {
		Keys, Partial int
		Bad           string
	}
	if l := evalJS[layer](p, `window.__layer`); l.Keys < 8 || l.Partial < l.Keys || l.Bad != "" {
		t.Errorf("highlight layer right after typing: %d keys checked, %d with the layer drawn piecewise (want all of the 8 keys); %s", l.Keys, l.Partial, l.Bad)
	}
	p.settle()
	if n := evalJS[int](p, `window.__edits`); n < 9 {
		t.Fatalf("the loader sent %d edits for 9 keys", n)
	}
	// The highlight layer, once the full pass after the pause has run,
	// shows every line as the highlighter writes it: tokens patched in place
	// at a keystroke ("ab", the deletion) and lines highlighted again ("é€😀")
	// alike.
	p.waitJS(`document.documentElement.dataset.highlight === 'full'`)
	if msg := evalJS[string](p, highlightMismatch); msg != "" {
		t.Errorf("highlight layer after typing: %s", msg)
	}
	// The answer on screen is the answer to the whole text.
	check := `(() => {
		const ta = document.getElementById('config');
		const sc = {bucket: {exists: true, cors: ta.value}, request: {method: 'OPTIONS', target: 'object',
			headers: {Origin: 'https://äpp10-😀ab-é€😀.example.com', 'Access-Control-Request-Method': 'PUT'}}};
		const viaEdit = corsplay.evaluate(sc);
		const whole = JSON.parse(corsplay.evaluateJSON(JSON.stringify(sc)));
		return JSON.stringify([viaEdit, whole.evaluation.matchedRule, JSON.stringify(viaEdit) === JSON.stringify(whole)]);
	})()`
	var got []json.RawMessage
	if err := json.Unmarshal([]byte(evalJS[string](p, check)), &got); err != nil || len(got) != 3 {
		t.Fatalf("check: %v", err)
	}
	if string(got[2]) != "true" {
		t.Fatalf("the answer through an edit differs from the whole text's: %s", got[0])
	}
	if string(got[1]) != "10" {
		t.Errorf("rule 11 (index 10) should match the typed origin; matchedRule %s", got[1])
	}
	if v := evalJS[string](p, `document.getElementById('config').value`); !strings.Contains(v, "https://äpp10-😀ab-é€😀.example.com") {
		t.Fatalf("editor holds %q…", v[:200])
	}
	// With that origin in the request form, the page shows rule 11 matching.
	p.clearAndType("#origin", "https://äpp10-😀ab-é€😀.example.com")
	p.settle()
	if got := p.text("#rules li.matched .rule-head"); !strings.Contains(got, "Rule 11") {
		t.Errorf("matched rule shows %q", got)
	}

	// Someone else's call with a revision the loader never sent: the
	// engine now holds another text, so the loader's next edit is stale and
	// it sends the whole text.
	stale := `(() => {
		corsplay.evaluateJSON(JSON.stringify({bucket: {cors: '<CORSConfiguration/>', corsRev: 999999}, request: {method: 'GET'}}));
		const ta = document.getElementById('config');
		const sc = {bucket: {exists: true, cors: ta.value + ' '}, request: {method: 'GET', target: 'object', headers: {Origin: 'https://app3.example.com'}}};
		const a = corsplay.evaluate(sc);
		const b = JSON.parse(corsplay.evaluateJSON(JSON.stringify(sc)));
		return JSON.stringify(a) === JSON.stringify(b) && !a.error && a.config.rules.length === 20;
	})()`
	if !evalJS[bool](p, stale) {
		t.Errorf("after another caller replaced the engine's text, an edit gave a wrong answer")
	}
	p.noErrors()
}

// highlightMismatch compares the editor's highlight layer with a fresh
// highlighting of the whole text, line by line and token by token, and
// returns the first difference, or an empty string.
const highlightMismatch = `(() => {
	const ta = document.getElementById('config');
	const tokens = (line) => Array.from(line.childNodes).map((n) => [n.nodeType === 1 ? n.className : '#text', n.textContent.replace(/\n$/, '')]);
	const tpl = document.createElement('template');
	tpl.innerHTML = corsplay.highlight(ta.value, 'xml');
	const want = Array.from(tpl.content.querySelectorAll('.line')).map(tokens);
	const got = Array.from(document.querySelectorAll('#hl .line')).map(tokens);
	const lines = ta.value.split('\n');
	if (got.length !== lines.length) return got.length + ' line elements for ' + lines.length + ' lines';
	for (let i = 0; i < lines.length; i++) {
		const g = JSON.stringify(got[i].filter((t) => t[1] !== ''));
		const w = JSON.stringify((want[i] || []).filter((t) => t[1] !== ''));
		if (g !== w) return 'line ' + (i + 1) + ': ' + g + ' want ' + w;
	}
	return '';
})()`
