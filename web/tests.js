// The Tests panel: what the configuration must do, written down as tests
// (the corsplay-tests/1 format, run by the engine's corsplay.runTests) and
// checked again after every change. Each test shows ✓ pass or ✗ fail in
// words; "Expect allowed" and "Expect blocked" add the request on screen
// as a test (testsedit.js); a test's name loads it into the request form.
// The count is in the header ("7/8 tests pass") and announced politely.
//
// Loaded by app.js once the engine is ready (import()), so the page's
// start never waits for it. A run happens in a task of its own after the
// panels of a keystroke are drawn (evaluate.js's afterEvaluate), at most
// once per task; a run that took longer than a frame's share makes the
// next ones wait for a pause in typing. Only rows whose result changed are
// drawn again. Test names and reasons are text, never markup.

import { $, el, setText, str, arr, obj, debounced } from './dom.js';
import { page, SEND_LIMIT } from './state.js';
import { ta } from './editor.js';
import { afterEvaluate } from './evaluate.js';
import { engine } from './verdict.js';

// The panel holds at most this many tests: drawing and re-running more at
// every keystroke is not what a page is for (corsplay test takes files
// of up to 10,000).
export const MAX_TESTS = 1000;
// Above this a run waits for a pause in typing instead of following every
// keystroke.
const SLOW_MS = 8;

// Each run's time (the engine's and the drawing), and the engine's part.
const perf = window.corsplayPerfTests || (window.corsplayPerfTests = []);
const perfEngine = window.corsplayPerfTestsEngine || (window.corsplayPerfTestsEngine = []);

// ---------- the panel ----------

function button(id, text, label) {
  const b = el('button', 'small', text);
  b.type = 'button';
  if (id) b.id = id;
  if (label) b.setAttribute('aria-label', label);
  return b;
}

export const panel = el('section', 'panel tests-panel');
panel.id = 'tests-panel';
panel.setAttribute('aria-labelledby', 'tests-h');
const h = el('h2', '', 'Tests');
h.id = 'tests-h';
h.tabIndex = -1;
const intro = el('p', 'hint', 'What this configuration must do, checked again at every change. ' +
  '"Expect allowed" and "Expect blocked" add the request on screen as a test.');
export const exerciseBox = el('div', 'exercise-box');
exerciseBox.id = 'exercise-box';
exerciseBox.hidden = true;
const count = el('p', 'tests-count', 'No tests yet.');
count.id = 'tests-count';
count.setAttribute('role', 'status');
count.setAttribute('aria-live', 'polite');
export const actions = el('div', 'tests-actions');
actions.id = 'tests-actions';
export const msg = el('p', 'tests-msg');
msg.id = 'tests-msg';
msg.setAttribute('role', 'status');
const list = el('ol', 'tests-list');
list.id = 'tests-list';
list.setAttribute('aria-labelledby', 'tests-h');
export const below = el('div', 'tests-below');
panel.append(h, intro, exerciseBox, count, actions, msg, list, below);

// The count in the page's header: a button that takes the person to the
// panel.
const top = button('tests-top', '');
top.classList.add('tests-top');
top.title = 'Go to the tests'; // its name is the count itself
top.hidden = true;
top.addEventListener('click', () => {
  panel.scrollIntoView({ block: 'start' });
  h.focus({ preventScroll: true });
});

// Puts the panel on the page once its stylesheet has loaded (an unstyled
// panel would be drawn, then move everything under it).
export async function mount() {
  if (!document.querySelector('link[href="tests.css"]')) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'tests.css';
    const loaded = new Promise((resolve) => {
      css.addEventListener('load', resolve);
      css.addEventListener('error', resolve);
      setTimeout(resolve, 2000);
    });
    document.head.appendChild(css);
    await loaded;
  }
  const grid = document.querySelector('main') || document.body;
  const exp = document.querySelector('.export-panel');
  if (exp && exp.parentNode === grid) grid.insertBefore(panel, exp);
  else grid.appendChild(panel);
  const bar = document.querySelector('.toolbar');
  if (bar) bar.appendChild(top);
  // An exercise's goal, hint and explanation go at the top of the page,
  // where a person starts reading; its tests stay in the panel.
  const header = document.querySelector('header');
  if (header) header.appendChild(exerciseBox);
}

