// Exercises for teaching teams (#exercise=NAME): a starting configuration
// that does not do what a team needs, its tests (✓/✗ live in the Tests
// panel), a hint on demand and an explanation once every test passes.
// The data is web/exercises.json (internal/exercises/pagedata, written by
// build.sh), fetched only when an exercise or the list is opened.
//
// Progress stays in this browser (localStorage "corsplay.exercises": for
// each exercise whether it was solved and the configuration last typed),
// never sent anywhere; opening the exercise again brings the typed text
// back, with "Start over". Loading an exercise replaces the configuration
// through undo.js, so one Undo puts the previous page back.

import { $, el, str, arr, obj, debounced } from './dom.js';
import { page } from './state.js';
import { readState, applyState } from './form.js';
import { ta, renderEditor } from './editor.js';
import { evaluateNow } from './evaluate.js';
import { showExample } from './load.js';
import { replacing } from './undo.js';
import { exerciseBox, below, setTests, allTests, onRun } from './tests.js';
import { isEmbed } from './share.js';

const STORE = 'corsplay.exercises';
const LEVELS = ['', 'first steps', 'getting there', 'a real bucket', 'the whole thing'];

let data = null; // the list, once fetched
let current = null; // the exercise on screen
let ownTests = null; // the person's tests from before the exercise

function load() {
  if (!data) {
    data = fetch('exercises.json').then((r) => {
      if (!r.ok) throw new Error('exercises.json: ' + r.status);
      return r.json();
    }).then((x) => arr(x).filter((e) => obj(e) && typeof e.name === 'string' && typeof e.tests === 'string'));
    data.catch(() => { data = null; });
  }
  return data;
}

// ---------- progress ----------

function progress() {
  try {
    const x = JSON.parse(localStorage.getItem(STORE) || '{}');
    return obj(x) || {};
  } catch (e) {
    return {};
  }
}
function keep(name, fn) {
  if (isEmbed) return;
  const p = progress();
  const o = obj(p[name]) || {};
  fn(o);
  p[name] = o;
  try { localStorage.setItem(STORE, JSON.stringify(p)); } catch (e) { /* not kept */ }
}
const keepText = debounced(300, () => {
  if (current) keep(current.name, (o) => { o.config = ta.value.length <= 256 * 1024 ? ta.value : undefined; });
});

// ---------- an exercise on screen ----------

const hintBtn = el('button', 'small', 'Show a hint');
hintBtn.type = 'button';
hintBtn.id = 'exercise-hint-btn';
hintBtn.setAttribute('aria-expanded', 'false');
hintBtn.setAttribute('aria-controls', 'exercise-hint');
const hintP = el('p', 'exercise-hint');
hintP.id = 'exercise-hint';
hintP.hidden = true;
hintBtn.addEventListener('click', () => {
  hintP.hidden = !hintP.hidden;
  hintBtn.setAttribute('aria-expanded', String(!hintP.hidden));
  hintBtn.textContent = hintP.hidden ? 'Show a hint' : 'Hide the hint';
});
const solvedBox = el('div', 'exercise-solved');
solvedBox.id = 'exercise-solved';
solvedBox.setAttribute('aria-live', 'polite');

function startOver() {
  if (!current) return;
  const e = current;
  replacing('Started the exercise “' + e.title + '” over', () => putConfig(e.start), 'exercise');
}
function leave() {
  current = null;
  exerciseBox.hidden = true;
  setTests(ownTests || []);
  ownTests = null;
  if (location.hash.startsWith('#exercise=')) history.replaceState(null, '', location.pathname);
}

function putConfig(text) {
  const st = readState();
  st.config = text;
  st.hasCors = text !== '' || st.hasCors;
  applyState(st);
  showExample('');
  renderEditor(ta.value, true);
  if (page.engineReady) evaluateNow(true);
}

