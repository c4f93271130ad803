// corsplay page: the editor, the request form and the results, driven by
// the engine that loader.js exposes as window.corsplay (Go compiled to
// wasm). This module starts the page; each concern has a module of its own
// (docs/architecture.md lists them).
//
// Rules the page's modules keep:
//   - Text the user typed (or a share link carried) is never inserted as
//     HTML: textContent and createElement only (dom.js holds the one place
//     the engine's highlighted HTML becomes DOM).
//   - Every keystroke is evaluated synchronously; the time from the input
//     event to the updated DOM is pushed to window.corsplayPerf (ms).
//   - Nothing is shown that the engine did not compute: before the engine is
//     ready the page shows the build-time result of the default example
//     (window.corsplayPrerender, computed natively by the same Go code).

import { $, root, setText, notice, str, obj, copy } from './dom.js';
import { page, pre, examples, stateOfScenario } from './state.js';
import { ta, ed, renderEditor, measure } from './editor.js';
import { redrawMarks } from './marks.js';
import { applyState, kindChanged } from './form.js';
import { render } from './results.js';
import { scheduleExport } from './exports.js';
import { evaluateNow, firstResult, onInput, keepLint } from './evaluate.js';
import { fillExamples, exampleByName, loadExample, showExample, snapshot } from './load.js';
import { loc, isEmbed, parseLocation, decodeState, share, updateOpenFull, addressExample } from './share.js';
import { pageReady } from './verdict.js';
import { replacing, offerBack } from './undo.js';
import { savedSnapshot, restore, rememberDefault, arm } from './saved.js';
import { isHeld } from './hugetext.js';
import './paste.js';
import './gallery.js';

const marks = window.marks || (window.marks = {});
$('example').disabled = true; // until the engine is ready

ta.addEventListener('input', onInput);
$('example').addEventListener('change', () => {
  const e = exampleByName($('example').value);
  if (!e) return;
  replacing('Loaded the example “' + str(e.title || e.name) + '”', () => loadExample(e), 'example');
  addressExample(e.name);
});
$('share').addEventListener('click', share);
$('share-copy').addEventListener('click', () => copy($('share-url').value, $('share-copy')));
$('share-embed-copy').addEventListener('click', () => copy($('share-embed').value, $('share-embed-copy')));
window.addEventListener('resize', () => { measure(); redrawMarks(); });
window.addEventListener('hashchange', async () => {
  const l = parseLocation();
  if (l.s === null && l.example === null) return;
  const before = snapshot();
  await start(l, false);
  offerBack(before, l.s !== null ? 'Opened the share link' : 'Loaded the example named in the address', 'address');
});

function setEngineState(s, msg) {
  root.dataset.engine = s;
  setText($('engine-status'), msg);
}

function enableInputs(on) {
  ta.readOnly = !on || isHeld();
  $('example').disabled = !on;
  $('request-fs').disabled = !on;
  $('bucket-exists').disabled = !on;
  $('bucket-cors').disabled = !on;
  $('export-to').disabled = !on;
}

// ---------- start ----------

// Puts the state from the location (or the default example) into the page.
// Returns a promise that settles when the state is in place.
// A link that cannot be used gives a message; on the first load the page
// then shows the default example, later (a link pasted into the address
// bar of an open page) it keeps what is on screen, so nothing typed is lost.
async function start(l, initial) {
  notice('');
  const fallback = initial ? ' Showing the default example instead.' : ' Nothing on the page was changed.';
  if (l.s !== null) {
    try {
      const st = await decodeState(l.s);
      applyState(st);
      if (st.tests !== undefined) {
        page.pendingTests = st.tests;
        if (page.takeTests) page.takeTests();
      }
      showExample('');
      renderEditor(ta.value, true);
      if (page.engineReady) evaluateNow(true);
      return;
    } catch (e) {
      notice('This share link could not be read: ' + String(e && e.message || e) + '.' + fallback);
    }
  } else if (l.example !== null) {
    const e = exampleByName(l.example);
    if (e) {
      loadExample(e);
      return;
    }
    notice('There is no example called "' + l.example.slice(0, 80) + '".' + fallback);
  }
  if (!initial) return;
  // The plain address: what the person had here last, if anything.
  const plain = location.hash.length <= 1 && !location.search && !isEmbed;
  const saved = plain ? savedSnapshot() : null;
  if (saved) {
    restore(saved, showDefault);
    return;
  }
  showDefault();
  rememberDefault();
  if (plain) arm();
}

