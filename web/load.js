// Putting a whole state into the page: an example from the menu (or
// #example=), a scenario from a paste or a gallery item, and a snapshot of
// everything a person typed (for undo and for the state kept in the
// browser): the state, the example the menu names, the browser panel's
// fetch fields.

import { $, el, setText, str, obj } from './dom.js';
import { page, examples, stateOfScenario, cleanState } from './state.js';
import { ta, renderEditor } from './editor.js';
import { applyState, readState } from './form.js';
import { evaluateNow } from './evaluate.js';

// The configuration or the request was edited: it is no longer the
// example the menu names.
export function exampleEdited() {
  if (shown !== '') showExample('');
}

export function fillExamples() {
  const sel = $('example');
  sel.replaceChildren();
  const custom = el('option', '', '(your own configuration)');
  custom.value = '';
  sel.appendChild(custom);
  for (const e of examples) {
    const o = el('option', '', str(e.title) || str(e.name));
    o.value = str(e.name);
    sel.appendChild(o);
  }
}
export function exampleByName(name) {
  return examples.find((e) => e.name === name) || null;
}
export function loadExample(e) {
  // An example replaces whatever a gallery item or a paste set up: its
  // explanation and the fetch's URL go too.
  $('answer-context').hidden = true;
  $('gallery-info').hidden = true;
  $('gallery').value = '';
  $('fetch-url').value = '';
  applyState(stateOfScenario(e.scenario));
  showExample(e.name);
  renderEditor(ta.value, true);
  if (page.engineReady) evaluateNow(true);
}

// Puts a scenario (a paste, a gallery item) into the form.
export function loadScenario(sc) {
  applyState(stateOfScenario(sc));
  exampleEdited();
  renderEditor(ta.value, true);
  if (page.engineReady) evaluateNow(true);
}

// The example the page shows ('': the person's own configuration). Kept
// here rather than read from the menu: a pick from the menu has changed
// the menu's value before the page replaces anything.
let shown = '';

// The menu names this example (or none: '').
export function showExample(name) {
  const e = exampleByName(name);
  shown = e ? e.name : '';
  $('example').value = shown;
  setText($('example-desc'), e ? str(e.description) : '');
}

const CREDENTIALS = ['omit', 'same-origin', 'include'];
const BROWSER_NAMES = ['chrome', 'firefox', 'safari'];

// Everything on the page a person typed or chose, as data.
export function snapshot() {
  return {
    state: readState(),
    example: shown,
    fetch: { url: $('fetch-url').value, credentials: $('fetch-cred').value, browser: $('fetch-browser').value },
  };
}

// Whether two snapshots hold the same. The configurations are compared
// first and apart: a huge paste's is megabytes, which JSON would copy
// and escape twice.
export function sameSnapshot(a, b) {
  if (a.state.config !== b.state.config) return false;
  const rest = (s) => JSON.stringify(Object.assign({}, s, { state: Object.assign({}, s.state, { config: '' }) }));
  return rest(a) === rest(b);
}

// Checks a snapshot read back from storage (another version of the page, or
// anything else on this origin, may have written it). Returns a clean
// snapshot or throws.
export function cleanSnapshot(x) {
  const o = obj(x);
  if (!o) throw new Error('not a snapshot');
  const f = obj(o.fetch) || {};
  const url = typeof f.url === 'string' && f.url.length <= 8192 ? f.url : '';
  return {
    state: cleanState(o.state),
    example: typeof o.example === 'string' && exampleByName(o.example) ? o.example : '',
    fetch: {
      url,
      credentials: CREDENTIALS.includes(f.credentials) ? f.credentials : 'same-origin',
      browser: BROWSER_NAMES.includes(f.browser) ? f.browser : 'chrome',
    },
  };
}

// Puts a snapshot back on the page.
export function putSnapshot(s) {
  applyState(s.state);
  showExample(s.example);
  $('fetch-url').value = s.fetch.url;
  $('fetch-cred').value = s.fetch.credentials;
  $('fetch-browser').value = s.fetch.browser;
  renderEditor(ta.value, true);
  if (page.engineReady) evaluateNow(true);
}
