// Positions in the editor: the matched rule's band and every rule's, the
// problems underlined at their line and column with their message at the
// line's end and a mark in the gutter, the caret's line and column with
// that line's problems, and moving the caret to a place the engine named.

import { $, el, str, num, arr, obj } from './dom.js';
import { page, HIGHLIGHT_LIMIT } from './state.js';
import { ta, ed, syncScroll } from './editor.js';

const bands = $('bands');
const marksLayer = $('marks');
const gutterMarks = $('gutter-marks');

// Visual column (0-based, tabs expanded to 4) of the code point column col
// (1-based, as the engine counts) on a line.
function visualCol(line, col) {
  let v = 0;
  let i = 1;
  for (const ch of line) {
    if (i >= col) break;
    v = ch === '\t' ? v + 4 - (v % 4) : v + 1;
    i++;
  }
  return v + Math.max(0, col - i);
}

// UTF-16 offset in text of (line, col), both 1-based, col in code points.
function offsetOf(text, line, col) {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  let c = 1;
  while (c < col && off < text.length && text[off] !== '\n') {
    const code = text.charCodeAt(off);
    off += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    c++;
  }
  return off;
}

export function goTo(line, col, endLine, endCol) {
  const text = ta.value;
  const a = offsetOf(text, line, col);
  const b = endLine ? offsetOf(text, endLine, endCol || 1) : a;
  ta.focus();
  ta.setSelectionRange(a, Math.max(a, b));
  // Put the line in view if the browser did not.
  const top = (line - 1) * ed.lineH;
  if (top < ta.scrollTop || top > ta.scrollTop + ta.clientHeight - 2 * ed.lineH) {
    ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
  }
  syncScroll();
  updateCaret();
}

