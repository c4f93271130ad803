// Terraform files and CloudFormation templates in the editor. When the
// text looks like one (a cheap look at its keywords; the reader decides),
// the second engine module (iacload.js) is fetched once, and from then on
// every evaluation reads the file first: the configuration S3 would
// receive from it goes to the engine as XML (iacScenario), and the
// engine's answer is placed back in the original file (iacResult): the
// rules' bands at their blocks, S3's validation problems, the tool's
// refusals, the unknown values and lint at the places the reader gave.
//
// This module is imported by iachook.js the first time the text looks
// like such a file, so the page's start loads none of it.
//
// The panel under the editor (built here) says what was read, lets a
// person pick one of several configurations by address, and lists every
// value the file leaves unknown with an input for each (Terraform
// variables as -var takes them, CloudFormation parameter values),
// prefilled from a pasted terraform.tfvars. Nothing unknown is guessed:
// a rule with an unknown value is sent without it, and the panel says so.

import { $, el, setText, str, num, arr, obj } from './dom.js';
import { ta } from './editor.js';
import { loadIaC } from './iacload.js';
import { refresh } from './evaluate.js';
import { goTo } from './marks.js';
import { looksIaC } from './iachook.js';

// What the page keeps of it (share links, saved state): the values typed
// and the configuration picked.
const st = { inputs: {}, address: '' };
let mod = null; // {read, tfvars, fix} once loaded
let failed = '';
let cache = { text: null, inputs: '', name: '', answer: null };
let current = null; // {answer, source} of the last read, or null
let kindNow = ''; // what the editor's text looks like: 'terraform', 'cloudformation' or ''

const MAX_TEXT = 2 << 20;
// A read slower than this (ms) waits for a pause in typing.
const SLOW_READ = 4;
let readMs = 0;
let readLater = 0;
let readNow = false;
const READER = { terraform: 'Terraform', cloudformation: 'CloudFormation' };

// ---------- the panel ----------

const panel = el('section', 'iac-panel');
panel.id = 'iac-panel';
panel.hidden = true;
panel.setAttribute('aria-labelledby', 'iac-h');
const title = el('h3', '', 'Terraform / CloudFormation');
title.id = 'iac-h';
const status = el('p', 'iac-status');
status.id = 'iac-status';
status.setAttribute('aria-live', 'polite');
const pickRow = el('p', 'iac-pick-row');
const pickLabel = el('label', '', 'Configuration: ');
const pick = el('select', '');
pick.id = 'iac-pick';
pickLabel.htmlFor = 'iac-pick';
pickRow.append(pickLabel, pick);
const order = el('p', 'iac-order hint');
order.id = 'iac-order';
const varsH = el('h4', '', 'Values the file leaves unknown');
const vars = el('ul', 'iac-vars');
vars.id = 'iac-vars';
const tfv = el('details', 'iac-tfvars');
const tfvSum = el('summary', '', 'Paste terraform.tfvars');
const tfvText = el('textarea', '');
tfvText.id = 'iac-tfvars-text';
tfvText.rows = 4;
tfvText.spellcheck = false;
tfvText.setAttribute('aria-label', 'terraform.tfvars text');
const tfvUse = el('button', '', 'Use these values');
tfvUse.type = 'button';
tfvUse.id = 'iac-tfvars-use';
const tfvMsg = el('span', 'hint');
tfvMsg.id = 'iac-tfvars-msg';
tfv.append(tfvSum, tfvText, tfvUse, ' ', tfvMsg);
panel.append(title, status, pickRow, order, varsH, vars, tfv);
const help = $('editor-help');
help.parentNode.insertBefore(panel, help.nextSibling);

pick.addEventListener('change', () => {
  st.address = pick.value;
  refresh();
});
tfvUse.addEventListener('click', () => {
  if (!mod) return;
  const r = mod.tfvars(tfvText.value);
  if (r.error) {
    setText(tfvMsg, 'Not read: ' + str(r.error));
    return;
  }
  const got = obj(r.inputs) || {};
  const names = Object.keys(got);
  for (const n of names) st.inputs[n] = str(got[n]);
  setText(tfvMsg, names.length + ' value' + (names.length === 1 ? '' : 's') + ' taken: ' + names.join(', '));
  for (const [n, row] of rows) row.input.value = st.inputs[n] === undefined ? '' : st.inputs[n];
  refresh();
});

