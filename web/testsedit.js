// Editing the Tests panel's tests: "Expect allowed" and "Expect blocked"
// (the request on screen, at the browser's level or S3's), and per test:
// load it into the request form, rename, flip the expectation, move up or
// down, delete; "Remove all" with an undo; import and export a test file.
//
// A file from disk is hostile: its size and number of tests are checked
// before it is read or run, the engine decodes it (every error with its
// line and column), and names are only ever shown as text. Importing
// never touches the editor: a file's own configuration is offered with a
// button, and taking it goes through undo.js like every replacement.

import { $, el, str, obj, pairs } from './dom.js';
import { scenarioOf, page } from './state.js';
import { readState } from './form.js';
import { ta } from './editor.js';
import { augment, engine } from './verdict.js';
import { formScenario, setFetchFields } from './paste.js';
import { loadScenario } from './load.js';
import { replacing } from './undo.js';
import { setConfig } from './fixes.js';
import { actions, msg, allTests, setTests, setRowHooks, isReadOnly, fileJSON, MAX_TESTS } from './tests.js';

// A test file larger than this is not read (the engine takes at most
// 8 MB: expect.MaxFile).
const MAX_FILE = 8 << 20;
const MAX_NAME = 200; // bytes, as expect.MaxName

function button(text, label, cls) {
  const b = el('button', 'small' + (cls ? ' ' + cls : ''), text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

// Says text under the panel's buttons, with one optional action.
function tell(text, action, fn) {
  msg.replaceChildren(el('span', '', text));
  if (action) {
    const b = button(action);
    b.addEventListener('click', () => { msg.replaceChildren(); fn(); });
    msg.append(' ', b);
  }
}

// ---------- names ----------

const utf8 = new TextEncoder();
// A name the test format takes: no control characters, at most MAX_NAME
// bytes.
function cleanName(s) {
  let n = str(s).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  while (utf8.encode(n).length > MAX_NAME) n = n.slice(0, -1);
  return n;
}
function uniqueName(base, skip) {
  const taken = new Set(allTests().filter((t, i) => i !== skip).map((t) => t.name));
  let n = base;
  for (let k = 2; taken.has(n); k++) {
    const tail = ' (' + k + ')';
    n = cleanName(base.slice(0, MAX_NAME - tail.length)) + tail;
  }
  return n;
}

// ---------- a test from the request on screen ----------

const level = el('select', 'tests-level');
level.id = 'tests-level';
for (const [v, t] of [['browser', 'the browser\'s fetch'], ['s3', 'S3\'s response']]) {
  const o = el('option', '', t);
  o.value = v;
  level.appendChild(o);
}
const levelL = el('label', 'inline', 'Test at the level of ');
levelL.htmlFor = 'tests-level';

function headerOf(sc, name) {
  const p = pairs(sc.request.headers).find(([n]) => n.toLowerCase() === name);
  return p ? p[1] : '';
}

// The test for the request on screen, expecting allowed (or blocked).
function testFromForm(allowed) {
  const sc = scenarioOf(readState());
  const origin = headerOf(sc, 'origin');
  if (origin === '') {
    return { error: 'The request has no Origin: a browser does not treat it as CORS. Fill in Origin first.' };
  }
  const r = sc.request;
  if (level.value === 'browser') {
    augment(sc);
    const f = sc.fetch;
    if (!f) return { error: 'The request cannot be read as a browser fetch.' };
    const fetch = { origin: f.origin, url: f.url, method: f.method, headers: f.headers, credentials: f.credentials };
    const path = f.url.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
    return {
      name: cleanName((allowed ? 'allowed: ' : 'blocked: ') + f.method + ' ' + path + ' from ' + f.origin),
      browser: sc.browser || 'chrome',
      fetch,
      expect: { allowed },
    };
  }
  const request = { method: r.method, target: r.target, headers: r.headers };
  if (r.operationStatus) request.operationStatus = r.operationStatus;
  const expect = {};
  if (allowed) {
    // What S3 answers now when it allows, else the origin echoed (S3
    // echoes it unless the rule's AllowedOrigin is *).
    const resp = obj(obj(page.last && page.last.evaluation) && page.last.evaluation.response);
    const got = resp ? pairs(resp.headers).find(([n]) => n.toLowerCase() === 'access-control-allow-origin') : null;
    expect.headers = { 'Access-Control-Allow-Origin': got ? got[1] : origin };
    if (r.method === 'OPTIONS') expect.status = 200;
  } else {
    expect.headers = { 'Access-Control-Allow-Origin': null };
  }
  return {
    name: cleanName('S3 ' + (allowed ? 'allows' : 'refuses') + ': ' + r.method + ' ' + r.target + ' from ' + origin),
    request,
    expect,
  };
}

function add(allowed) {
  if (isReadOnly()) return;
  if (allTests().length >= MAX_TESTS) {
    tell('The panel holds at most ' + MAX_TESTS + ' tests.');
    return;
  }
  const t = testFromForm(allowed);
  if (t.error) {
    tell(t.error);
    return;
  }
  t.name = uniqueName(t.name || 'test');
  setTests(allTests().concat([t]));
  tell('Added the test “' + t.name + '”.');
}

const addAllowed = button('Expect allowed', 'Add the request on screen as a test that expects it allowed');
addAllowed.id = 'expect-allowed';
addAllowed.addEventListener('click', () => add(true));
const addBlocked = button('Expect blocked', 'Add the request on screen as a test that expects it blocked');
addBlocked.id = 'expect-blocked';
addBlocked.addEventListener('click', () => add(false));

// ---------- a row's buttons ----------

function edit(fn) {
  const list = allTests().slice();
  fn(list);
  setTests(list);
}

function loadTest(t) {
  const hasCors = $('bucket-cors').checked;
  const bucket = { exists: $('bucket-exists').checked, cors: ta.value };
  replacing('Loaded the test “' + t.name + '” into the request', () => {
    if (obj(t.fetch)) {
      setFetchFields(t.fetch, str(t.browser) || 'chrome');
      loadScenario(formScenario(bucket, t.fetch));
    } else {
      loadScenario({ bucket, request: t.request });
    }
    $('bucket-cors').checked = hasCors;
  }, 'test');
}

function rename(li, i, nameBtn) {
  const t = allTests()[i];
  const input = el('input', 'test-rename');
  input.type = 'text';
  input.value = t.name;
  input.setAttribute('aria-label', 'New name for the test “' + t.name + '” (Enter keeps it, Esc cancels)');
  let done = false;
  const finish = (keep) => {
    if (done) return;
    done = true;
    if (!keep) {
      input.replaceWith(nameBtn);
      nameBtn.focus();
      return;
    }
    const n = cleanName(input.value);
    if (n === '') {
      tell('A test needs a name.');
      input.replaceWith(nameBtn);
      return;
    }
    if (allTests().some((x, j) => j !== i && x.name === n)) {
      tell('Another test is called “' + n + '”; names are unique.');
      input.replaceWith(nameBtn);
      return;
    }
    edit((l) => { l[i] = Object.assign({}, l[i], { name: n }); });
    focusRow(i, '.test-name');
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); finish(true); }
    if (e.key === 'Escape') { e.preventDefault(); finish(false); }
  });
  input.addEventListener('blur', () => finish(true));
  nameBtn.replaceWith(input);
  input.focus();
  input.select();
}

