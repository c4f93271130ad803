// S3's answer and the rules: the one-sentence summary, the response as S3
// sends it, S3's answer to PutBucketCors with the problems listed, and
// every rule in the order S3 tries them with the reason it matches or not.

import { $, el, setText, str, num, arr, obj, setHighlighted, copy } from './dom.js';
import { page } from './state.js';
import { ta } from './editor.js';
import { goTo, updateCaret, findings, renderMarks, clearMarks, SEV_MARK } from './marks.js';
import { readState } from './form.js';
import { scheduleExport } from './exports.js';
import { renderBrowser } from './verdict.js';
import { fixButton } from './fixes.js';
import { embedChanged } from './share.js';

const FORMAT_NAMES = {
  'xml': 'PutBucketCors XML',
  'cli-json': 'aws-cli JSON',
  'console-json': 'S3 console JSON',
  'none': 'not recognised',
  'terraform': 'Terraform',
  'cloudformation': 'CloudFormation',
};

let verdictKey = '';
function renderVerdict(res, st) {
  const cfg = obj(res.config) || {};
  const val = obj(res.validation);
  const box = el('div', 'verdict-box');
  const info = $('format-info');
  if (res.error && !val) {
    box.classList.add('bad');
    box.append(el('div', 'verdict-title', '✗ The engine could not take this input'), el('p', '', str(res.error.message)));
    setText(info, '');
  } else if (!st.hasCors) {
    box.classList.add('na');
    box.append(el('div', 'verdict-title', 'Not applied: the bucket has no CORS configuration'),
      el('p', '', 'Tick "Bucket has a CORS configuration" to put the text above on the bucket.'));
    setText(info, '');
  } else if (!val) {
    box.classList.add('na');
    box.append(el('div', 'verdict-title', 'No verdict'));
  } else {
    const rules = arr(cfg.rules).length;
    const fmt = FORMAT_NAMES[cfg.format] || str(cfg.format);
    const size = num(cfg.size);
    const nRules = rules + (rules === 1 ? ' rule' : ' rules');
    if (cfg.source !== undefined) {
      // A Terraform file or a template (iac.js): what S3 receives from it.
      setText(info, 'Read as ' + fmt + (str(cfg.source) ? ': ' + str(cfg.source) + ', ' + nRules + ', ' + size +
        ' bytes as S3 receives them (XML).' : ': no S3 CORS configuration read from it yet.'));
    } else {
      setText(info, 'Read as ' + fmt + (cfg.format !== 'none' ? ', ' + nRules + ', ' + size + ' bytes.' : '.'));
    }
    if (val.accepted) {
      box.classList.add('ok');
      box.append(el('div', 'verdict-title', '✓ 200 OK — S3 accepts this configuration'),
        el('p', '', 'PutBucketCors would succeed and replace the bucket\'s whole CORS configuration.'));
    } else {
      box.classList.add('bad');
      const e = obj(val.s3Error);
      if (e) {
        box.append(el('div', 'verdict-title', '✗ S3 rejects this configuration: ' + num(e.status) + ' ' + str(e.code)));
        // Plain words first; S3's exact text after, for searching.
        if (str(e.plain)) box.append(el('p', 'plain', str(e.plain)));
        const m = el('p', 'mono exact');
        m.append(el('span', 'exact-label', 'S3 says: '), str(e.message));
        box.append(m);
      } else {
        box.append(el('div', 'verdict-title', '✗ S3 rejects this configuration'));
      }
      box.append(el('p', '', 'PutBucketCors fails, so the bucket keeps its previous configuration. The evaluation shown is hypothetical: it runs the rules that could be read.'));
    }
    const ce = obj(val.clientError);
    if (ce) {
      box.append(el('p', 'plain', str(ce.plain) || ((str(ce.tool) || 'The client') + ' refuses before sending anything.')));
      const m = el('pre', 'mono exact');
      m.append(el('span', 'exact-label', (str(ce.tool) || 'The client') + ' says:\n'), str(ce.message));
      box.append(m);
    }
  }
  const key = box.className + '\u0000' + box.textContent;
  if (key !== verdictKey) {
    verdictKey = key;
    $('verdict').replaceChildren(box);
  }

  const problems = st.hasCors ? findings(res) : [];
  // S3's problems are few: compare them by value. Lint can be hundreds of
  // findings with fixes: it is the same array while it comes from the
  // cache, so compare it by identity.
  const pKey = JSON.stringify(val ? arr(val.problems) : []) + '\u0000' + st.hasCors;
  const lintRef = res && res.lint;
  if (pKey !== renderVerdict.pKey || lintRef !== renderVerdict.lintRef) {
    renderVerdict.pKey = pKey;
    renderVerdict.lintRef = lintRef;
    const items = problems.map((f) => {
      const p = f.p;
      const li = el('li');
      const b = el('button', 'problem ' + f.sev);
      b.type = 'button';
      const where = num(p.line) > 0 ? 'Line ' + num(p.line) + ', column ' + num(p.column) + ': ' : '';
      // Words a newcomer reads first; S3's exact text and the codes
      // (for searching, and for lint's documentation) in small print.
      const notes = f.kind === 's3' ?
        [p.verified === false ? 'not yet confirmed against S3' : '', str(p.code)] :
        ['advice, S3 accepts this', str(p.code)];
      const plain = str(p.plain);
      b.append(el('span', 'where', SEV_MARK[f.sev] + where), document.createTextNode(plain || str(p.message)));
      if (plain && plain !== str(p.message)) b.appendChild(el('span', 'exact', (f.kind === 's3' && p.code !== 'ParamValidation' ? 'S3 says: ' : 'The aws-cli says: ') + str(p.message)));
      b.appendChild(el('span', 'code-name', notes.filter(Boolean).join(' · ')));
      if (num(p.line) > 0) {
        b.addEventListener('click', () => goTo(num(p.line), num(p.column), num(p.endLine), num(p.endColumn)));
      } else {
        b.disabled = true;
      }
      li.appendChild(b);
      if (f.kind === 'lint' && p.fix && p.fix.edit) li.appendChild(fixButton(p.fix));
      return li;
    });
    // Notes (lint at "info") fold away under the errors and warnings.
    const main = [];
    const notes = [];
    problems.forEach((f, i) => (f.sev === 'info' ? notes : main).push(items[i]));
    if (notes.length) {
      const d = el('details', 'notes');
      d.open = renderVerdict.notesOpen === true;
      d.addEventListener('toggle', () => { renderVerdict.notesOpen = d.open; });
      d.appendChild(el('summary', '', 'ℹ ' + notes.length + (notes.length === 1 ? ' note' : ' notes') + ' from corsplay'));
      const ul = el('ul', 'problems');
      ul.append(...notes);
      d.appendChild(ul);
      const li = el('li');
      li.appendChild(d);
      main.push(li);
    }
    $('problems').replaceChildren(...main);
    $('problems-box').hidden = items.length === 0;
  }
}

