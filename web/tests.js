// "Tests": requests written down with what should happen to them, run
// again by the engine (corsplay.runTests) after every evaluation, so that
// each shows ✓ or ✗ while the configuration changes. "Expect allowed" and
// "Expect blocked" add the fetch on screen (the browser panel's) as a test;
// a test can be renamed, deleted, or clicked to load it into the request
// panels; the list is imported from and exported to a corsplay-tests/1
// file (docs/tests.md). The engine decides every ✓ and ✗ and words every
// reason; this module only keeps the list and draws.

import { $, el, str, arr, obj, setText } from './dom.js';
import { scenarioOf, stateOfScenario } from './state.js';
import { readState, applyState } from './form.js';
import { augment, engine } from './verdict.js';
import { refresh } from './evaluate.js';

const FORMAT = 'corsplay-tests/1';
const MAX_NAME = 200; // bytes, as the engine counts them (docs/tests.md)

const list = $('tests');
const count = $('tests-count');
const status = $('tests-status');
const fileIn = $('tests-file');

// The tests, as the file holds them: {name, browser?, fetch | request, expect}.
let tests = [];
let fileJSON = ''; // the tests as the engine reads them, made again when they change
let last = null; // the engine's last report, by index
let note = ''; // what the last action said (added, imported, a name refused…)

function say(text) {
  note = text;
  setText(status, text);
}

function changed() {
  fileJSON = JSON.stringify({ format: FORMAT, tests });
  run();
}

// ---------- running ----------

// The configuration the tests run against: the editor's text, or "" (the
// file holds none) when the bucket has no CORS configuration. An empty
// editor is a configuration that does not parse, as evaluate takes it.
function configNow(st) {
  if (!st.hasCors) return '';
  return st.config === '' ? ' ' : st.config;
}

export function run() {
  const c = engine();
  if (!c || !tests.length) {
    last = null;
    draw();
    return;
  }
  const st = readState();
  let file = fileJSON;
  if (!st.exists) file = JSON.stringify({ format: FORMAT, bucket: { exists: false }, tests });
  let rep;
  try {
    rep = c.runTests(file, configNow(st));
  } catch (e) {
    rep = { error: { message: 'The engine failed: ' + String(e && e.message || e) } };
  }
  last = obj(rep);
  draw();
}

document.addEventListener('corsplay:evaluated', run);

// ---------- drawing ----------

function draw() {
  const rep = last;
  const results = rep ? arr(rep.results) : [];
  const err = rep ? obj(rep.error) : null;
  if (!tests.length) {
    setText(count, '');
  } else if (rep && !err) {
    const passed = tests.length - results.filter((r) => !r.passed).length;
    setText(count, passed + '/' + tests.length + (tests.length === 1 ? ' test passes' : ' tests pass'));
    count.className = 'tests-count ' + (passed === tests.length ? 'ok' : 'bad');
  } else {
    setText(count, tests.length + (tests.length === 1 ? ' test' : ' tests'));
    count.className = 'tests-count';
  }
  if (rep && typeof rep.error === 'string' && rep.error) {
    setText(status, '✗ ' + rep.error + '. No test can run until it does.');
  } else if (err) {
    setText(status, '✗ The tests cannot run: ' + str(err.message));
  } else if (rep && rep.hypothetical) {
    setText(status, 'S3 would refuse this configuration; the tests show what it would do if a bucket could have it.');
  } else if (note) {
    setText(status, note);
  } else if (!tests.length) {
    setText(status, 'No tests yet. Set up a request, then press Expect allowed or Expect blocked.');
  } else {
    setText(status, '');
  }
  list.replaceChildren(...tests.map((t, i) => item(t, i, results[i])));
}

function item(t, i, r) {
  const res = obj(r);
  const ok = res ? res.passed === true : null;
  const li = el('li', 'test ' + (ok === null ? 'pending' : ok ? 'ok' : 'bad'));
  li.dataset.index = String(i);
  li.appendChild(el('span', 'mark', ok === null ? '·' : ok ? '✓' : '✗'));
  li.appendChild(el('span', 'vh', ok === null ? 'not run: ' : ok ? 'passes: ' : 'fails: '));
  const load = el('button', 'test-name', t.name);
  load.type = 'button';
  load.title = 'Load this test into the request panels';
  load.addEventListener('click', () => loadTest(t));
  li.appendChild(load);
  li.appendChild(el('span', 'test-what', describe(t)));
  const tools = el('span', 'test-tools');
  const rename = el('button', 'small', 'Rename');
  rename.type = 'button';
  rename.setAttribute('aria-label', 'Rename ' + t.name);
  rename.addEventListener('click', () => startRename(li, i));
  const del = el('button', 'small', 'Delete');
  del.type = 'button';
  del.setAttribute('aria-label', 'Delete ' + t.name);
  del.addEventListener('click', () => {
    say('Deleted "' + t.name.slice(0, 80) + '".');
    tests.splice(i, 1);
    changed();
  });
  tools.append(rename, del);
  li.appendChild(tools);
  if (res && !res.passed) li.appendChild(el('p', 'test-reason', str(res.reason)));
  return li;
}

// What the test expects, in a few words.
function describe(t) {
  const e = obj(t.expect) || {};
  if (t.fetch) {
    return (e.allowed ? 'expect allowed' : 'expect blocked') + (t.browser && t.browser !== 'chrome' ? ' in ' + t.browser : '');
  }
  return 'expect ' + (e.status ? String(e.status) : '') + (e.headers ? ' and headers' : '');
}

