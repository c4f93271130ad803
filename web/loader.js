// corsplay loader: the public JavaScript API of the corsplay engine (Go
// compiled to WebAssembly). Include wasm_exec.js (optional: loaded on
// demand from next to this file) and this file; then
//
//   await corsplay.ready;                      // resolves when the engine runs
//   const result = corsplay.evaluate({bucket: {...}, request: {...}});
//   const json = corsplay.evaluateJSON('{"bucket": ...}');   // string → string
//   const html = corsplay.highlight(text, 'xml'); // 'xml' | 'json' | 'http' | 'text'
//   const {output, error} = corsplay.convert(text, 'cli-json');
//   const p = corsplay.parsePaste(text);       // console CORS error or curl →
//                                              // {kind, browser, fetch, notes, …} or {error}
//   const items = corsplay.gallery();          // the classic failures
//
// evaluate/evaluateJSON/highlight/convert are synchronous once ready; before
// that (or if loading failed) they throw. Every failure of a call (wrong
// arguments, an internal error in Go) throws a JS Error with Go's message;
// a configuration that cannot be converted is not a failure: convert
// returns {output: '', error: message}.
//
// window.marks gets performance.now() timestamps: fetchStart, instantiated,
// ready (engine callable), warm (warm-up done).
//
// Options, as data attributes on this script tag:
//   data-wasm="path/to/corsplay.wasm"   (default: next to loader.js)
//   data-warm="after" | "before" | "none"
//      after (default): resolve ready first, then run one evaluate and one
//        highlight while the page is idle, so the first keystroke does not
//        pay Go's and V8's first-call costs; before: do that before ready
//        resolves; none: never.
(function () {
  'use strict';

  const script = document.currentScript;
  const base = (script && script.src) || document.baseURI;
  const opt = (name, dflt) => (script && script.dataset && script.dataset[name]) || dflt;
  const wasmURL = new URL(opt('wasm', 'corsplay.wasm'), base).href;
  const warmMode = opt('warm', 'after');
  const marks = window.marks || (window.marks = {});

  let fns = null; // the namespace object Go filled in, once ready
  let failure = null;

  function call(name, args) {
    if (!fns) {
      throw new Error(failure ? 'corsplay engine is unavailable: ' + failure.message
        : 'corsplay engine is not ready yet: await corsplay.ready first');
    }
    let r;
    try {
      r = fns[name](...args);
    } catch (e) {
      // Only if the Go runtime has stopped ("Go program has already exited").
      throw new Error('corsplay.' + name + ': ' + (e && e.message || e));
    }
    if (r.error !== undefined) throw new Error(r.error);
    return r.result;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error('could not load ' + src));
      document.head.appendChild(s);
    });
  }

  async function instantiate(go) {
    marks.fetchStart = performance.now();
    const resp = await fetch(wasmURL);
    if (!resp.ok) throw new Error('fetching ' + wasmURL + ': HTTP ' + resp.status);
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'application/wasm' && WebAssembly.instantiateStreaming) {
      // Compiles while the bytes arrive.
      return (await WebAssembly.instantiateStreaming(resp, go.importObject)).instance;
    }
    // A server that sends another MIME type: streaming would reject it.
    return (await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject)).instance;
  }

  function warm() {
    const t0 = performance.now();
    try {
      call('evaluate', [JSON.stringify({
        bucket: { exists: true, cors: '<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>' },
        request: { method: 'OPTIONS', target: 'object', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT' } },
      })]);
      call('evaluate', [JSON.stringify({
        bucket: { exists: true, cors: '{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]}' },
        request: { method: 'GET', target: 'object', headers: { Origin: 'https://a.example' } },
      })]);
      call('highlight', ['<CORSConfiguration><CORSRule/></CORSConfiguration>', 'xml']);
      call('highlight', ['HTTP/1.1 200 OK\nVary: Origin\n\n', 'http']);
    } catch (e) {
      // Warm-up is an optimisation; a failure shows on the first real call.
    }
    marks.warm = performance.now();
    marks.warmMs = marks.warm - t0;
  }

  async function load() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      throw new Error('this browser cannot run WebAssembly');
    }
    if (typeof Go !== 'function') await loadScript(new URL('wasm_exec.js', base).href);
    const go = new Go();
    // Go finds its namespace object by this name, fills it, calls onReady;
    // the name is removed from window right after.
    const key = '__corsplayGo' + Math.random().toString(36).slice(2);
    const ns = {};
    window[key] = ns;
    go.argv = ['corsplay.wasm', key];
    try {
      const instance = await instantiate(go);
      marks.instantiated = performance.now();
      await new Promise((resolve, reject) => {
        ns.onReady = resolve;
        go.run(instance).then(() => {
          fns = null;
          failure = new Error('the Go program exited');
          reject(failure);
        }, reject);
      });
    } finally {
      delete window[key];
    }
    delete ns.onReady;
    fns = ns;
    if (warmMode === 'before') warm();
    marks.ready = performance.now();
  }

  const ready = load().then(() => {
    // After the page's first result is painted: rAF runs before the next
    // paint, the timeout after it.
    if (warmMode === 'after') requestAnimationFrame(() => setTimeout(warm, 0));
  }, (e) => {
    failure = e instanceof Error ? e : new Error(String(e));
    throw failure;
  });

  window.corsplay = Object.freeze({
    ready,
    evaluateJSON(scenarioJSON) {
      return call('evaluate', [scenarioJSON]);
    },
    evaluate(scenario) {
      return JSON.parse(call('evaluate', [JSON.stringify(scenario)]));
    },
    highlight(text, lang) {
      return call('highlight', [text, lang]);
    },
    convert(text, to) {
      return JSON.parse(call('convert', [text, to]));
    },
    parsePaste(text) {
      return JSON.parse(call('parsePaste', [text]));
    },
    gallery() {
      return JSON.parse(call('gallery', []));
    },
  });
})();
