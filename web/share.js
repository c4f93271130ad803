// Share links and the address: the whole state in the URL's fragment
// (#s=…: JSON, deflate-raw, base64url; browsers never send the fragment to
// a server), read back with every field checked; #example=, #embed and
// ?embed; and embed mode's "Open in corsplay" link.

import { $, notice, copy, debounced } from './dom.js';
import { page, SHARE_LIMIT, cleanState, withTests } from './state.js';
import { readState } from './form.js';

function b64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function unb64url(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('it contains characters a share link never has');
  if (s.length > 4 * SHARE_LIMIT) throw new Error('it is too long');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
async function pipe(bytes, stream, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (limit && n > limit) {
      reader.cancel();
      throw new Error('it inflates to more than ' + (limit >> 10) + ' KB');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
async function encodeState(st) {
  const json = new TextEncoder().encode(JSON.stringify(st));
  return b64url(await pipe(json, new CompressionStream('deflate-raw')));
}
export async function decodeState(s) {
  const bytes = unb64url(s);
  let raw;
  try {
    raw = await pipe(bytes, new DecompressionStream('deflate-raw'), SHARE_LIMIT);
  } catch (e) {
    if (/inflates/.test(e.message)) throw e;
    throw new Error('it is not compressed corsplay state');
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch (e) {
    throw new Error('it is not UTF-8 text');
  }
  let x;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new Error('it is not JSON');
  }
  return cleanState(x);
}

function pageURL(embed, data) {
  const base = location.origin + location.pathname;
  return base + '#' + (embed ? 'embed&' : '') + 's=' + data;
}

export async function share() {
  const st = withTests(readState());
  if (st.config.length + (st.tests || '').length > SHARE_LIMIT) {
    notice('This configuration is too large for a share link (over ' + (SHARE_LIMIT >> 10) + ' KB; S3 itself takes at most 64 KB).');
    return;
  }
  let data;
  try {
    data = await encodeState(st);
  } catch (e) {
    notice('Could not make a share link: ' + String(e && e.message || e));
    return;
  }
  const url = pageURL(false, data);
  setStale(false);
  $('share-url').value = url;
  const iframe = document.createElement('iframe');
  iframe.setAttribute('src', pageURL(true, data));
  iframe.setAttribute('title', 'corsplay: S3 CORS playground');
  iframe.setAttribute('width', '100%');
  // Embed mode shows the configuration and the answer side by side (and
  // the fix when blocked): about 530 px at a documentation column's width
  // (TestEmbedShowsTheAnswer measures it).
  iframe.setAttribute('height', '540');
  iframe.setAttribute('loading', 'lazy');
  $('share-embed').value = iframe.outerHTML;
  $('share-box').hidden = false;
  if (url.length > 64000) {
    notice('This link is ' + url.length + ' characters long; some sites and chat tools cut long links.', true);
  }
  history.replaceState(null, '', (isEmbed ? '#embed&s=' : '#s=') + data);
  copy(url, $('share'));
  $('share-url').select();
}

// A share link describes the page when it was made: the first edit after
// it empties the box and says so (the address loses it too: see
// saved.noteEdit), so an old link never looks current.
export function markShareStale() {
  if ($('share-box').hidden || $('share-url').value === '') return;
  setStale(true);
}
function setStale(on) {
  const box = $('share-box');
  box.classList.toggle('stale', on);
  $('share-stale').hidden = !on;
  for (const id of ['share-copy', 'share-embed-copy']) $(id).disabled = on;
  if (on) {
    $('share-url').value = '';
    $('share-embed').value = '';
  }
}

// The address names the example the menu shows, so that it can be
// reloaded and shared as #example=NAME (an edit drops it again).
export function addressExample(name) {
  if (!name) return;
  history.replaceState(null, '', (isEmbed ? '#embed&' : '#') + 'example=' + encodeURIComponent(name));
}

export function parseLocation() {
  const out = { embed: false, s: null, example: null };
  const q = new URLSearchParams(location.search);
  if (q.has('embed')) out.embed = true;
  const h = location.hash.replace(/^#/, '');
  if (h) {
    for (const part of h.split('&')) {
      if (part === 'embed') out.embed = true;
      else if (part.startsWith('s=')) out.s = part.slice(2);
      else if (part.startsWith('example=')) {
        try { out.example = decodeURIComponent(part.slice(8)); } catch (e) { out.example = part.slice(8); }
      }
    }
  }
  return out;
}
export const loc = parseLocation();
export const isEmbed = loc.embed;

export async function updateOpenFull() {
  try {
    $('open-full').href = pageURL(false, await encodeState(withTests(readState())));
  } catch (e) { /* the plain link stays */ }
}
// The embed's "Open in corsplay" link, once the state stops changing.
const openFullSoon = debounced(300, () => updateOpenFull());
export function embedChanged() {
  if (isEmbed && page.engineReady) openFullSoon.push();
}
if (isEmbed) {
  $('open-full').addEventListener('focus', updateOpenFull);
  $('open-full').addEventListener('mouseenter', updateOpenFull);
}
