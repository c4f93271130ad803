package page

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"corsplay/internal/fix"
)

// grantClipboard lets the page's scripts (and so the test) read the
// clipboard, as a person's browser asks them to allow.
func grantClipboard(p *Page) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, n := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := cdp.Call(ctx, tg, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{Permission: &cdpbrowser.PermissionDescriptor{Name: n},
				Setting: cdpbrowser.PermissionSettingGranted, BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// clipboard is the text on the clipboard.
func clipboard(p *Page) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("reading the clipboard: %v", err)
	}
	return got
}

// command presses keys with an editing command, as the browser does for
// Ctrl+A (selectAll) and Ctrl+C (copy).
func command(key, cmd string) chromedp.Action[chromedp.Void] {
	return chromedp.KeyEvent(key, chromedp.KeyModifiers(2 /* Ctrl */), func(p *input.DispatchKeyEventParams) {
		if p.Type == input.DispatchKeyEventTypeKeyDown || p.Type == input.DispatchKeyEventTypeRawKeyDown {
			p.Commands = []string{cmd}
		}
	})
}

// uploadWith opens the page (1280×900, the clipboard readable) for an
// upload from https://www.example.com (a PUT with Content-Type), pastes
// testdata/file and types www.example.com as the value of name, as a
// person does; it returns the tab and the file.
func uploadWith(t *testing.T, file, name string) (*Page, []byte) {
	t.Helper()
	base := site(t)
	orig, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	grantClipboard(p)
	p.clearAndType("#origin", "https://www.example.com")
	p.choose("#acrm", "PUT")
	p.clearAndType("#acrh", "content-type")
	p.paste("#config", string(orig))
	input := "#iac-vars input[data-name='" + name + "']"
	p.waitJS(`document.getElementById('iac-panel')?.dataset.state === 'ready' && !!document.querySelector("` + input + `")`)
	p.clearAndType(input, "www.example.com")
	p.waitJS(`document.getElementById('iac-vars').textContent.includes('given')`)
	p.settle()
	return p, orig
}

