package page

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const iacMainTF = `variable "app_domain" {
  type = string
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "uploads"

  cors_rule {
    allowed_origins = ["https://${var.app_domain}"]
    allowed_methods = ["PUT"]
    allowed_headers = ["*"]
    max_age_seconds = 3000
  }
}
`

const iacTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AppOrigin:
    Type: String
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins:
              - !Sub "https://${AppOrigin}"
            AllowedMethods: [PUT]
            AllowedHeaders: ["*"]
            MaxAge: 3000
`

const iacTwo = `resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "u"
  cors_rule {
    allowed_origins = ["https://app.example.com"]
    allowed_methods = ["PUT"]
    allowed_headers = ["*"]
    max_age_seconds = 3000
  }
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = "a"
  cors_rule {
    allowed_origins = ["https://cdn.example.com"]
    allowed_methods = ["GET"]
    max_age_seconds = 3000
  }
}
`

// iacLoaded reports whether the page fetched the readers' module.
const iacLoaded = `performance.getEntriesByType('resource').some((e) => e.name.includes('corsplay-iac.wasm'))`

// allowed: the summary says a rule allows the request.
const allowed = `/^Rule \d+ .*allows/.test(document.getElementById('summary').textContent)`

// A person pastes a main.tf with a variable: the readers' module is
// fetched then (not before), the unknown is listed at its place, and
// typing its value changes the verdict. A CloudFormation template with a
// !Sub parameter likewise; a file with two configurations has a picker;
// the values travel in a share link; a 10 MB paste leaves the page usable.
func TestTerraformAndCloudFormation(t *testing.T) {
	base := site(t)
	br := browser(t)
	p := newTab(t, br)
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	if evalJS[bool](p, iacLoaded) {
		t.Fatalf("corsplay-iac.wasm was fetched before any Terraform was pasted")
	}
	p.clearAndType("#origin", "https://app.example.com")
	p.choose("#acrm", "PUT")

	// Terraform: the unknown variable, then its value.
	t0 := time.Now()
	p.paste("#config", iacMainTF)
	p.waitJS(`document.getElementById('iac-panel')?.dataset.state === 'ready' && document.getElementById('iac-vars')?.textContent.includes('app_domain')`)
	t.Logf("first Terraform result after %v (readers fetched, compiled, started)", time.Since(t0))
	if got := p.text("#iac-vars"); !strings.Contains(got, "unknown at 9:") {
		t.Errorf("the variables panel does not place var.app_domain: %q", got)
	}
	if got := p.text("#marks"); !strings.Contains(got, "var.app_domain is not known") {
		t.Errorf("the editor does not mark the unknown: %q", got)
	}
	if got := p.text("#summary"); !strings.Contains(got, "No rule allows") {
		t.Errorf("with the origin unknown the summary says a rule allows: %q", got)
	}
	p.screenshot("iac-terraform-unknown.png")
	p.clearAndType("#iac-vars input[data-name='app_domain']", "app.example.com")
	p.waitJS(allowed)
	if got := p.text("#iac-vars"); !strings.Contains(got, "given") {
		t.Errorf("the value typed is not shown as given: %q", got)
	}
	if got := p.text("#bands"); !strings.Contains(got, "rule 1 matches") {
		t.Errorf("the matched rule is not banded in the Terraform file: %q", got)
	}
	// Its band is on the cors_rule block (lines 8-13), not on an XML line.
	if top := evalJS[string](p, `(() => { const b = document.querySelector('#bands .band'); return b ? b.style.top : ''; })()`); top == "" {
		t.Errorf("no band drawn")
	}
	p.screenshot("iac-terraform-given.png")

	// The value is part of the state: a share link carries it.
	p.do(chromedp.Click("#share"))
	p.waitJS(`document.getElementById('share-url').value.includes('#s=')`)
	link := evalJS[string](p, `document.getElementById('share-url').value`)
	q := newTab(t, br)
	q.do(chromedp.EmulateViewport(1280, 900))
	q.open(link)
	q.waitJS(allowed)
	if v := evalJS[string](q, `(document.querySelector("#iac-vars input[data-name='app_domain']") || {}).value || ''`); v != "app.example.com" {
		t.Errorf("the share link did not carry the variable's value: %q", v)
	}
	q.noErrors()

	// CloudFormation: a !Sub parameter.
	p.paste("#config", iacTemplate)
	p.waitJS(`document.getElementById('iac-status')?.textContent.includes('CloudFormation') && document.getElementById('iac-vars')?.textContent.includes('AppOrigin')`)
	if got := p.text("#summary"); !strings.Contains(got, "No rule allows") {
		t.Errorf("with AppOrigin unknown the summary says a rule allows: %q", got)
	}
	p.screenshot("iac-cloudformation-unknown.png")
	p.clearAndType("#iac-vars input[data-name='AppOrigin']", "app.example.com")
	p.waitJS(allowed)
	p.screenshot("iac-cloudformation-given.png")

	// Two configurations: the picker.
	p.paste("#config", iacTwo)
	p.waitJS(`!document.getElementById('iac-pick')?.closest('p').hidden && document.getElementById('iac-pick')?.options.length === 2`)
	if got := p.text("#summary"); !strings.HasPrefix(got, "Rule 1") {
		t.Errorf("the first configuration (uploads) should allow the PUT preflight: %q", got)
	}
	p.choose("#iac-pick", "aws_s3_bucket_cors_configuration.assets")
	p.waitJS(`document.getElementById('iac-status')?.textContent.includes('.assets') && document.getElementById('summary').textContent.includes('No rule allows')`)
	p.screenshot("iac-picker.png")

	// The browser fix is written into the file, never as XML over it: its
	// diff shows a new cors_rule block for the PUT from app.example.com
	// (TestTerraformApplyFix applies one).
	p.settle()
	if got := p.text(".bv-fix .bv-diff"); !strings.Contains(got, `+   cors_rule {`) || !strings.Contains(got, `allowed_origins = ["https://app.example.com"]`) {
		t.Errorf("the fix's diff is not of the Terraform file: %q", got)
	}

	// A hostile 10 MB paste: refused with a message, and the page goes on
	// reading a file pasted after it.
	ms := evalJS[float64](p, `(() => {
		const t = document.getElementById('config');
		const big = 'resource "x" "y" {\n  a = "' + '${var.x}'.repeat(10 << 20 >> 3) + '"\n}\n';
		const t0 = performance.now();
		t.focus(); t.value = big; t.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true}));
		return performance.now() - t0;
	})()`)
	t.Logf("10 MB Terraform paste: input handler returned after %.1f ms", ms)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		st := evalJS[string](p, `document.getElementById('iac-status')?.textContent`)
		if strings.Contains(st, "at most 2 MB") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a 10 MB paste the panel says %q", st)
		}
	}
	// The editor shows the huge text read-only (hugetext.js): a paste
	// replaces all of it.
	js, _ := json.Marshal(iacMainTF)
	p.keyboardPaste("#config", string(js))
	p.waitJS(`document.getElementById('iac-status')?.textContent.includes('.uploads, 1 rule')`)
	p.noErrors()
}

// Typing in a 100-rule Terraform file: every keystroke reads the file
// and evaluates the configuration it gives; the page's own timing of
// each input event (window.corsplayPerf) is reported.
func TestTerraformTyping(t *testing.T) {
	base := site(t)
	p := newTab(t, browser(t))
	p.do(chromedp.EmulateViewport(1280, 900))
	p.open(base)
	var b strings.Builder
	b.WriteString("resource \"aws_s3_bucket_cors_configuration\" \"big\" {\n  bucket = \"b\"\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "  cors_rule {\n    allowed_origins = [\"https://app%d.example.com\"]\n    allowed_methods = [\"GET\", \"PUT\"]\n    allowed_headers = [\"*\"]\n    max_age_seconds = 3000\n  }\n", i)
	}
	b.WriteString("}\n")
	p.paste("#config", b.String())
	p.waitJS(`document.getElementById('iac-panel')?.dataset.state === 'ready' && document.getElementById('iac-status')?.textContent.includes('100 rules')`)
	p.settle()
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const t = document.getElementById('config'); t.focus(); const i = t.value.indexOf('app5.'); t.setSelectionRange(i + 3, i + 3); window.corsplayPerf.length = 0; })()`))
	p.do(chromedp.SendKeys(chromedp.CSS("#config"), "0123456789012345678901234567890123456789"))
	p.settle()
	p.waitJS(`document.getElementById('iac-panel')?.dataset.read === 'fresh'`)
	ms := evalJS[[]float64](p, `window.corsplayPerf.slice()`)
	if len(ms) < 40 {
		t.Fatalf("%d keystrokes timed, want 40", len(ms))
	}
	sort.Float64s(ms)
	t.Logf("keystrokes in a 100-rule Terraform file: p50 %.2f ms, p95 %.2f ms (%d)", ms[len(ms)/2], ms[len(ms)*95/100], len(ms))
	if !evalJS[bool](p, `document.getElementById('config').value.includes('app0123456789')`) {
		t.Errorf("the keys typed are not in the file")
	}
	if !strings.Contains(p.text("#iac-status"), "100 rules") {
		t.Errorf("after typing: %q", p.text("#iac-status"))
	}
	p.noErrors()
}