function showDefault() {
  const init = pre && obj(pre.initial);
  if (init && obj(init.scenario)) {
    applyState(stateOfScenario(init.scenario));
    showExample(str(init.example));
    if (page.engineReady) {
      renderEditor(ta.value, true);
      evaluateNow(true);
    } else if (obj(init.result)) {
      renderEditor(ta.value, true, str(init.configHTML));
      render(init.result, { response: str(init.responseHTML) });
      keepLint(init.scenario.bucket.cors, init.result.lint);
      firstResult();
      page.fromPrerender = true;
    }
  } else if (examples.length) {
    loadExample(examples[0]);
  }
}

// afterFirstPaint runs fn once the first frame with content has been
// presented (the browser's first-contentful-paint entry), or at once when
// now is true. Without paint timing it waits for the next frame; a tab in
// the background paints nothing, so it never waits more than 300 ms.
function afterFirstPaint(now, fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (now) {
    run();
    return;
  }
  setTimeout(run, 300);
  const PO = window.PerformanceObserver;
  if (PO && (PO.supportedEntryTypes || []).includes('paint')) {
    const seen = () => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (seen()) {
      run();
      return;
    }
    const o = new PO(() => {
      if (!seen()) return;
      o.disconnect();
      run();
    });
    o.observe({ type: 'paint' });
  } else {
    requestAnimationFrame(() => setTimeout(run, 0));
  }
}

// The page's HTML already shows the default example as this script draws
// it (index.html): on a plain load, draw it again only after that has
// been on screen, so that the first frame waits neither for this
// script's work nor for the layout it causes. The engine is compiled
// meanwhile; its start waits for the state below, so nothing is lost.
// Any other address (loader.js marked the HTML stale and the stylesheet
// hides it) is drawn at once.
function boot() {
  if (isEmbed) {
    root.classList.add('embed');
    $('open-full').hidden = false;
    $('share').hidden = true;
  }
  fillExamples();
  // The editor's character width, line height and padding: measured in the
  // first frame, where the page is laid out anyway (measuring now would lay
  // it out an extra time before the first result is even in it). Until
  // then the marks use the values app.css sets (--lh, --pad) and a close
  // guess of the width, and are placed again if the guess was off.
  const remeasure = () => {
    const w = ed.charW;
    const h = ed.lineH;
    const p = ed.pad;
    measure();
    if (w !== ed.charW || h !== ed.lineH || p !== ed.pad) redrawMarks();
  };
  requestAnimationFrame(remeasure);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(remeasure);
  kindChanged();
  const started = start(loc, true);
  // The state the address asked for is in place (or the default, with a
  // notice): what loader.js hid can be seen.
  const shown = () => { delete root.dataset.prerendered; };
  started.then(shown, shown);

  function fail(msg) {
    setEngineState('failed', 'Engine unavailable.');
    notice(msg);
    enableInputs(false);
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('This browser cannot run WebAssembly, which corsplay needs: the S3 engine runs inside the page. ' +
      'The result shown was computed when the page was built; use a current Chrome, Firefox, Safari or Edge to edit.');
    return;
  }
  if (!window.corsplay || !window.corsplay.ready) {
    fail('The engine loader (loader.js) did not load, so nothing can be evaluated. Reload the page; if it persists, the site is incomplete.');
    return;
  }

  Promise.all([window.corsplay.ready, started]).then(() => {
    page.engineReady = true;
    enableInputs(true);
    // The build-time result is the engine's own answer for what is on
    // screen: keep it, and leave the engine's first-call costs to the
    // loader's warm-up instead of the moment the page becomes usable.
    if (page.fromPrerender) {
      scheduleExport();
    } else {
      renderEditor(ta.value, true);
      evaluateNow(true);
    }
    firstResult();
    if (isEmbed) updateOpenFull();
    setEngineState('ready', 'Engine ready.');
    marks.usable = performance.now();
    // The browser panel asks for its verdict in a task of its own.
    setTimeout(pageReady, 0);
    // The Tests panel and exercises: loaded now, never before the first
    // result.
    import('./testpanel.js').catch((e) => notice('The Tests panel did not load: ' + String(e && e.message || e) + '.'));
  }, (e) => {
    fail('The engine failed to load: ' + String(e && e.message || e) + '. Reload the page to try again.');
  });
}
afterFirstPaint(root.dataset.prerendered === 'stale' || !document.querySelector('script[data-prerendered="default"]'), boot);