// A person pastes a main.tf whose CORS rule takes its origin from a
// variable, types the variable's value, sees the upload blocked and why,
// presses "Apply fix", sees it allowed, and copies the file back: it is
// their file with one line changed. The command line's lint agrees: it
// warns and fails before, passes after.
func TestTerraformApplyFix(t *testing.T) {
	p, orig := uploadWith(t, "main.tf", "site_domain")

	// Blocked: the rule is there for the site, but not for Content-Type.
	if got := p.text("#summary"); !strings.Contains(got, "No rule allows") {
		t.Errorf("summary %q, want no rule to allow the PUT preflight", got)
	}
	if got := p.text("#rules"); !strings.Contains(got, "content-type") {
		t.Errorf("the rules do not say content-type is what rule 1 lacks: %q", got)
	}
	if got := p.text("#bv-head"); !strings.Contains(got, "Blocked") {
		t.Errorf("the browser's verdict is %q, want blocked", got)
	}
	if got := p.text("#format-info"); !strings.Contains(got, "Terraform: aws_s3_bucket_cors_configuration.uploads, 1 rule") {
		t.Errorf("the format line says %q", got)
	}
	fixLine := p.text("#answer-fix")
	if !strings.Contains(fixLine, "Add content-type to rule 1's AllowedHeader") {
		t.Errorf("the fix says %q", fixLine)
	}
	if got := p.text(".bv-fix .bv-diff"); !strings.Contains(got, `"x-amz-sdk-checksum-algorithm", "content-type"]`) {
		t.Errorf("the fix's diff is not of the file: %q", got)
	}
	p.screenshot("iac-fix-before.png")

	// Apply, with the keyboard.
	p.do(chromedp.Focus(chromedp.CSS("#apply-fix")), chromedp.KeyEvent("\r"))
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Allowed')`)
	p.settle()
	if got := p.text("#summary"); !strings.Contains(got, "Rule 1") || !strings.Contains(got, "allows") {
		t.Errorf("after the fix the summary says %q", got)
	}
	if got := p.text("#iac-vars"); !strings.Contains(got, "site_domain") || !strings.Contains(got, "given") {
		t.Errorf("the variable's value did not survive the fix: %q", got)
	}
	p.screenshot("iac-fix-after.png")

	// Copy the file back, as a person does: select all in the editor, copy.
	p.do(chromedp.Focus(chromedp.CSS("#config")), command("a", "selectAll"), command("c", "copy"))
	copied := clipboard(p)
	if copied == "" {
		t.Fatal("nothing was copied")
	}
	d := fix.Diff(string(orig), copied)
	var changed []string
	for _, l := range d {
		if l.Op != " " {
			changed = append(changed, l.Op+l.Text)
		}
	}
	want := []string{
		`-    allowed_headers = ["x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm"]`,
		`+    allowed_headers = ["x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "content-type"]`,
	}
	if strings.Join(changed, "\n") != strings.Join(want, "\n") {
		t.Errorf("the copied file differs from the original by\n%s\nwant\n%s", strings.Join(changed, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range []string{"# Uploads bucket for the web site", "# Uploads from the site (presigned PUT)."} {
		if !strings.Contains(copied, c) {
			t.Errorf("comment %q lost", c)
		}
	}

	// One Undo step puts the file as pasted back.
	p.do(chromedp.Click("#state-action"))
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Blocked')`)
	if got := evalJS[string](p, `document.getElementById('config').value`); got != string(orig) {
		t.Errorf("Undo did not put the pasted file back:\n%s", got)
	}

	// Another file: the variables panel lists its names only; back to the
	// first, and its value is there again.
	tpl, err := os.ReadFile(filepath.Join("testdata", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p.paste("#config", string(tpl))
	p.waitJS(`!!document.querySelector("#iac-vars input[data-name='SiteDomain']")`)
	if evalJS[bool](p, `!!document.querySelector("#iac-vars input[data-name='site_domain']")`) {
		t.Errorf("the template's panel still lists the Terraform variable: %q", p.text("#iac-vars"))
	}
	if got := p.text("#format-info"); !strings.Contains(got, "Read as CloudFormation: Uploads") {
		t.Errorf("the format line says %q for the template", got)
	}
	p.paste("#config", string(orig))
	p.waitJS(`(document.querySelector("#iac-vars input[data-name='site_domain']") || {}).value === 'www.example.com'`)
	p.noErrors()

	// The command line's lint, before and after.
	dir := t.TempDir()
	bin := filepath.Join(dir, "corsplay")
	build := exec.Command("go", "build", "-o", bin, "./cmd/corsplay")
	build.Dir = repoRoot()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	lint := func(name string, src []byte) (string, int) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "lint", "--format", "github", "--var", "site_domain=www.example.com", name)
		cmd.Dir = dir
		out, err := cmd.Output()
		code := 0
		if e, ok := err.(*exec.ExitError); ok {
			code = e.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	before, code := lint("main.tf", orig)
	t.Logf("corsplay lint --format github main.tf (as pasted): exit %d\n%s", code, before)
	if code != 1 || !strings.Contains(before, "::warning file=main.tf,line=20,") || !strings.Contains(before, "upload-headers-not-allowed") {
		t.Errorf("lint before the fix: exit %d\n%s", code, before)
	}
	after, code := lint("main.tf", []byte(copied))
	t.Logf("corsplay lint --format github main.tf (fixed): exit %d\n%s", code, after)
	// What remains is advice (::notice), which does not fail lint.
	if code != 0 || strings.Contains(after, "::warning") || strings.Contains(after, "::error") {
		t.Errorf("lint after the fix: exit %d\n%s", code, after)
	}
}

// A template whose rule takes its origin from a parameter: Apply edits
// the YAML; a fix that needs the parameter's expression changed is not
// applied, and the page says what to change, at which line.
func TestCloudFormationApplyFix(t *testing.T) {
	p, orig := uploadWith(t, "template.yaml", "SiteDomain")
	if got := p.text("#bv-head"); !strings.Contains(got, "Blocked") {
		t.Fatalf("the browser's verdict is %q, want blocked", got)
	}
	p.do(chromedp.Click("#apply-fix"))
	p.waitJS(`document.getElementById('bv-head').textContent.includes('Allowed')`)
	got := evalJS[string](p, `document.getElementById('config').value`)
	if want := strings.Replace(string(orig), "AllowedHeaders: [x-amz-checksum-crc32, x-amz-sdk-checksum-algorithm]",
		"AllowedHeaders: [x-amz-checksum-crc32, x-amz-sdk-checksum-algorithm, content-type]", 1); got != want {
		t.Errorf("the template after Apply:\n%s\nwant\n%s", got, want)
	}
	p.screenshot("iac-fix-cloudformation-after.png")

	// From another site: the origin is the parameter's !Sub, which the
	// page does not edit.
	p.clearAndType("#origin", "https://app.example.com")
	p.settle()
	p.waitJS(`!!document.getElementById('apply-fix-manual')`)
	msg := p.text("#apply-fix-manual")
	if !strings.Contains(msg, "by hand") || !strings.Contains(msg, "line 16") || !strings.Contains(msg, "!Sub") {
		t.Errorf("the refusal says %q", msg)
	}
	if evalJS[bool](p, `!!document.getElementById('apply-fix')`) {
		t.Errorf("an Apply button is offered for a change the page cannot make")
	}
	p.screenshot("iac-fix-cloudformation-manual.png")
	// Its line button goes to the line.
	p.do(chromedp.Click("#apply-fix-manual button"))
	if line := evalJS[int](p, `(() => { const t = document.getElementById('config'); return t.value.slice(0, t.selectionStart).split('\n').length; })()`); line != 16 {
		t.Errorf("the caret is on line %d, want 16", line)
	}
	p.noErrors()
}
