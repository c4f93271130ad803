// The gallery of classic S3 CORS failures: ready scenarios with an
// explanation, from the menu or by link (#gallery=NAME). Situations of two
// requests list both, each evaluated on its own.

import { $, el, str, arr, obj } from './dom.js';
import { loadScenario } from './load.js';
import { engine } from './verdict.js';
import { formScenario, setFetchFields } from './paste.js';
import { replacing } from './undo.js';

const urlIn = $('fetch-url');
const gSel = $('gallery');
const gInfo = $('gallery-info');
let items = [];

export function fillGallery() {
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
      b.addEventListener('click', () => replacing('Loaded request ' + (i + 1) + ' of “' + str(it.title) + '”', () => loadStep(st), 'gallery'));
      li.appendChild(b);
      ol.appendChild(li);
    });
    nodes.push(ol);
  }
  gInfo.replaceChildren(...nodes);
  gInfo.hidden = false;
  loadStep(stepScenario(it.scenario));
}

export function openGallery(slug) {
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
  landOnAnswer(it);
}

// A gallery item is opened to see its failure: the page goes to the answer
// (S3's and the browser's, and the fix), which names the item and links to
// its explanation.
function landOnAnswer(it) {
  const ctx = $('answer-context');
  const a = el('a', '', 'why, and how to fix it');
  a.href = '#gallery-info';
  ctx.replaceChildren(document.createTextNode('Classic failure: ' + str(it.title) + ' — '), a);
  ctx.hidden = false;
  requestAnimationFrame(() => $('answer').scrollIntoView({ block: 'start' }));
}

export function gallerySlug() {
  for (const part of location.hash.replace(/^#/, '').split('&')) {
    if (part.startsWith('gallery=')) {
      try { return decodeURIComponent(part.slice(8)); } catch (e) { return part.slice(8); }
    }
  }
  return null;
}

gSel.addEventListener('change', () => {
  if (!gSel.value) return;
  const it = items.find((x) => x.name === gSel.value);
  replacing('Loaded the classic failure “' + str(it ? it.title : gSel.value) + '”', () => openGallery(gSel.value), 'gallery');
});
window.addEventListener('hashchange', () => {
  const s = gallerySlug();
  if (s !== null && engine()) replacing('Loaded the classic failure named in the address', () => openGallery(s), 'gallery');
});
