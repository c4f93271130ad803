// The configuration editor: a textarea over a highlighted copy of its
// text, with line numbers, kept in step at every keystroke by redrawing
// only the lines an edit touched (the full highlighting pass follows once
// typing pauses), and its keys (Tab indents, Shift+Tab outdents, Esc then
// Tab leaves).

import { $, root, el, engineHTML, highlight, debounced } from './dom.js';
import { page, HIGHLIGHT_LIMIT } from './state.js';

export const ta = $('config');
const editor = $('editor');
const hl = $('hl');
const bands = $('bands');
const textLayer = $('text-layer');
const gutterInner = $('gutter-inner');
const gutterNums = $('gutter-nums');

export const ed = {
  lines: [''],      // the text's lines as last rendered in the highlight layer
  text: '',         // that text (null: not rendered line by line)
  lineEls: [],      // one element per line in #hl
  lineHTML: [],     // each line's highlighted HTML as the highlighter wrote it
  lang: '',
  plain: true,      // true: no highlight layer, the textarea shows its text
  held: false,      // true: the textarea shows only the start of a huge text (hugetext.js)
  numbered: 0,      // lines in the gutter
  dirty: false,     // lines were highlighted piecewise: a full pass is due
  charW: 7.82671875, // 13px DejaVu Sans Mono or Menlo, as measured: the first frame confirms it
  lineH: 20,
  pad: 8,
};

function guessLang(text) {
  const m = /[^ \t\r\n]/.exec(text);
  if (!m || m[0] === '<') return 'xml';
  if (m[0] === '{' || m[0] === '[') return 'json';
  // A CloudFormation template in YAML, or a Terraform file (plain text:
  // the default module has no HCL lexer; see iac.js).
  return /^(AWSTemplateFormatVersion|Resources|Parameters)[ \t]*:/m.test(text.slice(0, 65536)) ? 'yaml' : 'text';
}

// Turns highlighter output for n lines into n line elements without their
// trailing newline (lines are display:block). Returns null if the output
// does not have the expected shape.
function lineElements(html, n) {
  const frag = engineHTML(html);
  const ls = Array.from(frag.querySelectorAll('.line'));
  if (ls.length < n) {
    // A final empty line has no element of its own in chroma's output.
    while (ls.length < n) ls.push(el('span', 'line'));
  }
  if (ls.length !== n) return null;
  for (const l of ls) {
    let t = l;
    while (t && t.lastChild) t = t.lastChild;
    if (t && t.nodeType === Node.TEXT_NODE && t.data.endsWith('\n')) {
      t.data = t.data.endsWith('\r\n') ? t.data.slice(0, -2) : t.data.slice(0, -1);
    }
  }
  return ls;
}
function plainLines(lines) {
  return lines.map((s) => el('span', 'line', s));
}
function linesFor(lines, lang, html) {
  if (html === undefined) html = highlight(lines.join('\n'), lang);
  return (html && lineElements(html, lines.length)) || plainLines(lines);
}

// The highlighter writes each line as <span class="line">…</span>, tokens
// cut at line ends: its output splits into one string per line, which
// lets a full pass compare lines as text and rebuild only those that
// changed. Returns null when the output does not have that shape.
const LINE_OPEN = '<span class="line">';
function htmlLines(html, n) {
  if (typeof html !== 'string' || !html.startsWith('<pre class="chroma"><code>') || !html.endsWith('</code></pre>')) return null;
  const parts = html.slice(0, -'</code></pre>'.length).split(LINE_OPEN);
  parts.shift();
  if (parts.length > n) return null;
  while (parts.length < n) parts.push('');
  return parts;
}

function setPlain(on) {
  if (ed.plain === on) return;
  ed.plain = on;
  editor.classList.toggle('plain', on);
}