// One row per name, kept while the panel lives so that typing in its
// input never loses the caret: name → {li, input, where}.
const rows = new Map();
let rowIds = 0; // ids stay unique as rows come and go
function row(name) {
  let r = rows.get(name);
  if (r) return r;
  const li = el('li', 'iac-var');
  const id = 'iac-var-' + rowIds++;
  const label = el('label', '', name);
  label.htmlFor = id;
  const input = el('input', '');
  input.id = id;
  input.dataset.name = name;
  input.spellcheck = false;
  input.autocomplete = 'off';
  input.placeholder = 'unknown';
  input.value = st.inputs[name] === undefined ? '' : st.inputs[name];
  input.addEventListener('input', () => {
    if (input.value === '') delete st.inputs[name];
    else st.inputs[name] = input.value;
    refresh();
  });
  const where = el('span', 'iac-where');
  li.append(label, ' ', input, ' ', where);
  r = { li, input, where };
  rows.set(name, r);
  vars.append(li);
  return r;
}

// The input a reference is given by: a Terraform variable's name, a
// CloudFormation parameter's; none for a local (it follows its inputs).
function inputName(kind, ref) {
  if (kind === 'terraform') return ref.startsWith('var.') ? ref.slice(4) : '';
  return ref;
}

function drawPanel(kind) {
  const a = current && current.answer;
  const s = current && current.source;
  const sources = a ? arr(a.sources) : [];
  pickRow.hidden = sources.length < 2;
  const addrs = sources.map((x) => str(x.address));
  if (pick.options.length !== addrs.length || addrs.some((x, i) => pick.options[i].value !== x)) {
    pick.replaceChildren(...addrs.map((x) => {
      const o = el('option', '', x);
      o.value = x;
      return o;
    }));
  }
  if (s) pick.value = str(s.address);
  // Rule numbers: S3's order (the provider's set order) and the order
  // they are written in, when the two differ.
  const rs = s ? arr(s.rules) : [];
  const moved = rs.filter((r, i) => num(r.written) !== i);
  setText(order, moved.length
    ? 'S3 receives the rules in the provider\'s order, not as written: ' +
      rs.map((r, i) => 'rule ' + (i + 1) + ' is the ' + ordinal(num(r.written) + 1) + ' written').join(', ') + '.'
    : '');
  // Unknowns at their places, and the values given for names this file
  // takes (a value given for another file stays in st.inputs, unshown).
  const known = new Set(a ? arr(a.inputs).map(str) : []);
  for (const n of Object.keys(st.inputs)) if (known.has(n)) row(n);
  const seen = new Set();
  for (const u of s ? arr(s.unknowns) : []) {
    const ref = str(u.ref);
    const name = inputName(kind, ref);
    const key = name || ref;
    const r = name ? row(name) : localRow(ref);
    if (!seen.has(key)) {
      r.where.replaceChildren();
      seen.add(key);
    }
    const at = el('button', 'linklike', 'unknown at ' + num(u.line) + ':' + num(u.column));
    at.type = 'button';
    at.addEventListener('click', () => goTo(num(u.line), num(u.column), num(u.endLine), num(u.endColumn)));
    if (r.where.childNodes.length) r.where.append(', ');
    r.where.append(at);
    r.li.dataset.state = 'unknown';
  }
  for (const [n, r] of rows) {
    if (seen.has(n)) continue;
    if (r.input && !known.has(n) && document.activeElement !== r.input) {
      r.li.remove(); // a name of an earlier file
      rows.delete(n);
    } else if (st.inputs[n] !== undefined) {
      r.li.dataset.state = 'given';
      setText(r.where, 'given');
    } else if (r.input) {
      r.li.dataset.state = 'unused';
      setText(r.where, 'not used now');
    } else {
      r.li.remove();
      rows.delete(n);
    }
  }
  varsH.hidden = rows.size === 0;
}

function ordinal(n) {
  const t = n % 100;
  if (t >= 11 && t <= 13) return n + 'th';
  return n + (['th', 'st', 'nd', 'rd'][n % 10] || 'th');
}

// A row for a reference without an input of its own (a Terraform local).
function localRow(ref) {
  let r = rows.get(ref);
  if (r) return r;
  const li = el('li', 'iac-var', ref + ' ');
  const where = el('span', 'iac-where');
  li.append('(depends on the values above) ', where);
  r = { li, input: null, where };
  rows.set(ref, r);
  vars.append(li);
  return r;
}

