package page

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Payloads that would run or inject something if any of them reached the
// page as markup. Each sets window.__pwned (or would add an element).
var hostile = []string{
	`<img src=x onerror="window.__pwned='img'">`,
	`</textarea><script>window.__pwned='script'</script>`,
	`"><svg onload="window.__pwned='svg'"><b>bold</b>`,
	`'><iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
	`javascript:window.__pwned='url'`,
	`<style>body{display:none}</style><math><mi xlink:href="javascript:window.__pwned=1">x</mi></math>`,
	`&lt;img src=x onerror=window.__pwned=2&gt; ]]> <!-- --> {{constructor.constructor('window.__pwned=3')()}}`,
}

var allHostile = strings.Join(hostile, " ")

// assertNothingInjected checks that no hostile text became markup: no flag
// set, no element the page does not have by itself, no event-handler
// attribute anywhere.
func assertNothingInjected(t *testing.T, p *Page) {
	t.Helper()
	got := evalJS[string](p, `JSON.stringify({
		pwned: String(window.__pwned),
		// (index.html's own policy <meta> in <head> aside.)
		foreign: Array.from(document.querySelectorAll('img,svg,iframe,object,embed,math,video,audio,form,style,base,meta[http-equiv],b,mi'))
			.filter(e => !e.closest('template') && e !== document.head.querySelector('meta[http-equiv="Content-Security-Policy"]')).map(e => e.tagName),
		// Same-origin scripts by path (loader.js adds wasm_exec.js by its full URL).
		scripts: Array.from(document.scripts).map(s => s.src.startsWith(location.origin + '/') ? s.src.slice(location.origin.length + 1) : s.getAttribute('src')),
		handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
			.filter(a => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name)),
	})`)
	var r struct {
		Pwned    string   `json:"pwned"`
		Foreign  []string `json:"foreign"`
		Scripts  []string `json:"scripts"`
		Handlers []string `json:"handlers"`
	}
	if err := json.Unmarshal([]byte(got), &r); err != nil {
		t.Fatal(err)
	}
	if r.Pwned != "undefined" {
		t.Errorf("window.__pwned = %s: hostile text ran", r.Pwned)
	}
	if len(r.Foreign) > 0 {
		t.Errorf("elements the page never makes appeared: %v", r.Foreign)
	}
	if want := "loader.js wasm_exec.js prerender.js start.js"; strings.Join(r.Scripts, " ") != want {
		t.Errorf("scripts %v, want exactly %s", r.Scripts, want)
	}
	if len(r.Handlers) > 0 {
		t.Errorf("event-handler or javascript: attributes appeared: %v", r.Handlers)
	}
}

// paste puts text into a field the way a paste does: one input event.
// Short text goes through the editing command (as a real paste does, with
// undo); long text is set directly, because Chromium's insertText command
// takes seconds for a few KB of multi-line text while a real paste does not.
func (p *Page) paste(sel, text string) {
	p.t.Helper()
	js, _ := json.Marshal(text)
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = document.querySelector(` + quoteJS(sel) + `);
		const text = ` + string(js) + `;
		f.focus(); f.select();
		if (text.length < 2000) document.execCommand('insertText', false, text);
		else { f.value = text; f.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true})); } })()`))
}

// choose picks an option of a select and fires change, as a pick from the
// open list does.
func (p *Page) choose(sel, value string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector(` + quoteJS(sel) + `);
		s.value = ` + quoteJS(value) + `; s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
}

