// Applying fixes: the browser panel's "Apply fix" (a whole new
// configuration) and lint's "Apply quick fix" (one edit of the text), each
// put into the editor the way typing does, so the editor's own undo
// (Ctrl+Z) works, and "Undo fix" (undo.js's one-step undo).

import { $, root, el, str, num, obj } from './dom.js';
import { ta } from './editor.js';
import { replacing, lastReplacement, undo } from './undo.js';

// Whether "Undo fix" has something to put back: the last replacement of
// the text was a fix.
export function canUndoFix() {
  return lastReplacement() === 'fix';
}

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
export function setConfig(text) {
  if (ta.value === text) return;
  replaceRange(0, ta.value.length, text);
}
export function applyFix(fx) {
  if (typeof fx.config !== 'string') return; // a fix shown, not applicable (iac.js)
  replacing('Applied the fix: ' + str(fx.summary), () => setConfig(str(fx.config)), 'fix');
  setStatus('Fix applied: ' + str(fx.summary) + '. "Undo fix" (or Ctrl+Z in the editor) puts the previous text back.');
}
export function undoFix() {
  if (!canUndoFix()) return;
  undo();
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
  replacing('Applied the quick fix: ' + str(fx.summary), () => replaceRange(a, b, str(e.text)), 'fix');
  setStatus('Quick fix applied: ' + str(fx.summary) + '.');
  return true;
}
export function fixButton(fx) {
  const b = el('button', 'small apply-edit', 'Apply quick fix');
  b.type = 'button';
  b.setAttribute('aria-label', 'Apply quick fix: ' + str(fx && fx.summary));
  b.title = str(fx && fx.summary);
  b.addEventListener('click', () => applyEdit(fx));
  return b;
}

const status = $('bv-status');
function setStatus(msg) { if (status) status.textContent = msg; }