function focusRow(i, sel) {
  const li = document.querySelectorAll('#tests-list > li')[i];
  const b = li && li.querySelector(sel);
  if (b) b.focus();
  return !!b;
}

setRowHooks((li, i, nameBtn) => {
  const t = allTests()[i];
  nameBtn.addEventListener('click', () => loadTest(t));
  if (isReadOnly()) return;
  const tools = el('div', 'test-tools');
  const label = (what) => what + ' the test “' + t.name + '”';
  const rn = button('Rename', label('Rename'));
  rn.addEventListener('click', () => rename(li, i, nameBtn));
  tools.append(rn);
  if (obj(t.fetch) && obj(t.expect) && typeof t.expect.allowed === 'boolean') {
    const flip = button(t.expect.allowed ? 'Expect blocked instead' : 'Expect allowed instead',
      (t.expect.allowed ? 'Expect blocked instead for' : 'Expect allowed instead for') + ' the test “' + t.name + '”');
    flip.addEventListener('click', () => {
      edit((l) => {
        const e = Object.assign({}, l[i].expect, { allowed: !t.expect.allowed });
        if (!e.allowed) { delete e.readable; delete e.notReadable; }
        l[i] = Object.assign({}, l[i], { expect: e });
      });
      focusRow(i, '.test-flip');
    });
    flip.classList.add('test-flip');
    tools.append(flip);
  }
  const up = button('↑', label('Move up'));
  up.disabled = i === 0;
  up.addEventListener('click', () => {
    edit((l) => { [l[i - 1], l[i]] = [l[i], l[i - 1]]; });
    focusRow(i - 1, '.test-up:not(:disabled)') || focusRow(i - 1, '.test-name');
  });
  up.classList.add('test-up');
  const down = button('↓', label('Move down'));
  down.disabled = i === allTests().length - 1;
  down.addEventListener('click', () => {
    edit((l) => { [l[i + 1], l[i]] = [l[i], l[i + 1]]; });
    focusRow(i + 1, '.test-down');
  });
  down.classList.add('test-down');
  const del = button('Delete', label('Delete'));
  del.addEventListener('click', () => {
    const before = allTests();
    edit((l) => { l.splice(i, 1); });
    tell('Deleted the test “' + t.name + '”.', 'Undo delete', () => setTests(before));
    const n = allTests().length;
    if (n) focusRow(Math.min(i, n - 1), '.test-name');
    else addAllowed.focus();
  });
  tools.append(up, down, del);
  li.append(tools);
});

