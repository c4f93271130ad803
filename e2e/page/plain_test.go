package page

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// The page works from any static host: served by a plain http.FileServer
// (none of serve.go's headers, no precompressed files chosen by
// Accept-Encoding), it loads the engine and evaluates as a person types,
// under the Content-Security-Policy its own <meta> element carries, and
// asks for no file the directory lacks (the favicon included).
func TestPlainFileServer(t *testing.T) {
	site(t) // builds web/
	dir := filepath.Join(repoRoot(), "web")
	if snapshot != "" {
		dir = snapshot
	}
	if d := os.Getenv("CORSPLAY_E2E_WEB"); d != "" {
		dir = d
	}
	var (
		mu      sync.Mutex
		missing []string
	)
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r.URL.Path))); err != nil {
			mu.Lock()
			missing = append(missing, r.URL.Path)
			mu.Unlock()
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	p := newTab(t, browser(t), `window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`)
	p.open(srv.URL + "/")
	p.clearAndType("#origin", "https://elsewhere.example")
	p.waitJS(`document.getElementById('summary').textContent.includes('origin not allowed')`)
	if got := p.text("#response"); !strings.Contains(got, "403 Forbidden") {
		t.Errorf("response %q, want S3's 403", got)
	}
	// The <meta> policy is in force: an inline script is refused.
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s); })()`))
	p.waitJS(`window.__csp.some((v) => v.startsWith('script-src'))`)
	if evalJS[bool](p, `window.__inline === 1`) {
		t.Errorf("an inline script ran: the page's <meta> policy is not in force")
	}
	if got := evalJS[string](p, `window.marks.workerError || ''`); got != "" {
		t.Errorf("the engine was not compiled in the worker: %s", got)
	}
	if icon := evalJS[string](p, `(document.querySelector('link[rel=icon]') || {href: ''}).href`); !strings.HasSuffix(icon, "/favicon.svg") {
		t.Errorf("icon %q", icon)
	}
	p.screenshot("plain-file-server.png")
	p.noErrors()
	p.do(chromedp.Navigate("about:blank")) // every request of the page has been made
	mu.Lock()
	defer mu.Unlock()
	if len(missing) > 0 {
		t.Errorf("the page asked for files the directory lacks: %v", missing)
	}
}