// ---------- the tests ----------

// The tests, as corsplay-tests/1 test objects, in order.
let tests = [];
let fileText = null; // the file runTests reads, until the tests change
let readOnly = false; // an exercise's tests cannot be edited
const listeners = new Set(); // (report) after every run

export function allTests() { return tests; }
export function isReadOnly() { return readOnly; }
export function onRun(fn) { listeners.add(fn); }

// Replaces the tests (validated by the caller or by the engine at the
// next run). ro: the panel offers no editing.
export function setTests(list, ro) {
  tests = list.slice(0, MAX_TESTS);
  readOnly = !!ro;
  panel.classList.toggle('ro', readOnly);
  changed();
}

// The tests changed: draw the list anew and run them.
export function changed() {
  fileText = null;
  rows = [];
  list.replaceChildren();
  for (let i = 0; i < tests.length; i++) {
    const row = rowFor(i);
    rows.push(row);
    list.appendChild(row.li);
  }
  runNow();
  if (page.testsChanged) page.testsChanged();
}

// The test file's text as runTests reads it (the configuration comes from
// the editor).
export function fileJSON() {
  if (fileText === null) {
    fileText = JSON.stringify({ format: 'corsplay-tests/1', bucket: { exists: $('bucket-exists').checked }, tests });
  }
  return fileText;
}

// The text the tests run against: the editor's (cut as evaluate.js does:
// S3 refuses anything over 64 KB whatever follows).
export function configText() {
  // "" is "no CORS configuration" to runTests (the file has none of its
  // own), as the unticked "Bucket has a CORS configuration" box says.
  if (!$('bucket-cors').checked) return '';
  const c = ta.value;
  return c.length > SEND_LIMIT ? c.slice(0, SEND_LIMIT) : c;
}

// ---------- a row ----------

let rows = []; // {li, mark, word, reason, key}
let rowHooks = null; // testsedit.js's buttons for a row
export function setRowHooks(fn) { rowHooks = fn; }

// What a test checks, in words.
export function describe(t) {
  const e = obj(t.expect) || {};
  if (obj(t.fetch)) {
    const f = t.fetch;
    const what = e.allowed === true ? 'expects allowed' : e.allowed === false ? 'expects blocked' : 'expects';
    return what + ' · ' + (str(t.browser) || 'chrome') + ' · ' + str(f.method || 'GET') + ' ' + str(f.url) + ' from ' + str(f.origin);
  }
  const r = obj(t.request) || {};
  const parts = [];
  if (e.status) parts.push('status ' + e.status);
  for (const [n, v] of Object.entries(obj(e.headers) || {})) parts.push(v === null ? n + ' absent' : n + ': ' + str(v));
  const origin = Object.entries(obj(r.headers) || {}).find(([n]) => n.toLowerCase() === 'origin');
  return 'S3 level · expects ' + parts.join(', ') + ' · ' + str(r.method) + ' ' + str(r.target || 'object') +
    (origin ? ' from ' + str(origin[1]) : '');
}

function rowFor(i) {
  const t = tests[i];
  const li = el('li', 'test');
  const mark = el('span', 'test-mark', '…');
  mark.setAttribute('aria-hidden', 'true');
  const word = el('span', 'test-word', 'not run');
  const name = el('button', 'test-name', str(t.name));
  name.type = 'button';
  name.title = 'Load this test\'s request into the request form';
  const what = el('span', 'test-what', describe(t));
  const reason = el('span', 'test-reason');
  const head = el('div', 'test-head');
  head.append(mark, word, name);
  li.append(head, what, reason);
  if (rowHooks) rowHooks(li, i, name);
  return { li, mark, word, reason, key: '' };
}