let styled = false;
function show() {
  panel.hidden = false;
  if (styled) return;
  styled = true;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'iac.css';
  document.head.appendChild(link);
}

// ---------- into and out of the engine ----------

// The scenario the engine reads: a Terraform file's or template's
// configuration as S3 would receive it. Starts loading the readers the
// first time the text looks like one.
export function iacScenario(sc) {
  const text = typeof sc.bucket.cors === 'string' ? sc.bucket.cors : '';
  const kind = looksIaC(text);
  kindNow = kind;
  if (!kind) {
    current = null;
    if (!panel.hidden) panel.hidden = true;
    return sc;
  }
  if (panel.hidden) show();
  if (!mod) {
    if (failed) {
      setText(status, 'The ' + READER[kind] + ' reader could not be loaded: ' + failed);
    } else {
      panel.dataset.state = 'loading';
      setText(status, 'Loading the ' + READER[kind] + ' reader…');
      loadIaC().then((m) => {
        mod = m;
        panel.dataset.state = 'ready';
        refresh();
      }, (e) => {
        failed = String(e && e.message || e);
        panel.dataset.state = 'failed';
        refresh();
      });
    }
    current = null;
    return sc;
  }
  if (text.length > MAX_TEXT) {
    // The readers take at most 2 MB (Terraform) and 1 MB (templates):
    // say so without copying megabytes into the module at every keystroke.
    current = null;
    setText(status, 'Not read: the file is ' + Math.round(text.length / 1024) + ' KB; the ' + READER[kind] + ' reader takes at most 2 MB.');
    return sc;
  }
  const inputs = JSON.stringify(st.inputs);
  if (cache.text !== text || cache.inputs !== inputs) {
    // A read of a large file takes longer than a keystroke may: while
    // typing, the last read stands (its places may be a few characters
    // off) and the file is read again once typing pauses.
    if (cache.answer && !cache.answer.error && cache.inputs === inputs && readMs > SLOW_READ && !readNow) {
      clearTimeout(readLater);
      readLater = setTimeout(() => {
        readNow = true;
        try {
          refresh();
        } finally {
          readNow = false;
        }
      }, 150);
      panel.dataset.read = 'pending';
    } else {
      clearTimeout(readLater);
      const t0 = performance.now();
      const name = kind === 'terraform' ? 'main.tf' : '';
      cache = { text, inputs, name, answer: mod.read(name, text, inputs) };
      readMs = performance.now() - t0;
      panel.dataset.read = 'fresh';
    }
  }
  const a = cache.answer;
  if (a.error) {
    current = null;
    setText(status, 'Not read as ' + READER[kind] + ': ' + str(a.error));
    return sc;
  }
  const sources = arr(a.sources);
  const s = sources.find((x) => str(x.address) === st.address) || sources[0] || null;
  if (!current || current.answer !== a || current.source !== s) current = { answer: a, source: s, lint: null };
  const k = str(a.kind) === 'terraform' ? 'terraform' : 'cloudformation';
  drawPanel(k);
  if (!s) {
    setText(status, 'Read as ' + READER[k] + ': no S3 CORS configuration in this file.');
    return sc;
  }
  const unknown = arr(s.unknowns).length;
  setText(status, 'Read as ' + READER[k] + ': ' + str(s.address) + ', ' + arr(s.rules).length + ' rule' +
    (arr(s.rules).length === 1 ? '' : 's') + (sources.length > 1 ? ' (' + sources.length + ' configurations in the file)' : '') +
    (unknown ? '. ' + unknown + ' value' + (unknown === 1 ? ' is' : 's are') + ' unknown: the rules are evaluated without ' + (unknown === 1 ? 'it' : 'them') + '; give ' + (unknown === 1 ? 'it' : 'them') + ' below.' : '.'));
  if (str(s.xml) !== '') sc.bucket.cors = str(s.xml);
  return sc;
}

