// start.js starts the page's code after its first frame. The first frame
// is the pre-drawn HTML (index.html already holds the default example's
// result), and it needs no script; fetching and evaluating the page's
// modules beside it made it ≈ 40 ms later on a 2-core machine (the HTTP/1.1
// server's six connections, shared with the engine's worker and the
// styles; docs/performance.md). So: after that frame, every module app.js
// imports is fetched at once (modulepreload; without it the browser finds
// them one level of imports at a time), and app.js is imported.
// e2e TestModules keeps MODULES equal to what app.js imports.
(() => {
  const MODULES = ["app.js", "dom.js", "state.js", "editor.js", "marks.js", "form.js", "results.js", "exports.js", "evaluate.js", "load.js", "share.js", "verdict.js", "fixes.js", "paste.js", "gallery.js", "undo.js", "saved.js", "iachook.js", "hugetext.js"];
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const m of MODULES) {
      const l = document.createElement('link');
      l.rel = 'modulepreload';
      l.href = m;
      document.head.append(l);
    }
    import('./app.js').catch((e) => {
      const n = document.getElementById('notice');
      if (!n) return;
      n.textContent = 'The page\'s code did not load (' + String(e && e.message || e) + '). Reload the page; if it persists, the site is incomplete.';
      n.hidden = false;
    });
  };
  // A page that hides the pre-drawn state (loader.js marks it stale: the
  // address or this browser's saved state asks for another) shows nothing
  // until app.js draws: start at once. Otherwise rAF runs before the next
  // frame is painted, the timeout after it; a tab in the background paints
  // nothing, so it starts within 300 ms anyway.
  if (document.documentElement.dataset.prerendered === 'stale') {
    start();
    return;
  }
  requestAnimationFrame(() => setTimeout(start, 0));
  setTimeout(start, 300);
})();
