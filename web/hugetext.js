// Huge texts in the editor. Chromium lays out every line of a textarea
// when it draws it, and reads its whole value back at every `value`
// access: 655,000 short lines (10 MB) froze the tab for most of a minute,
// and each keystroke after that for seconds. A text over HOLD_LIMIT
// characters or HOLD_LINES lines is therefore held here instead of in the
// textarea: the editor's `value` still reads and writes the whole text
// (every module reads the configuration through it, and the engine gets
// at most SEND_LIMIT of it), while the textarea shows the text's start,
// read-only, and a message above the editor says what happened and how
// to get back to a text that can be edited. Nothing pasted is lost: the
// state bar's Undo puts the text from before the paste back, and
// "Edit the first 64 KB" and "Clear" can be undone the same way.

import { $, el } from './dom.js';
import { ta, ed } from './editor.js';
import { page, byteSize, HOLD_LIMIT, HOLD_LINES } from './state.js';
import { replacing } from './undo.js';

const native = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
const box = $('huge');
// What the textarea shows of a held text: at most this many lines and
// characters (a few milliseconds of layout).
const SHOW_LINES = 1000;
const SHOW_CHARS = 64 * 1024;
// What "Edit the first 64 KB" keeps: S3's limit, in whole lines, and
// never so many lines that the text is held again.
const S3_LIMIT = 64 * 1024;
const KEEP_CHARS = S3_LIMIT;
const KEEP_LINES = 10000;

let held = null; // the whole text while the textarea does not hold it

// Whether the editor holds its text outside the textarea.
export function isHeld() {
  return held !== null;
}

// Whether s is too large for the textarea. Counting lines stops at
// HOLD_LINES, and is skipped for a text too short to have that many.
export function tooBig(s) {
  if (s.length > HOLD_LIMIT) return true;
  if (s.length < HOLD_LINES) return false;
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
    if (++n >= HOLD_LINES) return true;
  }
  return false;
}

// s cut to at most max UTF-16 units, not inside a surrogate pair.
function cut(s, max) {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

// The start of s the textarea shows: SHOW_LINES lines, at most SHOW_CHARS.
function shown(s) {
  const head = cut(s, SHOW_CHARS);
  let i = -1;
  for (let n = 0; n < SHOW_LINES; n++) {
    i = head.indexOf('\n', i + 1);
    if (i < 0) return head;
  }
  return head.slice(0, i);
}

function lineCount(s) {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function size(bytes) {
  if (bytes >= 1 << 20) return (bytes / (1 << 20)).toFixed(1) + ' MB';
  return Math.round(bytes / 1024) + ' KB';
}

function hold(s) {
  held = s;
  ed.held = true;
  const head = shown(s);
  native.set.call(ta, head);
  ta.readOnly = true;
  ta.scrollTop = 0;
  const bytes = byteSize(s);
  const lines = lineCount(s);
  const tooLarge = bytes > S3_LIMIT;
  // What the editor shows: whole lines, unless the first ones are longer
  // than SHOW_CHARS.
  const headLines = s[head.length] === '\n' ? lineCount(head) : 0;
  const keep = el('button', 'small', tooLarge ? 'Edit the first 64 KB' : 'Edit the first ' + KEEP_LINES.toLocaleString('en') + ' lines');
  keep.type = 'button';
  keep.addEventListener('click', () => {
    // Up to the end of line KEEP_LINES, or of the last whole line in
    // 64 KB (a text held is longer than either).
    let k = cut(ta.value, KEEP_CHARS);
    let i = -1;
    for (let n = 0; n < KEEP_LINES; n++) {
      const j = k.indexOf('\n', i + 1);
      if (j < 0) break;
      i = j;
    }
    if (i >= 0) k = k.slice(0, i + 1);
    put(k, 'Kept the first ' + size(new Blob([k]).size) + ' of the text');
  });
  const clear = el('button', 'small', 'Clear the editor');
  clear.type = 'button';
  clear.addEventListener('click', () => put('', 'Cleared the editor'));
  box.replaceChildren(
    el('strong', '', 'A ' + size(bytes) + ' text (' + lines.toLocaleString('en') + (lines === 1 ? ' line' : ' lines') + '): '),
    (tooLarge ? 'S3 accepts at most 64 KB of CORS configuration, so PutBucketCors would refuse it (400 MaxMessageLengthExceeded). ' : '') +
    'The whole text is kept, but the editor shows only its first ' + (headLines ? headLines.toLocaleString('en') + ' lines' : size(new Blob([head]).size)) +
    ', read-only: drawing all of it would freeze the page. Paste over it to replace it, or ',
    keep, ' ', clear);
  box.hidden = false;
}

function release() {
  if (held === null) return;
  held = null;
  ed.held = false;
  ta.readOnly = !page.engineReady;
  box.hidden = true;
  box.replaceChildren();
}

// Replaces the whole text as an edit the state bar can undo.
function put(text, label) {
  replacing(label, () => {
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
  }, 'paste');
  ta.focus();
}

Object.defineProperty(ta, 'value', {
  configurable: true,
  get() {
    return held !== null ? held : native.get.call(ta);
  },
  set(v) {
    const s = String(v);
    if (tooBig(s)) {
      hold(s);
    } else {
      release();
      native.set.call(ta, s);
    }
  },
});

// A paste too large for the textarea goes here, not into the textarea; so
// does any paste while a text is held (it replaces the whole text: the
// textarea shows only its start).
ta.addEventListener('paste', (e) => {
  const s = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
  if (held === null && !tooBig(s)) return; // the browser pastes it
  e.preventDefault();
  if (!s) return;
  let next = s;
  if (held === null) {
    const v = native.get.call(ta);
    next = v.slice(0, ta.selectionStart) + s + v.slice(ta.selectionEnd);
  }
  put(next, 'Pasted a ' + size(new Blob([s]).size) + ' text');
});

// Whatever else made the textarea's own text too large (a drop, a paste
// the handler above did not see): held before the page draws it.
// Registered before the page's own input handler (app.js), which then
// reads the held text.
// Typing and deleting are left alone: they cannot make a text too large at
// once, and this runs before every keystroke's own work.
ta.addEventListener('input', (e) => {
  if (held !== null || e.inputType === 'insertText' || (e.inputType || '').startsWith('delete')) return;
  const v = native.get.call(ta);
  if (v.length >= HOLD_LINES && tooBig(v)) hold(v);
});
