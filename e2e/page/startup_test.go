package page

import (
	"strings"
	"testing"
)

// The engine is compiled in a worker (loader-worker.js) and passed to the
// page as a compiled module; without workers, or when the worker cannot be
// started or cannot pass the module, loader.js compiles it on the main
// thread. Every way ends with a working engine and a usable page.
func TestEngineStartup(t *testing.T) {
	base := site(t)
	br := browser(t)
	tests := []struct {
		name, script string
		worker       bool   // the module came from the worker
		why          string // in marks.workerError, when not
	}{
		{name: "worker", worker: true},
		{name: "no workers", script: `delete window.Worker;`},
		{name: "worker refused", script: `window.Worker = function () { throw new Error('workers refused here'); };`, why: "workers refused here"},
		{name: "module not passed", script: `{
			const W = window.Worker;
			window.Worker = class extends W {
				set onmessage(f) {
					super.onmessage = (e) => f({data: e.data && e.data.module ? {error: 'cannot pass the compiled module (simulated)'} : e.data});
				}
			};
		}`, why: "cannot pass the compiled module"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var scripts []string
			if tt.script != "" {
				scripts = append(scripts, tt.script)
			}
			p := newTab(t, br, scripts...)
			p.open(base)
			if got := evalJS[bool](p, `typeof window.marks.workerCompiled === 'number'`); got != tt.worker {
				t.Errorf("module compiled in the worker: %v, want %v (marks %s)", got, tt.worker, evalJS[string](p, `JSON.stringify(window.marks)`))
			}
			if why := evalJS[string](p, `String(window.marks.workerError || '')`); !strings.Contains(why, tt.why) {
				t.Errorf("marks.workerError = %q, want it to say %q", why, tt.why)
			}
			// The engine answers, and the page is usable.
			rule := evalJS[float64](p, `corsplay.evaluate({bucket: {exists: true, cors: '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>'},
				request: {method: 'GET', target: 'object', headers: {Origin: 'https://a.example'}}}).evaluation.matchedRule`)
			if rule != 0 {
				t.Errorf("evaluate: matched rule %v, want 0", rule)
			}
			if !evalJS[bool](p, `window.marks.usable >= window.marks.ready && !document.getElementById('config').readOnly`) {
				t.Errorf("the page did not become usable")
			}
			p.paste("#origin", "https://staging.example.com")
			p.waitJS(`document.getElementById('response').textContent.includes('403 Forbidden')`)
			p.noErrors()
		})
	}
}
