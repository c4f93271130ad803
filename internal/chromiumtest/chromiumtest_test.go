package chromiumtest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestExecPathHonoursEnv(t *testing.T) {
	t.Setenv(EnvBrowser, filepath.Join(t.TempDir(), "no-such-chromium"))
	if _, err := ExecPath(); err == nil {
		t.Fatal("ExecPath accepted a missing $CORSPLAY_CHROMIUM")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvBrowser, exe)
	got, err := ExecPath()
	if err != nil || got != exe {
		t.Fatalf("ExecPath() = %q, %v; want %q", got, err, exe)
	}
}

// TestBrowserLoadsPage starts a real browser, types into a page, reads the
// DOM back and takes a screenshot.
func TestBrowserLoadsPage(t *testing.T) {
	ctx := Browser(t)
	page := `<!doctype html><title>chromiumtest</title>
<input id=in><p id=out></p>
<script>document.getElementById('in').addEventListener('input', e =>
  document.getElementById('out').textContent = 'typed: ' + e.target.value)</script>`
	if err := chromedp.Do(ctx,
		chromedp.Navigate("data:text/html,"+url.PathEscape(page)),
		chromedp.SendKeys(chromedp.ID("in"), "<b>hi</b>"),
	); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("out")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "typed: <b>hi</b>"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof performance.now()`))
	if err != nil || kind != "number" {
		t.Errorf("evaluate = %q, %v", kind, err)
	}
	path := filepath.Join(t.TempDir(), "shot.png")
	Screenshot(t, ctx, path)
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot is not a PNG: % x", buf[:min(8, len(buf))])
	}
}

// TestFreshProfile checks that two browsers do not share a profile: a
// cookie and a localStorage entry set in the first are absent in the second,
// so every Browser(t) is a cold first visit.
func TestFreshProfile(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><p>profile")
	}))
	defer srv.Close()
	const probe = `(document.cookie.includes('seen=1') ? 'cookie ' : '') + (localStorage.getItem('seen') || '')`
	for i := range 2 {
		ctx := Browser(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](probe))
		if err != nil {
			t.Fatal(err)
		}
		if got != "" {
			t.Errorf("browser %d starts with state %q from an earlier browser", i, got)
		}
		set := `document.cookie = 'seen=1; max-age=3600'; localStorage.setItem('seen', 'yes'); ` + probe
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](set))
		if err != nil {
			t.Fatal(err)
		}
		if got != "cookie yes" {
			t.Fatalf("browser %d: could not set state, probe = %q", i, got)
		}
	}
}

// TestCallerMayCancel checks that a test which closes the browser itself
// (chromedp.Cancel) does not make the cleanup panic.
func TestCallerMayCancel(t *testing.T) {
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,<p>x")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
}