// ---------- results ----------

function responseText(resp) {
  const lines = ['HTTP/1.1 ' + num(resp.status) + ' ' + str(resp.statusText)];
  for (const h of arr(resp.headers)) {
    if (Array.isArray(h)) lines.push(str(h[0]) + ': ' + str(h[1]));
  }
  return lines.join('\n') + '\n\n' + str(resp.body);
}

let responseKey = null;
export function renderResponse(ev, html) {
  const resp = obj(ev && ev.response);
  const box = $('response');
  if (!resp) {
    if (responseKey !== '') {
      responseKey = '';
      box.replaceChildren(el('p', 'hint', 'No response.'));
    }
    return;
  }
  const text = responseText(resp);
  if (text === responseKey && html === undefined) return;
  responseKey = text;
  setHighlighted(box, text, 'http', html);
  $('copy-response').disabled = false;
}

function summaryClass(ev) {
  if (!ev) return 'neutral';
  if (ev.hypothetical) return 'hypothetical';
  const st = num(ev.response && ev.response.status);
  if (typeof ev.matchedRule === 'number') return 'ok';
  if (st >= 400) return 'bad';
  return 'neutral';
}

// The request in one line, for the answer: what S3 is answering.
function requestLine() {
  const st = readState();
  const from = st.origin.trim() ? ' from ' + st.origin.trim() : ', without Origin';
  const target = { object: 'an object', bucket: 'the bucket', service: 'the S3 endpoint' }[st.target] || 'an object';
  if (st.kind === 'preflight') {
    const m = st.acrm.trim() ? ' for ' + st.acrm.trim() : '';
    const h = st.acrh.trim() ? ', asking for ' + st.acrh.trim() : '';
    return 'Preflight (OPTIONS)' + m + ' to ' + target + from + h;
  }
  const names = st.headers.map((h) => h[0].trim()).filter(Boolean);
  return st.method + ' ' + target + from + (names.length ? ', with ' + names.join(', ') : '');
}