// ---------- import, export, remove all ----------

const fileIn = el('input', 'vh');
fileIn.type = 'file';
fileIn.accept = '.json,application/json';
fileIn.id = 'tests-file';
fileIn.tabIndex = -1;
fileIn.setAttribute('aria-hidden', 'true');
const importBtn = button('Import…', 'Import a test file (corsplay-tests/1 JSON)');
importBtn.id = 'tests-import';
importBtn.addEventListener('click', () => fileIn.click());
fileIn.addEventListener('change', () => {
  const f = fileIn.files && fileIn.files[0];
  fileIn.value = '';
  if (f) importFile(f);
});

// Reads a test file a person chose (or dropped).
export async function importFile(f) {
  if (f.size > MAX_FILE) {
    tell('“' + f.name + '” is ' + Math.round(f.size / 1048576) + ' MB; a test file is at most 8 MB. Nothing was changed.');
    return;
  }
  let text;
  try {
    text = await f.text();
  } catch (e) {
    tell('“' + f.name + '” could not be read. Nothing was changed.');
    return;
  }
  importText(text, f.name);
}

// quiet: tests a link or the last visit carried; only a problem is said.
export function importText(text, name, quiet) {
  if (isReadOnly()) return;
  let x;
  try {
    x = JSON.parse(text);
  } catch (e) {
    tell('“' + name + '” is not JSON. Nothing was changed.');
    return;
  }
  const file = obj(x);
  if (!file || !Array.isArray(file.tests)) {
    tell('“' + name + '” is not a corsplay-tests/1 file (no "tests" list). Nothing was changed.');
    return;
  }
  if (file.tests.length > MAX_TESTS) {
    tell('“' + name + '” has ' + file.tests.length + ' tests; this panel takes at most ' + MAX_TESTS +
      '. Run larger files with corsplay test. Nothing was changed.');
    return;
  }
  const e = engine();
  let rep = null;
  try {
    rep = e ? e.runTests(text, ta.value) : null;
  } catch (err) {
    rep = { error: { message: String(err && err.message || err) } };
  }
  const bad = obj(rep && rep.error);
  if (bad) {
    tell('“' + name + '”, line ' + (bad.line || '?') + ', column ' + (bad.column || '?') + ': ' + str(bad.message) + '. Nothing was changed.');
    return;
  }
  const before = allTests();
  setTests(file.tests);
  const cfg = typeof file.config === 'string' ? file.config : null;
  const undoText = 'Imported ' + file.tests.length + ' test' + (file.tests.length === 1 ? '' : 's') + ' from “' + name + '”.';
  if (quiet) {
    msg.replaceChildren();
  } else if (cfg !== null && cfg !== ta.value) {
    tell(undoText + ' They run against the editor\'s configuration; the file has its own.', 'Use the file\'s configuration', () => {
      replacing('Loaded the configuration of “' + name + '”', () => setConfig(cfg), 'import');
    });
  } else {
    tell(undoText, 'Undo import', () => setTests(before));
  }
}

const exportBtn = button('Export', 'Export the tests and the configuration as a test file');
exportBtn.id = 'tests-export';
exportBtn.addEventListener('click', () => {
  const f = JSON.parse(fileJSON());
  const out = { format: f.format, config: ta.value, bucket: f.bucket, tests: f.tests };
  const blob = new Blob([JSON.stringify(out, null, 1) + '\n'], { type: 'application/json' });
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'corsplay-tests.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  tell('Exported ' + f.tests.length + ' tests to corsplay-tests.json (run them with: corsplay test corsplay-tests.json).');
});

const clearBtn = button('Remove all', 'Remove all tests');
clearBtn.id = 'tests-clear';
clearBtn.addEventListener('click', () => {
  const before = allTests();
  if (!before.length) return;
  setTests([]);
  tell('Removed ' + before.length + ' tests.', 'Undo', () => setTests(before));
});

export const editTools = el('div', 'tests-edit');
editTools.append(addAllowed, addBlocked, levelL, level, importBtn, fileIn, exportBtn, clearBtn);
actions.append(editTools);
