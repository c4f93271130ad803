// "What the browser does": the browser verdict. On every evaluation it
// adds the script's fetch to the scenario (the form's Origin, method and
// headers plus this panel's URL, credentials and browser), so the engine
// answers S3's side and the browser's at once, and it draws that answer:
// allowed or blocked, the preflight, S3's answers, the browser's checks,
// the console messages, what the script can read, and the fix.

import { $, root, el, str, num, arr, obj, pairs, copy } from './dom.js';
import { refresh } from './evaluate.js';
import { applyFix, undoFix, canUndoFix } from './fixes.js';
import { fillGallery, openGallery, gallerySlug } from './gallery.js';
import { edited } from './undo.js';
import { goTo } from './marks.js';
import { noteEdit } from './saved.js';

export const BROWSERS = { chrome: 'Chrome', firefox: 'Firefox', safari: 'Safari' };
const DEMO_HOST = 'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com';
// Headers a preflight only names (Access-Control-Request-Headers) get
// these values as the script's: CORS-unsafe, as their being listed says.
const PLACEHOLDER = { 'content-type': 'application/json' };
const PLACEHOLDER_VALUE = '(value)';

// The engine, once the page has said it is ready.
export function engine() {
  return root.dataset.engine === 'ready' && window.corsplay ? window.corsplay : null;
}

const urlIn = $('fetch-url');
const credIn = $('fetch-cred');
const browserIn = $('fetch-browser');
const out = $('bv');
const head = $('bv-head');
const panel = $('browser-panel');
panel.hidden = false;

function copyButton(text, label) {
  const b = el('button', 'small', 'Copy');
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => copy(text, b));
  return b;
}

// ---------- the script's fetch ----------

// The URL shown when the field is empty: S3's example bucket, with a key
// when the form's target is an object.
function derivedURL() {
  if ($('target-service') && $('target-service').checked) return 'https://s3.us-east-1.amazonaws.com/';
  if ($('target-bucket') && $('target-bucket').checked) return DEMO_HOST + '/';
  return DEMO_HOST + '/uploads/photo.jpg';
}
function syncPlaceholder() { urlIn.placeholder = derivedURL(); }

let lastFetch = null; // what augment added, for render

export function augment(sc) {
  lastFetch = null;
  const r = obj(sc && sc.request);
  if (!r) return sc;
  syncPlaceholder();
  let origin = '';
  let acrm = '';
  let acrh = '';
  const headers = [];
  for (const [name, value] of pairs(r.headers)) {
    const l = name.toLowerCase();
    if (l === 'origin') origin = value;
    else if (l === 'access-control-request-method') acrm = value;
    else if (l === 'access-control-request-headers') acrh = value;
    else headers.push([name, value]);
  }
  if (origin === '') return sc; // no Origin: not a cross-origin fetch to judge
  const preflight = r.method === 'OPTIONS';
  if (preflight) {
    const have = new Set(headers.map((h) => h[0].toLowerCase()));
    for (const n of acrh.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!have.has(n.toLowerCase())) headers.push([n, PLACEHOLDER[n.toLowerCase()] || PLACEHOLDER_VALUE]);
    }
  }
  const f = {
    origin,
    url: urlIn.value.trim() || derivedURL(),
    method: preflight ? (acrm.trim() || 'GET') : (str(r.method).trim() || 'GET'),
    headers,
    credentials: credIn.value,
  };
  sc.fetch = f;
  sc.browser = browserIn.value;
  lastFetch = { fetch: f, fromPreflight: preflight && acrh.trim() !== '' };
  return sc;
}

// ---------- rendering ----------

