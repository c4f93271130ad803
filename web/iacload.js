// The second engine module, corsplay-iac.wasm (./wasm/iac: the Terraform
// and CloudFormation readers, and synthesis from tests), fetched and
// started the first time the page needs it, never before: the default
// page's start pays nothing for it.
//
//   loadIaC() → a promise of {read, tfvars, fix, synth, makePass}: each takes
//   strings and returns the module's JSON answer parsed ({error} for a file
//   no reader claims, or a failed call). It starts the download once;
//   later calls get the same promise (after a failure, the next call tries
//   again). loader.js's corsplay.synth and corsplay.makePass come here.
//
// Compiling streams while the bytes arrive (the browser compiles off the
// main thread), so typing goes on meanwhile. Go's support script
// (wasm_exec.js) is already loaded by loader.js for the default engine.

const base = document.querySelector('script[src$="loader.js"]');
const url = new URL('corsplay-iac.wasm', (base && base.src) || document.baseURI).href;
const marks = window.marks || (window.marks = {});

let loading = null;

export function loadIaC() {
  if (!loading) {
    loading = start();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

async function start() {
  marks.iacFetchStart = performance.now();
  if (typeof Go !== 'function') throw new Error("Go's support script (wasm_exec.js) is not loaded");
  const resp = await fetch(url);
  if (!resp.ok) throw new Error('fetching corsplay-iac.wasm: HTTP ' + resp.status);
  const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
  const module = type === 'application/wasm' && WebAssembly.compileStreaming
    ? await WebAssembly.compileStreaming(resp)
    : await WebAssembly.compile(await resp.arrayBuffer());
  marks.iacCompiled = performance.now();
  const go = new Go();
  const key = '__corsplayIaC' + Math.random().toString(36).slice(2);
  const ns = {};
  window[key] = ns;
  go.argv = ['corsplay-iac.wasm', key];
  try {
    const instance = await WebAssembly.instantiate(module, go.importObject);
    await new Promise((resolve, reject) => {
      ns.onReady = resolve;
      go.run(instance).then(() => reject(new Error('the Terraform reader stopped')), reject);
    });
  } finally {
    delete window[key];
  }
  delete ns.onReady;
  marks.iacReady = performance.now();
  const call = (name) => (...args) => {
    const r = ns[name](...args.map(String));
    if (typeof r !== 'string') return { error: String(r && r.error || 'no answer from ' + name) };
    try {
      return JSON.parse(r);
    } catch (e) {
      return { error: 'the answer of ' + name + ' is not JSON' };
    }
  };
  return { read: call('read'), tfvars: call('tfvars'), fix: call('fix'), synth: call('synth'), makePass: call('makePass') };
}
