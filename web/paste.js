// "Paste what you have": a browser console CORS error or a DevTools
// "Copy as cURL" command, read by the engine (corsplay.parsePaste), fills
// in the request form and the browser panel's fetch. The form then shows
// the request as S3 receives it; the browser panel the preflight before it.

import { $, el, str, num, arr, obj, pairs } from './dom.js';
import { ta } from './editor.js';
import { loadScenario } from './load.js';
import { engine, BROWSERS } from './verdict.js';
import { replacing } from './undo.js';

const urlIn = $('fetch-url');
const credIn = $('fetch-cred');
const browserIn = $('fetch-browser');

// The scenario the form shows for a fetch: the first request the browser
// sends, as S3 receives it — the preflight when the fetch needs one (so
// that S3's answer at the top of the page is the one the browser judges
// first), else the request itself. The script's own headers stay in the
// form's other headers, where the browser panel reads their values from.
export function formScenario(bucket, f) {
  const e = engine();
  let target = 'object';
  let pre = null;
  if (e) {
    try {
      const r = e.evaluate({ bucket, fetch: f, omit: ['lint', 'fix', 'browser-evaluations', 'rules'] });
      const b = obj(r && r.browser);
      const t = b && b.request && b.request.target;
      if (t && ['object', 'bucket', 'service'].includes(t.kind)) target = t.kind;
      if (b && b.cors && b.preflight && b.preflight.needed) pre = b;
    } catch (err) { /* object, no preflight */ }
  }
  const headers = {};
  if (str(f.origin)) headers.Origin = str(f.origin);
  if (pre) {
    headers['Access-Control-Request-Method'] = str(pre.request.method) || 'GET';
    const names = arr(pre.unsafeHeaders).map(str).filter(Boolean);
    if (names.length) headers['Access-Control-Request-Headers'] = names.join(',');
  }
  for (const [n, v] of pairs(f.headers)) {
    if (n.toLowerCase() !== 'origin') headers[n] = v;
  }
  const method = pre ? 'OPTIONS' : str(f.method) || 'GET';
  return { bucket, request: { method, target, headers, operationStatus: 200 } };
}
function currentBucket() {
  return { exists: $('bucket-exists').checked, cors: $('bucket-cors').checked ? ta.value : null };
}
export function setFetchFields(f, browser) {
  urlIn.value = str(f.url);
  if (['omit', 'same-origin', 'include'].includes(f.credentials)) credIn.value = f.credentials;
  else credIn.value = 'same-origin';
  if (browser && BROWSERS[browser]) browserIn.value = browser;
}

const pasteIn = $('paste');
const pasteMsg = $('paste-msg');
function readPaste() {
  const e = engine();
  pasteMsg.className = 'paste-msg';
  if (!e) {
    pasteMsg.textContent = 'The engine is still loading; try again in a moment.';
    return;
  }
  const text = pasteIn.value;
  if (!text.trim()) {
    pasteMsg.textContent = 'Paste a console CORS error or a curl command first.';
    return;
  }
  let r;
  try {
    r = e.parsePaste(text);
  } catch (err) {
    r = { error: String(err && err.message || err) };
  }
  if (!obj(r) || r.error) {
    pasteMsg.classList.add('bad');
    pasteMsg.textContent = str(r && r.error) || 'Nothing recognised.';
    return;
  }
  const f = Object.assign({}, obj(r.fetch) || {});
  const kept = [];
  if (!str(f.origin)) {
    f.origin = $('origin').value;
    kept.push('Origin');
  }
  if (!str(f.url)) {
    f.url = urlIn.value;
    kept.push('URL');
  }
  replacing('Filled in the request from the paste', () => {
    setFetchFields(f, str(r.browser));
    loadScenario(formScenario(currentBucket(), f));
  }, 'paste');
  const what = { chrome: 'a Chrome console message', 'chrome-old': 'an older Chrome console message', firefox: 'a Firefox console message', safari: 'a Safari console message', curl: 'a curl command' }[r.kind] || 'the paste';
  pasteMsg.classList.add('ok');
  const lines = ['Read ' + what + (num(r.line) > 1 ? ' (line ' + num(r.line) + ')' : '') + ': filled in the Origin, URL, method, headers, credentials' + (r.browser ? ' and browser' : '') + '.'];
  if (kept.length) lines.push('Kept what was there for: ' + kept.join(', ') + '.');
  const nodes = lines.map((l) => el('p', '', l));
  // What the paste does not say is asked for, each with a button to the
  // field that answers it (the engine filled in something consistent with
  // the message meanwhile, and says what).
  for (const a of arr(r.ask)) {
    const field = ASK_FIELDS[str(a.field)];
    const p = el('p', 'paste-ask');
    p.dataset.field = str(a.field);
    p.append(el('strong', '', '? '), str(a.question));
    if (field) {
      const b = el('button', 'small', field.label);
      b.type = 'button';
      b.addEventListener('click', () => {
        const input = field.input();
        if (!input) return;
        input.scrollIntoView({ block: 'center' });
        input.focus();
      });
      p.append(' ', b);
    }
    nodes.push(p);
  }
  for (const n of arr(r.notes)) nodes.push(el('p', '', str(n)));
  pasteMsg.replaceChildren(...nodes);
}

// The form field that answers each thing a paste may ask for: the method
// is the actual request's (formScenario loads one) or, for a preflight,
// Access-Control-Request-Method.
const ASK_FIELDS = {
  origin: { label: 'Fill in the Origin', input: () => $('origin') },
  method: { label: 'Choose the method', input: () => ($('kind-preflight').checked ? $('acrm') : $('method')) },
};
$('paste-read').addEventListener('click', readPaste);
pasteIn.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); readPaste(); }
});