export function renderSummary(res) {
  setText($('answer-request'), requestLine());
  const ev = obj(res.evaluation);
  const s = $('summary');
  let text;
  if (!ev) {
    const se = res.validation && obj(res.validation.s3Error);
    if (res.error) text = 'Nothing evaluated: ' + str(res.error.message);
    else if (se) text = 'Nothing evaluated: S3 refuses this configuration outright (' + num(se.status) + ' ' + str(se.code) + ': ' + str(se.message) + ')';
    else text = 'Nothing evaluated.';
  } else {
    text = str(ev.summary);
  }
  // The answer's status line: what S3 sends, and which rule decided.
  let status = '';
  if (ev && obj(ev.response)) {
    status = num(ev.response.status) + ' ' + str(ev.response.statusText) +
      (typeof ev.matchedRule === 'number' ? ' · rule ' + (ev.matchedRule + 1) : ' · no rule matched');
  }
  setText($('answer-status'), status);
  const cls = 'summary ' + summaryClass(ev);
  if (s.className !== cls) s.className = cls;
  // The engine's summary already says when it is hypothetical; say it
  // here only if it does not.
  const hypo = ev && ev.hypothetical && !/hypothetical/i.test(text) ?
    'Hypothetical: S3 would reject this configuration, so no request would ever see it.' : '';
  // Evidence in plain words; the recorded S3 cases behind it (or the
  // source, for what was not recorded) one click away.
  const ed = ev && obj(ev.evidence);
  const plain = ed ? str(ed.plain) || str(ed.source) : '';
  const cases = ed ? arr(ed.cases).map(str) : [];
  const source = ed && str(ed.plain) && !cases.length ? str(ed.source) : '';
  // Kept in the DOM (the page's HTML holds a drawn summary): printable.
  const key = JSON.stringify([text, hypo, plain, cases, source]);
  if (s.dataset.key === key) return;
  s.dataset.key = key;
  s.replaceChildren(document.createTextNode(text));
  if (hypo) s.appendChild(el('span', 'hypo', hypo));
  const e = $('evidence');
  e.replaceChildren();
  if (plain) {
    e.appendChild(el('span', '', 'Evidence: ' + plain));
    if (cases.length || source) {
      const d = el('details', 'evidence-cases');
      d.appendChild(el('summary', '', cases.length ? (cases.length === 1 ? 'The recorded case' : 'The recorded cases') : 'Where this comes from'));
      if (cases.length) {
        const ul = el('ul');
        for (const c of cases) { const li = el('li'); li.appendChild(el('code', '', c)); ul.appendChild(li); }
        d.appendChild(ul);
      } else {
        d.appendChild(el('p', '', source));
      }
      e.appendChild(d);
    }
  }
  e.hidden = !plain;
}

function check(ok, what, text) {
  const li = el('li', ok ? 'yes' : 'no');
  li.append(el('span', 'mark', ok ? '✓' : '✗'), el('span', 'what', what), el('span', 'why', (ok ? 'yes — ' : 'no — ') + text));
  return li;
}

