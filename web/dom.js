// Small helpers every page module uses: elements by id, elements with
// text, values read defensively from the engine's JSON, the one place an
// HTML string becomes DOM (the engine's highlighter output), a deadline
// timer, and copying to the clipboard.
//
// Text the user typed (or a share link carried) is never inserted as HTML:
// textContent and createElement only. The one innerHTML source is
// corsplay.highlight's output (chroma, which escapes every byte), and the
// build-time prerender of the same function.

import { page } from './state.js';

export function $(id) { return document.getElementById(id); }
export const root = document.documentElement;

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function str(v) { return typeof v === 'string' ? v : ''; }
export function num(v) { return typeof v === 'number' && isFinite(v) ? v : 0; }
export function arr(v) { return Array.isArray(v) ? v : []; }
export function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }

// Highlighted HTML from the engine, parsed into nodes. This is the only
// place HTML strings become DOM.
const tpl = document.createElement('template');
export function engineHTML(html) {
  tpl.innerHTML = typeof html === 'string' ? html : '';
  const frag = tpl.content;
  tpl.content.querySelectorAll('script,style,iframe,object,embed,img,link').forEach((n) => n.remove());
  return document.importNode(frag, true);
}
export function pairs(h) {
  if (Array.isArray(h)) return h.filter((p) => Array.isArray(p)).map((p) => [str(p[0]), str(p[1])]);
  const o = obj(h);
  return o ? Object.keys(o).map((k) => [k, str(o[k])]) : [];
}

// debounced(ms, fn).push() calls fn once ms have passed since the last
// push. Pushing moves a deadline instead of clearing and setting a timer
// at every keystroke, which cost more than the rest of some keystrokes.
export function debounced(ms, fn) {
  let due = 0;
  let timer = 0;
  const tick = () => {
    const wait = due - performance.now();
    if (wait > 1) {
      timer = setTimeout(tick, wait);
      return;
    }
    timer = 0;
    fn();
  };
  return {
    push() {
      due = performance.now() + ms;
      if (!timer) timer = setTimeout(tick, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = 0;
    },
  };
}

export function copy(text, btn) {
  const done = (ok) => {
    if (!btn) return;
    const old = btn.dataset.label || btn.textContent;
    btn.dataset.label = old;
    btn.textContent = ok ? 'Copied ✓' : 'Copy failed';
    setTimeout(() => { btn.textContent = old; }, 1500);
  };
  // Without the async clipboard (an insecure origin, an iframe without
  // permission), copy through a selection in an off-screen textarea.
  const fallback = () => {
    const t = el('textarea', 'vh');
    t.value = text;
    t.readOnly = true;
    document.body.appendChild(t);
    t.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    t.remove();
    if (btn) btn.focus();
    done(ok);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(() => done(true), fallback);
  } else {
    fallback();
  }
}

// The page-wide message under the toolbar (role=alert); info: not an error.
export function notice(msg, info) {
  const n = $('notice');
  n.textContent = msg;
  n.classList.toggle('info', !!info);
  n.hidden = !msg;
}

// The engine's highlighting of text, or null before the engine is ready
// (or if it fails): callers then show plain text.
export function highlight(text, lang) {
  if (!page.engineReady) return null;
  try {
    return window.corsplay.highlight(text, lang);
  } catch (e) {
    return null;
  }
}
function plainPre(text) {
  const p = el('pre', 'chroma');
  p.textContent = text;
  return p;
}
export function setHighlighted(container, text, lang, html) {
  if (html === undefined) html = highlight(text, lang);
  container.replaceChildren(html ? engineHTML(html) : plainPre(text));
}