func quoteJS(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Hostile text in every field — typed, pasted, inside XML and JSON
// configurations — is shown as text and never runs.
func TestHostileText(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)

	xmlEsc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	jsonStr := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	configs := map[string]string{
		"raw": allHostile,
		"xml": "<CORSConfiguration><CORSRule><ID>" + xmlEsc.Replace(hostile[0]) + "</ID>\n" +
			"<AllowedOrigin>" + xmlEsc.Replace(allHostile) + "</AllowedOrigin>\n" +
			"<AllowedMethod>" + xmlEsc.Replace(hostile[1]) + "</AllowedMethod>\n" +
			"<AllowedHeader>" + xmlEsc.Replace(hostile[2]) + "</AllowedHeader>\n" +
			"<ExposeHeader>" + xmlEsc.Replace(hostile[3]) + "</ExposeHeader></CORSRule></CORSConfiguration>",
		"xml-unescaped": "<CORSConfiguration><CORSRule><AllowedOrigin>" + allHostile + "</AllowedOrigin></CORSRule></CORSConfiguration>",
		"cli-json": `{"CORSRules":[{"ID":` + jsonStr(hostile[0]) + `,"AllowedOrigins":[` + jsonStr(allHostile) + `,"*"],"AllowedMethods":["GET",` +
			jsonStr(hostile[1]) + `],"AllowedHeaders":[` + jsonStr(hostile[2]) + `],"ExposeHeaders":[` + jsonStr(hostile[3]) + `]}]}`,
		"console-json": `[{"AllowedOrigins":["*"],"AllowedMethods":["GET"],"AllowedHeaders":[` + jsonStr(allHostile) + `]}]`,
	}
	// The request fields get the payloads too; the origin is typed key by key.
	p.clearAndType("#origin", hostile[0])
	p.paste("#acrh", allHostile)
	p.do(chromedp.Click(chromedp.CSS("#add-header")))
	p.paste("#headers li:last-child .hn", hostile[1])
	p.paste("#headers li:last-child .hv", allHostile)
	p.choose("#acrm", "other")
	p.paste("#acrm-other", hostile[2])

	for _, name := range []string{"raw", "xml", "xml-unescaped", "cli-json", "console-json"} {
		t.Run(name, func(t *testing.T) {
			p.t = t
			p.paste("#config", configs[name])
			for _, to := range []string{"xml", "aws-cli", "put-request"} {
				p.choose("#export-to", to)
				p.waitJS(`document.getElementById('export-out').childElementCount > 0`)
			}
			p.do(chromedp.Click(chromedp.CSS("#kind-actual")))
			p.choose("#method", "other")
			p.paste("#method-other", hostile[3])
			p.do(chromedp.Click(chromedp.CSS("#kind-preflight")))
			p.do(chromedp.Click(chromedp.CSS("#share")))
			p.waitJS(`document.getElementById('share-url').value.includes('#s=')`)
			assertNothingInjected(t, p)
			// The text is on screen as text.
			if !evalJS[bool](p, `['<img src=x onerror=', '</textarea><script>', '"><svg onload='].some(s => document.body.textContent.includes(s))`) {
				t.Errorf("the hostile text is not shown as text anywhere")
			}
			p.noErrors()
		})
	}
	p.t = t
	p.screenshot("hostile.png")

	// The same payloads arriving in a share link.
	state := map[string]any{
		"v": 1, "config": configs["xml"], "exists": true, "hasCors": true, "kind": "preflight",
		"method": hostile[4], "target": "object", "origin": allHostile, "acrm": hostile[5],
		"acrh": allHostile, "headers": [][2]string{{hostile[0], hostile[1]}, {allHostile, allHostile}}, "opStatus": 200,
	}
	q := newTab(t, browser(t))
	q.open(base + "#" + shareFragment(t, state))
	if got := evalJS[string](q, `document.getElementById('origin').value`); got != allHostile {
		t.Errorf("origin restored as %q", got)
	}
	assertNothingInjected(t, q)
	q.noErrors()
	// And in the embed mode and a fragment that is markup itself.
	for _, frag := range []string{"embed&" + shareFragment(t, state), "%3Cimg%20src=x%20onerror=window.__pwned=1%3E", "embed&s=%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E"} {
		q.do(chromedp.Navigate("about:blank"))
		q.open(base + "#" + frag)
		assertNothingInjected(t, q)
		q.noErrors()
	}
}
