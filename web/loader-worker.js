// corsplay loader's worker: compiles corsplay.wasm off the page's main
// thread. loader.js starts it with its job, {wasm, exec, calls}, as JSON in
// the URL's fragment (loader-worker.js#…), so that it starts at once
// without waiting for a message from the page's main thread (busy laying
// out the page at that time).
//
//   1. It fetches wasm and compiles it while the bytes arrive
//      (WebAssembly.compileStreaming).
//   2. With exec (the URL of wasm_exec.js), it starts the engine here once,
//      up to the point where Go calls onReady. V8 compiles each wasm
//      function on its first call and keeps the code in the module, which
//      an instance in the page shares: the page's own start of Go then
//      finds that code compiled.
//   3. It posts {module} to the page: a compiled WebAssembly.Module is
//      passed without compiling it again, and the page only instantiates
//      it and starts Go.
//   4. With calls, it makes them (the loader's warm-up: an evaluation, a
//      highlight…) so that their code is compiled too before the page's
//      first real call, posts {warmed} and closes.
//
// Any failure before 3 posts {error}: the loader then compiles on the main
// thread. A failure after 1 in 2 or 4 only costs the page some compiling.
//
// It needs the same origin as the page (workers must) and a CSP that
// allows it (worker-src, else script-src 'self') and compiling wasm
// ('wasm-unsafe-eval', from this file's own response headers).
'use strict';

(async () => {
  const now = () => performance.timeOrigin + performance.now();
  let job;
  try {
    job = JSON.parse(decodeURIComponent(self.location.hash.slice(1)));
  } catch (err) {
    job = null;
  }
  if (!job || typeof job.wasm !== 'string') {
    self.postMessage({ error: 'loader-worker.js was started without a job' });
    self.close();
    return;
  }
  let module;
  try {
    const resp = await fetch(job.wasm);
    if (!resp.ok) throw new Error('fetching ' + job.wasm + ': HTTP ' + resp.status);
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    module = type === 'application/wasm' && WebAssembly.compileStreaming ?
      await WebAssembly.compileStreaming(resp) :
      await WebAssembly.compile(await resp.arrayBuffer());
  } catch (err) {
    self.postMessage({ error: String(err && err.message || err) });
    self.close();
    return;
  }
  const compiled = now();
  let ns = null;
  if (job.exec) {
    try {
      ns = await start(module, job.exec);
    } catch (err) {
      ns = null; // the page starts Go without help
    }
  }
  // What crossed the network, for window.marks (the page's own resource
  // timing does not see this worker's fetch).
  const entry = performance.getEntriesByName(job.wasm).pop();
  const size = entry ? { encoded: entry.encodedBodySize, decoded: entry.decodedBodySize } : null;
  try {
    self.postMessage({ module, compiled, started: now(), size });
  } catch (err) {
    // This browser cannot pass a module between threads.
    self.postMessage({ error: 'cannot pass the compiled module: ' + String(err && err.message || err) });
    self.close();
    return;
  }
  if (ns && Array.isArray(job.calls)) {
    const t0 = now();
    for (const [name, args] of job.calls) {
      try {
        ns[name](...args);
      } catch (err) {
        // A failing call still compiled what it ran.
      }
    }
    self.postMessage({ warmed: { start: t0, end: now() } });
  }
  self.close();
})();

// start instantiates module here and runs Go until the engine is ready;
// it resolves with the namespace object Go filled in.
async function start(module, exec) {
  if (typeof Go !== 'function') importScripts(exec);
  const go = new Go();
  const key = '__corsplayGo' + Math.random().toString(36).slice(2);
  const ns = {};
  self[key] = ns;
  go.argv = ['corsplay.wasm', key];
  try {
    const instance = await WebAssembly.instantiate(module, go.importObject);
    await new Promise((resolve, reject) => {
      ns.onReady = resolve;
      go.run(instance).then(() => reject(new Error('the Go program exited')), reject);
    });
  } finally {
    delete self[key];
  }
  return ns;
}
