// One-step undo for every action that replaces what a person typed: an
// example, a gallery item, a paste, a fix, "start fresh" (and whatever
// later replaces the text: it calls replacing()). The page keeps the
// state from before the replacement and offers it back in the state bar
// (an aria-live region under the toolbar: "Undo", then "Redo"), and
// Ctrl+Z (⌘Z) in the editor does the same until the person edits again;
// after that the editor's own undo takes over, and the bar's button still
// puts the older state back (offering the newer one as "Redo"), so
// nothing typed is lost either way.

import { $ } from './dom.js';
import { ta } from './editor.js';
import { snapshot, sameSnapshot, putSnapshot } from './load.js';
import { noteEdit } from './saved.js';

const msg = $('state-msg');
const btn = $('state-action');
const bar = $('state-bar');

// What the bar offers: {kind, what, label, snap} — kind 'undo' or 'redo'
// puts snap back; kind 'say' runs fn.
let offer = null;
let applying = false; // a replacement is under way: its input events are not edits
let editedSince = false;

function show(text, action) {
  if (msg.textContent !== text) msg.textContent = text;
  btn.textContent = action || '';
  btn.hidden = !action;
  bar.classList.toggle('on', text !== '');
}

// Shows a message with one action (fn) in the state bar.
export function say(text, action, fn) {
  offer = { kind: 'say', fn };
  show(text, action);
}

// What the last replacement, if it can still be undone, was ('fix',
// 'example', …; '' for none).
export function lastReplacement() {
  return offer && offer.kind === 'undo' ? offer.what : '';
}

function put(snap) {
  applying = true;
  try {
    putSnapshot(snap);
  } finally {
    applying = false;
  }
  editedSince = false;
  noteEdit();
}

// Runs apply, which replaces some or all of what is on the page, and offers
// the state from before it back. label says what happened ("Loaded the
// example …"), for the bar; what names the kind of replacement. Returns
// whether anything changed.
export function replacing(label, apply, what) {
  const before = snapshot();
  const prev = offer;
  // In place before apply: what apply draws (the browser panel's "Undo
  // fix") can ask lastReplacement().
  offer = { kind: 'undo', what: what || '', label, snap: before };
  applying = true;
  try {
    apply();
  } finally {
    applying = false;
  }
  offer = prev;
  return offerBack(before, label, what);
}

// Offers before back, when the page no longer shows it (for replacements
// that finish later, such as opening a share link). Returns whether it did.
export function offerBack(before, label, what) {
  if (sameSnapshot(before, snapshot())) return false;
  offer = { kind: 'undo', what: what || '', label, snap: before };
  editedSince = false;
  show(label + '.', 'Undo');
  noteEdit();
  return true;
}

// Puts back the state from before the last replacement (or, after that,
// the one it replaced).
export function undo() {
  if (!offer || (offer.kind !== 'undo' && offer.kind !== 'redo')) return false;
  const o = offer;
  const now = snapshot();
  if (o.kind === 'undo') {
    offer = { kind: 'redo', what: o.what, label: o.label, snap: now };
    show('Undone: ' + lowerFirst(o.label) + '.', 'Redo');
  } else {
    offer = { kind: 'undo', what: o.what, label: o.label, snap: now };
    show(o.label + ' (again).', 'Undo');
  }
  put(o.snap);
  return true;
}

function lowerFirst(s) {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

// The person changed something: from now on the editor's own undo is the
// one Ctrl+Z reaches.
export function edited() {
  if (!applying) editedSince = true;
}

btn.addEventListener('click', () => {
  if (!offer) return;
  if (offer.kind === 'undo' || offer.kind === 'redo') undo();
  else if (offer.fn) offer.fn();
});

ta.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || editedSince || !offer) return;
  const k = e.key.toLowerCase();
  const isUndo = k === 'z' && !e.shiftKey;
  const isRedo = (k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey);
  if ((isUndo && offer.kind === 'undo') || (isRedo && offer.kind === 'redo')) {
    e.preventDefault();
    undo();
  }
});
