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

// The scenario the form shows for a fetch: the actual request, as S3
// receives it (the browser panel shows the preflight before it).
export function formScenario(bucket, f) {
  const e = engine();
  let target = 'object';
  if (e) {
    try {
      const r = e.evaluate({ bucket, fetch: f });
      const t = r && r.browser && r.browser.request && r.browser.request.target;
      if (t && ['object', 'bucket', 'service'].includes(t.kind)) target = t.kind;
    } catch (err) { /* object */ }
  }
  const headers = {};
  if (str(f.origin)) headers.Origin = str(f.origin);
  for (const [n, v] of pairs(f.headers)) {
    if (n.toLowerCase() !== 'origin') headers[n] = v;
  }
  return { bucket, request: { method: str(f.method) || 'GET', target, headers, operationStatus: 200 } };
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
    kept.push('Origin (the message does not name it)');
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
  for (const n of arr(r.notes)) lines.push(str(n));
  pasteMsg.replaceChildren(...lines.map((l) => el('p', '', l)));
}
$('paste-read').addEventListener('click', readPaste);
pasteIn.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); readPaste(); }
});