// Renders the editor's text into the highlight layer: only the lines that
// changed, unless full is set (or the language changed). A piecewise pass
// can miss context that spans lines (a multi-line comment), so a full pass
// follows once typing pauses.
export function renderEditor(text, full, html) {
  if (text.length > HIGHLIGHT_LIMIT || ed.held) {
    // A huge paste: plain text, no line numbers, nothing split or copied.
    if (!ed.plain) {
      hl.replaceChildren();
      ed.lineEls = [];
      ed.lineHTML = [];
    }
    setPlain(true);
    editor.classList.add('huge');
    ed.lines = [];
    ed.text = null;
    ed.numbered = -1;
    gutterNums.textContent = '';
    return;
  }
  editor.classList.remove('huge');
  if (!full && html === undefined && page.engineReady && !ed.plain && ed.text !== null && guessLang(text) === ed.lang) {
    renderEdit(text);
    return;
  }
  const lines = text.split('\n');
  updateGutter(lines.length);
  if (!page.engineReady && html === undefined) {
    if (!ed.plain) {
      hl.replaceChildren();
      ed.lineEls = [];
      ed.lineHTML = [];
    }
    setPlain(true);
    ed.lines = lines;
    ed.text = text;
    return;
  }
  const lang = guessLang(text);
  if (full && !ed.plain && lang === ed.lang && html === undefined && ed.lineHTML.length === ed.lineEls.length) {
    // The pass after typing pauses: highlight everything (a comment or a
    // quoted value can span lines), and put in only the lines whose
    // highlighting differs from what the piecewise passes showed.
    const parts = htmlLines(highlight(text, lang), lines.length);
    if (parts && sameLines(ed.lines, lines)) {
      const changed = [];
      for (let i = 0; i < parts.length; i++) if (parts[i] !== ed.lineHTML[i]) changed.push(i);
      if (changed.length) {
        const html = '<pre class="chroma"><code>' + changed.map((i) => LINE_OPEN + parts[i]).join('') + '</code></pre>';
        const els = lineElements(html, changed.length) || plainLines(changed.map((i) => lines[i]));
        changed.forEach((i, k) => {
          ed.lineEls[i].replaceWith(els[k]);
          ed.lineEls[i] = els[k];
        });
      }
      ed.lineHTML = parts;
      ed.text = text;
      setDirty(false);
      return;
    }
  }
  if (html === undefined) html = highlight(text, lang);
  const els = linesFor(lines, lang, html);
  hl.replaceChildren(...els);
  ed.lineEls = els;
  ed.lineHTML = htmlLines(html, lines.length) || new Array(lines.length).fill('');
  ed.lang = lang;
  ed.lines = lines;
  ed.text = text;
  setDirty(false);
  setPlain(false);
}

// Renders a keystroke's edit of the text: only the lines it touched, found
// from where the old and new text differ (corsplay.diff: a few native
// string comparisons), without splitting the whole text into lines.
function renderEdit(text) {
  const old = ed.text;
  if (old === text) return;
  const d = window.corsplay.diff(old, text);
  const L = ed.lines;
  // The first line the edit touches, and where it starts.
  let first = 0;
  let start = 0;
  while (first < L.length - 1 && start + L[first].length < d.from) start += L[first++].length + 1;
  // The last one.
  let last = first;
  let lastStart = start;
  while (last < L.length - 1 && lastStart + L[last].length < d.to) lastStart += L[last++].length + 1;
  const end = lastStart + L[last].length + text.length - old.length; // in text
  if (first === last && patchLine(first, d.from - start, d, old, text)) {
    L[first] = text.slice(start, end);
    ed.lineHTML[first] = ''; // unknown: the full pass puts it right
    ed.text = text;
    setDirty(true);
    fullPass.push();
    return;
  }
  const chunk = text.slice(start, end).split('\n');
  renderLines(first, last + 1, chunk, ed.lang);
  ed.lines = spliced(L, first, last + 1, chunk);
  ed.text = text;
  updateGutter(ed.lines.length);
}

// a with a[p] up to a[end] replaced by items, in place unless items are
// too many to pass as arguments.
function spliced(a, p, end, items) {
  if (items.length > 8192) return a.slice(0, p).concat(items, a.slice(end));
  a.splice(p, end - p, ...items);
  return a;
}

// Typing letters, digits, '.', '-' or '_' next to others, or deleting one
// of them, inside a token leaves every token as it was, one character
// longer or shorter: patchLine puts the change into that token's text
// node, without asking the highlighter (the full pass after typing pauses
// checks every line anyway). It returns false when the edit is not such a
// change, and changes nothing then.
const WORD = /^[A-Za-z0-9_.-]+$/;
function patchLine(i, col, d, old, text) {
  const ins = text.slice(d.from, d.from + d.length);
  const del = d.to - d.from;
  if (!(del === 0 && d.length > 0 && d.length <= 16 && WORD.test(ins)) &&
      !(del === 1 && d.length === 0 && WORD.test(old[d.from]))) return false;
  const line = ed.lineEls[i];
  if (!line) return false;
  // The text node holding the character before the change.
  const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  let at = 0;
  let node = null;
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (col > at && col <= at + n.data.length) {
      node = n;
      break;
    }
    at += n.data.length;
  }
  if (!node) return false;
  const o = col - at; // in node.data; the character before is node.data[o - 1]
  if (!WORD.test(node.data[o - 1])) return false;
  if (del === 1) {
    // The deleted character is node.data[o]: it and a neighbour in the
    // same node must be word characters.
    if (o >= node.data.length || !WORD.test(node.data[o])) return false;
    node.deleteData(o, 1);
  } else {
    node.insertData(o, ins);
  }
  return true;
}

