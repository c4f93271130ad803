// corsplay loader: the public JavaScript API of the corsplay engine (Go
// compiled to WebAssembly). Include this file (wasm_exec.js, Go's support
// script, is loaded on demand from next to it when the page has not loaded
// it already); then
//
//   await corsplay.ready;                      // resolves when the engine runs
//   const result = corsplay.evaluate({bucket: {...}, request: {...}});
//                                              // (a configuration that differs from the last
//                                              // one only in part is sent as an edit)
//   const json = corsplay.evaluateJSON('{"bucket": ...}');   // string → string
//   const html = corsplay.highlight(text, 'xml'); // 'xml' | 'json' | 'http' | 'text'
//   const {output, error} = corsplay.convert(text, 'cli-json');
//   const d = corsplay.diff(oldText, text);    // {from, to, length}: oldText's characters
//                                              // from up to to became text.slice(from, from + length)
//   const p = corsplay.parsePaste(text);       // console CORS error or curl →
//                                              // {kind, browser, fetch, notes, …} or {error}
//   const items = corsplay.gallery();          // the classic failures
//   const rep = corsplay.runTests(testsJSON, configText);  // a corsplay-tests/1 file's
//                                              // tests against the text: {passed, failed, results} or {error}
//   const s = await corsplay.synth(testsJSON); // a configuration from tests alone
//   const m = await corsplay.makePass(configText, testsJSON); // the smallest edit that makes them pass
//
// synth and makePass return promises: they run in the second module,
// corsplay-iac.wasm (next to this file, with iacload.js), which the first
// call fetches and starts; later calls reuse it. Each promise resolves to
// the answer ({error} included: a test file that does not decode, or a
// failed call) and rejects when that module cannot be loaded.
//
// evaluate/evaluateJSON/highlight/convert are synchronous once ready; before
// that (or if loading failed) they throw. Every failure of a call (wrong
// arguments, an internal error in Go) throws a JS Error with Go's message;
// a configuration that cannot be converted is not a failure: convert
// returns {output: '', error: message}.
//
// Start-up: the loader starts at once, so include it early (the page has it
// at the top of <head>, not deferred). It compiles corsplay.wasm in a
// worker (loader-worker.js, next to this file) while the page is parsed,
// laid out and painted on the main thread; the page then only instantiates
// the compiled module and starts Go. Without workers, without
// loader-worker.js, from another origin than the page, or when the browser
// cannot pass a compiled module from a worker, it compiles on the main
// thread instead (streaming).
//
// window.marks gets performance.now() timestamps: fetchStart (compilation
// asked for), compiled (module on the main thread), instantiated, ready
// (engine callable), warm (warm-up done); from the worker workerBoot (its
// script runs), workerResponse (the wasm's headers arrived), workerCompiled
// and wasmEncoded/wasmDecoded (bytes of its fetch); workerError when the
// worker was not used, and why.
//
// Options, as data attributes on this script tag:
//   data-wasm="path/to/corsplay.wasm"   (default: next to loader.js)
//   data-worker="none"   compile on the main thread (default: in a worker)
//   data-prerendered="default"   the page's HTML already shows what the page
//      shows at its plain address (the page's build put it there). When the
//      address asks for something else (it has a query or a fragment: a
//      share link, an example, embed mode), the loader marks <html> with
//      data-prerendered="stale" at once, before the body is parsed, so the
//      page's stylesheet can hide that content until the page's own script
//      has replaced it and removed the mark: a share link never shows the
//      default example first.
//   data-saved="KEY"   with data-prerendered: the page keeps its state in
//      sessionStorage/localStorage under KEY, and shows it instead of the
//      default when one is kept (any value but "default"): marked stale too.
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
  const execURL = new URL('wasm_exec.js', base).href;
  const workerURL = new URL('loader-worker.js', base).href;
  const iacURL = new URL('iacload.js', base).href;
  const warmMode = opt('warm', 'after');
  const workerMode = opt('worker', 'on');
  const marks = window.marks || (window.marks = {});

  // Whether this browser keeps a state of the page under key (data-saved)
  // that the page will show instead of its default: this tab's own
  // (sessionStorage; "default" when this tab last showed the default) or,
  // without one, the last one kept (localStorage).
  function saved(key) {
    if (!key) return false;
    try {
      const s = sessionStorage.getItem(key);
      if (s !== null) return s !== 'default';
      const l = localStorage.getItem(key);
      return l !== null && l !== 'default';
    } catch (e) {
      return false; // storage refused: the page keeps nothing either
    }
  }

  // The warm-up: one evaluation of an XML and of a JSON configuration, and
  // two highlights.
  const WARM_CALLS = [
    ['evaluate', [JSON.stringify({
      bucket: { exists: true, cors: '<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>' },
      request: { method: 'OPTIONS', target: 'object', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT' } },
    })]],
    ['evaluate', [JSON.stringify({
      bucket: { exists: true, cors: '{"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]}' },
      request: { method: 'GET', target: 'object', headers: { Origin: 'https://a.example' } },
    })]],
    ['highlight', ['<CORSConfiguration><CORSRule/></CORSConfiguration>', 'xml']],
    ['highlight', ['HTTP/1.1 200 OK\nVary: Origin\n\n', 'http']],
  ];

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
    if (typeof r === 'string') return r;
    throw new Error(r && r.error !== undefined ? r.error : 'corsplay.' + name + ': no answer');
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

  // Compiles on this thread, while the bytes arrive.
  async function compileHere() {
    const resp = await fetch(wasmURL);
    if (!resp.ok) throw new Error('fetching ' + wasmURL + ': HTTP ' + resp.status);
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'application/wasm' && WebAssembly.compileStreaming) {
      return WebAssembly.compileStreaming(resp);
    }
    // A server that sends another MIME type: streaming would reject it.
    return WebAssembly.compile(await resp.arrayBuffer());
  }

  // Compiles in loader-worker.js and resolves with the module it passes
  // back; rejects when anything on the way fails.
  function compileInWorker() {
    return new Promise((resolve, reject) => {
      const job = { wasm: wasmURL };
      const w = new Worker(workerURL + '#' + encodeURIComponent(JSON.stringify(job)), { name: 'corsplay-compile' });
      const fail = (msg) => {
        w.terminate();
        reject(new Error(msg));
      };
      const at = (t) => t - performance.timeOrigin; // the worker's clock → ours
      w.onmessage = (e) => {
        const d = e.data || {};
        if (!(d.module instanceof WebAssembly.Module)) {
          fail(String(d.error || 'the worker sent no module'));
          return;
        }
        marks.workerBoot = at(d.boot);
        marks.workerResponse = at(d.response);
        marks.workerCompiled = at(d.compiled);
        if (d.size) {
          marks.wasmEncoded = d.size.encoded;
          marks.wasmDecoded = d.size.decoded;
        }
        resolve(d.module);
      };
      w.onmessageerror = () => fail('the compiled module could not be passed from the worker');
      w.onerror = (e) => {
        e.preventDefault();
        fail('the worker failed' + (e.message ? ': ' + e.message : ''));
      };
    });
  }

  function compile() {
    marks.fetchStart = performance.now();
    if (workerMode !== 'none' && typeof Worker === 'function' && new URL(workerURL).origin === location.origin) {
      let p;
      try {
        p = compileInWorker();
      } catch (e) {
        p = Promise.reject(e);
      }
      return p.catch((e) => {
        marks.workerError = String(e && e.message || e);
        return compileHere();
      });
    }
    return compileHere();
  }

  function warm() {
    const t0 = performance.now();
    for (const [name, args] of WARM_CALLS) {
      try {
        call(name, args);
      } catch (e) {
        // Warm-up is an optimisation; a failure shows on the first real call.
      }
    }
    marks.warm = performance.now();
    marks.warmMs = marks.warm - t0;
  }

  async function load() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      throw new Error('this browser cannot run WebAssembly');
    }
    // Both at once: the module (in a worker) and Go's support script.
    const [module] = await Promise.all([
      compile(),
      typeof Go === 'function' ? null : loadScript(execURL),
    ]);
    marks.compiled = performance.now();
    const go = new Go();
    // The engine allocates at every keystroke: Go's heap grows to 4× what is
    // live between collections, not 2× (see wasm/main.go).
    go.env = Object.assign({}, go.env, { GOGC: '300' });
    // Go finds its namespace object by this name, fills it, calls onReady;
    // the name is removed from window right after.
    const key = '__corsplayGo' + Math.random().toString(36).slice(2);
    const ns = {};
    window[key] = ns;
    go.argv = ['corsplay.wasm', key];
    try {
      const instance = await WebAssembly.instantiate(module, go.importObject);
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

  // After the engine's worker has been started: the first read of this
  // browser's storage blocks for a while (≈ 8 ms in a fresh profile).
  if (opt('prerendered', '') === 'default' && (location.search || location.hash.length > 1 || saved(opt('saved', '')))) {
    document.documentElement.dataset.prerendered = 'stale';
  }

  // Edits: the engine keeps the last configuration text evaluate sent
  // (held, with a revision number), and when the next one differs from it
  // only in a small part, evaluate sends that part (bucket.corsEdit)
  // instead of the whole text: a person typing into a 64 KB configuration
  // would otherwise have it encoded, copied into the engine and decoded at
  // every keystroke, which cost more than evaluating it. The engine answers
  // an edit of a text it does not hold with error code "stale-edit", and
  // the whole text is sent instead.
  let held = null; // {text, rev}: what the engine holds
  let revs = 0;
  const EDIT_MIN = 4096; // shorter texts are sent whole

  // The length of the common prefix of a and b, found by comparing
  // halving slices (native string comparison, not a loop over characters),
  // never ending between the two halves of a surrogate pair.
  function commonPrefix(a, b) {
    let lo = 0;
    let hi = Math.min(a.length, b.length);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
      else hi = mid - 1;
    }
    if (lo > 0 && lo < a.length && isLow(a.charCodeAt(lo)) && isHigh(a.charCodeAt(lo - 1))) lo--;
    return lo;
  }
  function commonSuffix(a, b, limit) {
    let lo = 0;
    let hi = limit;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
      else hi = mid - 1;
    }
    if (lo > 0 && lo < a.length && isLow(a.charCodeAt(a.length - lo)) && isHigh(a.charCodeAt(a.length - lo - 1))) lo--;
    return lo;
  }
  const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
  const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

  // The edit that turns old into text: old's characters (UTF-16 code
  // units) from up to to are replaced by text.slice(from, from + length).
  function diff(old, text) {
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
    return { from: p, to: old.length - s, length: text.length - p - s };
  }

  // The edit that turns old into text, or null when sending text whole is
  // as cheap.
  function editOf(old, text) {
    if (text.length < EDIT_MIN) return null;
    const d = diff(old, text);
    if (d.length > text.length / 2) return null;
    return { from: d.from, to: d.to, text: text.slice(d.from, d.from + d.length) };
  }

  function evaluateScenario(scenario) {
    const b = scenario && typeof scenario === 'object' ? scenario.bucket : null;
    const text = b && typeof b === 'object' && typeof b.cors === 'string' ? b.cors : null;
    if (text === null || 'corsRev' in b || 'corsEdit' in b) {
      return JSON.parse(call('evaluate', [JSON.stringify(scenario)]));
    }
    const rev = ++revs;
    const last = held;
    held = null; // until the engine has answered
    if (last) {
      const e = last.text === text ? { from: 0, to: 0, text: '' } : editOf(last.text, text);
      if (e) {
        e.base = last.rev;
        e.rev = rev;
        const sc = Object.assign({}, scenario, { bucket: Object.assign({}, b, { cors: undefined, corsEdit: e }) });
        const out = JSON.parse(call('evaluate', [JSON.stringify(sc)]));
        if (!(out && out.error && out.error.code === 'stale-edit')) {
          held = { text, rev };
          return out;
        }
      }
    }
    const sc = Object.assign({}, scenario, { bucket: Object.assign({}, b, { corsRev: rev }) });
    const out = JSON.parse(call('evaluate', [JSON.stringify(sc)]));
    held = { text, rev };
    return out;
  }

  // A call of the on-demand module: iacload.js (the page imports the same
  // URL, so both share one download and one running module) fetches and
  // starts corsplay-iac.wasm on the first call.
  function iac(name, args) {
    return import(iacURL).then((m) => m.loadIaC()).then((m) => m[name](...args));
  }

  window.corsplay = Object.freeze({
    ready,
    evaluateJSON(scenarioJSON) {
      return call('evaluate', [scenarioJSON]);
    },
    evaluate(scenario) {
      return evaluateScenario(scenario);
    },
    diff,
    highlight(text, lang) {
      return call('highlight', [text, lang]);
    },
    convert(text, to, url) {
      return JSON.parse(call('convert', [text, to, typeof url === 'string' ? url : '']));
    },
    parsePaste(text) {
      return JSON.parse(call('parsePaste', [text]));
    },
    gallery() {
      return JSON.parse(call('gallery', []));
    },
    runTests(testsJSON, config) {
      return JSON.parse(call('runTests', [testsJSON, config]));
    },
    synth(testsJSON) {
      return iac('synth', [testsJSON]);
    },
    makePass(config, testsJSON) {
      return iac('makePass', [config, testsJSON]);
    },
  });
})();
