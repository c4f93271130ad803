// corsplay loader's worker: compiles corsplay.wasm off the page's main
// thread. loader.js starts it with its job, {wasm: URL}, as JSON in this
// script's URL fragment (loader-worker.js#…), so that it starts at once,
// without waiting for a message from the page's main thread (busy laying
// out the page at that time).
//
// It fetches the wasm and compiles it while the bytes arrive
// (WebAssembly.compileStreaming), then posts {module} to the page: a
// compiled WebAssembly.Module is passed without compiling it again, and
// the page only instantiates it and starts Go. On any failure it posts
// {error}, and the loader compiles on the main thread instead.
//
// It does not start Go itself: measured, starting it here first (so that
// the page would find the code of Go's start-up compiled) or at the same
// time as the page made the engine ready later, not sooner.
//
// It needs the same origin as the page (workers must) and a CSP that
// allows it (worker-src, else script-src 'self') and compiling wasm
// ('wasm-unsafe-eval', from this file's own response headers).
'use strict';

(async () => {
  const now = () => performance.timeOrigin + performance.now();
  const boot = now();
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
  let response = 0;
  try {
    const resp = await fetch(job.wasm);
    response = now();
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
  // What crossed the network, for window.marks (the page's own resource
  // timing does not see this worker's fetch).
  const entry = performance.getEntriesByName(job.wasm).pop();
  const size = entry ? { encoded: entry.encodedBodySize, decoded: entry.decodedBodySize } : null;
  try {
    self.postMessage({ module, boot, response, compiled, size });
  } catch (err) {
    // This browser cannot pass a module between threads.
    self.postMessage({ error: 'cannot pass the compiled module: ' + String(err && err.message || err) });
  }
  self.close();
})();