function requestLines(req) {
  let target = str(req.url);
  let host = '';
  try {
    const u = new URL(target);
    target = u.pathname + u.search;
    host = u.host;
  } catch (e) { /* shown as given */ }
  const lines = [str(req.method) + ' ' + target + ' HTTP/1.1'];
  const hs = pairs(req.headers);
  if (host && !hs.some((h) => h[0].toLowerCase() === 'host')) lines.push('Host: ' + host);
  for (const [n, v] of hs) lines.push(n + ': ' + v);
  return lines.join('\n');
}
function isCORSHeader(n) {
  const l = n.toLowerCase();
  return l.startsWith('access-control-') || l === 'vary';
}
function responseBlock(resp) {
  const wrap = el('div', 'bv-resp');
  const lines = ['HTTP/1.1 ' + num(resp.status) + ' ' + str(resp.statusText)];
  const cors = pairs(resp.headers).filter((h) => isCORSHeader(h[0]));
  for (const [n, v] of cors) lines.push(n + ': ' + v);
  wrap.appendChild(el('pre', 'bv-pre', lines.join('\n')));
  if (!cors.length) wrap.appendChild(el('p', 'hint', 'No Access-Control-* headers in this response.'));
  const e = obj(resp.error);
  if (e) wrap.appendChild(el('p', 'hint', 'S3 error ' + str(e.code) + ': ' + str(e.message)));
  return wrap;
}
function checksList(checks) {
  const ul = el('ul', 'bv-checks');
  for (const c of arr(checks)) {
    const li = el('li', c.ok ? 'ok' : 'bad');
    li.appendChild(el('span', 'mark', c.ok ? '✓' : '✗'));
    li.appendChild(el('span', 'vh', c.ok ? 'passes: ' : 'fails: '));
    li.appendChild(el('strong', '', str(c.step)));
    if (str(c.detail)) li.appendChild(document.createTextNode(' — ' + str(c.detail)));
    ul.appendChild(li);
  }
  return ul;
}
function exchange(title, x, what) {
  const sec = el('section', 'bv-step');
  sec.appendChild(el('h3', '', title));
  if (!x.sent) {
    sec.appendChild(el('p', 'hint', what));
    return sec;
  }
  const req = obj(x.request);
  if (req) {
    sec.appendChild(el('h4', '', 'Sent by the browser'));
    sec.appendChild(el('pre', 'bv-pre', requestLines(req)));
  }
  const resp = obj(x.response);
  if (resp) {
    const h = el('h4', '', 'S3 answers');
    if (x.matchedRule !== null && x.matchedRule !== undefined) h.textContent += ' (rule ' + (num(x.matchedRule) + 1) + ' matched)';
    else h.textContent += ' (no rule matched)';
    sec.appendChild(h);
    sec.appendChild(responseBlock(resp));
  }
  if (arr(x.checks).length) {
    sec.appendChild(el('h4', '', 'The browser checks'));
    sec.appendChild(checksList(x.checks));
  }
  return sec;
}

function messageBlock(name, text, chosen) {
  const d = el('div', 'bv-msg' + (chosen ? ' chosen' : ''));
  const top = el('div', 'bv-msg-head');
  top.appendChild(el('span', '', (BROWSERS[name] || name) + (chosen ? ' (chosen) prints' : ' prints')));
  if (text) top.appendChild(copyButton(text, 'Copy ' + (BROWSERS[name] || name) + "'s console message"));
  d.appendChild(top);
  d.appendChild(el('pre', 'bv-pre console' + (text ? '' : ' none'), text || '(nothing: the request is allowed)'));
  return d;
}

const DIFF = { '+': ['dl-add', '+ '], '-': ['dl-del', '- '], ' ': ['dl-same', '  '], '…': ['dl-skip', '… '] };
export function diffBlock(lines) {
  const pre = el('pre', 'bv-pre bv-diff');
  pre.setAttribute('aria-label', 'Change to the configuration: lines starting + are added, - removed');
  for (const l of arr(lines)) {
    const d = DIFF[l.op] || DIFF[' '];
    const row = el('span', 'dl ' + d[0], d[1] + str(l.text));
    pre.append(row);
  }
  return pre;
}

// ---------- render ----------

