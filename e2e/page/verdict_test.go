package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The "What the browser does" panel (web/verdict.js): a person types a
// configuration and a cross-origin PUT, reads Chrome's exact message,
// applies the fix and sees the upload allowed.
func TestBrowserVerdictAndFix(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)

	const cfg = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	const url = "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.png"
	p.clearAndType("#config", cfg)
	p.do(chromedp.Click(chromedp.CSS("#kind-actual")))
	p.choose("#method", "PUT")
	p.clearAndType("#origin", "https://app.example.com")
	p.clearAndType("#fetch-url", url)

	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked by Chrome')`)
	want := "Access to fetch at '" + url + "' from origin 'https://app.example.com' has been blocked by CORS policy: " +
		"Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
	if got := p.text(".bv-msg.chosen .console"); got != want {
		t.Errorf("Chrome's message shown:\n%s\nwant:\n%s", got, want)
	}
	if got := p.text("#bv"); !strings.Contains(got, "PUT is not a CORS-safelisted method") || !strings.Contains(got, "OPTIONS /uploads/cat.png HTTP/1.1") ||
		!strings.Contains(got, "HTTP/1.1 403 Forbidden") {
		t.Errorf("the panel lacks the preflight's reason, request or S3's 403:\n%s", got)
	}
	if got := p.text(".bv-fix"); !strings.Contains(got, "PUT") || !strings.Contains(got, "+ ") {
		t.Errorf("fix %q does not add PUT as a + line", got)
	}

	p.do(chromedp.Click(chromedp.CSS("#apply-fix")))
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Allowed')`)
	if got := evalJS[string](p, `document.getElementById('config').value`); !strings.Contains(got, "<AllowedMethod>PUT</AllowedMethod>") {
		t.Errorf("config after Apply fix: %s", got)
	}
	if got := p.text(".bv-msg.chosen .console"); !strings.Contains(got, "nothing") {
		t.Errorf("an allowed fetch still shows a console message: %q", got)
	}
	p.screenshot("verdict-fixed.png")

	p.do(chromedp.Click(chromedp.CSS("#undo-fix")))
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked by Chrome')`)
	if got := evalJS[string](p, `document.getElementById('config').value`); got != cfg {
		t.Errorf("Undo fix left %q", got)
	}

	// The other browsers' wording is there too, and choosing one makes it
	// the headline message.
	p.choose("#fetch-browser", "firefox")
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked by Firefox')`)
	if got := p.text(".bv-msg.chosen .console"); !strings.HasPrefix(got, "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at "+url) {
		t.Errorf("Firefox message %q", got)
	}
	p.noErrors()
}

// Pasting a console message or a curl command fills the request.
func TestPasteFillsTheRequest(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.do(chromedp.Click(chromedp.CSS("#paste-box summary")))

	msg := "GET https://bkt.s3.eu-west-1.amazonaws.com/a/b.txt net::ERR_FAILED 403 (Forbidden)\n" +
		"Access to fetch at 'https://bkt.s3.eu-west-1.amazonaws.com/a/b.txt' from origin 'https://paste.example.com' has been blocked by CORS policy: " +
		"The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
	p.paste("#paste", msg)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.getElementById('origin').value === 'https://paste.example.com'`)
	if got := evalJS[string](p, `document.getElementById('fetch-url').value + ' ' + document.getElementById('fetch-cred').value + ' ' + document.getElementById('fetch-browser').value`); got != "https://bkt.s3.eu-west-1.amazonaws.com/a/b.txt include chrome" {
		t.Errorf("url, credentials, browser = %q", got)
	}
	if got := p.text("#paste-msg"); !strings.Contains(got, "Read a Chrome console message (line 2)") {
		t.Errorf("paste message %q", got)
	}

	// A curl command sets the method and the script's headers; a PUT
	// needs a preflight, so the form shows that, the request the browser
	// sends first (the script's headers stay as the other headers).
	p.paste("#paste", `curl 'https://bkt.s3.amazonaws.com/up' -X PUT -H 'Origin: https://curl.example.com' -H 'Content-Type: application/json' --data-raw '{}'`)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.getElementById('origin').value === 'https://curl.example.com'`)
	if got := evalJS[string](p, `document.getElementById('kind-preflight').checked + ' ' + document.getElementById('acrm').value + ' ' + document.getElementById('acrh').value + ' ' +
		Array.from(document.querySelectorAll('#headers li')).map(li => li.children[0].value + ':' + li.children[1].value).join(',')`); got != "true PUT content-type Content-Type:application/json" {
		t.Errorf("kind, method, requested headers, headers = %q", got)
	}
	p.waitJS(`document.getElementById('bv').textContent.includes('content-type')`)

	// Nothing recognisable: a clear message and nothing changed.
	p.paste("#paste", "hello, world")
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.getElementById('paste-msg').textContent.includes('no CORS error or curl command found')`)
	if got := evalJS[string](p, `document.getElementById('origin').value`); got != "https://curl.example.com" {
		t.Errorf("an unrecognised paste changed the origin to %q", got)
	}

	// A megabyte of console log with the message at its end still works.
	p.paste("#paste", strings.Repeat("[Violation] 'setTimeout' handler took 51ms\n", 1<<20/44)+msg)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.getElementById('origin').value === 'https://paste.example.com'`)
	p.noErrors()
}

