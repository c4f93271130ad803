// The page's state kept in this browser, so that nothing a person typed is
// lost to a reload, a closed tab or a misclick: after each pause in
// editing, everything the person typed or chose (load.js's snapshot) goes
// to sessionStorage (this tab's own: a reload brings back what this tab
// showed, whatever another tab did meanwhile) and to localStorage (the
// last edit in any tab: what the next visit starts with). Nothing leaves
// the browser. The next visit to the plain address restores it, with a
// visible "Start fresh". An address that names a state (a share link,
// #example=, #gallery=) wins over the saved state and does not overwrite
// it until the person edits; embedded pages keep nothing.
//
// The storage key is the one loader.js's data-saved names: the loader
// reads it before the body is parsed, to mark the pre-drawn default stale
// when a saved state will replace it. A state equal to the default is not
// kept (the key then holds "default" in this tab and nothing across
// visits), so "saved" always means "differs from the pre-drawn page".

import { $, debounced } from './dom.js';
import { isEmbed, markShareStale } from './share.js';
import { snapshot, sameSnapshot, cleanSnapshot, putSnapshot } from './load.js';
import { replacing, say } from './undo.js';

const tag = document.querySelector('script[data-saved]');
const KEY = (tag && tag.dataset.saved) || 'corsplay.page';
const DEFAULT = 'default';
// localStorage holds ≈ 5 MB per origin; a state larger than this (a
// configuration far over S3's 64 KB) is not kept.
const LIMIT = 2 << 20;

let armed = false; // the page's state may be written to storage
let pending = false; // an edit is not saved yet
let defaultSnap = null; // the page as it shows the default example
// The browser panel's fields as the HTML has them (before a restore).
const fetchDefaults = [['fetch-url', $('fetch-url').value], ['fetch-cred', $('fetch-cred').value], ['fetch-browser', $('fetch-browser').value]];

// Storage can be unavailable (blocked cookies, a sandboxed frame) or full:
// the page then works as before, keeping nothing.
function get(store) {
  try {
    return window[store].getItem(KEY);
  } catch (e) {
    return null;
  }
}
function set(store, text) {
  try {
    if (text === null) window[store].removeItem(KEY);
    else window[store].setItem(KEY, text);
  } catch (e) { /* not kept */ }
}

// The saved state this page should start from, or null.
export function savedSnapshot() {
  if (isEmbed) return null;
  let text = get('sessionStorage');
  if (text === null) text = get('localStorage');
  if (text === null || text === DEFAULT || text.length > LIMIT) return null;
  try {
    const x = JSON.parse(text);
    if (!x || x.v !== 1) return null;
    return cleanSnapshot(x.saved);
  } catch (e) {
    return null;
  }
}

// The page is showing the default example, as the plain address does.
export function rememberDefault() {
  defaultSnap = snapshot();
}

// Saving starts: the page shows what the plain address asked for (the
// default, or the restored state).
export function arm() {
  if (!isEmbed) armed = true;
}

function save() {
  pending = false;
  if (!armed) return;
  const s = snapshot();
  let text = DEFAULT;
  if (!defaultSnap || !sameSnapshot(s, defaultSnap)) {
    text = JSON.stringify({ v: 1, saved: s });
    if (text.length > LIMIT) return;
  }
  set('sessionStorage', text);
  set('localStorage', text === DEFAULT ? null : text);
}
const saveSoon = debounced(300, save);

// The person edited (typed, chose, replaced, undid): save once editing
// pauses. An address that names a state (a share link, an example, a
// gallery item) describes the page only until it changes: the edit drops
// it, so that a reload brings back the edit instead of the link.
export function noteEdit() {
  markShareStale();
  if (isEmbed) return;
  armed = true;
  // An exercise's address stays: it is where the exercise keeps its own
  // progress (exercise.js).
  if ((location.hash.length > 1 && !location.hash.startsWith('#exercise=')) || location.search) history.replaceState(null, '', location.pathname);
  pending = true;
  saveSoon.push();
}

// Writes a pending save at once (the page is being left).
function flush() {
  if (!pending) return;
  saveSoon.cancel();
  save();
}
addEventListener('pagehide', flush);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flush();
});

// Puts a saved state on the page and says so, with the way back to the
// default example.
export function restore(s, showDefault) {
  putSnapshot(s);
  arm();
  say('Restored your configuration and request from your last visit (kept in this browser only, never sent anywhere).',
    'Start fresh', () => startFresh(showDefault));
}

function startFresh(showDefault) {
  replacing('Started fresh with the default example', () => {
    for (const [id, v] of fetchDefaults) $(id).value = v;
    showDefault();
    rememberDefault();
  }, 'fresh');
  $('config').focus();
}
