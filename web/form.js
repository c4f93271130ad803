// The request form: preflight or actual, the method, the target, Origin,
// Access-Control-Request-Method and -Headers, other headers in rows, the
// operation's status and the bucket's state; read as the page's state, and
// written from one.

import { $, el } from './dom.js';
import { page, METHODS } from './state.js';
import { ta, scrollHome } from './editor.js';
import { showLoadingResults } from './results.js';
import { onInput } from './evaluate.js';
import { iacState, iacApply } from './iachook.js';

const headersList = $('headers');

function addHeaderRow(name, value, focus) {
  const li = el('li');
  const n = el('input', 'hn');
  n.type = 'text';
  n.spellcheck = false;
  n.autocapitalize = 'off';
  n.placeholder = 'Header-Name';
  n.value = name || '';
  n.setAttribute('aria-label', 'Header name');
  const v = el('input', 'hv');
  v.type = 'text';
  v.spellcheck = false;
  v.autocapitalize = 'off';
  v.placeholder = 'value';
  v.value = value || '';
  v.setAttribute('aria-label', 'Header value');
  const rm = el('button', 'small', 'Remove');
  rm.type = 'button';
  rm.setAttribute('aria-label', 'Remove this header');
  rm.addEventListener('click', () => {
    const nextFocus = li.nextElementSibling ? li.nextElementSibling.querySelector('input') : $('add-header');
    li.remove();
    relabelRows();
    onInput();
    nextFocus.focus();
  });
  li.append(n, v, rm);
  headersList.appendChild(li);
  relabelRows();
  if (focus) n.focus();
}
function relabelRows() {
  Array.from(headersList.children).forEach((li, i) => {
    const [n, v, b] = li.children;
    n.setAttribute('aria-label', 'Header ' + (i + 1) + ' name');
    v.setAttribute('aria-label', 'Header ' + (i + 1) + ' value');
    b.setAttribute('aria-label', 'Remove header ' + (i + 1));
  });
}

function methodValue(sel, other) {
  return $(sel).value === 'other' ? $(other).value : $(sel).value;
}
function setMethod(sel, other, v) {
  const s = $(sel);
  const known = v === '' ? s.querySelector('option[value=""]') : METHODS.includes(v);
  if (known) {
    s.value = v;
    $(other).value = '';
  } else {
    s.value = 'other';
    $(other).value = v;
  }
  $(other).hidden = s.value !== 'other';
}

// The whole state of the page, as the share link carries it.
export function readState() {
  const kind = $('kind-actual').checked ? 'actual' : 'preflight';
  const target = $('target-bucket').checked ? 'bucket' : $('target-service').checked ? 'service' : 'object';
  const headers = Array.from(headersList.children).map((li) => [li.children[0].value, li.children[1].value]);
  const st = {
    v: 1,
    config: ta.value,
    exists: $('bucket-exists').checked,
    hasCors: $('bucket-cors').checked,
    kind,
    method: methodValue('method', 'method-other'),
    target,
    origin: $('origin').value,
    acrm: methodValue('acrm', 'acrm-other'),
    acrh: $('acrh').value,
    headers,
    opStatus: parseInt($('op-status').value, 10) || 200,
  };
  const iac = iacState();
  if (iac) st.iac = iac;
  return st;
}

// Writes a state into the form. The state has been validated.
export function applyState(st) {
  if (!page.engineReady) showLoadingResults();
  ta.value = st.config;
  iacApply(st.iac);
  $('bucket-exists').checked = st.exists;
  $('bucket-cors').checked = st.hasCors;
  $('kind-preflight').checked = st.kind === 'preflight';
  $('kind-actual').checked = st.kind === 'actual';
  setMethod('method', 'method-other', st.method || 'GET');
  $('target-' + st.target).checked = true;
  $('origin').value = st.origin;
  setMethod('acrm', 'acrm-other', st.acrm);
  $('acrh').value = st.acrh;
  headersList.replaceChildren();
  for (const [n, v] of st.headers) addHeaderRow(n, v);
  const opt = $('op-status');
  if (!Array.from(opt.options).some((o) => o.value === String(st.opStatus))) {
    opt.appendChild(el('option', '', String(st.opStatus))).value = String(st.opStatus);
  }
  opt.value = String(st.opStatus);
  kindChanged();
  scrollHome();
}

export function kindChanged() {
  const actual = $('kind-actual').checked;
  $('method-field').hidden = !actual;
  $('status-field').hidden = !actual;
  $('actual-note').hidden = !actual;
}

// Switching kinds moves the method between the HTTP method (actual) and
// Access-Control-Request-Method (preflight), as a browser would send them.
let stashedAcrh = '';
function switchKind() {
  const actual = $('kind-actual').checked;
  if (actual) {
    const m = methodValue('acrm', 'acrm-other');
    if (m) setMethod('method', 'method-other', m);
    setMethod('acrm', 'acrm-other', '');
    stashedAcrh = $('acrh').value;
    $('acrh').value = '';
  } else {
    setMethod('acrm', 'acrm-other', methodValue('method', 'method-other') || 'GET');
    if (!$('acrh').value) $('acrh').value = stashedAcrh;
  }
  kindChanged();
}

// Text fields evaluate on input; selects, radios and checkboxes on change
// (they fire both: once is enough).
$('request-fs').addEventListener('input', (e) => { if (e.target.type === 'text') onInput(e); });
$('request-fs').addEventListener('change', (e) => {
  const t = e.target;
  if (t.name === 'kind') switchKind();
  if (t.id === 'method') $('method-other').hidden = t.value !== 'other';
  if (t.id === 'acrm') $('acrm-other').hidden = t.value !== 'other';
  // A pick of "Other…" with the mouse goes on to its text field; with the
  // keyboard it does not: arrowing through the menu passes "Other…", and
  // focus must stay on the menu (the field is the next Tab stop).
  if ((t.id === 'method' || t.id === 'acrm') && t.value === 'other' && !keyedSelect) $(t.id + '-other').focus();
  if (t.type !== 'text') onInput(e);
});
let keyedSelect = false;
for (const id of ['method', 'acrm']) {
  $(id).addEventListener('keydown', () => { keyedSelect = true; });
  $(id).addEventListener('pointerdown', () => { keyedSelect = false; });
}
for (const id of ['bucket-exists', 'bucket-cors']) $(id).addEventListener('change', onInput);
$('add-header').addEventListener('click', () => { addHeaderRow('', '', true); onInput(); });
