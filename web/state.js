// What the page's modules share, and the page's state as data.
//
// page: whether the engine is ready, the result on screen, and whether
// that is still the build-time one. The state (the share link's format,
// version 1): the configuration text, the bucket, the request; made from
// an example's scenario, validated when it comes from outside (a share
// link, saved state), and turned into the scenario the engine reads.

import { obj, str, num } from './dom.js';

// Above this size the editor shows plain text: the engine refuses the
// configuration anyway (S3 takes at most 64 KB) and highlighting a huge
// paste would freeze the page.
export const HIGHLIGHT_LIMIT = 256 * 1024;
// Above this size, or this many lines, the textarea does not hold the
// text (hugetext.js): Chromium lays out every line of a textarea, and
// 655,000 short lines freeze the tab for a minute.
export const HOLD_LIMIT = 1 << 20;
export const HOLD_LINES = 20000;
// Above this size evaluation waits for a pause in typing.
export const DEFER_LIMIT = 512 * 1024;
// A share link holds at most this much state once inflated.
export const SHARE_LIMIT = 1 << 20;
// A configuration this much over S3's 64 KB limit goes to the engine cut
// to this length: S3's answer to an oversized body depends only on its
// size being over the limit (400 MaxMessageLengthExceeded), and copying
// megabytes through JSON into the wasm takes seconds.
export const SEND_LIMIT = 1 << 20;
export const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

// The size of s in UTF-8 bytes, as S3 counts a configuration: for the
// text over SEND_LIMIT, whose size the engine cannot count from what it
// is sent. The last answer is kept (a huge text is asked about at every
// evaluation, and encoding megabytes takes milliseconds).
let sized = { text: '', bytes: 0 };
export function byteSize(s) {
  if (s !== sized.text) sized = { text: s, bytes: new Blob([s]).size };
  return sized.bytes;
}

export const page = {
  engineReady: false,
  last: null, // last result rendered
  // True while the screen shows the build-time result and nothing has
  // changed since: the engine would compute exactly that again.
  fromPrerender: false,
  // The Tests panel (testpanel.js) sets these: its tests as a share link
  // carries them (or null), and a way to take the tests a link carried
  // (left in pendingTests until the panel is loaded).
  testsText: null,
  takeTests: null,
  pendingTests: null,
};

// The state with the Tests panel's tests, for a share link.
export function withTests(st) {
  const t = page.testsText ? page.testsText() : null;
  if (t !== null) st.tests = t;
  return st;
}

// The build-time result and the examples (prerender.js, computed natively
// by the same Go engine).
export const pre = window.corsplayPrerender || null;
export const examples = (pre && Array.isArray(pre.examples)) ? pre.examples : [];

export function scenarioOf(st) {
  const headers = {};
  const put = (name, value) => {
    const lower = name.toLowerCase();
    for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) delete headers[k];
    headers[name] = value;
  };
  if (st.origin !== '') put('Origin', st.origin);
  if (st.acrm !== '') put('Access-Control-Request-Method', st.acrm);
  if (st.acrh !== '') put('Access-Control-Request-Headers', st.acrh);
  for (const [n, v] of st.headers) if (n.trim() !== '') put(n.trim(), v);
  const request = {
    method: st.kind === 'preflight' ? 'OPTIONS' : (st.method.trim() || 'GET'),
    target: st.target,
    headers,
  };
  if (st.kind === 'actual') request.operationStatus = st.opStatus;
  return { bucket: { exists: st.exists, cors: st.hasCors ? st.config : null }, request };
}


// Turns an example (or the prerendered initial scenario) into a state.
export function stateOfScenario(sc) {
  const b = obj(sc && sc.bucket) || {};
  const r = obj(sc && sc.request) || {};
  const hs = obj(r.headers) || {};
  const st = {
    v: 1, config: typeof b.cors === 'string' ? b.cors : '', exists: b.exists !== false, hasCors: typeof b.cors === 'string',
    kind: r.method === 'OPTIONS' ? 'preflight' : 'actual', method: r.method === 'OPTIONS' ? 'GET' : str(r.method) || 'GET',
    target: ['object', 'bucket', 'service'].includes(r.target) ? r.target : 'object',
    origin: '', acrm: '', acrh: '', headers: [], opStatus: num(r.operationStatus) || 200,
  };
  for (const name of Object.keys(hs)) {
    const v = str(hs[name]);
    const l = name.toLowerCase();
    if (l === 'origin') st.origin = v;
    else if (l === 'access-control-request-method') st.acrm = v;
    else if (l === 'access-control-request-headers') st.acrh = v;
    else st.headers.push([name, v]);
  }
  return st;
}

// Validates untrusted state (from a share link). Returns a clean state or
// throws with a message for a person.
export function cleanState(x) {
  const o = obj(x);
  if (!o || o.v !== 1) throw new Error('it is not a corsplay state (version 1)');
  const s = (k, max) => {
    if (typeof o[k] !== 'string') throw new Error('"' + k + '" is not text');
    if (o[k].length > max) throw new Error('"' + k + '" is too long');
    return o[k];
  };
  const b = (k) => {
    if (typeof o[k] !== 'boolean') throw new Error('"' + k + '" is not true or false');
    return o[k];
  };
  const kind = s('kind', 20);
  if (kind !== 'preflight' && kind !== 'actual') throw new Error('unknown request kind');
  const target = s('target', 20);
  if (!['object', 'bucket', 'service'].includes(target)) throw new Error('unknown target');
  if (!Array.isArray(o.headers) || o.headers.length > 50) throw new Error('"headers" is not a list of at most 50 headers');
  const headers = o.headers.map((h) => {
    if (!Array.isArray(h) || h.length !== 2 || typeof h[0] !== 'string' || typeof h[1] !== 'string' ||
        h[0].length > 8192 || h[1].length > 8192) throw new Error('a header is malformed');
    return [h[0], h[1]];
  });
  const opStatus = o.opStatus;
  if (!Number.isInteger(opStatus) || opStatus < 100 || opStatus > 599) throw new Error('the operation status is not an HTTP status');
  // The Tests panel's tests (the list's JSON), when the link carries
  // them; the engine checks them as it checks an imported file.
  const tests = o.tests === undefined ? undefined : s('tests', SHARE_LIMIT);
  const iac = cleanIaC(o.iac);
  const out = {
    tests,
    v: 1, config: s('config', SHARE_LIMIT), exists: b('exists'), hasCors: b('hasCors'), kind,
    method: s('method', 8192), target, origin: s('origin', 8192), acrm: s('acrm', 8192), acrh: s('acrh', 8192),
    headers, opStatus,
  };
  if (iac) out.iac = iac;
  return out;
}

// Validates the iac part of untrusted state: {inputs: {name: text}, address}.
function cleanIaC(x) {
  if (x === undefined || x === null) return null;
  const o = obj(x);
  if (!o || !obj(o.inputs) || typeof o.address !== 'string' || o.address.length > 1024) throw new Error('"iac" is malformed');
  const names = Object.keys(o.inputs);
  if (names.length > 200) throw new Error('"iac" has too many values');
  const inputs = {};
  for (const n of names) {
    const v = o.inputs[n];
    if (typeof v !== 'string' || n.length > 256 || v.length > 65536) throw new Error('a value in "iac" is malformed');
    inputs[n] = v;
  }
  return { inputs, address: o.address };
}

