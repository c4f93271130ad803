package page

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// What the page keeps in the browser (saved.js) and its one-step undo
// (undo.js), used as a person does: typing, reloading, picking an example,
// pressing Ctrl+Z, opening links, working in two tabs.

const savedKey = "corsplay.page"

// typeAtEnd types text at the end of the editor's configuration, one key
// event per character.
func (p *Page) typeAtEnd(text string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); })()`))
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), text))
}

// saved waits until the page has written what it shows to storage (once
// editing pauses) and returns what localStorage holds ("" for nothing).
func (p *Page) saved(contains string) string {
	p.t.Helper()
	p.waitJS(`(sessionStorage.getItem(` + quoteJS(savedKey) + `) || '').includes(` + quoteJS(contains) + `)`)
	return evalJS[string](p, `localStorage.getItem(`+quoteJS(savedKey)+`) || ''`)
}

// openAnew loads url as a new document (from the same address with
// another fragment, Navigate alone would only change the fragment).
func (p *Page) openAnew(url string) {
	p.t.Helper()
	p.do(chromedp.Navigate("about:blank"))
	p.open(url)
}

func (p *Page) reload() {
	p.t.Helper()
	p.do(chromedp.Reload())
	p.waitJS(`document.documentElement.dataset.engine === 'ready'`)
}

func (p *Page) config() string {
	p.t.Helper()
	return evalJS[string](p, `document.getElementById('config').value`)
}

// bar is the state bar's message and its button's label ("" when hidden).
func (p *Page) bar() (msg, action string) {
	p.t.Helper()
	var r []string
	if err := json.Unmarshal([]byte(evalJS[string](p, `JSON.stringify([document.getElementById('state-msg').textContent,
		document.getElementById('state-action').hidden ? '' : document.getElementById('state-action').textContent])`)), &r); err != nil {
		p.t.Fatal(err)
	}
	return r[0], r[1]
}

// The three cases of the issue: type, reload → the text is back; pick an
// example, undo → the text is back; two tabs do not corrupt each other.
func TestSavedTypeReloadTextIsBack(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	if msg, _ := p.bar(); msg != "" {
		t.Errorf("a first visit shows %q in the state bar", msg)
	}
	p.typeAtEnd("<!-- mine -->")
	p.clearAndType("#origin", "https://typed.example")
	if local := p.saved("typed.example"); !strings.Contains(local, "<!-- mine -->") {
		t.Errorf("localStorage holds %.200q, want the typed text", local)
	}
	p.reload()
	if got := p.config(); !strings.HasSuffix(got, "<!-- mine -->") {
		t.Errorf("after a reload the editor holds %q, want the typed text back", got)
	}
	if got := evalJS[string](p, `document.getElementById('origin').value`); got != "https://typed.example" {
		t.Errorf("after a reload Origin is %q", got)
	}
	msg, action := p.bar()
	if !strings.Contains(msg, "Restored") || action != "Start fresh" {
		t.Errorf("state bar %q / %q, want the restore message and Start fresh", msg, action)
	}
	// The restored request is evaluated: the typed origin is not allowed.
	if !strings.Contains(p.text("#summary"), "origin not allowed") {
		t.Errorf("the restored request was not evaluated: summary %q", p.text("#summary"))
	}
	p.screenshot("saved-restored.png")

	// Start fresh: the default example, itself undoable.
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`!document.getElementById('config').value.includes('mine')`)
	if msg, action := p.bar(); !strings.Contains(msg, "Started fresh") || action != "Undo" {
		t.Errorf("after Start fresh the bar says %q / %q", msg, action)
	}
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`document.getElementById('config').value.endsWith('<!-- mine -->')`)
	p.do(chromedp.Click(chromedp.CSS("#state-action"))) // Redo: fresh again
	p.waitJS(`!document.getElementById('config').value.includes('mine')`)
	p.saved("default")
	if local := evalJS[string](p, `String(localStorage.getItem(`+quoteJS(savedKey)+`))`); local != "null" {
		t.Errorf("after Start fresh localStorage holds %.100q, want nothing", local)
	}
	p.reload()
	if msg, _ := p.bar(); msg != "" || strings.Contains(p.config(), "mine") {
		t.Errorf("after Start fresh and a reload: bar %q, text %q", msg, p.config())
	}
	p.noErrors()
}

func TestSavedPickExampleUndoTextIsBack(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.typeAtEnd("<!-- mine -->")
	mine := p.config()
	p.choose("#example", "public-read")
	p.waitJS(`!document.getElementById('config').value.includes('mine')`)
	msg, action := p.bar()
	if !strings.Contains(msg, "Public read") || action != "Undo" {
		t.Errorf("after picking an example the bar says %q / %q", msg, action)
	}
	if live := evalJS[string](p, `document.getElementById('state-bar').getAttribute('aria-live')`); live != "polite" {
		t.Errorf("state bar aria-live %q", live)
	}
	p.screenshot("saved-example-undo.png")

	// Ctrl+Z in the editor undoes the replacement in one step.
	p.do(chromedp.Focus(chromedp.CSS("#config")), chromedp.KeyEvent("z", chromedp.KeyModifiers(2 /* Ctrl */)))
	p.waitJS(`document.getElementById('config').value.endsWith('<!-- mine -->')`)
	if got := p.config(); got != mine {
		t.Errorf("Ctrl+Z gave %q, want %q", got, mine)
	}
	if got := evalJS[string](p, `document.getElementById('example').value`); got != "" {
		t.Errorf("after undo the menu names %q, want your own configuration", got)
	}
	if msg, action := p.bar(); !strings.Contains(msg, "Undone") || action != "Redo" {
		t.Errorf("after Ctrl+Z the bar says %q / %q", msg, action)
	}
	// Redo with the keyboard: Tab to the button, Enter.
	p.do(chromedp.Focus(chromedp.CSS("#state-action")), chromedp.KeyEvent("\r"))
	p.waitJS(`document.getElementById('example').value === 'public-read'`)
	// The button keeps the focus through Undo and Redo.
	if !evalJS[bool](p, `document.activeElement === document.getElementById('state-action')`) {
		t.Errorf("the focus left the state bar's button")
	}

	// Replacing after an edit: the button puts back the state from before
	// the replacement, and Redo brings the edit back, so nothing is lost.
	p.typeAtEnd("<!-- after -->")
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`document.getElementById('config').value === ` + quoteJS(mine))
	p.do(chromedp.Click(chromedp.CSS("#state-action")))
	p.waitJS(`document.getElementById('config').value.endsWith('<!-- after -->')`)
	p.noErrors()
}

func TestSavedTwoTabsDoNotCorruptEachOther(t *testing.T) {
	base := site(t)
	a := newTab(t, browser(t))
	a.open(base)
	a.typeAtEnd("<!-- tab A -->")
	a.saved("tab A")
	b := a.sibling()
	b.open(base)
	if got := b.config(); !strings.HasSuffix(got, "<!-- tab A -->") {
		t.Errorf("a new tab starts from %q, want the last saved state (tab A's)", got)
	}
	b.typeAtEnd("<!-- tab B -->")
	b.saved("tab B")
	a.typeAtEnd("<!-- A again -->")
	a.saved("A again")

	// Each tab's reload brings back its own text; a new visit gets the last
	// edit of any tab, whole.
	a.reload()
	if got := a.config(); !strings.HasSuffix(got, "<!-- tab A --><!-- A again -->") || strings.Contains(got, "tab B") {
		t.Errorf("tab A after a reload: %q", got)
	}
	b.reload()
	if got := b.config(); !strings.HasSuffix(got, "<!-- tab A --><!-- tab B -->") || strings.Contains(got, "A again") {
		t.Errorf("tab B after a reload: %q", got)
	}
	c := a.sibling()
	c.open(base)
	if got := c.config(); !strings.HasSuffix(got, "<!-- A again -->") {
		t.Errorf("a third tab starts from %q, want tab A's last edit", got)
	}
	var kept struct {
		V     int `json:"v"`
		Saved struct {
			State struct {
				Config string `json:"config"`
			} `json:"state"`
		} `json:"saved"`
	}
	if err := json.Unmarshal([]byte(evalJS[string](c, `localStorage.getItem(`+quoteJS(savedKey)+`)`)), &kept); err != nil || kept.V != 1 {
		t.Errorf("localStorage does not hold one whole saved state: %v", err)
	}
	for _, p := range []*Page{a, b, c} {
		p.noErrors()
	}
}

// An address that names a state wins over the saved state and does not
// overwrite it until the person edits; then it gives way to the edit.
func TestSavedShareLinkWinsAndDoesNotOverwriteUntilEdited(t *testing.T) {
	base := site(t)
	share := shareFragment(t, map[string]any{"v": 1, "config": `<CORSConfiguration><CORSRule><AllowedOrigin>https://shared.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`,
		"exists": true, "hasCors": true, "kind": "actual", "method": "GET", "target": "object", "origin": "https://shared.example",
		"acrm": "", "acrh": "", "headers": [][2]string{}, "opStatus": 200})
	tests := []struct {
		name, addr string
		shows      string // in the editor
	}{
		{name: "share link", addr: "#" + share, shows: "https://shared.example"},
		{name: "example", addr: "#example=public-read", shows: "<AllowedOrigin>*</AllowedOrigin>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTab(t, browser(t))
			p.open(base)
			p.typeAtEnd("<!-- mine -->")
			mine := p.saved("mine")

			p.openAnew(base + tt.addr)
			if got := p.config(); !strings.Contains(got, tt.shows) || strings.Contains(got, "mine") {
				t.Errorf("the address shows %q, want its own state", got)
			}
			if msg, _ := p.bar(); msg != "" {
				t.Errorf("the bar says %q on an address that names a state", msg)
			}
			p.reload()
			if !strings.Contains(p.config(), tt.shows) {
				t.Errorf("a reload of the address shows %q", p.config())
			}
			if got := evalJS[string](p, `localStorage.getItem(`+quoteJS(savedKey)+`) || ''`); got != mine {
				t.Errorf("opening the address overwrote the saved state: %.200q", got)
			}

			// The first edit: saved, and the address gives way to it.
			p.typeAtEnd("<!-- edited -->")
			local := p.saved("edited")
			if !strings.Contains(local, "edited") {
				t.Errorf("after an edit localStorage holds %.200q", local)
			}
			if got := evalJS[string](p, `location.hash + location.search`); got != "" {
				t.Errorf("after an edit the address still holds %q", got)
			}
			p.reload()
			if got := p.config(); !strings.Contains(got, tt.shows) || !strings.HasSuffix(got, "<!-- edited -->") {
				t.Errorf("after an edit and a reload: %q", got)
			}
			p.noErrors()
		})
	}
}