// Replaces the line elements p up to oldEnd with chunk's lines,
// highlighted, and schedules a full pass.
function renderLines(p, oldEnd, chunk, lang) {
  const chunkHTML = chunk.length ? highlight(chunk.join('\n'), lang) : null;
  const els = chunk.length ? linesFor(chunk, lang, chunkHTML) : [];
  const chunkLines = htmlLines(chunkHTML, chunk.length) || new Array(chunk.length).fill('');
  const before = ed.lineEls[oldEnd] || null;
  for (let i = p; i < oldEnd; i++) ed.lineEls[i].remove();
  if (els.length === 1) hl.insertBefore(els[0], before);
  else if (els.length) {
    const frag = document.createDocumentFragment();
    for (const e of els) frag.appendChild(e);
    hl.insertBefore(frag, before);
  }
  ed.lineEls = spliced(ed.lineEls, p, oldEnd, els);
  ed.lineHTML = spliced(ed.lineHTML, p, oldEnd, chunkLines);
  if (chunk.length > 0 || oldEnd > p) {
    setDirty(true);
    fullPass.push();
  }
}

// ed.dirty: lines were highlighted piecewise, and the full pass is due
// (data-highlight="partial" on the root, for tests).
function setDirty(v) {
  if (ed.dirty === v) return;
  ed.dirty = v;
  root.dataset.highlight = v ? 'partial' : 'full';
}

// The full highlighting pass, 400 ms after the last piecewise one.
const fullPass = debounced(400, () => {
  if (ed.dirty && page.engineReady) renderEditor(ta.value, true);
});

function sameLines(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function updateGutter(n) {
  if (ed.numbered === n) return;
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = i + 1;
  gutterNums.textContent = parts.join('\n');
  ed.numbered = n;
}

// Whether the editor is scrolled away from its top left corner (as of its
// last scroll event).
let scrolledAway = false;
export function syncScroll() {
  const x = ta.scrollLeft;
  const y = ta.scrollTop;
  scrolledAway = x !== 0 || y !== 0;
  textLayer.style.transform = 'translate(' + (-x) + 'px,' + (-y) + 'px)';
  bands.style.transform = 'translateY(' + (-y) + 'px)';
  gutterInner.style.transform = 'translateY(' + (-y) + 'px)';
}

export function measure() {
  const m = $('measure');
  m.textContent = '0'.repeat(100);
  const w = m.getBoundingClientRect().width / 100;
  if (w > 0) ed.charW = w;
  const cs = getComputedStyle(ta);
  const lh = parseFloat(cs.lineHeight);
  if (lh > 0) ed.lineH = lh;
  const pad = parseFloat(cs.paddingTop);
  if (pad >= 0) ed.pad = pad;
  m.textContent = '';
}

// Puts the editor back at its top left, unless it is there already:
// reading or setting a scroll position lays the page out there and then,
// which at start-up is a whole extra layout (the first) before the first
// result is even in the page.
export function scrollHome() {
  if (!scrolledAway) return;
  ta.scrollTop = 0;
  ta.scrollLeft = 0;
  syncScroll();
}

// ---------- keyboard ----------

let escArmed = false;
ta.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { escArmed = true; return; }
  if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
    if (escArmed || ta.readOnly) { escArmed = false; return; } // leave the editor
    e.preventDefault();
    if (e.shiftKey) outdent();
    else document.execCommand('insertText', false, '  ');
    return;
  }
  escArmed = false;
});
ta.addEventListener('blur', () => { escArmed = false; });
ta.addEventListener('scroll', syncScroll, { passive: true });

function outdent() {
  const v = ta.value;
  const a = ta.selectionStart;
  const b = ta.selectionEnd;
  const start = v.lastIndexOf('\n', a - 1) + 1;
  const endNl = v.indexOf('\n', b > a && v[b - 1] === '\n' ? b - 1 : b);
  const end = endNl < 0 ? v.length : endNl;
  const block = v.slice(start, end);
  const out = block.replace(/^( {1,2}|\t)/gm, '');
  if (out === block) return;
  ta.setSelectionRange(start, end);
  document.execCommand('insertText', false, out);
  const removedFirst = block.length - block.replace(/^( {1,2}|\t)/, '').length;
  ta.setSelectionRange(Math.max(start, a - removedFirst), Math.max(start, b - (block.length - out.length)));
}
