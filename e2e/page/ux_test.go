package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// nextFrames waits for two frames (what the page does after drawing).
func (p *Page) nextFrames() {
	p.t.Helper()
	evalJS[bool](p, `(window.__frames = false, requestAnimationFrame(() => requestAnimationFrame(() => { window.__frames = true; })), true)`)
	p.waitJS(`window.__frames === true`)
}

// firstScreen saves what is in the viewport (not the whole page): what a
// person sees before scrolling.
func (p *Page) firstScreen(name string) {
	p.t.Helper()
	if evalJS[string](p, `document.documentElement.dataset.engine`) == "ready" {
		p.settle()
	}
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(repoRoot(), "testdata", "e2e-screenshots", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// onScreen: the element's box is inside the viewport (entirely), as
// getBoundingClientRect says.
func (p *Page) onScreen(sel string) bool {
	p.t.Helper()
	return evalJS[bool](p, `(() => {
		const e = document.querySelector(`+quoteJS(sel)+`);
		if (!e) return false;
		const r = e.getBoundingClientRect();
		return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= document.documentElement.clientWidth + 1;
	})()`)
}

func (p *Page) top(sel string) float64 {
	p.t.Helper()
	return evalJS[float64](p, `(() => { const e = document.querySelector(`+quoteJS(sel)+`); return e ? e.getBoundingClientRect().top + scrollY : -1; })()`)
}

func (p *Page) viewport(w, h int64, mobile bool) {
	p.t.Helper()
	if mobile {
		p.do(chromedp.EmulateViewport(w, h, chromedp.EmulateMobile))
	} else {
		p.do(chromedp.EmulateViewport(w, h))
	}
	p.do(chromedp.Navigate("about:blank"))
}

// TestAnswerFirst: the first screen holds S3's answer (status line and
// summary) and the browser's verdict, and when blocked the fix's one line
// with its Apply button; at 375 px they follow the configuration's first
// lines. Checked with getBoundingClientRect, and saved as screenshots.
func TestAnswerFirst(t *testing.T) {
	base := site(t)
	tests := []struct {
		name          string
		w, h          int64
		mobile, dark  bool
		addr          string
		blocked       bool
		screen        string
		afterEditorPx float64 // at most this far below the editor's first line (0: not checked)
	}{
		{name: "desktop, default example", w: 1280, h: 900, addr: "", screen: "answer-desktop.png"},
		{name: "desktop, blocked gallery item", w: 1280, h: 900, addr: "#gallery=presigned-put", blocked: true, screen: "answer-gallery.png"},
		{name: "375 px, blocked gallery item", w: 375, h: 800, mobile: true, addr: "#gallery=presigned-put", blocked: true, screen: "answer-narrow-gallery.png"},
		{name: "375 px, default example", w: 375, h: 800, mobile: true, addr: "", screen: "answer-narrow.png", afterEditorPx: 600},
		{name: "desktop, dark, blocked gallery item", w: 1280, h: 900, dark: true, addr: "#gallery=preflight-403", blocked: true, screen: "answer-dark.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newTab(t, browser(t))
			p.viewport(tc.w, tc.h, tc.mobile)
			p.darkMode(tc.dark)
			p.open(base + tc.addr)
			p.settle()
			if tc.blocked {
				p.waitJS(`document.getElementById('apply-fix') !== null`)
			}
			if tc.afterEditorPx > 0 {
				// A phone shows the configuration first: the answer comes
				// right after the editor, before its checks and the request.
				ed, ans, req := p.top("#editor"), p.top("#answer"), p.top("#request-h")
				if !(ed < ans && ans-ed <= tc.afterEditorPx && ans < req) {
					t.Errorf("editor at %.0f, answer at %.0f, request at %.0f: the answer should follow the editor within %.0f px and come before the request", ed, ans, req, tc.afterEditorPx)
				}
				evalJS[bool](p, `(scrollTo(0, document.getElementById('answer').getBoundingClientRect().top + scrollY - 8), true)`)
			}
			for _, sel := range []string{"#answer-status", "#summary", "#bv-head"} {
				if !p.onScreen(sel) {
					t.Errorf("%s is not on the first screen", sel)
				}
			}
			if got := p.text("#answer-status"); got == "" {
				t.Error("no status line")
			}
			if tc.blocked {
				for _, sel := range []string{"#answer-fix p", "#apply-fix"} {
					if !p.onScreen(sel) {
						t.Errorf("%s is not on the first screen", sel)
					}
				}
				if got := p.text("#answer-status"); !strings.Contains(got, "403") {
					t.Errorf("status %q: the gallery item's preflight gets 403", got)
				}
				if got := p.text("#bv-head"); !strings.Contains(got, "Blocked") {
					t.Errorf("verdict %q", got)
				}
			} else if p.text("#answer-fix") != "" {
				t.Errorf("a fix offered for an allowed request: %q", p.text("#answer-fix"))
			}
			// Words a newcomer understands first: the evidence in plain
			// words, the recorded cases folded; lint codes in small print.
			if ev := p.text("#evidence"); !strings.HasPrefix(ev, "Evidence: Recorded from real S3") || strings.Index(ev, "test_cors") < strings.Index(ev, "The recorded case") {
				t.Errorf("evidence %q", ev)
			}
			if evalJS[bool](p, `document.querySelector('#evidence details') !== null && document.querySelector('#evidence details').open`) {
				t.Error("the recorded cases are not folded")
			}
			if small := evalJS[string](p, `[...document.querySelectorAll('#problems .problem')].filter((b) => {
				const c = b.querySelector('.code-name');
				return !c || parseFloat(getComputedStyle(c).fontSize) >= parseFloat(getComputedStyle(b).fontSize) || b.firstChild.nextSibling.textContent.includes(c.textContent);
			}).map((b) => b.textContent.slice(0, 60)).join(' | ')`); small != "" {
				t.Errorf("a problem's code is not in small print after its words: %s", small)
			}
			p.firstScreen(tc.screen)
			p.noErrors()
		})
	}
}

// TestStoryOrder: below the answer, the details read as a story: the
// request, what S3 answers, what the browser does (its fix inside), then
// applying it.
func TestStoryOrder(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.viewport(375, 800, true)
	p.open(base + "#gallery=presigned-put")
	order := []string{"#answer", "#request-h", "#results-h", "#browser-h", ".bv-fix", "#export-h"}
	last := -1.0
	for _, sel := range order {
		y := p.top(sel)
		if y < 0 || y <= last {
			t.Errorf("%s at %.0f, after %.0f: the story order is %v", sel, y, last, order)
		}
		last = y
	}
}

// TestGalleryLandsOnFailure: opening a classic failure shows its failure
// first: the answer (403, blocked, the fix) is on screen, and names the
// item with a link to its explanation.
func TestGalleryLandsOnFailure(t *testing.T) {
	base := site(t)
	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{{1280, 900, false}, {375, 800, true}} {
		p := newTab(t, browser(t))
		p.viewport(size.w, size.h, size.mobile)
		p.open(base + "#gallery=presigned-put")
		p.waitJS(`document.getElementById('apply-fix') !== null`)
		// The landing happens in the frame after the item is drawn.
		p.nextFrames()
		for _, sel := range []string{"#answer-context", "#bv-head", "#apply-fix"} {
			if !p.onScreen(sel) {
				t.Errorf("%dpx: %s is not on screen after opening the gallery item", size.w, sel)
			}
		}
		if got := p.text("#answer-context"); !strings.Contains(got, "Presigned PUT") {
			t.Errorf("answer context %q", got)
		}
		// Chosen from the menu (far down the page) it lands there too.
		p.choose("#gallery", "preflight-403")
		p.waitJS(`document.getElementById('answer-context').textContent.includes('upload')`)
		p.nextFrames()
		if !p.onScreen("#bv-head") {
			t.Errorf("%dpx: after choosing from the menu the verdict is not on screen", size.w)
		}
		p.noErrors()
	}
}

// TestRejectedConfigurationHypothetical: for a configuration S3 rejects,
// the browser's verdict says it is hypothetical and what really happens,
// in the same box, never a plain green "Allowed".
func TestRejectedConfigurationHypothetical(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.viewport(1280, 900, false)
	p.open(base + "#example=rejected-options-method")
	p.waitJS(`document.getElementById('bv-head').textContent.includes('ypothetical')`)
	head := p.text("#bv-head")
	if strings.HasPrefix(head, "✓") || !strings.HasPrefix(head, "Hypothetical") {
		t.Errorf("verdict head %q", head)
	}
	if cls := evalJS[string](p, `document.getElementById('bv-head').className`); !strings.Contains(cls, "hypo") || strings.Contains(cls, "ok") {
		t.Errorf("verdict head drawn as %q", cls)
	}
	real := p.text("#bv-reality")
	for _, want := range []string{"400 InvalidRequest", "keeps the CORS configuration it had", "If it had none: Blocked"} {
		if !strings.Contains(real, want) {
			t.Errorf("reality %q lacks %q", real, want)
		}
	}
	// Plain words before S3's exact text, which is kept.
	verdict := p.text("#verdict")
	plain, exact := strings.Index(verdict, "accepts only GET, PUT, HEAD, POST and DELETE"), strings.Index(verdict, "Found unsupported HTTP method in CORS config. Unsupported method is OPTIONS")
	if plain < 0 || exact < 0 || plain > exact {
		t.Errorf("S3's verdict %q: want the plain sentence, then S3's exact text", verdict)
	}
	p.firstScreen("answer-rejected.png")
	p.noErrors()
}

// TestPasteSetsUpAPreflight: Chrome's preflight message, read, gives a
// request that needs a preflight (the form shows the OPTIONS, the browser
// a preflight), and the method it does not name is asked for, with a
// button to the field.
func TestPasteSetsUpAPreflight(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.viewport(1280, 900, false)
	p.open(base)
	msg := `Access to fetch at 'https://photos-prod.s3.eu-west-1.amazonaws.com/up/cat.jpg' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`
	p.do(chromedp.Click(chromedp.CSS("#paste-box summary")))
	p.paste("#paste", msg)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.querySelector('#paste-msg .paste-ask') !== null`)
	p.settle()
	if !evalJS[bool](p, `document.getElementById('kind-preflight').checked`) || evalJS[string](p, `document.getElementById('acrm').value`) != "PUT" {
		t.Errorf("the form does not show the preflight for a PUT")
	}
	bv := p.text("#bv")
	if strings.Contains(bv, "No preflight is needed") || !strings.Contains(bv, "A preflight is needed") {
		t.Errorf("the browser panel does not judge a preflighted request: %.300q", bv)
	}
	ask := p.text("#paste-msg .paste-ask")
	if !strings.Contains(ask, "PUT") || !strings.Contains(ask, "Choose the method") {
		t.Errorf("the ask %q", ask)
	}
	p.do(chromedp.Click(chromedp.CSS("#paste-msg .paste-ask button")))
	if got := evalJS[string](p, `document.activeElement.id`); got != "acrm" {
		t.Errorf("the ask's button focused %q, want the Access-Control-Request-Method menu", got)
	}
	// The exports name the bucket of the URL the message names.
	p.choose("#export-to", "aws-cli")
	p.waitJS(`document.getElementById('export-out').dataset.text.includes('--bucket photos-prod --region eu-west-1')`)
	p.noErrors()
}

// TestShareLinkGoesStale: after "Share link", an edit empties the link box
// and says why, and the address no longer holds the old state.
func TestShareLinkGoesStale(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.viewport(1280, 900, false)
	p.open(base)
	p.do(chromedp.Click(chromedp.CSS("#share")))
	p.waitJS(`document.getElementById('share-url').value.includes('#s=') && location.hash.startsWith('#s=')`)
	if !evalJS[bool](p, `document.getElementById('share-stale').hidden`) {
		t.Error("a fresh link is marked stale")
	}
	p.clearAndType("#origin", "https://other.example.com")
	p.waitJS(`!document.getElementById('share-stale').hidden`)
	if v := evalJS[string](p, `document.getElementById('share-url').value + '|' + document.getElementById('share-embed').value`); v != "|" {
		t.Errorf("the old link is still in the box: %q", v)
	}
	if h := evalJS[string](p, `location.hash`); strings.HasPrefix(h, "#s=") {
		t.Errorf("the address still holds the old state: %q", h)
	}
	if !evalJS[bool](p, `document.getElementById('share-copy').disabled`) {
		t.Error("Copy still copies a stale link")
	}
	// Sharing again makes a current link.
	p.do(chromedp.Click(chromedp.CSS("#share")))
	p.waitJS(`document.getElementById('share-url').value.includes('#s=') && document.getElementById('share-stale').hidden`)
	p.noErrors()
}

// TestExampleInAddress: choosing an example puts #example=NAME in the
// address, which loads it again.
func TestExampleInAddress(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.choose("#example", "rule-order")
	p.waitJS(`location.hash === '#example=rule-order'`)
	p.do(chromedp.Reload())
	p.waitJS(`document.documentElement.dataset.engine === 'ready' && document.getElementById('example').value === 'rule-order'`)
	p.noErrors()
}

// TestOtherMethodKeyboard: arrowing through the method menus past
// "Other…" keeps the focus on the menu.
func TestOtherMethodKeyboard(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	for _, id := range []string{"acrm"} {
		p.do(chromedp.Focus(chromedp.CSS("#" + id)))
		for range 7 {
			p.do(chromedp.KeyEvent(kb.ArrowDown))
		}
		p.waitJS(`document.getElementById('` + id + `').value === 'other'`)
		if got := evalJS[string](p, `document.activeElement.id`); got != id {
			t.Errorf("ArrowDown onto Other… moved the focus to %q", got)
		}
		if evalJS[bool](p, `document.getElementById('`+id+`-other').hidden`) {
			t.Errorf("the text field for another method is not shown")
		}
	}
	p.noErrors()
}

// TestEditorMarksAndInputs: an inline problem never covers a rule's band
// label, a long one ends inside the editor (whole on the caret line), and
// header-name inputs show their usual values whole.
func TestEditorMarksAndInputs(t *testing.T) {
	base := site(t)
	for _, size := range []struct {
		w, h   int64
		mobile bool
		header string
	}{{1280, 900, false, "x-amz-checksum-crc32"}, {375, 800, true, "Content-Type"}} {
		p := newTab(t, browser(t))
		p.viewport(size.w, size.h, size.mobile)
		p.open(base + "#gallery=presigned-put")
		p.settle()
		// A rejected method on a line of a rule's band.
		if size.w > 600 {
			p.open(base + "#example=rejected-options-method")
			p.settle()
			if over := evalJS[string](p, `(() => {
				const labs = [...document.querySelectorAll('.band-label')].map((e) => e.getBoundingClientRect());
				const code = document.getElementById('code').getBoundingClientRect();
				const out = [];
				for (const a of document.querySelectorAll('.annot')) {
					const r = a.getBoundingClientRect();
					if (r.right > code.right + 1) out.push('annotation past the editor: ' + a.textContent.slice(0, 40));
					for (const l of labs) if (r.left < l.right && l.left < r.right && r.top < l.bottom && l.top < r.bottom) out.push('annotation over a band label: ' + a.textContent.slice(0, 40));
				}
				return out.join('; ');
			})()`); over != "" {
				t.Error(over)
			}
			p.firstScreen("editor-marks.png")
			p.open(base + "#gallery=presigned-put")
			p.settle()
		}
		if cut := evalJS[string](p, `[...document.querySelectorAll('#headers input.hn')]
			.filter((e) => e.value.toLowerCase() === `+quoteJS(strings.ToLower(size.header))+` && e.scrollWidth > e.clientWidth + 1)
			.map((e) => e.value + ' ' + e.scrollWidth + '>' + e.clientWidth).join(', ')`); cut != "" {
			t.Errorf("%dpx: header name cut: %s", size.w, cut)
		}
		p.noErrors()
	}
}

// TestEmbedShowsTheAnswer: an embed shows the verdict within the height
// its snippet asks for, and the snippet's height fits what it shows.
func TestEmbedShowsTheAnswer(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.viewport(1280, 900, false)
	p.open(base + "#example=rule-order")
	p.do(chromedp.Click(chromedp.CSS("#share")))
	p.waitJS(`document.getElementById('share-embed').value.includes('iframe')`)
	snippet := evalJS[string](p, `document.getElementById('share-embed').value`)
	h := evalJS[float64](p, `+(/height="(\d+)"/.exec(document.getElementById('share-embed').value) || [0, 0])[1]`)
	if h <= 0 {
		t.Fatalf("no height in %q", snippet)
	}
	for _, ex := range []struct{ name, verdict, screen string }{
		{"rule-order", "Allowed", "answer-embed.png"},
		{"missing-allowed-header", "Blocked", "answer-embed-blocked.png"},
	} {
		e := newTab(t, browser(t))
		e.viewport(760, int64(h), false)
		e.open(base + "#embed&example=" + ex.name)
		e.settle()
		sels := []string{"#summary", "#bv-head"}
		if ex.verdict == "Blocked" {
			e.waitJS(`document.getElementById('apply-fix') !== null`)
			sels = append(sels, "#apply-fix")
		}
		for _, sel := range sels {
			if !e.onScreen(sel) {
				t.Errorf("%s: %s is not within the embed's %v px", ex.name, sel, h)
			}
		}
		if got := e.text("#bv-head"); !strings.Contains(got, ex.verdict) {
			t.Errorf("%s: embed verdict %q", ex.name, got)
		}
		// What it shows ends near the snippet's bottom: no scrolling, and
		// no large empty band.
		if end := evalJS[float64](e, `document.querySelector('main').getBoundingClientRect().bottom`); end > h || end < h-100 {
			t.Errorf("%s: the embed's content ends at %v px in a %v px snippet: the height does not fit what it shows", ex.name, end, h)
		}
		e.firstScreen(ex.screen)
		e.noErrors()
	}
}
