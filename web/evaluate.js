// Evaluation: what the page asks the engine, and when. A keystroke's
// answer comes in three steps (see evaluateFirst); every input event is
// timed into window.corsplayPerf (its engine share into
// corsplayPerfEngine, the panels' drawing after the frame into
// corsplayPerfPanels) for bench/browser.

import { $, root, setText, obj, arr, debounced } from './dom.js';
import { page, scenarioOf, byteSize, SEND_LIMIT, DEFER_LIMIT } from './state.js';
import { ta, renderEditor } from './editor.js';
import { readState } from './form.js';
import { render, renderSummary, renderResponse } from './results.js';
import { augment } from './verdict.js';
import { exampleEdited } from './load.js';
import { edited } from './undo.js';
import { noteEdit } from './saved.js';
import { iacScenario, iacResult } from './iachook.js';

const marks = window.marks || (window.marks = {});
const perf = window.corsplayPerf || (window.corsplayPerf = []);
// Of each keystroke's time, the part spent inside corsplay.evaluate.
const perfEngine = window.corsplayPerfEngine || (window.corsplayPerfEngine = []);
// The time each drawing of the panels after a keystroke's frame took.
const perfPanels = window.corsplayPerfPanels || (window.corsplayPerfPanels = []);

// Lint (corsplay's advice) depends only on the configuration and costs
// more than the rest on a large one, so keystrokes ask the engine to omit
// it and a second evaluation fills it in once typing pauses. Meanwhile the
// last lint computed is shown: exact when only the request changed, at
// most one pause old when the configuration did.
let lintCache = null; // {cors, lint}
const lintSoon = debounced(150, () => evaluateNow(true));

// The lint the build-time result holds, for the configuration it is for.
export function keepLint(cors, lint) {
  lintCache = { cors, lint };
}

// The scenario on screen, with the script's fetch (verdict.js) if fetch.
function scenarioNow(fetch) {
  const sc = iacScenario(scenarioOf(readState()));
  if (fetch) augment(sc);
  const c = sc.bucket.cors;
  if (typeof c === 'string' && c.length > SEND_LIMIT) {
    const code = c.charCodeAt(SEND_LIMIT - 1);
    sc.bucket.cors = c.slice(0, code >= 0xd800 && code <= 0xdbff ? SEND_LIMIT - 1 : SEND_LIMIT);
    // S3's answer names the whole text's size, not the part sent.
    sc.bucket.corsSize = byteSize(c);
  }
  return sc;
}

// What the answers to a keystroke omit until typing pauses (see
// evaluateNow), and what its first answer omits besides: the rules, as
// its frame paints only the summary and the response.
const KEYSTROKE_OMIT = ['lint', 'fix', 'values', 'browser-evaluations', 'rule-checks', 'rule-fields'];
const FIRST_OMIT = KEYSTROKE_OMIT.concat('rules');

// A keystroke's answer comes in three steps. First, in the input event,
// what the next frame paints: the summary and S3's response (the engine
// is asked for nothing else, and the browser's fetch is left out). Then,
// right after that frame is painted (at most once per frame), the rules,
// the editor's bands and marks, the problems, the browser's verdict and
// the caret line (evaluateNow()). Last, once typing pauses, lint, the fix
// and every rule's per-field checks (evaluateNow(true)).
function evaluateFirst() {
  let res;
  try {
    const sc = scenarioNow(false);
    sc.omit = FIRST_OMIT;
    const t0 = performance.now();
    res = window.corsplay.evaluate(sc);
    evaluateNow.ms = performance.now() - t0;
  } catch (e) {
    res = { error: { message: 'The engine failed: ' + String(e && e.message || e) } };
  }
  if (!obj(res)) res = { error: { message: 'The engine returned nothing.' } };
  page.fromPrerender = false;
  renderSummary(res);
  renderResponse(obj(res.evaluation));
  if (!panelsDue) {
    panelsDue = true;
    root.dataset.panels = 'due'; // for tests: what a person sees a frame later is not drawn yet
    // rAF runs just before the next paint, the timeout just after it.
    requestAnimationFrame(() => setTimeout(() => {
      if (!panelsDue) return; // a full answer drew them meanwhile
      const t0 = performance.now();
      evaluateNow();
      perfPanels.push(performance.now() - t0);
      if (perfPanels.length > 5000) perfPanels.splice(0, perfPanels.length - 5000);
    }, 0));
  }
}
let panelsDue = false;

