package page

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// formState reads every field of the form, as a person would see it.
const formState = `JSON.stringify({
  config: document.getElementById('config').value,
  exists: document.getElementById('bucket-exists').checked,
  hasCors: document.getElementById('bucket-cors').checked,
  actual: document.getElementById('kind-actual').checked,
  method: document.getElementById('method').value + '|' + document.getElementById('method-other').value,
  target: document.querySelector('input[name=target]:checked').value,
  origin: document.getElementById('origin').value,
  acrm: document.getElementById('acrm').value + '|' + document.getElementById('acrm-other').value,
  acrh: document.getElementById('acrh').value,
  headers: Array.from(document.querySelectorAll('#headers li')).map(li => [li.children[0].value, li.children[1].value]),
  opStatus: document.getElementById('op-status').value,
  summary: document.getElementById('summary').textContent,
  response: document.getElementById('response').textContent,
})`

// A share link carries the whole state and a fresh tab restores it.
func TestShareLinkRestoresState(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br)
	p.open(base + "#example=multipart-etag")
	if got := evalJS[string](p, `document.getElementById('example').value`); got != "multipart-etag" {
		t.Fatalf("#example=multipart-etag opened %q", got)
	}
	// Change a few things: bucket root, another origin, one more header,
	// the operation's status, and a line of the configuration.
	p.do(chromedp.Click(chromedp.CSS("#target-bucket")))
	p.clearAndType("#origin", "https://other.example.com")
	p.do(chromedp.Click(chromedp.CSS("#add-header")))
	p.do(chromedp.SendKeys(chromedp.CSS("#headers li:last-child .hn"), "x-amz-date"))
	p.do(chromedp.SendKeys(chromedp.CSS("#headers li:last-child .hv"), "20261123T000000Z"))
	p.do(chromedp.SendKeys(chromedp.CSS("#op-status"), "404"))
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); })()`))
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "\n"))
	want := evalJS[string](p, formState)

	p.do(chromedp.Click(chromedp.CSS("#share")))
	p.waitJS(`document.getElementById('share-url').value.includes('#s=')`)
	link := evalJS[string](p, `document.getElementById('share-url').value`)
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	if u.RawQuery != "" || !strings.HasPrefix(u.Fragment, "s=") {
		t.Errorf("share link %q should carry the state only in the fragment", link)
	}
	if strings.Contains(link, "other.example.com") {
		t.Errorf("share link is not compressed: %q", link)
	}

	q := newTab(t, br)
	q.open(link)
	q.waitJS(`document.getElementById('summary').dataset.key !== undefined`)
	if got := evalJS[string](q, formState); got != want {
		t.Errorf("restored state differs\n got: %s\nwant: %s", got, want)
	}
	if !q.noticeHidden() {
		t.Errorf("restoring a good link shows a notice: %q", q.text("#notice"))
	}
	q.noErrors()
	p.noErrors()
}

func (p *Page) noticeHidden() bool {
	return evalJS[bool](p, `document.getElementById('notice').hidden`)
}

// shareFragment builds a share fragment the way the page does: JSON,
// deflate-raw, base64url.
func shareFragment(t *testing.T, state any) string {
	t.Helper()
	js, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return rawFragment(t, js)
}

func rawFragment(t *testing.T, payload []byte) string {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	w.Close()
	return "s=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// Broken or hostile links give a clear message and the default example;
// nothing throws.
func TestMalformedShareLinks(t *testing.T) {
	base := site(t)
	br := browser(t)
	cases := []struct {
		name     string
		fragment string
		notice   string
	}{
		{name: "not base64", fragment: "s=%3Cimg%20src%3Dx%3E", notice: "could not be read"},
		{name: "not deflate", fragment: "s=AAAAAAAA", notice: "could not be read"},
		{name: "not JSON", fragment: rawFragment(t, []byte("<script>window.__pwned=1</script>")), notice: "not JSON"},
		{name: "wrong shape", fragment: shareFragment(t, map[string]any{"v": 1, "config": 42}), notice: "could not be read"},
		{name: "wrong version", fragment: shareFragment(t, map[string]any{"v": 2}), notice: "version 1"},
		{name: "bomb", fragment: rawFragment(t, bytes.Repeat([]byte(" "), 8<<20)), notice: "more than"},
		{name: "unknown example", fragment: "example=%3Cb%3Enope%3C%2Fb%3E", notice: `no example called "<b>nope</b>"`},
	}
	p := newTab(t, br)
	typed := "<CORSConfiguration><!-- typed before the link --></CORSConfiguration>"
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p.t = t
			if i == 0 {
				// A link opened in a new page...
				p.open(base + "#" + c.fragment)
			} else {
				// ...and one pasted into the address bar of an open page
				// (a hashchange) where the person has typed something.
				p.paste("#config", typed)
				p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('notice').hidden = true;
					location.hash = ` + quoteJS(c.fragment)))
			}
			p.waitJS(`!document.getElementById('notice').hidden`)
			got := p.text("#notice")
			if !strings.Contains(got, c.notice) {
				t.Errorf("notice %q, want it to say %q", got, c.notice)
			}
			if i == 0 {
				if !strings.Contains(got, "default example") {
					t.Errorf("notice %q should say the default example is shown", got)
				}
				if got := evalJS[string](p, `document.getElementById('example').value`); got != "single-site" {
					t.Errorf("example shown: %q, want the default", got)
				}
			} else {
				if !strings.Contains(got, "Nothing on the page was changed") {
					t.Errorf("notice %q should say the page was left alone", got)
				}
				if got := evalJS[string](p, `document.getElementById('config').value`); got != typed {
					t.Errorf("a bad link replaced the typed configuration with %q", got)
				}
			}
			if n := evalJS[int](p, `document.querySelectorAll('#notice *').length`); n != 0 {
				t.Errorf("the notice contains %d elements: text from the link became markup", n)
			}
			p.noErrors()
			assertNothingInjected(t, p)
		})
	}
}
