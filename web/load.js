// Putting a whole state into the page: an example from the menu (or
// #example=), and a scenario from a paste or a gallery item.

import { $, el, setText, str } from './dom.js';
import { page, examples, stateOfScenario } from './state.js';
import { ta, renderEditor } from './editor.js';
import { applyState } from './form.js';
import { evaluateNow } from './evaluate.js';

// The configuration or the request was edited: it is no longer the
// example the menu names.
export function exampleEdited() {
  const sel = $('example');
  if (sel.value !== '') {
    sel.value = '';
    setText($('example-desc'), '');
  }
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
  applyState(stateOfScenario(e.scenario));
  $('example').value = e.name;
  setText($('example-desc'), str(e.description));
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