export function evaluateNow(withLint) {
  let res;
  let cors = null;
  if (panelsDue) {
    panelsDue = false; // this answer draws them
    root.dataset.panels = 'drawn';
  }
  try {
    const sc = scenarioNow(true);
    cors = sc.bucket.cors;
    // The page never reads config.rules[].values (most of a large
    // configuration's output), so it never asks for them.
    // Nor the S3 evaluations repeated inside the browser verdict. Lint
    // and the fix (a search over the rules) wait until typing pauses.
    // Nor, at a keystroke, each rule's per-field checks and the rules'
    // values (the page shows the checks from the full answer after the
    // pause, and never reads config.rules' values).
    sc.omit = withLint ? ['values', 'browser-evaluations'] : KEYSTROKE_OMIT;
    const t0 = performance.now();
    res = iacResult(window.corsplay.evaluate(sc), sc);
    evaluateNow.ms = performance.now() - t0;
  } catch (e) {
    res = { error: { message: 'The engine failed: ' + String(e && e.message || e) } };
  }
  const lintLater = () => {
    if (root.dataset.lint !== 'pending') root.dataset.lint = 'pending';
    lintSoon.push();
  };
  if (withLint) {
    lintCache = { cors, lint: res.lint };
    lintSoon.cancel();
    root.dataset.lint = 'fresh';
  } else if (obj(res) && res.lint === undefined && cors !== null && lintCache && lintCache.cors !== null) {
    res.lint = lintCache.lint;
    if (lintCache.cors !== cors) lintLater();
  } else if (cors !== null) {
    lintLater();
  }
  // The full answer (checks per field, lint, the fix) once typing pauses.
  if (!withLint && obj(res) && obj(res.evaluation) && arr(res.evaluation.rules).length) lintLater();
  // A blocked fetch gets its fix from the full evaluation after the pause.
  if (!withLint && obj(res) && obj(res.browser) && !res.browser.allowed) {
    res.fixPending = true;
    lintLater();
  }
  render(res);
  for (const fn of evaluated) fn();
  // The first answer the engine computed in this page is on screen (the
  // build-time result before it was the engine's too, computed natively).
  if (marks.live === undefined && page.engineReady) marks.live = performance.now();
  return res;
}

// Functions called after each evaluation evaluateNow draws (the Tests
// panel re-runs its tests then, in a task of its own).
const evaluated = [];
export function afterEvaluate(fn) {
  evaluated.push(fn);
}

export function firstResult() {
  if (marks.firstResult === undefined) marks.firstResult = performance.now();
}

// One handler for every input event: evaluate and update synchronously,
// and record how long it took.
export function onInput(ev) {
  if (!page.engineReady) return;
  const t0 = performance.now();
  if (!ev || ev.target === ta) renderEditor(ta.value, false);
  clearTimeout(onInput.later);
  if (ta.value.length > DEFER_LIMIT) {
    // Far over S3's 64 KB: handing megabytes to the engine takes a while,
    // so wait until typing pauses instead of blocking every keystroke.
    setText($('summary'), 'Evaluating a ' + Math.round(ta.value.length / 1024) + ' KB configuration…');
    $('summary').dataset.key = '';
    onInput.later = setTimeout(evaluateNow, 300);
  } else {
    evaluateFirst();
  }
  perf.push(performance.now() - t0);
  perfEngine.push(evaluateNow.ms || 0);
  evaluateNow.ms = 0;
  if (perf.length > 5000) {
    perf.splice(0, perf.length - 5000);
    perfEngine.splice(0, perfEngine.length - 5000);
  }
  exampleEdited();
  edited();
  noteEdit();
}

// Re-evaluates what is on screen (the browser panel's own inputs changed).
export function refresh() {
  if (page.engineReady) evaluateNow(true);
}