function drawRow(row, res) {
  let key;
  let passed = false;
  let text = '';
  if (!res) {
    key = 'none';
  } else {
    passed = res.passed === true;
    text = str(res.error) || (passed ? '' : str(res.reason));
    key = (passed ? 'p' : 'f') + text;
  }
  if (row.key === key) return;
  row.key = key;
  row.li.classList.toggle('pass', !!res && passed);
  row.li.classList.toggle('fail', !!res && !passed);
  setText(row.mark, !res ? '…' : passed ? '✓' : '✗');
  setText(row.word, !res ? 'not run' : passed ? 'pass' : 'FAIL');
  setText(row.reason, text);
}

// ---------- running ----------

let last = null; // the last report
export function lastReport() { return last; }

// Runs every test now and draws what changed.
let ranOn = null; // [file, configuration] of the last run
export function runNow() {
  runDue = false;
  const e = engine();
  if (!e) return;
  ranOn = [fileJSON(), configText()];
  const t0 = performance.now();
  let rep;
  if (!tests.length) {
    rep = { passed: 0, failed: 0, results: [] };
  } else {
    try {
      const t1 = performance.now();
      rep = e.runTests(fileJSON(), configText());
      perfEngine.push(performance.now() - t1);
      if (perfEngine.length > 5000) perfEngine.splice(0, perfEngine.length - 5000);
    } catch (err) {
      rep = { error: { message: 'The engine failed: ' + String(err && err.message || err) } };
    }
  }
  draw(rep);
  const ms = performance.now() - t0;
  if (tests.length) {
    perf.push(ms);
    if (perf.length > 5000) perf.splice(0, perf.length - 5000);
  }
  slow = ms > SLOW_MS;
}

function draw(rep) {
  last = obj(rep) || { error: { message: 'The engine returned nothing.' } };
  const fileErr = obj(last.error);
  const results = arr(last.results);
  for (let i = 0; i < rows.length; i++) drawRow(rows[i], fileErr ? null : obj(results[i]));
  let words;
  if (!tests.length) {
    words = 'No tests yet.';
  } else if (fileErr) {
    words = 'The tests could not be run: ' + str(fileErr.message);
  } else {
    const p = Number(last.passed) || 0;
    words = p + '/' + tests.length + ' tests pass' + (p === tests.length ? ' ✓' : '');
    if (typeof last.error === 'string' && last.error) words += ' — ' + last.error;
    else if (last.hypothetical) words += ' (hypothetical: S3 would reject this configuration)';
  }
  setText(count, words);
  top.hidden = !tests.length;
  setText(top, tests.length ? (fileErr ? 'Tests: error' : (Number(last.passed) || 0) + '/' + tests.length + ' tests pass') : '');
  top.classList.toggle('all', !fileErr && tests.length > 0 && last.passed === tests.length);
  panel.classList.toggle('has-tests', tests.length > 0);
  for (const fn of listeners) fn(last);
}

// After every evaluation the page draws (a keystroke's panels, a
// replacement, an undo): run in a task of its own, once per burst, or
// once typing pauses when runs are slow.
let runDue = false;
let slow = false;
const runLater = debounced(150, runNow);
afterEvaluate(() => {
  // A change of the request form, or the full answer once typing pauses,
  // leaves the tests' results as they are.
  if (!tests.length || (ranOn && ranOn[0] === fileJSON() && ranOn[1] === configText())) return;
  if (slow) {
    runLater.push();
    return;
  }
  if (runDue) return;
  runDue = true;
  setTimeout(() => { if (runDue) runNow(); }, 0);
});
document.addEventListener('change', (ev) => {
  if (ev.target && ev.target.id === 'bucket-exists') fileText = null;
});
