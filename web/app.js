// corsplay page: the editor, the request form and the results, driven by the
// engine that loader.js exposes as window.corsplay (Go compiled to wasm).
//
// Rules this file keeps:
//   - Text the user typed (or a share link carried) is never inserted as HTML:
//     textContent and createElement only. The one innerHTML source is
//     corsplay.highlight's output (chroma, which escapes every byte), and the
//     build-time prerender of the same function.
//   - Every keystroke is evaluated synchronously; the time from the input
//     event to the updated DOM is pushed to window.corsplayPerf (ms).
//   - Nothing is shown that the engine did not compute: before the engine is
//     ready the page shows the build-time result of the default example
//     (window.corsplayPrerender, computed natively by the same Go code).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const marks = window.marks || (window.marks = {});
  const perf = window.corsplayPerf || (window.corsplayPerf = []);
  $('example').disabled = true; // until the engine is ready
  // Of each keystroke's time, the part spent inside corsplay.evaluate.
  const perfEngine = window.corsplayPerfEngine || (window.corsplayPerfEngine = []);
  // The time each drawing of the panels after a keystroke's frame took.
  const perfPanels = window.corsplayPerfPanels || (window.corsplayPerfPanels = []);
  const pre = window.corsplayPrerender || null;
  const examples = (pre && Array.isArray(pre.examples)) ? pre.examples : [];

  // Above this size the editor shows plain text: the engine refuses the
  // configuration anyway (S3 takes at most 64 KB) and highlighting a huge
  // paste would freeze the page.
  const HIGHLIGHT_LIMIT = 256 * 1024;
  // Above this size evaluation waits for a pause in typing.
  const DEFER_LIMIT = 512 * 1024;
  // A share link holds at most this much state once inflated.
  const SHARE_LIMIT = 1 << 20;
  // A configuration this much over S3's 64 KB limit goes to the engine cut
  // to this length: S3's answer to an oversized body depends only on its
  // size being over the limit (400 MaxMessageLengthExceeded), and copying
  // megabytes through JSON into the wasm takes seconds.
  const SEND_LIMIT = 1 << 20;
  const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
  const FORMAT_NAMES = {
    'xml': 'PutBucketCors XML',
    'cli-json': 'aws-cli JSON',
    'console-json': 'S3 console JSON',
    'none': 'not recognised',
  };

  let engineReady = false;
  let last = null; // last result rendered
  // True while the screen shows the build-time result and nothing has
  // changed since: the engine would compute exactly that again.
  let fromPrerender = false;

  // ---------- small DOM helpers ----------

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }
  function notice(msg, info) {
    const n = $('notice');
    n.textContent = msg;
    n.classList.toggle('info', !!info);
    n.hidden = !msg;
  }
  function str(v) { return typeof v === 'string' ? v : ''; }
  function num(v) { return typeof v === 'number' && isFinite(v) ? v : 0; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }

  // Highlighted HTML from the engine, parsed into nodes. This is the only
  // place HTML strings become DOM.
  const tpl = document.createElement('template');
  function engineHTML(html) {
    tpl.innerHTML = typeof html === 'string' ? html : '';
    const frag = tpl.content;
    tpl.content.querySelectorAll('script,style,iframe,object,embed,img,link').forEach((n) => n.remove());
    return document.importNode(frag, true);
  }
  function highlight(text, lang) {
    if (!engineReady) return null;
    try {
      return window.corsplay.highlight(text, lang);
    } catch (e) {
      return null;
    }
  }
  function plainPre(text) {
    const p = el('pre', 'chroma');
    p.textContent = text;
    return p;
  }
  function setHighlighted(container, text, lang, html) {
    if (html === undefined) html = highlight(text, lang);
    container.replaceChildren(html ? engineHTML(html) : plainPre(text));
  }

  // ---------- the editor ----------

  const ta = $('config');
  const editor = $('editor');
  const hl = $('hl');
  const bands = $('bands');
  const textLayer = $('text-layer');
  const marksLayer = $('marks');
  const gutterInner = $('gutter-inner');
  const gutterNums = $('gutter-nums');
  const gutterMarks = $('gutter-marks');

  const ed = {
    lines: [''],      // the text's lines as last rendered in the highlight layer
    text: '',         // that text (null: not rendered line by line)
    lineEls: [],      // one element per line in #hl
    lineHTML: [],     // each line's highlighted HTML as the highlighter wrote it
    lang: '',
    plain: true,      // true: no highlight layer, the textarea shows its text
    numbered: 0,      // lines in the gutter
    dirty: false,     // lines were highlighted piecewise: a full pass is due
    charW: 7.82671875, // 13px DejaVu Sans Mono or Menlo, as measured: the first frame confirms it
    lineH: 20,
    pad: 8,
  };

  function guessLang(text) {
    const m = /[^ \t\r\n]/.exec(text);
    return m && m[0] === '<' ? 'xml' : 'json';
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
  function renderEditor(text, full, html) {
    if (text.length > HIGHLIGHT_LIMIT) {
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
    if (!full && html === undefined && engineReady && !ed.plain && ed.text !== null && guessLang(text) === ed.lang) {
      renderEdit(text);
      return;
    }
    const lines = text.split('\n');
    updateGutter(lines.length);
    if (!engineReady && html === undefined) {
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
    if (ed.dirty && engineReady) renderEditor(ta.value, true);
  });

  // debounced(ms, fn).push() calls fn once ms have passed since the last
  // push. Pushing moves a deadline instead of clearing and setting a timer
  // at every keystroke, which cost more than the rest of some keystrokes.
  function debounced(ms, fn) {
    let due = 0;
    let timer = 0;
    const tick = () => {
      const wait = due - performance.now();
      if (wait > 1) {
        timer = setTimeout(tick, wait);
        return;
      }
      timer = 0;
      fn();
    };
    return {
      push() {
        due = performance.now() + ms;
        if (!timer) timer = setTimeout(tick, ms);
      },
      cancel() {
        clearTimeout(timer);
        timer = 0;
      },
    };
  }

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
  function syncScroll() {
    const x = ta.scrollLeft;
    const y = ta.scrollTop;
    scrolledAway = x !== 0 || y !== 0;
    textLayer.style.transform = 'translate(' + (-x) + 'px,' + (-y) + 'px)';
    bands.style.transform = 'translateY(' + (-y) + 'px)';
    gutterInner.style.transform = 'translateY(' + (-y) + 'px)';
  }

  function measure() {
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

  function goTo(line, col, endLine, endCol) {
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
  function updateCaret() {
    const v = ta.value;
    const pos = ta.selectionStart;
    if (v.length > HIGHLIGHT_LIMIT) {
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
    const val = last && obj(last.validation);
    for (const p of val ? arr(val.problems) : []) {
      if (num(p.line) === line) on.push(SEV_MARK[p.severity === 'error' ? 'error' : 'warning'] + str(p.message));
    }
    for (const p of arr(last && last.lint)) {
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
  function findings(res) {
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
  const SEV_MARK = { error: '✗ ', warning: '⚠ ', info: 'ℹ ' };

  // ---------- marks in the editor: matched rule, problems ----------

  let marksKey = '';
  function renderMarks(res) {
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
      const lab = el('span', 'band-label', label);
      b.appendChild(lab);
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
      if (line < 1) continue;
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
      a.push(str(p.message));
      annots.set(line, a);
      if (!sevs.has(line) || rank[sev] > rank[sevs.get(line)]) sevs.set(line, sev);
    }
    for (const [line, msgs] of annots) {
      const text = ed.lines[line - 1] || '';
      const a = el('div', 'annot ' + sevs.get(line), '◀ ' + msgs.join(' · '));
      a.style.top = (P + (line - 1) * L) + 'px';
      a.style.left = (P + (visualCol(text, [...text].length + 1) + 3) * ed.charW) + 'px';
      mEls.push(a);
    }
    marksLayer.replaceChildren(...mEls);
    gutterMarks.replaceChildren(...gEls);
  }

  // ---------- verdict and problems ----------

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
      // Over SEND_LIMIT the engine saw a prefix: count the real size here.
      const size = ta.value.length > SEND_LIMIT ? new Blob([ta.value]).size : num(cfg.size);
      setText(info, 'Read as ' + fmt + (cfg.format !== 'none' ? ', ' + rules + (rules === 1 ? ' rule, ' : ' rules, ') + size + ' bytes.' : '.'));
      if (val.accepted) {
        box.classList.add('ok');
        box.append(el('div', 'verdict-title', '✓ 200 OK — S3 accepts this configuration'),
          el('p', '', 'PutBucketCors would succeed and replace the bucket\'s whole CORS configuration.'));
      } else {
        box.classList.add('bad');
        const e = obj(val.s3Error);
        if (e) {
          box.append(el('div', 'verdict-title', '✗ S3 rejects this configuration: ' + num(e.status) + ' ' + str(e.code)));
          const m = el('p', 'mono');
          m.textContent = str(e.message);
          box.append(m);
        } else {
          box.append(el('div', 'verdict-title', '✗ S3 rejects this configuration'));
        }
        box.append(el('p', '', 'PutBucketCors fails, so the bucket keeps its previous configuration. The evaluation shown is hypothetical: it runs the rules that could be read.'));
      }
      const ce = obj(val.clientError);
      if (ce) {
        box.append(el('p', '', (str(ce.tool) || 'The client') + ' refuses before sending anything: ' + str(ce.message)));
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
        const notes = f.kind === 's3' ?
          [str(p.code), p.verified === false ? 'not yet confirmed against S3' : ''] :
          ['advice: ' + str(p.code), 'S3 accepts this'];
        b.append(el('span', 'where', SEV_MARK[f.sev] + where), document.createTextNode(str(p.message) + ' '),
          el('span', 'code-name', '(' + notes.filter(Boolean).join(', ') + ')'));
        if (num(p.line) > 0) {
          b.addEventListener('click', () => goTo(num(p.line), num(p.column), num(p.endLine), num(p.endColumn)));
        } else {
          b.disabled = true;
        }
        li.appendChild(b);
        if (f.kind === 'lint' && p.fix && p.fix.edit && window.corsplayVerdict) li.appendChild(window.corsplayVerdict.fixButton(p.fix));
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
  function renderResponse(ev, html) {
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

  function renderSummary(res) {
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
    const cls = 'summary ' + summaryClass(ev);
    if (s.className !== cls) s.className = cls;
    // The engine's summary already says when it is hypothetical; say it
    // here only if it does not.
    const hypo = ev && ev.hypothetical && !/hypothetical/i.test(text) ?
      'Hypothetical: S3 would reject this configuration, so no request would ever see it.' : '';
    const evid = ev && obj(ev.evidence) ? str(ev.evidence.source) : '';
    // Kept in the DOM (the page's HTML holds a drawn summary): printable.
    const key = JSON.stringify([text, hypo, evid]);
    if (s.dataset.key === key) return;
    s.dataset.key = key;
    s.replaceChildren(document.createTextNode(text));
    if (hypo) s.appendChild(el('span', 'hypo', hypo));
    const e = $('evidence');
    e.textContent = evid ? 'Evidence: ' + evid : '';
    e.hidden = !evid;
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

  function render(res, html) {
    fromPrerender = false;
    if (!obj(res)) res = { error: { message: 'The engine returned nothing.' } };
    last = res;
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
    if (window.corsplayVerdict) window.corsplayVerdict.render(res);
    if (isEmbed && engineReady) openFullSoon.push();
  }

  // ---------- exports ("apply it") ----------

  const exportSoon = debounced(120, () => renderExport());
  // The embed's "Open in corsplay" link, once the state stops changing.
  const openFullSoon = debounced(300, () => updateOpenFull());
  let exportKey = '';
  function scheduleExport() {
    if (engineReady) exportSoon.push();
  }
  function renderExport() {
    const out = $('export-out');
    const to = $('export-to').value;
    const text = ta.value;
    const key = to + '\u0000' + text;
    if (key === exportKey) return;
    exportKey = key;
    let r;
    try {
      r = window.corsplay.convert(text, to) || {};
    } catch (e) {
      r = { error: String(e && e.message || e) };
    }
    if (r.error) {
      out.replaceChildren(el('p', 'error', '✗ Cannot convert: ' + str(r.error)));
      $('copy-export').disabled = true;
      out.dataset.text = '';
      return;
    }
    const output = str(r.output);
    const lang = to === 'xml' ? 'xml' : to === 'put-request' ? 'http' : (to === 'aws-cli' ? 'text' : 'json');
    setHighlighted(out, output, lang);
    out.dataset.text = output;
    $('copy-export').disabled = false;
  }

  // ---------- the request form ----------

  const headersList = $('headers');

  function addHeaderRow(name, value, focus) {
    const li = el('li');
    const n = el('input', 'hn');
    n.type = 'text';
    n.spellcheck = false;
    n.autocapitalize = 'off';
    n.placeholder = 'Header-Name';
    n.value = name || '';
    n.setAttribute('aria-label', 'Header name');
    const v = el('input', 'hv');
    v.type = 'text';
    v.spellcheck = false;
    v.autocapitalize = 'off';
    v.placeholder = 'value';
    v.value = value || '';
    v.setAttribute('aria-label', 'Header value');
    const rm = el('button', 'small', 'Remove');
    rm.type = 'button';
    rm.setAttribute('aria-label', 'Remove this header');
    rm.addEventListener('click', () => {
      const nextFocus = li.nextElementSibling ? li.nextElementSibling.querySelector('input') : $('add-header');
      li.remove();
      relabelRows();
      onInput();
      nextFocus.focus();
    });
    li.append(n, v, rm);
    headersList.appendChild(li);
    relabelRows();
    if (focus) n.focus();
  }
  function relabelRows() {
    Array.from(headersList.children).forEach((li, i) => {
      const [n, v, b] = li.children;
      n.setAttribute('aria-label', 'Header ' + (i + 1) + ' name');
      v.setAttribute('aria-label', 'Header ' + (i + 1) + ' value');
      b.setAttribute('aria-label', 'Remove header ' + (i + 1));
    });
  }

  function methodValue(sel, other) {
    return $(sel).value === 'other' ? $(other).value : $(sel).value;
  }
  function setMethod(sel, other, v) {
    const s = $(sel);
    const known = v === '' ? s.querySelector('option[value=""]') : METHODS.includes(v);
    if (known) {
      s.value = v;
      $(other).value = '';
    } else {
      s.value = 'other';
      $(other).value = v;
    }
    $(other).hidden = s.value !== 'other';
  }

  // The whole state of the page, as the share link carries it.
  function readState() {
    const kind = $('kind-actual').checked ? 'actual' : 'preflight';
    const target = $('target-bucket').checked ? 'bucket' : $('target-service').checked ? 'service' : 'object';
    const headers = Array.from(headersList.children).map((li) => [li.children[0].value, li.children[1].value]);
    return {
      v: 1,
      config: ta.value,
      exists: $('bucket-exists').checked,
      hasCors: $('bucket-cors').checked,
      kind,
      method: methodValue('method', 'method-other'),
      target,
      origin: $('origin').value,
      acrm: methodValue('acrm', 'acrm-other'),
      acrh: $('acrh').value,
      headers,
      opStatus: parseInt($('op-status').value, 10) || 200,
    };
  }

  function scenarioOf(st) {
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

  // Before the engine is ready, results for another state cannot be shown:
  // say so instead of leaving the build-time result beside other input.
  function showLoadingResults() {
    last = null;
    fromPrerender = false;
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
    bands.replaceChildren();
    marksLayer.replaceChildren();
    gutterMarks.replaceChildren();
    marksKey = '';
  }

  // Writes a state into the form. The state has been validated.
  function applyState(st) {
    if (!engineReady) showLoadingResults();
    ta.value = st.config;
    $('bucket-exists').checked = st.exists;
    $('bucket-cors').checked = st.hasCors;
    $('kind-preflight').checked = st.kind === 'preflight';
    $('kind-actual').checked = st.kind === 'actual';
    setMethod('method', 'method-other', st.method || 'GET');
    $('target-' + st.target).checked = true;
    $('origin').value = st.origin;
    setMethod('acrm', 'acrm-other', st.acrm);
    $('acrh').value = st.acrh;
    headersList.replaceChildren();
    for (const [n, v] of st.headers) addHeaderRow(n, v);
    const opt = $('op-status');
    if (!Array.from(opt.options).some((o) => o.value === String(st.opStatus))) {
      opt.appendChild(el('option', '', String(st.opStatus))).value = String(st.opStatus);
    }
    opt.value = String(st.opStatus);
    kindChanged();
    // Back to the top left, unless the editor is there already: reading or
    // setting a scroll position lays the page out there and then, which at
    // start-up is a whole extra layout (the first) before the first result
    // is even in the page.
    if (scrolledAway) {
      ta.scrollTop = 0;
      ta.scrollLeft = 0;
      syncScroll();
    }
  }

  // Turns an example (or the prerendered initial scenario) into a state.
  function stateOfScenario(sc) {
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
  function cleanState(x) {
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
    return {
      v: 1, config: s('config', SHARE_LIMIT), exists: b('exists'), hasCors: b('hasCors'), kind,
      method: s('method', 8192), target, origin: s('origin', 8192), acrm: s('acrm', 8192), acrh: s('acrh', 8192),
      headers, opStatus,
    };
  }

  function kindChanged() {
    const actual = $('kind-actual').checked;
    $('method-field').hidden = !actual;
    $('status-field').hidden = !actual;
    $('actual-note').hidden = !actual;
  }

  // Switching kinds moves the method between the HTTP method (actual) and
  // Access-Control-Request-Method (preflight), as a browser would send them.
  let stashedAcrh = '';
  function switchKind() {
    const actual = $('kind-actual').checked;
    if (actual) {
      const m = methodValue('acrm', 'acrm-other');
      if (m) setMethod('method', 'method-other', m);
      setMethod('acrm', 'acrm-other', '');
      stashedAcrh = $('acrh').value;
      $('acrh').value = '';
    } else {
      setMethod('acrm', 'acrm-other', methodValue('method', 'method-other') || 'GET');
      if (!$('acrh').value) $('acrh').value = stashedAcrh;
    }
    kindChanged();
  }

  // ---------- evaluation ----------

  // Lint (corsplay's advice) depends only on the configuration and costs
  // more than the rest on a large one, so keystrokes ask the engine to omit
  // it and a second evaluation fills it in once typing pauses. Meanwhile the
  // last lint computed is shown: exact when only the request changed, at
  // most one pause old when the configuration did.
  let lintCache = null; // {cors, lint}
  const lintSoon = debounced(150, () => evaluateNow(true));

  // The scenario on screen, with the script's fetch (verdict.js) if fetch.
  function scenarioNow(fetch) {
    const sc = scenarioOf(readState());
    if (fetch && window.corsplayVerdict) window.corsplayVerdict.augment(sc);
    const c = sc.bucket.cors;
    if (typeof c === 'string' && c.length > SEND_LIMIT) {
      const code = c.charCodeAt(SEND_LIMIT - 1);
      sc.bucket.cors = c.slice(0, code >= 0xd800 && code <= 0xdbff ? SEND_LIMIT - 1 : SEND_LIMIT);
    }
    return sc;
  }

  // What the answers to a keystroke omit until typing pauses (see
  // evaluateNow), and what its first answer omits besides: the rules, as
  // its frame paints only the summary and the response.
  const KEYSTROKE_OMIT = ['lint', 'fix', 'values', 'browser-evaluations', 'rule-checks', 'rule-fields'];
  const FIRST_OMIT = KEYSTROKE_OMIT.concat('rules');

  // A keystroke's answer comes in three steps. First, in the input event,
  // what the next frame paints: the summary and S3's response (the engine
  // is asked for nothing else, and the browser's fetch is left out). Then,
  // right after that frame is painted (at most once per frame), the rules,
  // the editor's bands and marks, the problems, the browser's verdict and
  // the caret line (evaluateNow()). Last, once typing pauses, lint, the fix
  // and every rule's per-field checks (evaluateNow(true)).
  function evaluateFirst() {
    let res;
    try {
      const sc = scenarioNow(false);
      sc.omit = FIRST_OMIT;
      const t0 = performance.now();
      res = window.corsplay.evaluate(sc);
      evaluateNow.ms = performance.now() - t0;
    } catch (e) {
      res = { error: { message: 'The engine failed: ' + String(e && e.message || e) } };
    }
    if (!obj(res)) res = { error: { message: 'The engine returned nothing.' } };
    fromPrerender = false;
    renderSummary(res);
    renderResponse(obj(res.evaluation));
    if (!panelsDue) {
      panelsDue = true;
      root.dataset.panels = 'due'; // for tests: what a person sees a frame later is not drawn yet
      // rAF runs just before the next paint, the timeout just after it.
      requestAnimationFrame(() => setTimeout(() => {
        if (!panelsDue) return; // a full answer drew them meanwhile
        const t0 = performance.now();
        evaluateNow();
        perfPanels.push(performance.now() - t0);
        if (perfPanels.length > 5000) perfPanels.splice(0, perfPanels.length - 5000);
      }, 0));
    }
  }
  let panelsDue = false;

  function evaluateNow(withLint) {
    let res;
    let cors = null;
    if (panelsDue) {
      panelsDue = false; // this answer draws them
      root.dataset.panels = 'drawn';
    }
    try {
      const sc = scenarioNow(true);
      cors = sc.bucket.cors;
      // The page never reads config.rules[].values (most of a large
      // configuration's output), so it never asks for them.
      // Nor the S3 evaluations repeated inside the browser verdict. Lint
      // and the fix (a search over the rules) wait until typing pauses.
      // Nor, at a keystroke, each rule's per-field checks and the rules'
      // values (the page shows the checks from the full answer after the
      // pause, and never reads config.rules' values).
      sc.omit = withLint ? ['values', 'browser-evaluations'] : KEYSTROKE_OMIT;
      const t0 = performance.now();
      res = window.corsplay.evaluate(sc);
      evaluateNow.ms = performance.now() - t0;
    } catch (e) {
      res = { error: { message: 'The engine failed: ' + String(e && e.message || e) } };
    }
    const lintLater = () => {
      if (root.dataset.lint !== 'pending') root.dataset.lint = 'pending';
      lintSoon.push();
    };
    if (withLint) {
      lintCache = { cors, lint: res.lint };
      lintSoon.cancel();
      root.dataset.lint = 'fresh';
    } else if (obj(res) && res.lint === undefined && cors !== null && lintCache && lintCache.cors !== null) {
      res.lint = lintCache.lint;
      if (lintCache.cors !== cors) lintLater();
    } else if (cors !== null) {
      lintLater();
    }
    // The full answer (checks per field, lint, the fix) once typing pauses.
    if (!withLint && obj(res) && obj(res.evaluation) && arr(res.evaluation.rules).length) lintLater();
    // A blocked fetch gets its fix from the full evaluation after the pause.
    if (!withLint && obj(res) && obj(res.browser) && !res.browser.allowed) {
      res.fixPending = true;
      lintLater();
    }
    render(res);
    // The first answer the engine computed in this page is on screen (the
    // build-time result before it was the engine's too, computed natively).
    if (marks.live === undefined && engineReady) marks.live = performance.now();
    return res;
  }

  function firstResult() {
    if (marks.firstResult === undefined) marks.firstResult = performance.now();
  }

  // One handler for every input event: evaluate and update synchronously,
  // and record how long it took.
  function onInput(ev) {
    if (!engineReady) return;
    const t0 = performance.now();
    if (!ev || ev.target === ta) renderEditor(ta.value, false);
    clearTimeout(onInput.later);
    if (ta.value.length > DEFER_LIMIT) {
      // Far over S3's 64 KB: handing megabytes to the engine takes a while,
      // so wait until typing pauses instead of blocking every keystroke.
      setText($('summary'), 'Evaluating a ' + Math.round(ta.value.length / 1024) + ' KB configuration…');
      $('summary').dataset.key = '';
      onInput.later = setTimeout(evaluateNow, 300);
    } else {
      evaluateFirst();
    }
    perf.push(performance.now() - t0);
    perfEngine.push(evaluateNow.ms || 0);
    evaluateNow.ms = 0;
    if (perf.length > 5000) {
      perf.splice(0, perf.length - 5000);
      perfEngine.splice(0, perfEngine.length - 5000);
    }
    exampleEdited();
  }

  function exampleEdited() {
    const sel = $('example');
    if (sel.value !== '') {
      sel.value = '';
      setText($('example-desc'), '');
    }
  }

  // ---------- examples ----------

  function fillExamples() {
    const sel = $('example');
    sel.replaceChildren();
    const custom = el('option', '', '(your own configuration)');
    custom.value = '';
    sel.appendChild(custom);
    for (const e of examples) {
      const o = el('option', '', str(e.title) || str(e.name));
      o.value = str(e.name);
      sel.appendChild(o);
    }
  }
  function exampleByName(name) {
    return examples.find((e) => e.name === name) || null;
  }
  function loadExample(e) {
    applyState(stateOfScenario(e.scenario));
    $('example').value = e.name;
    setText($('example-desc'), str(e.description));
    renderEditor(ta.value, true);
    if (engineReady) evaluateNow(true);
  }

  // verdict.js puts pastes and gallery items into the form through this.
  window.corsplayPage = Object.freeze({
    load(sc) {
      applyState(stateOfScenario(sc));
      exampleEdited();
      renderEditor(ta.value, true);
      if (engineReady) evaluateNow(true);
    },
    // Re-evaluates what is on screen (the browser panel's own inputs changed).
    refresh() {
      if (engineReady) evaluateNow(true);
    },
  });

  // ---------- share links ----------

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
  async function decodeState(s) {
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

  async function share() {
    const st = readState();
    if (st.config.length > SHARE_LIMIT) {
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
    $('share-url').value = url;
    const iframe = document.createElement('iframe');
    iframe.setAttribute('src', pageURL(true, data));
    iframe.setAttribute('title', 'corsplay: S3 CORS playground');
    iframe.setAttribute('width', '100%');
    iframe.setAttribute('height', '640');
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

  function copy(text, btn) {
    const done = (ok) => {
      if (!btn) return;
      const old = btn.dataset.label || btn.textContent;
      btn.dataset.label = old;
      btn.textContent = ok ? 'Copied ✓' : 'Copy failed';
      setTimeout(() => { btn.textContent = old; }, 1500);
    };
    // Without the async clipboard (an insecure origin, an iframe without
    // permission), copy through a selection in an off-screen textarea.
    const fallback = () => {
      const t = el('textarea', 'vh');
      t.value = text;
      t.readOnly = true;
      document.body.appendChild(t);
      t.select();
      let ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      t.remove();
      if (btn) btn.focus();
      done(ok);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => done(true), fallback);
    } else {
      fallback();
    }
  }

  // ---------- location: #embed, ?embed, #s=…, #example=… ----------

  function parseLocation() {
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
  const loc = parseLocation();
  const isEmbed = loc.embed;

  // ---------- keyboard in the editor ----------

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
  for (const type of ['keyup', 'click', 'focus']) ta.addEventListener(type, updateCaret);

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

  // ---------- wiring ----------

  ta.addEventListener('input', onInput);
  ta.addEventListener('scroll', syncScroll, { passive: true });
  // Text fields evaluate on input; selects, radios and checkboxes on change
  // (they fire both: once is enough).
  $('request-fs').addEventListener('input', (e) => { if (e.target.type === 'text') onInput(e); });
  $('request-fs').addEventListener('change', (e) => {
    const t = e.target;
    if (t.name === 'kind') switchKind();
    if (t.id === 'method') $('method-other').hidden = t.value !== 'other';
    if (t.id === 'acrm') $('acrm-other').hidden = t.value !== 'other';
    if (t.id === 'method' || t.id === 'acrm') {
      if (t.value === 'other') $(t.id + '-other').focus();
    }
    if (t.type !== 'text') onInput(e);
  });
  for (const id of ['bucket-exists', 'bucket-cors']) $(id).addEventListener('change', onInput);
  $('add-header').addEventListener('click', () => { addHeaderRow('', '', true); onInput(); });
  $('example').addEventListener('change', () => {
    const e = exampleByName($('example').value);
    if (e) loadExample(e);
  });
  $('share').addEventListener('click', share);
  $('share-copy').addEventListener('click', () => copy($('share-url').value, $('share-copy')));
  $('share-embed-copy').addEventListener('click', () => copy($('share-embed').value, $('share-embed-copy')));
  $('copy-response').addEventListener('click', () => copy(last && last.evaluation && last.evaluation.response ? responseText(last.evaluation.response) : '', $('copy-response')));
  $('copy-export').addEventListener('click', () => copy($('export-out').dataset.text || '', $('copy-export')));
  $('export-to').addEventListener('change', renderExport);
  window.addEventListener('resize', () => { measure(); marksKey = ''; if (last) renderMarks(last); });
  window.addEventListener('hashchange', () => {
    const l = parseLocation();
    if (l.s !== null || l.example !== null) start(l, false);
  });

  function setEngineState(s, msg) {
    root.dataset.engine = s;
    setText($('engine-status'), msg);
  }

  function enableInputs(on) {
    ta.readOnly = !on;
    $('example').disabled = !on;
    $('request-fs').disabled = !on;
    $('bucket-exists').disabled = !on;
    $('bucket-cors').disabled = !on;
    $('export-to').disabled = !on;
  }

  // ---------- start ----------

  // Puts the state from the location (or the default example) into the page.
  // Returns a promise that settles when the state is in place.
  // A link that cannot be used gives a message; on the first load the page
  // then shows the default example, later (a link pasted into the address
  // bar of an open page) it keeps what is on screen, so nothing typed is lost.
  async function start(l, initial) {
    notice('');
    const fallback = initial ? ' Showing the default example instead.' : ' Nothing on the page was changed.';
    if (l.s !== null) {
      try {
        const st = await decodeState(l.s);
        applyState(st);
        $('example').value = '';
        setText($('example-desc'), '');
        renderEditor(ta.value, true);
        if (engineReady) evaluateNow(true);
        return;
      } catch (e) {
        notice('This share link could not be read: ' + String(e && e.message || e) + '.' + fallback);
      }
    } else if (l.example !== null) {
      const e = exampleByName(l.example);
      if (e) {
        loadExample(e);
        return;
      }
      notice('There is no example called "' + l.example.slice(0, 80) + '".' + fallback);
    }
    if (initial) showDefault();
  }

  function showDefault() {
    const init = pre && obj(pre.initial);
    if (init && obj(init.scenario)) {
      applyState(stateOfScenario(init.scenario));
      const name = str(init.example);
      const e = exampleByName(name);
      $('example').value = e ? name : '';
      setText($('example-desc'), e ? str(e.description) : '');
      if (engineReady) {
        renderEditor(ta.value, true);
        evaluateNow(true);
      } else if (obj(init.result)) {
        renderEditor(ta.value, true, str(init.configHTML));
        render(init.result, { response: str(init.responseHTML) });
        lintCache = { cors: init.scenario.bucket.cors, lint: init.result.lint };
        firstResult();
        fromPrerender = true;
      }
    } else if (examples.length) {
      loadExample(examples[0]);
    }
  }

  // afterFirstPaint runs fn once the first frame with content has been
  // presented (the browser's first-contentful-paint entry), or at once when
  // now is true. Without paint timing it waits for the next frame; a tab in
  // the background paints nothing, so it never waits more than 300 ms.
  function afterFirstPaint(now, fn) {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      fn();
    };
    if (now) {
      run();
      return;
    }
    setTimeout(run, 300);
    const PO = window.PerformanceObserver;
    if (PO && (PO.supportedEntryTypes || []).includes('paint')) {
      const seen = () => performance.getEntriesByName('first-contentful-paint').length > 0;
      if (seen()) {
        run();
        return;
      }
      const o = new PO(() => {
        if (!seen()) return;
        o.disconnect();
        run();
      });
      o.observe({ type: 'paint' });
    } else {
      requestAnimationFrame(() => setTimeout(run, 0));
    }
  }

  // The page's HTML already shows the default example as this script draws
  // it (index.html): on a plain load, draw it again only after that has
  // been on screen, so that the first frame waits neither for this
  // script's work nor for the layout it causes. The engine is compiled
  // meanwhile; its start waits for the state below, so nothing is lost.
  // Any other address (loader.js marked the HTML stale and the stylesheet
  // hides it) is drawn at once.
  function boot() {
    if (isEmbed) {
      root.classList.add('embed');
      $('open-full').hidden = false;
      $('share').hidden = true;
    }
    fillExamples();
    // The editor's character width, line height and padding: measured in the
    // first frame, where the page is laid out anyway (measuring now would lay
    // it out an extra time before the first result is even in it). Until
    // then the marks use the values app.css sets (--lh, --pad) and a close
    // guess of the width, and are placed again if the guess was off.
    const remeasure = () => {
      const w = ed.charW;
      const h = ed.lineH;
      const p = ed.pad;
      measure();
      if (last && (w !== ed.charW || h !== ed.lineH || p !== ed.pad)) {
        marksKey = '';
        renderMarks(last);
      }
    };
    requestAnimationFrame(remeasure);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(remeasure);
    kindChanged();
    const started = start(loc, true);
    // The state the address asked for is in place (or the default, with a
    // notice): what loader.js hid can be seen.
    const shown = () => { delete root.dataset.prerendered; };
    started.then(shown, shown);

    function fail(msg) {
      setEngineState('failed', 'Engine unavailable.');
      notice(msg);
      enableInputs(false);
    }

    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      fail('This browser cannot run WebAssembly, which corsplay needs: the S3 engine runs inside the page. ' +
        'The result shown was computed when the page was built; use a current Chrome, Firefox, Safari or Edge to edit.');
      return;
    }
    if (!window.corsplay || !window.corsplay.ready) {
      fail('The engine loader (loader.js) did not load, so nothing can be evaluated. Reload the page; if it persists, the site is incomplete.');
      return;
    }

    Promise.all([window.corsplay.ready, started]).then(() => {
      engineReady = true;
      enableInputs(true);
      // The build-time result is the engine's own answer for what is on
      // screen: keep it, and leave the engine's first-call costs to the
      // loader's warm-up instead of the moment the page becomes usable.
      if (fromPrerender) {
        scheduleExport();
      } else {
        renderEditor(ta.value, true);
        evaluateNow(true);
      }
      firstResult();
      if (isEmbed) updateOpenFull();
      setEngineState('ready', 'Engine ready.');
      marks.usable = performance.now();
      // The browser panel asks for its verdict in a task of its own.
      if (window.corsplayVerdict) setTimeout(window.corsplayVerdict.pageReady, 0);
    }, (e) => {
      fail('The engine failed to load: ' + String(e && e.message || e) + '. Reload the page to try again.');
    });
  }
  afterFirstPaint(root.dataset.prerendered === 'stale' || !document.querySelector('script[data-prerendered="default"]'), boot);

  async function updateOpenFull() {
    try {
      $('open-full').href = pageURL(false, await encodeState(readState()));
    } catch (e) { /* the plain link stays */ }
  }
  if (isEmbed) {
    $('open-full').addEventListener('focus', updateOpenFull);
    $('open-full').addEventListener('mouseenter', updateOpenFull);
  }
})();
