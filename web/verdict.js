// corsplay page, "What the browser does": the browser verdict, the fix,
// "paste what you have" and the gallery of classic failures.
//
// app.js owns the editor and the request form; this file meets it at three
// points:
//   - corsplayVerdict.augment(scenario): app.js calls it on every
//     evaluation; it adds the script's fetch (the form's Origin, method and
//     headers plus this panel's URL, credentials and browser) and the
//     browser, so the engine answers S3's side and the browser's at once;
//   - corsplayVerdict.render(result): app.js calls it after rendering;
//   - corsplayPage.load(scenario): app.js's way to put a scenario in the
//     form (used for pastes and gallery items).
// Like app.js, it never inserts text as HTML: textContent and createElement
// only (the engine's and the user's text alike).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const BROWSERS = { chrome: 'Chrome', firefox: 'Firefox', safari: 'Safari' };
  const DEMO_HOST = 'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com';
  // Headers a preflight only names (Access-Control-Request-Headers) get
  // these values as the script's: CORS-unsafe, as their being listed says.
  const PLACEHOLDER = { 'content-type': 'application/json' };
  const PLACEHOLDER_VALUE = '(value)';

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function str(v) { return typeof v === 'string' ? v : ''; }
  function num(v) { return typeof v === 'number' && isFinite(v) ? v : 0; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }
  function pairs(h) {
    if (Array.isArray(h)) return h.filter((p) => Array.isArray(p)).map((p) => [str(p[0]), str(p[1])]);
    const o = obj(h);
    return o ? Object.keys(o).map((k) => [k, str(o[k])]) : [];
  }
  function engine() {
    return root.dataset.engine === 'ready' && window.corsplay ? window.corsplay : null;
  }

  const urlIn = $('fetch-url');
  const credIn = $('fetch-cred');
  const browserIn = $('fetch-browser');
  const out = $('bv');
  const head = $('bv-head');
  const panel = $('browser-panel');
  if (!urlIn || !out || !panel) return; // the page lacks the panel
  panel.hidden = false;

  function copy(text, btn) {
    const old = btn.dataset.label || btn.textContent;
    btn.dataset.label = old;
    const done = (ok) => {
      btn.textContent = ok ? 'Copied ✓' : 'Copy failed';
      setTimeout(() => { btn.textContent = old; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
    } else {
      done(false);
    }
  }
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

  function augment(sc) {
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
  function diffBlock(lines) {
    const pre = el('pre', 'bv-pre bv-diff');
    pre.setAttribute('aria-label', 'Change to the configuration: lines starting + are added, - removed');
    for (const l of arr(lines)) {
      const d = DIFF[l.op] || DIFF[' '];
      const row = el('span', 'dl ' + d[0], d[1] + str(l.text));
      pre.append(row);
    }
    return pre;
  }

  // ---------- applying fixes ----------

  const ta = $('config');
  let undoText = null;

  // Replaces [a, b) of the editor's text with text the way typing does, so
  // the editor's own undo (Ctrl+Z) still works; input fires either way.
  function replaceRange(a, b, text) {
    ta.focus();
    ta.setSelectionRange(a, b);
    let ok = false;
    try { ok = document.execCommand('insertText', false, text); } catch (e) { ok = false; }
    if (!ok || ta.value.slice(a, a + text.length) !== text) {
      ta.value = ta.value.slice(0, a) + text + ta.value.slice(b);
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
  function setConfig(text) {
    if (ta.value === text) return;
    replaceRange(0, ta.value.length, text);
  }
  function applyFix(fx) {
    undoText = ta.value;
    setConfig(str(fx.config));
    setStatus('Fix applied: ' + str(fx.summary) + '. "Undo fix" (or Ctrl+Z in the editor) puts the previous text back.');
  }
  function undoFix() {
    if (undoText === null) return;
    const t = undoText;
    undoText = null;
    setConfig(t);
    setStatus('Fix undone.');
  }

  // offset turns a 1-based line and code-point column into an index in s.
  function offset(s, line, col) {
    let i = 0;
    for (let l = 1; l < line; l++) {
      const nl = s.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl + 1;
    }
    for (let c = 1; c < col; c++) {
      if (i >= s.length || s[i] === '\n') return -1;
      const code = s.charCodeAt(i);
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return i;
  }
  // A lint quick fix: one Edit of the text the lint was computed for.
  function applyEdit(fx) {
    const e = obj(fx && fx.edit);
    if (!e) return false;
    if (root.dataset.lint === 'pending') {
      setStatus('The advice is being recomputed for your last change; try again in a moment.');
      return false;
    }
    const a = offset(ta.value, num(e.line), num(e.column));
    const b = offset(ta.value, num(e.endLine), num(e.endColumn));
    if (a < 0 || b < a) {
      setStatus('This quick fix no longer fits the text; edit once more to refresh the advice.');
      return false;
    }
    undoText = ta.value;
    replaceRange(a, b, str(e.text));
    setStatus('Quick fix applied: ' + str(fx.summary) + '.');
    return true;
  }
  function fixButton(fx) {
    const b = el('button', 'small apply-edit', 'Apply quick fix');
    b.type = 'button';
    b.setAttribute('aria-label', 'Apply quick fix: ' + str(fx && fx.summary));
    b.title = str(fx && fx.summary);
    b.addEventListener('click', () => applyEdit(fx));
    return b;
  }

  const status = $('bv-status');
  function setStatus(msg) { if (status) status.textContent = msg; }

  // ---------- render ----------

  let renderKey = '';
  function render(res) {
    res = obj(res) || {};
    const v = obj(res.browser);
    const key = JSON.stringify([v, res.fix, !!res.fixPending, lastFetch && !v ? lastFetch.fetch : null, !!res.error, undoText !== null, !!engine()]);
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
      return;
    }
    const bname = BROWSERS[v.name] || str(v.name);
    head.classList.add(v.allowed ? 'ok' : 'bad');
    head.textContent = (v.allowed ? '✓ Allowed: ' + bname + ' lets the script read the response' : '✗ Blocked by ' + bname + ' (CORS error)');
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
    if (!v.allowed && fx) {
      const box = el('section', 'bv-fix');
      box.appendChild(el('h3', '', 'The fix'));
      box.appendChild(el('p', '', str(fx.summary)));
      box.appendChild(diffBlock(fx.diff));
      const row = el('div', 'row');
      const apply = el('button', 'primary', 'Apply fix');
      apply.type = 'button';
      apply.id = 'apply-fix';
      apply.disabled = typeof fx.config !== 'string';
      apply.addEventListener('click', () => applyFix(fx));
      row.appendChild(apply);
      box.appendChild(row);
      nodes.push(box);
    }
    if (undoText !== null) {
      const u = el('button', 'small', 'Undo fix');
      u.type = 'button';
      u.id = 'undo-fix';
      u.addEventListener('click', undoFix);
      nodes.push(u);
    }

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

  // ---------- loading a fetch into the page ----------

  // The scenario the form shows for a fetch: the actual request, as S3
  // receives it (the browser panel shows the preflight before it).
  function formScenario(bucket, f) {
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
  function setFetchFields(f, browser) {
    urlIn.value = str(f.url);
    if (['omit', 'same-origin', 'include'].includes(f.credentials)) credIn.value = f.credentials;
    else credIn.value = 'same-origin';
    if (browser && BROWSERS[browser]) browserIn.value = browser;
  }
  function loadScenario(sc) {
    if (window.corsplayPage && window.corsplayPage.load) window.corsplayPage.load(sc);
  }

  // ---------- paste what you have ----------

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
    setFetchFields(f, str(r.browser));
    loadScenario(formScenario(currentBucket(), f));
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

  // ---------- the gallery ----------

  const gSel = $('gallery');
  const gInfo = $('gallery-info');
  let items = [];

  function fillGallery() {
    const e = engine();
    if (!e || items.length) return;
    try { items = arr(e.gallery()); } catch (err) { items = []; }
    const first = el('option', '', '(choose a classic failure)');
    first.value = '';
    gSel.replaceChildren(first, ...items.map((it) => {
      const o = el('option', '', str(it.title) || str(it.name));
      o.value = str(it.name);
      return o;
    }));
    gSel.disabled = false;
  }

  function stepScenario(sc) {
    const s = obj(sc) || {};
    if (obj(s.fetch)) {
      return { sc: formScenario(s.bucket, s.fetch), fetch: s.fetch, browser: str(s.browser) };
    }
    return { sc: s, fetch: null, browser: str(s.browser) };
  }
  function loadStep(st) {
    if (st.fetch) setFetchFields(st.fetch, st.browser);
    else urlIn.value = '';
    loadScenario(st.sc);
  }

  function showItem(it) {
    const steps = [{ label: 'The request as first loaded', scenario: it.scenario }]
      .concat(arr(it.steps).map((s) => ({ label: str(s.label), scenario: s.scenario })));
    const nodes = [el('h3', '', str(it.title)), el('p', 'problem', 'What people see: ' + str(it.problem)), el('p', '', str(it.explanation))];
    if (steps.length > 1) {
      nodes.push(el('p', 'hint', 'This situation takes ' + steps.length + ' requests; each is evaluated on its own:'));
      const ol = el('ol', 'g-steps');
      steps.forEach((s, i) => {
        const li = el('li');
        li.appendChild(el('strong', '', s.label));
        const st = stepScenario(s.scenario);
        let line = '';
        try {
          const sc = JSON.parse(JSON.stringify(s.scenario));
          const r = engine().evaluate(sc);
          const ev = obj(r.evaluation);
          const b = obj(r.browser);
          line = (ev ? 'S3: ' + str(ev.summary) : '') + (b ? ' Browser: ' + (b.allowed ? 'allowed.' : 'blocked.') : ' (no Origin: the browser does not treat it as CORS.)');
        } catch (err) { line = ''; }
        if (line) li.appendChild(el('p', 'hint', line));
        const b = el('button', 'small', i === 0 ? 'Show this request' : 'Show request ' + (i + 1));
        b.type = 'button';
        b.addEventListener('click', () => loadStep(st));
        li.appendChild(b);
        ol.appendChild(li);
      });
      nodes.push(ol);
    }
    gInfo.replaceChildren(...nodes);
    gInfo.hidden = false;
    loadStep(stepScenario(it.scenario));
  }

  function openGallery(slug) {
    fillGallery();
    const it = items.find((x) => x.name === slug);
    if (!it) {
      gSel.value = '';
      gInfo.replaceChildren(el('p', 'bad', 'There is no classic failure called "' + slug.slice(0, 80) + '". Choose one from the list.'));
      gInfo.hidden = false;
      return;
    }
    gSel.value = slug;
    showItem(it);
  }

  function gallerySlug() {
    for (const part of location.hash.replace(/^#/, '').split('&')) {
      if (part.startsWith('gallery=')) {
        try { return decodeURIComponent(part.slice(8)); } catch (e) { return part.slice(8); }
      }
    }
    return null;
  }

  gSel.addEventListener('change', () => {
    if (!gSel.value) return;
    history.replaceState(null, '', '#gallery=' + encodeURIComponent(gSel.value));
    openGallery(gSel.value);
  });
  window.addEventListener('hashchange', () => {
    const s = gallerySlug();
    if (s !== null && engine()) openGallery(s);
  });

  // ---------- wiring ----------

  // The panel's own inputs re-evaluate through the form's handler.
  const reevaluate = () => { if (window.corsplayPage) window.corsplayPage.refresh(); };
  urlIn.addEventListener('input', reevaluate);
  credIn.addEventListener('change', reevaluate);
  browserIn.addEventListener('change', reevaluate);
  document.addEventListener('change', (ev) => { if (ev.target && ev.target.name === 'target') syncPlaceholder(); });
  syncPlaceholder();
  head.textContent = 'Engine loading…';

  // app.js calls this once the engine is ready and the page's state is in
  // place (app.js draws that state only after the first frame, which can
  // come after the engine: waiting for corsplay.ready here would ask the
  // page for a verdict it cannot give yet).
  let pageWasReady = false;
  function pageReady() {
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

  window.corsplayVerdict = Object.freeze({ augment, render, fixButton, applyEdit, pageReady });
})();