func TestSavedEmbedKeepsNothing(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.typeAtEnd("<!-- mine -->")
	local := p.saved("mine")
	session := evalJS[string](p, `sessionStorage.getItem(`+quoteJS(savedKey)+`)`)

	for _, addr := range []string{"#embed", "?embed"} {
		p.openAnew(base + addr)
		if got := p.config(); strings.Contains(got, "mine") {
			t.Errorf("%s restored the saved state: %q", addr, got)
		}
		if msg, _ := p.bar(); msg != "" {
			t.Errorf("%s: the bar says %q", addr, msg)
		}
		p.typeAtEnd("<!-- in the embed -->")
		p.choose("#example", "public-read")
		p.waitJS(`document.getElementById('config').value.includes('<AllowedOrigin>*</AllowedOrigin>')`)
		// Past saved.js's pause, and the page left (pagehide writes what is pending).
		p.do(chromedp.Navigate(base + "robots-missing.txt"))
		if got := evalJS[string](p, `(localStorage.getItem(`+quoteJS(savedKey)+`) || '') + '|' + (sessionStorage.getItem(`+quoteJS(savedKey)+`) || '')`); got != local+"|"+session {
			t.Errorf("%s changed what is kept: %.300q", addr, got)
		}
	}
	p.openAnew(base)
	if got := p.config(); !strings.HasSuffix(got, "<!-- mine -->") {
		t.Errorf("after the embeds the plain page shows %q", got)
	}
	p.noErrors()
}