function draw(e) {
  const head = el('h3', '', 'Exercise: ' + str(e.title));
  head.id = 'exercise-title';
  const lvl = el('p', 'hint', 'Level ' + e.level + (LEVELS[e.level] ? ' (' + LEVELS[e.level] + ')' : '') +
    '. Edit the configuration until every test below passes.');
  hintP.textContent = str(e.hint);
  hintP.hidden = true;
  hintBtn.textContent = 'Show a hint';
  hintBtn.setAttribute('aria-expanded', 'false');
  const over = el('button', 'small', 'Start over');
  over.type = 'button';
  over.id = 'exercise-over';
  over.addEventListener('click', startOver);
  const out = el('button', 'small', 'Leave the exercise');
  out.type = 'button';
  out.id = 'exercise-leave';
  out.addEventListener('click', leave);
  const tools = el('div', 'exercise-tools');
  tools.append(hintBtn, ' ', over, ' ', out);
  solvedBox.replaceChildren();
  exerciseBox.replaceChildren(head, lvl, tools, hintP, solvedBox);
  exerciseBox.hidden = false;
}

// Opens the exercise called name; says so when there is none.
export async function openExercise(name) {
  let all;
  try {
    all = await load();
  } catch (err) {
    exerciseBox.replaceChildren(el('p', 'error', 'The exercises could not be loaded (' + String(err && err.message || err) + ').'));
    exerciseBox.hidden = false;
    return;
  }
  const e = all.find((x) => x.name === name);
  if (!e) {
    exerciseBox.replaceChildren(el('p', 'error', 'There is no exercise called “' + name.slice(0, 80) + '”. Choose one from the list of exercises below.'));
    exerciseBox.hidden = false;
    listBox.open = true;
    return;
  }
  let file;
  try {
    file = JSON.parse(e.tests);
  } catch (err) {
    return;
  }
  const saved = obj(progress()[e.name]) || {};
  const text = typeof saved.config === 'string' ? saved.config : str(e.start);
  if (!current) ownTests = allTests();
  current = e;
  draw(e);
  replacing('Opened the exercise “' + e.title + '”', () => {
    putConfig(text);
    if (obj(file.bucket) && typeof file.bucket.exists === 'boolean') $('bucket-exists').checked = file.bucket.exists;
    setTests(arr(file.tests), true);
  }, 'exercise');
  if (typeof saved.config === 'string' && saved.config !== str(e.start)) {
    solvedBox.before(el('p', 'hint', 'Your configuration from last time is back; "Start over" puts the starting one back.'));
  }
  if (!location.hash.startsWith('#exercise=' + encodeURIComponent(e.name))) {
    history.replaceState(null, '', '#exercise=' + encodeURIComponent(e.name));
  }
}

onRun((rep) => {
  if (!current || !rep || obj(rep.error)) return;
  const total = allTests().length;
  const solved = total > 0 && rep.passed === total;
  keepText.push();
  if (!solved) {
    if (solvedBox.firstChild) solvedBox.replaceChildren();
    return;
  }
  if (solvedBox.firstChild) return;
  const e = current;
  keep(e.name, (o) => { o.solved = true; });
  solvedBox.replaceChildren(el('p', 'ok exercise-done', '✓ Solved: every test passes.'), el('p', '', str(e.explanation)));
  drawList();
});

// ---------- the list ----------

const listBox = el('details', 'exercise-list-box');
listBox.id = 'exercise-list-box';
const sum = el('summary', '', 'Exercises: learn S3 CORS by making tests pass');
const listEl = el('ul', 'exercise-list');
listEl.id = 'exercise-list';
listBox.append(sum, listEl);
below.append(listBox);
listBox.addEventListener('toggle', () => { if (listBox.open) drawList(); });

async function drawList() {
  if (!listBox.open) return;
  let all;
  try {
    all = await load();
  } catch (err) {
    listEl.replaceChildren(el('li', 'error', 'The exercises could not be loaded.'));
    return;
  }
  const p = progress();
  listEl.replaceChildren(...all.map((e) => {
    const li = el('li');
    const done = obj(p[e.name]) && p[e.name].solved === true;
    const a = el('a', '', str(e.title));
    a.href = '#exercise=' + encodeURIComponent(e.name);
    li.append(el('span', done ? 'ok' : 'hint', done ? '✓ solved' : 'level ' + e.level), ' ', a);
    return li;
  }));
}

// #exercise=NAME, at start and when the address changes.
function fromAddress() {
  const m = /^#exercise=([^&]*)/.exec(location.hash);
  if (!m) return;
  let name = m[1];
  try { name = decodeURIComponent(name); } catch (e) { /* as given */ }
  if (current && current.name === name) return;
  openExercise(name);
}
window.addEventListener('hashchange', fromAddress);
fromAddress();