// The browser panel's fix, written into the file by the readers' module
// (its fix; the engine's fix is a new configuration in S3's XML, which
// must not replace the file): "Apply fix" puts the edited file in the
// editor. A change to a value an expression computes (var.x, !Sub…) is
// not made: the panel says what to change by hand, and where.
let fixCache = { key: '', text: null, fix: null };
function fileFix(fx, sc) {
  const name = cache.name;
  const text = cache.text;
  const inputsJSON = cache.inputs;
  const address = str(current.source.address);
  // A read that waits for a pause in typing: the fix would be of older text.
  if (text !== ta.value) return Object.assign({}, fx, { config: undefined, diff: [] });
  const scenarioJSON = JSON.stringify({ bucket: { exists: sc.bucket.exists }, fetch: sc.fetch, browser: sc.browser });
  const key = JSON.stringify([name, inputsJSON, address, scenarioJSON, str(fx.summary)]);
  if (fixCache.key === key && fixCache.text === text) return fixCache.fix;
  const r = mod.fix(name, text, inputsJSON, address, scenarioJSON);
  const what = current.answer.kind === 'terraform' ? 'Terraform file' : 'template';
  let out;
  if (typeof r.text === 'string') {
    out = { summary: str(r.summary), config: r.text, diff: arr(r.diff) };
  } else if (obj(r.refused)) {
    const why = str(r.refused.reason);
    out = { summary: str(r.refused.summary), diff: [], manual: { message: 'Not applied: ' + why + '. Make this change there by hand.',
      line: num(r.refused.line), column: num(r.refused.column) } };
  } else {
    out = { summary: str(fx.summary), diff: [], manual: { message: 'The page cannot write this change into the ' + what + ' (' + str(r.error) + '): make it by hand.' } };
  }
  fixCache = { key, text, fix: out };
  return out;
}

// The engine's answer for that configuration, placed in the original file;
// sc is the scenario it answered (its fetch, for the fix).
export function iacResult(res, sc) {
  const s = current && current.source;
  // The format line says what the editor holds: the file, and the
  // configuration read from it (none yet while the reader loads).
  if (kindNow && obj(res) && obj(res.config)) {
    res.config = Object.assign({}, res.config, { format: s ? str(current.answer.kind) : kindNow, source: s ? str(s.address) : '' });
    if (!s) res.config.rules = [];
  }
  if (!s || !obj(res)) return res;
  const place = (p) => ({ line: num(p.line), column: num(p.column), endLine: num(p.endLine), endColumn: num(p.endColumn) });
  if (obj(res.config)) {
    const rs = arr(s.rules);
    res.config = Object.assign({}, res.config, {
      rules: arr(res.config.rules).map((r, i) => (rs[i] ? Object.assign({}, r, place(rs[i])) : r)),
    });
  }
  const problems = [];
  for (const p of arr(current.answer.problems).concat(arr(s.problems))) {
    problems.push(Object.assign({ severity: 'error', code: 'refused', message: str(p.tool) + ': ' + str(p.message) }, place(p)));
  }
  for (const u of arr(s.unknowns)) {
    problems.push(Object.assign({ severity: 'warning', code: 'unknown', rule: num(u.rule), field: str(u.field),
      message: str(u.ref) + ' is not known here: give its value in the panel under the editor' }, place(u)));
  }
  for (const p of arr(s.validation)) {
    problems.push(Object.assign({ severity: 'error', code: str(p.code), rule: num(p.rule), field: str(p.field), message: str(p.message) }, place(p)));
  }
  if (obj(res.fix) && obj(sc)) res.fix = fileFix(res.fix, sc);
  res.validation = Object.assign({}, obj(res.validation) || {}, { problems });
  // The same array while the file is the same, so the marks are not
  // drawn again for nothing.
  if (!current.lint) current.lint = arr(s.lint).map((w) => Object.assign({ severity: str(w.severity), code: str(w.code), rule: num(w.rule), message: str(w.message) }, place(w)));
  res.lint = current.lint;
  return res;
}

// ---------- page state ----------

// What a share link and the saved state carry (null when nothing).
export function iacState() {
  if (!Object.keys(st.inputs).length && !st.address) return null;
  return { inputs: Object.assign({}, st.inputs), address: st.address };
}

// Takes the values of a state (validated by cleanIaC).
export function iacApply(x) {
  st.inputs = x ? Object.assign({}, x.inputs) : {};
  st.address = x ? x.address : '';
  for (const [n, r] of rows) if (r.input) r.input.value = st.inputs[n] === undefined ? '' : st.inputs[n];
}

// The configuration the exports convert: a Terraform file's or template's
// as S3 would receive it (the one picked), else the text itself.
export function iacConfig(text) {
  const s = current && current.source;
  return s && str(s.xml) !== '' ? str(s.xml) : text;
}
