package page

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// The README's screenshot, docs/screenshot.png: the page as a person first
// sees it, at the desktop size the README describes.
const (
	readmeShotWidth  = 1280
	readmeShotHeight = 900
)

// TestReadmeScreenshot writes docs/screenshot.png from the built page when
// run with -update:
//
//	go test ./e2e/page -run TestReadmeScreenshot -update
//
// Otherwise it checks that the committed file is there, is a PNG of the
// expected size and stays small (it is part of every clone); that needs no
// browser.
func TestReadmeScreenshot(t *testing.T) {
	file := filepath.Join(repoRoot(), "docs", "screenshot.png")
	if *update {
		base := site(t)
		p := newTab(t, browser(t))
		p.do(chromedp.EmulateViewport(readmeShotWidth, readmeShotHeight))
		p.open(base)
		p.settle()
		// The first keystroke's answers and the full highlighting pass
		// have nothing left to redraw once lint has arrived; one more
		// frame lets the editor's marks be painted.
		evalJS[bool](p, `(requestAnimationFrame(() => requestAnimationFrame(() => { window.__shot = true; })), true)`)
		p.waitJS(`window.__shot === true`)
		buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		p.noErrors()
		if err := os.WriteFile(file, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes); open it and look at it before committing", file, len(buf))
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (write it with: go test ./e2e/page -run TestReadmeScreenshot -update)", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", file, err)
	}
	if cfg.Width != readmeShotWidth || cfg.Height != readmeShotHeight {
		t.Errorf("%s is %d×%d, want %d×%d", file, cfg.Width, cfg.Height, readmeShotWidth, readmeShotHeight)
	}
	if len(b) > 400<<10 {
		t.Errorf("%s is %d KB; keep it under 400 KB", file, len(b)>>10)
	}
}