function ruleItem(i, v, c) {
  const li = el('li', 'rule');
  const matched = !!v.matched;
  if (matched) li.classList.add('matched');
  if (v.skipped) li.classList.add('skipped');
  const head = el('button', 'rule-head');
  head.type = 'button';
  head.title = 'Show rule ' + (i + 1) + ' in the editor';
  const id = c && c.id ? ' (ID ' + c.id + ')' : '';
  let state;
  if (matched) state = el('span', 'state ok-text', '✓ matches — this rule answers');
  else if (v.skipped) state = el('span', 'state muted', '– not reached: an earlier rule matched' + (v.wouldMatch ? ' (it would match too)' : ''));
  else state = el('span', 'state bad-text', '✗ does not match');
  head.append(el('span', '', 'Rule ' + (i + 1) + id), state);
  if (c && num(c.line) > 0) head.addEventListener('click', () => goTo(num(c.line), num(c.column), num(c.endLine), num(c.endColumn)));
  li.appendChild(head);
  if (v.skipped) return li;
  if (v.reason) li.appendChild(el('p', 'rule-reason', v.reason));
  const ul = el('ul', 'checks');
  const o = obj(v.origin);
  if (o) ul.appendChild(check(!!o.ok, 'Origin', str(o.reason) || (str(o.value) + (o.pattern ? ' ~ ' + o.pattern : ''))));
  const m = obj(v.method);
  if (m) ul.appendChild(check(!!m.ok, 'Method', str(m.reason) || str(m.value)));
  for (const h of arr(v.headers)) {
    ul.appendChild(check(!!h.ok, 'Header', str(h.name) + ': ' + (str(h.reason) || str(h.pattern))));
  }
  if (ul.childNodes.length) li.appendChild(ul);
  return li;
}

let ruleCache = [];
function renderRules(res) {
  const ev = obj(res.evaluation);
  const cfgRules = arr(res.config && res.config.rules);
  const rules = ev ? arr(ev.rules) : [];
  const list = $('rules');
  if (rules.length === 0) {
    const msg = ev ? 'No rules to try.' : '';
    if (list.dataset.empty !== msg || ruleCache.length) {
      ruleCache = [];
      list.dataset.empty = msg;
      list.replaceChildren(...(msg ? [el('li', 'hint', msg)] : []));
    }
    return;
  }
  if (list.dataset.empty) {
    list.dataset.empty = '';
    list.replaceChildren();
  }
  const next = [];
  for (let i = 0; i < rules.length; i++) {
    const c = cfgRules[i] || null;
    const v = rules[i];
    // A keystroke's answer is brief (omit "rule-checks"): each rule's
    // verdict and reason, not its per-field checks, which follow once
    // typing pauses. Meanwhile a rule whose verdict did not change keeps
    // its checks on screen, marked as being brought up to date.
    const brief = v.origin === undefined && v.method === undefined;
    const where = [c && c.id, c && c.line, c && c.column, c && c.endLine, c && c.endColumn];
    const head = JSON.stringify([v.index, v.id, v.matched, v.skipped, v.wouldMatch, v.reason, where]);
    const key = brief ? head : JSON.stringify([v, where]);
    const prev = ruleCache[i];
    if (prev && (prev.key === key || (brief && prev.head === head))) {
      prev.li.classList.toggle('pending', brief && prev.key !== key);
      next.push(prev);
      continue;
    }
    const item = { key, head, li: ruleItem(i, v, c) };
    if (brief) item.li.classList.add('pending');
    if (prev) list.replaceChild(item.li, prev.li);
    else list.appendChild(item.li);
    next.push(item);
  }
  for (let i = rules.length; i < ruleCache.length; i++) ruleCache[i].li.remove();
  ruleCache = next;
}

export function render(res, html) {
  page.fromPrerender = false;
  if (!obj(res)) res = { error: { message: 'The engine returned nothing.' } };
  page.last = res;
  renderSummary(res);
  renderResponse(obj(res.evaluation), html && html.response);
  renderPanels(res);
}
function renderPanels(res) {
  const st = readState();
  renderVerdict(res, st);
  renderMarks(res);
  renderRules(res);
  if (document.activeElement === ta) updateCaret();
  scheduleExport();
  renderBrowser(res);
  embedChanged();
}

// Before the engine is ready, results for another state cannot be shown:
// say so instead of leaving the build-time result beside other input.
export function showLoadingResults() {
  page.last = null;
  page.fromPrerender = false;
  const s = $('summary');
  s.className = 'summary neutral';
  s.dataset.key = '';
  s.textContent = 'Engine loading…';
  $('evidence').hidden = true;
  $('verdict').replaceChildren();
  verdictKey = '';
  $('problems-box').hidden = true;
  $('problems').replaceChildren();
  renderVerdict.pKey = undefined;
  $('response').replaceChildren();
  responseKey = null;
  $('rules').replaceChildren();
  ruleCache = [];
  clearMarks();
}


$('copy-response').addEventListener('click', () => {
  const ev = page.last && obj(page.last.evaluation);
  copy(ev && ev.response ? responseText(ev.response) : '', $('copy-response'));
});