let renderKey = '';
export function renderBrowser(res) {
  res = obj(res) || {};
  const v = obj(res.browser);
  const key = JSON.stringify([v, res.fix, !!res.fixPending, lastFetch && !v ? lastFetch.fetch : null, !!res.error, canUndoFix(), !!engine()]);
  if (key === renderKey) return;
  renderKey = key;
  const nodes = [];
  head.className = 'bv-head';
  if (!v) {
    if (!engine()) {
      head.textContent = 'Engine loading…';
    } else if (lastFetch && res.error) {
      head.classList.add('bad');
      head.textContent = 'The browser would not send this fetch';
      nodes.push(el('p', '', str(res.error.message)));
    } else if (lastFetch) {
      head.textContent = 'No verdict: the configuration does not parse, so there are no rules to judge with.';
    } else {
      head.textContent = 'Set an Origin in the request to see what a browser makes of it: without Origin the request is not cross-origin.';
    }
    out.replaceChildren(...nodes);
    $('answer-fix').replaceChildren();
    return;
  }
  const bname = BROWSERS[v.name] || str(v.name);
  // A configuration S3 rejects: the verdict is what would happen if a
  // bucket could have it, and the box says so first, with what really
  // happens (the engine's "reality").
  const hypo = v.hypothetical === true;
  head.classList.add(hypo ? 'hypo' : v.allowed ? 'ok' : 'bad');
  head.textContent = (hypo ? 'Hypothetical — ' : '') +
    (v.allowed ? (hypo ? 'would be allowed: ' : '✓ Allowed: ') + bname + ' lets the script read the response'
      : (hypo ? 'would be blocked by ' : '✗ Blocked by ') + bname + ' (CORS error)');
  if (hypo && str(v.reality)) {
    const real = el('p', 'bv-reality');
    real.id = 'bv-reality';
    real.append(el('strong', '', 'What really happens: '), str(v.reality).replace(/^In reality /, ''));
    nodes.push(real);
  }
  const summary = el('p', 'bv-summary', str(v.summary));
  nodes.push(summary);
  const others = Object.keys(BROWSERS).filter((b) => b !== v.name && obj(v.allowedIn) && b in v.allowedIn)
    .map((b) => BROWSERS[b] + ': ' + (v.allowedIn[b] ? 'allowed' : 'blocked'));
  if (others.length) nodes.push(el('p', 'hint', 'In the other browsers — ' + others.join(', ') + '.'));
  if (lastFetch && lastFetch.fromPreflight) {
    nodes.push(el('p', 'hint', 'The script\'s headers come from the request form; names only listed in Access-Control-Request-Headers get a placeholder value.'));
  }
  for (const n of arr(v.notes)) nodes.push(el('p', 'hint', str(n)));

  // The fix first when blocked: it is what the person came for.
  const fx = obj(res.fix);
  if (!v.allowed && !fx && res.fixPending) {
    nodes.push(el('p', 'hint', 'Working out the smallest fix: it appears when you pause typing.'));
  }
  // A fix the page cannot write (a Terraform file's or a template's value
  // computed by an expression): what to change by hand, and a link to the
  // line, instead of the button.
  const manual = obj(fx && fx.manual);
  const applyButton = (id) => {
    if (manual) {
      const p = el('p', 'bv-manual', str(manual.message));
      if (id) p.id = id + '-manual';
      if (num(manual.line) > 0) {
        const at = el('button', 'linklike', 'Go to line ' + num(manual.line));
        at.type = 'button';
        at.addEventListener('click', () => goTo(num(manual.line), num(manual.column) || 1));
        p.append(' ', at);
      }
      return p;
    }
    const apply = el('button', 'primary', 'Apply fix');
    apply.type = 'button';
    if (id) apply.id = id;
    apply.disabled = typeof fx.config !== 'string';
    apply.addEventListener('click', () => applyFix(fx));
    return apply;
  };
  // The answer at the top of the page holds the fix's one line and its
  // button; the panel below, the whole change line by line.
  const answerFix = [];
  if (!v.allowed && fx) {
    const line = el('p', '');
    line.append(el('strong', '', 'Fix: '), str(fx.summary));
    answerFix.push(line, applyButton('apply-fix'));
    const box = el('section', 'bv-fix');
    box.appendChild(el('h3', '', 'The fix'));
    box.appendChild(el('p', '', str(fx.summary)));
    if (arr(fx.diff).length) box.appendChild(diffBlock(fx.diff));
    const row = el('div', 'row');
    row.appendChild(applyButton(''));
    box.appendChild(row);
    nodes.push(box);
  } else if (!v.allowed && res.fixPending) {
    answerFix.push(el('p', 'hint', 'Working out the smallest fix…'));
  }
  if (canUndoFix()) {
    const u = el('button', 'small', 'Undo fix');
    u.type = 'button';
    u.id = 'undo-fix';
    u.addEventListener('click', undoFix);
    answerFix.push(u);
  }
  $('answer-fix').replaceChildren(...answerFix);

  // Console messages.
  const msgs = el('section', 'bv-step');
  msgs.appendChild(el('h3', '', 'The console'));
  const m = obj(v.messages) || {};
  msgs.appendChild(messageBlock(v.name, str(v.message), true));
  const more = el('details', 'bv-more');
  more.appendChild(el('summary', '', 'What the other browsers print'));
  for (const b of Object.keys(BROWSERS)) if (b !== v.name) more.appendChild(messageBlock(b, str(m[b]), false));
  msgs.appendChild(more);
  if (str(v.rejection)) msgs.appendChild(el('p', 'hint', 'fetch() rejects with: ' + str(v.rejection)));
  nodes.push(msgs);

  // The preflight.
  const pf = obj(v.preflight) || {};
  const pre = exchange('1. Preflight', pf, pf.needed ? 'Needed, but never sent.' : 'Not needed: the browser sends the request straight away.');
  const why = el('div', 'bv-why');
  why.appendChild(el('p', '', pf.needed ? 'A preflight is needed because:' : 'No preflight is needed: the method and every header are CORS-safelisted.'));
  if (arr(pf.reasons).length) {
    const ul = el('ul', 'bv-reasons');
    for (const r of pf.reasons) ul.appendChild(el('li', '', str(r.why) || str(r.name)));
    why.appendChild(ul);
  }
  pre.insertBefore(why, pre.children[1] || null);
  nodes.push(pre);

  // The actual request.
  const act = obj(v.actual) || {};
  nodes.push(exchange('2. The request itself', act,
    pf.needed ? 'Never sent: the preflight failed, so the browser stops there.' : 'Not sent.'));

  // What the script can read, and the cache.
  const read = el('section', 'bv-step');
  read.appendChild(el('h3', '', 'What the script can read'));
  const rh = arr(v.readableHeaders);
  const hh = arr(v.hiddenHeaders);
  if (v.allowed) {
    read.appendChild(el('p', '', 'Readable: ' + (rh.length ? rh.join(', ') : '(none)')));
    read.appendChild(el('p', '', 'Hidden from the script: ' + (hh.length ? hh.join(', ') : '(none)')));
  } else {
    read.appendChild(el('p', '', 'Nothing: a blocked response is never given to the script.'));
  }
  const c = obj(v.cache);
  if (c && str(c.note)) read.appendChild(el('p', 'hint', 'Preflight cache: ' + str(c.note)));
  nodes.push(read);

  out.replaceChildren(...nodes);
}

// ---------- wiring ----------

// The panel's own inputs re-evaluate through the form's handler, and are
// edits like the form's.
const reevaluate = refresh;
const editedHere = () => {
  refresh();
  edited();
  noteEdit();
};
urlIn.addEventListener('input', editedHere);
credIn.addEventListener('change', editedHere);
browserIn.addEventListener('change', editedHere);
document.addEventListener('change', (ev) => { if (ev.target && ev.target.name === 'target') syncPlaceholder(); });
syncPlaceholder();
head.textContent = 'Engine loading…';

// app.js calls this once the engine is ready and the page's state is in
// place (app.js draws that state only after the first frame, which can
// come after the engine: waiting for corsplay.ready here would ask the
// page for a verdict it cannot give yet).
let pageWasReady = false;
export function pageReady() {
  if (pageWasReady) return;
  pageWasReady = true;
  $('paste-read').disabled = false;
  fillGallery();
  const s = gallerySlug();
  if (s !== null) openGallery(s);
  // The build-time result has no verdict (it is kept as is when the
  // engine arrives): ask for one.
  else if (!renderKey || renderKey.startsWith('[null')) reevaluate();
}