// The line and column of the caret, and the problems on that line in full
// (the annotation at the end of a long line can be cut off).
let caretKey = '';
export function updateCaret() {
  const v = ta.value;
  const pos = ta.selectionStart;
  if (v.length > HIGHLIGHT_LIMIT || ed.held) {
    if (caretKey !== 'huge') {
      caretKey = 'huge';
      $('caret-status').replaceChildren();
    }
    return;
  }
  let line = 1;
  let lineStart = 0;
  for (let i = v.indexOf('\n'); i >= 0 && i < pos; i = v.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const col = [...v.slice(lineStart, pos)].length + 1;
  // The problems on this line, without building the whole list (lint can
  // be hundreds of warnings, and this runs at every keystroke).
  const on = [];
  const val = page.last && obj(page.last.validation);
  for (const p of val ? arr(val.problems) : []) {
    if (num(p.line) === line) on.push(SEV_MARK[p.severity === 'error' ? 'error' : 'warning'] + (str(p.plain) || str(p.message)));
  }
  for (const p of arr(page.last && page.last.lint)) {
    if (num(p.line) === line) on.push(SEV_MARK[p.severity === 'info' ? 'info' : 'warning'] + str(p.message));
  }
  const msg = on.join(' · ');
  const key = line + ':' + col + ':' + msg;
  if (key === caretKey) return;
  caretKey = key;
  const out = $('caret-status');
  out.replaceChildren(document.createTextNode('Ln ' + line + ', Col ' + col));
  if (msg) out.append(' — ', el('span', 'bad-text', msg));
}

// Everything to mark in the editor: S3's validation problems (what
// PutBucketCors would answer) and corsplay's lint advice (S3 accepts the
// configuration; it just will not do what people usually want).
export function findings(res) {
  const out = [];
  const val = res && obj(res.validation);
  for (const p of val ? arr(val.problems) : []) {
    out.push({ kind: 's3', sev: p.severity === 'error' ? 'error' : 'warning', p });
  }
  for (const p of arr(res && res.lint)) {
    out.push({ kind: 'lint', sev: p.severity === 'info' ? 'info' : 'warning', p });
  }
  return out;
}
export const SEV_MARK = { error: '✗ ', warning: '⚠ ', info: 'ℹ ' };

// ---------- marks in the editor: matched rule, problems ----------

let marksKey = '';
export function renderMarks(res) {
  const cfg = obj(res.config) || {};
  const ev = obj(res.evaluation) || {};
  const val = obj(res.validation) || {};
  const cfgRules = arr(cfg.rules);
  const evRules = arr(ev.rules);
  const matched = typeof ev.matchedRule === 'number' ? ev.matchedRule : null;
  // Cheap to compare at every keystroke: the rules' lines and verdicts as
  // one string, S3's few problems by value, and lint (hundreds of
  // warnings on a large configuration, the same array while it comes
  // from the cache) by identity.
  let key = matched + '|' + ed.charW + '|' + ed.lineH + '|';
  for (let i = 0; i < cfgRules.length; i++) {
    const v = evRules[i];
    key += cfgRules[i].line + ',' + cfgRules[i].endLine + (v ? (v.matched ? 'm' : v.skipped ? 's' : '-') : '?') + ';';
  }
  for (const p of arr(val.problems)) key += '|' + p.line + ',' + p.column + ',' + p.endLine + ',' + p.endColumn + ',' + p.message;
  const lintRef = res.lint;
  if (key === marksKey && lintRef === renderMarks.lintRef) return;
  marksKey = key;
  renderMarks.lintRef = lintRef;
  const problems = findings(res);
  const L = ed.lineH;
  const P = ed.pad;
  // Lines that get an annotation at their end: a band's label goes on
  // another line of its rule (or none), so the two never overlap.
  const annotated = new Set();
  for (const f of problems) if (f.sev !== 'info' && num(f.p.line) > 0) annotated.add(num(f.p.line));
  const bandEls = [];
  const gEls = [];
  cfgRules.forEach((r, i) => {
    const line = num(r.line);
    if (line < 1) return;
    const endLine = Math.max(line, num(r.endLine));
    const v = evRules[i] || {};
    const b = el('div', 'band');
    b.style.top = (P + (line - 1) * L) + 'px';
    b.style.height = ((endLine - line + 1) * L) + 'px';
    let label;
    if (i === matched) {
      label = '✓ rule ' + (i + 1) + ' matches';
      const g = el('div', 'gmark match');
      g.style.top = (P + (line - 1) * L) + 'px';
      g.style.height = ((endLine - line + 1) * L) + 'px';
      gEls.push(g);
    } else if (v.skipped) {
      b.classList.add('fail', 'skipped');
      label = 'rule ' + (i + 1) + ': not reached';
    } else {
      b.classList.add('fail');
      label = '✗ rule ' + (i + 1);
    }
    let at = line;
    while (at <= endLine && annotated.has(at)) at++;
    if (at <= endLine) {
      const lab = el('span', 'band-label', label);
      lab.style.top = ((at - line) * L) + 'px';
      b.appendChild(lab);
    }
    bandEls.push(b);
  });
  bands.replaceChildren(...bandEls);

  const mEls = [];
  const annots = new Map(); // line → messages
  const sevs = new Map(); // line → worst severity
  const rank = { error: 3, warning: 2, info: 1 };
  for (const f of problems) {
    const p = f.p;
    const line = num(p.line);
    // A huge text is not drawn line by line (editor.js): its lines are
    // unknown here, and a mark would cover the text it names. The
    // problems list still shows them.
    if (line < 1 || ed.text === null) continue;
    const sev = f.sev;
    const text = ed.lines[line - 1] || '';
    const c0 = visualCol(text, Math.max(1, num(p.column)));
    let c1;
    if (num(p.endLine) === line && num(p.endColumn) > num(p.column)) c1 = visualCol(text, num(p.endColumn));
    else c1 = Math.max(c0 + 1, visualCol(text, [...text].length + 1));
    const u = el('div', 'uline ' + sev);
    u.style.top = (P + line * L - 4) + 'px';
    u.style.left = (P + c0 * ed.charW) + 'px';
    u.style.width = (Math.max(1, c1 - c0) * ed.charW) + 'px';
    mEls.push(u);
    const g = el('div', 'gmark ' + sev);
    g.style.top = (P + (line - 1) * L) + 'px';
    gEls.push(g);
    if (sev === 'info') continue; // gutter and list only: advice, not a fault
    const a = annots.get(line) || [];
    a.push(str(p.plain) || str(p.message));
    annots.set(line, a);
    if (!sevs.has(line) || rank[sev] > rank[sevs.get(line)]) sevs.set(line, sev);
  }
  // An annotation fits the editor's width, ending in "…" when it is
  // longer; the line under the editor shows the caret line's in full.
  const width = $('code').clientWidth;
  for (const [line, msgs] of annots) {
    const text = ed.lines[line - 1] || '';
    const whole = '◀ ' + msgs.join(' · ');
    const a = el('div', 'annot ' + sevs.get(line), whole);
    const left = P + (visualCol(text, [...text].length + 1) + 3) * ed.charW;
    a.style.top = (P + (line - 1) * L) + 'px';
    a.style.left = left + 'px';
    a.style.maxWidth = Math.max(8 * ed.charW, width - left - P) + 'px';
    mEls.push(a);
  }
  marksLayer.replaceChildren(...mEls);
  gutterMarks.replaceChildren(...gEls);
}

// Places the marks again (the editor's font was measured anew).
export function redrawMarks() {
  marksKey = '';
  if (page.last) renderMarks(page.last);
}

// Removes every mark (the result they belonged to is gone).
export function clearMarks() {
  bands.replaceChildren();
  marksLayer.replaceChildren();
  gutterMarks.replaceChildren();
  marksKey = '';
}

for (const type of ['keyup', 'click', 'focus']) ta.addEventListener(type, updateCaret);