function startRename(li, i) {
  const input = el('input', 'test-rename');
  input.type = 'text';
  input.value = tests[i].name;
  input.setAttribute('aria-label', 'New name');
  const name = li.querySelector('.test-name');
  name.replaceWith(input);
  input.focus();
  input.select();
  let done = false;
  const finish = (keep) => {
    if (done) return;
    done = true;
    const v = input.value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
    if (keep && v && v !== tests[i].name) {
      if (tests.some((t, j) => j !== i && t.name === v)) {
        say('✗ Another test is called "' + v.slice(0, 80) + '"; names are unique.');
      } else if (new TextEncoder().encode(v).length > MAX_NAME) {
        say('✗ A name is at most ' + MAX_NAME + ' bytes.');
      } else {
        tests[i].name = v;
      }
    }
    changed();
  };
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') finish(true);
    if (ev.key === 'Escape') finish(false);
  });
  input.addEventListener('blur', () => finish(true));
}

// ---------- adding ----------

function uniqueName(base) {
  let name = base.slice(0, 150);
  for (let n = 2; tests.some((t) => t.name === name); n++) name = base.slice(0, 150) + ' (' + n + ')';
  return name;
}

function addCurrent(allowed) {
  if (!engine()) return;
  const sc = augment(scenarioOf(readState()));
  if (!obj(sc.fetch)) {
    say('✗ The request has no Origin, so no page\'s script sends it: give it an Origin to test it as a fetch.');
    return;
  }
  const f = sc.fetch;
  const t = { name: '', fetch: { origin: f.origin, url: f.url, method: f.method } };
  if (f.headers.length) t.fetch.headers = f.headers.map((h) => [h[0], h[1]]);
  if (f.credentials && f.credentials !== 'same-origin') t.fetch.credentials = f.credentials;
  if (sc.browser && sc.browser !== 'chrome') t.browser = sc.browser;
  let path = f.url;
  try { path = new URL(f.url).pathname; } catch (e) { /* the URL as given */ }
  t.name = uniqueName(f.method + ' ' + path + ' from ' + f.origin + (t.browser ? ' in ' + t.browser : ''));
  t.expect = { allowed };
  tests.push(t);
  say('');
  changed();
}

// ---------- loading a test into the panels ----------

function loadTest(t) {
  const st = readState();
  if (t.fetch) {
    // The fetch as an actual request from its origin, with the script's
    // headers: the browser panel makes the same fetch of it again.
    const f = t.fetch;
    st.kind = 'actual';
    st.method = str(f.method) || 'GET';
    st.origin = str(f.origin);
    st.acrm = '';
    st.acrh = '';
    st.headers = Array.isArray(f.headers) ? f.headers.map((h) => [str(h[0]), str(h[1])])
      : Object.keys(obj(f.headers) || {}).map((k) => [k, str(f.headers[k])]);
    st.opStatus = 200;
    applyState(st);
    $('fetch-url').value = str(f.url);
    $('fetch-cred').value = str(f.credentials) || 'same-origin';
    $('fetch-browser').value = str(t.browser) || 'chrome';
  } else {
    // stateOfScenario reads headers from an object: a list of pairs
    // becomes one (a repeated name keeps its last value).
    const r = Object.assign({}, obj(t.request));
    if (Array.isArray(r.headers)) r.headers = Object.fromEntries(r.headers.map((h) => [str(h[0]), str(h[1])]));
    const next = stateOfScenario({ bucket: {}, request: r });
    for (const k of ['kind', 'method', 'target', 'origin', 'acrm', 'acrh', 'headers', 'opStatus']) st[k] = next[k];
    applyState(st);
  }
  refresh();
  say('Loaded "' + t.name.slice(0, 80) + '" into the request panels.');
}

// ---------- import and export ----------

async function importFile(file) {
  if (!file) return;
  if (file.size > 8 << 20) {
    say('✗ ' + file.name + ' is larger than 8 MB, the most a test file may be.');
    return;
  }
  const text = await file.text();
  const c = engine();
  if (!c) return;
  // The engine reads the file first: a mistake is shown at its place and
  // the list stays as it was.
  const rep = c.runTests(text, '');
  const err = obj(rep && rep.error);
  if (err) {
    say('✗ ' + file.name + ':' + err.line + ':' + err.column + ': ' + str(err.message));
    return;
  }
  const doc = JSON.parse(text);
  tests = arr(doc.tests);
  const own = typeof doc.config === 'string' ? ' Its own configuration was not loaded: the tests run against the one in the editor.' : '';
  changed();
  say('Imported ' + tests.length + (tests.length === 1 ? ' test' : ' tests') + ' from ' + file.name + '.' + own);
}

function exportFile() {
  const st = readState();
  const doc = { format: FORMAT };
  if (st.hasCors) doc.config = st.config;
  if (!st.exists) doc.bucket = { exists: false };
  doc.tests = tests;
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'corsplay-tests.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  say('Exported ' + tests.length + (tests.length === 1 ? ' test' : ' tests') + ' with the configuration as corsplay-tests.json (run them with corsplay test).');
}

$('test-allowed').addEventListener('click', () => addCurrent(true));
$('test-blocked').addEventListener('click', () => addCurrent(false));
$('tests-import').addEventListener('click', () => fileIn.click());
fileIn.addEventListener('change', () => {
  importFile(fileIn.files && fileIn.files[0]);
  fileIn.value = '';
});
$('tests-export').addEventListener('click', exportFile);

// For tests of the page: the list as the file holds it.
window.corsplayTests = () => JSON.parse(JSON.stringify(tests));