// #gallery=SLUG loads a classic failure with its explanation and verdict;
// an unknown slug says so and keeps the default.
func TestGalleryLink(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br)
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base + "#gallery=presigned-put")
	p.waitJS(`document.getElementById('gallery').value === 'presigned-put'`)
	if got := p.text("#gallery-info"); !strings.Contains(got, "Presigned PUT upload fails at the preflight") || !strings.Contains(got, "x-amz-checksum-crc32") {
		t.Errorf("gallery explanation %q", got)
	}
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked by Chrome')`)
	if got := p.text(".bv-msg.chosen .console"); !strings.Contains(got, "Response to preflight request doesn't pass access control check") {
		t.Errorf("presigned-put message %q", got)
	}
	if got := evalJS[string](p, `document.getElementById('origin').value + ' ' + document.getElementById('fetch-url').value`); !strings.HasPrefix(got, "https://app.example.com https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/uploads/cat.png?") {
		t.Errorf("origin and URL %q", got)
	}
	if got := p.text(".bv-diff"); !strings.Contains(got, "+ ") || !strings.Contains(got, "… 1 unchanged line") {
		t.Errorf("diff %q lacks its + line or the … line for the unchanged start", got)
	}
	shot(t, p, "verdict-desktop.png")

	p.darkMode(true)
	p.do(chromedp.Navigate("about:blank"))
	p.open(base + "#gallery=credentials-wildcard")
	p.waitJS(`document.getElementById('gallery').value === 'credentials-wildcard' && document.getElementById('bv-head').textContent !== ''`)
	shot(t, p, "verdict-dark.png")
	p.darkMode(false)

	p.do(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	p.do(chromedp.Navigate("about:blank"))
	p.open(base + "#gallery=vary-cache")
	p.waitJS(`document.getElementById('gallery').value === 'vary-cache'`)
	if n := evalJS[int](p, `document.querySelectorAll('#gallery-info .g-steps li').length`); n != 2 {
		t.Errorf("vary-cache shows %d requests, want 2", n)
	}
	if over := evalJS[string](p, `(() => {
		const w = document.documentElement.clientWidth;
		return Array.from(document.querySelectorAll('#browser-panel *')).filter(e => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.right > w + 1 && !e.closest('.bv-diff');
		}).map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 5).join(' ');
	})()`); over != "" {
		t.Errorf("at 375 px these stick out to the right: %s", over)
	}
	shot(t, p, "verdict-narrow.png")

	p.do(chromedp.EmulateViewport(1280, 900))
	p.do(chromedp.Navigate("about:blank"))
	p.open(base + "#gallery=no-such-thing")
	p.waitJS(`document.getElementById('gallery-info').textContent.includes('There is no classic failure called "no-such-thing"')`)
	if got := evalJS[string](p, `document.getElementById('example').value`); got == "" {
		t.Errorf("an unknown gallery slug left no default example")
	}
	p.noErrors()
}

// Hostile text in the paste box and the URL field is text, never markup.
func TestVerdictHostileText(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.open(base)
	p.do(chromedp.Click(chromedp.CSS("#paste-box summary")))
	p.paste("#paste", allHostile)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.waitJS(`document.getElementById('paste-msg').textContent !== ''`)
	p.paste("#paste", "Access to fetch at '"+allHostile+"' from origin '"+hostile[0]+"' has been blocked by CORS policy: "+allHostile)
	p.do(chromedp.Click(chromedp.CSS("#paste-read")))
	p.clearAndType("#fetch-url", hostile[0])
	p.paste("#fetch-url", allHostile)
	p.clearAndType("#origin", "https://app.example.com")
	p.waitJS(`document.getElementById('bv-head').textContent !== ''`)
	assertNothingInjected(t, p)
	p.noErrors()
}

// shot saves the browser panel alone.
func shot(t *testing.T, p *Page, name string) {
	t.Helper()
	p.waitJS(`document.documentElement.dataset.lint !== 'pending'`)
	buf, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS("#browser-panel")))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(repoRoot(), "testdata", "e2e-screenshots", name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
