// "Make them pass": the smallest edit of the configuration on screen that
// makes every test pass (corsplay.makePass; from an empty configuration,
// a synthesized one), shown as a line diff with Apply — or, when the tests
// want opposite things, the conflict in words. makePass runs in the module
// fetched on first need (corsplay-iac.wasm): the first click shows
// "Loading…" while it comes, and typing goes on meanwhile. Apply replaces the text
// through undo.js, so Undo here, the state bar's Undo or Ctrl+Z in the
// editor puts the old text back in one step.

import { $, el, str, arr, obj } from './dom.js';
import { engine, diffBlock } from './verdict.js';
import { replacing, lastReplacement, undo } from './undo.js';
import { setConfig } from './fixes.js';
import { actions, below, allTests, fileJSON, configText, onRun } from './tests.js';

const btn = el('button', '', 'Make them pass');
btn.type = 'button';
btn.id = 'make-pass';
btn.setAttribute('aria-describedby', 'make-pass-hint');
const hint = el('span', 'hint', 'the smallest change to the configuration that makes every test pass');
hint.id = 'make-pass-hint';
const wrap = el('div', 'tests-pass');
wrap.append(btn, ' ', hint);
actions.prepend(wrap);

const box = el('div', 'makepass-box');
box.id = 'makepass';
box.setAttribute('role', 'region');
box.setAttribute('aria-label', 'Make them pass');
box.hidden = true;
below.prepend(box);

function action(text, id, fn) {
  const b = el('button', 'small', text);
  b.type = 'button';
  b.id = id;
  b.addEventListener('click', fn);
  return b;
}

function show(nodes) {
  box.replaceChildren(...nodes);
  box.hidden = nodes.length === 0;
}

// Asks makePass about the text on screen and shows its answer; a click
// while an answer is on its way waits for that one.
let asking = false;
function propose() {
  const e = engine();
  if (!e || !allTests().length) {
    show([el('p', '', 'Add a test first: "Expect allowed" or "Expect blocked" turns the request on screen into one.')]);
    return;
  }
  if (asking) return;
  asking = true;
  const old = configText();
  const tests = fileJSON();
  // Shown until the answer comes: the first time, while the module
  // downloads; after that the answer replaces it before the next paint.
  btn.setAttribute('aria-busy', 'true');
  wrap.classList.add('loading');
  show([el('p', 'makepass-loading', 'Loading…')]);
  let answer;
  try {
    answer = Promise.resolve(e.makePass(old, tests));
  } catch (err) {
    answer = Promise.reject(err);
  }
  const done = () => {
    asking = false;
    btn.removeAttribute('aria-busy');
    wrap.classList.remove('loading');
  };
  answer.then((m) => {
    done();
    // Edited while the module was loading: ask again about the new text.
    if (configText() !== old || fileJSON() !== tests) {
      propose();
      return;
    }
    answered(old, m);
  }, (err) => {
    // The module did not load (offline, blocked): the next click tries again.
    done();
    show([el('p', 'error', 'Make them pass could not be loaded: ' + String(err && err.message || err))]);
  });
}

// Shows makePass's answer m for the configuration text old.
function answered(old, m) {
  m = obj(m) || { error: 'The engine returned nothing.' };
  if (m.error) {
    show([el('p', 'error', 'The tests could not be read: ' + str(typeof m.error === 'string' ? m.error : m.error.message))]);
    return;
  }
  const nodes = [];
  const conflicts = arr(m.conflicts);
  if (str(m.config) === '') {
    if (!conflicts.length) {
      show([el('p', 'ok', '✓ Every test already passes: nothing to change.')]);
      return;
    }
    nodes.push(el('p', 'error', '✗ No configuration makes every test pass: the tests ask for opposite things.'));
  } else {
    const total = (Number(m.passed) || 0) + (Number(m.failed) || 0);
    nodes.push(el('p', '', (m.synthesized ? 'A configuration written from the tests' : 'The smallest change found') +
      ': ' + (Number(m.passed) || 0) + '/' + total + ' tests pass with it.'));
    const changes = arr(m.changes).map(str).filter(Boolean);
    if (changes.length) {
      const ul = el('ul', 'makepass-changes');
      for (const c of changes) ul.appendChild(el('li', '', c));
      nodes.push(ul);
    }
    nodes.push(diffBlock(m.diff));
    const config = str(m.config);
    const apply = action('Apply', 'make-pass-apply', () => {
      if (configText() !== old) {
        show([el('p', '', 'The configuration changed since; here is the change for the new text.')]);
        propose();
        return;
      }
      replacing('Made the tests pass', () => {
        // A bucket without a configuration gets the one written for it.
        $('bucket-cors').checked = true;
        setConfig(config);
      }, 'make-pass');
      show([el('p', 'ok', 'Applied. Undo (or Ctrl+Z in the editor) puts the previous configuration back.'),
        action('Undo', 'make-pass-undo', () => {
          if (lastReplacement() === 'make-pass') undo();
          show([]);
          btn.focus();
        })]);
      box.querySelector('#make-pass-undo').focus();
    });
    const cancel = action('Close', 'make-pass-close', () => { show([]); btn.focus(); });
    nodes.push(el('div', 'makepass-actions'));
    nodes[nodes.length - 1].append(apply, ' ', cancel);
  }
  if (conflicts.length) {
    const ul = el('ul', 'makepass-conflicts');
    for (const c of conflicts) ul.appendChild(el('li', '', str(c.text) || str(c.why)));
    nodes.push(el('p', '', conflicts.length === 1 ? 'This cannot hold together:' : 'These cannot hold together:'), ul);
  }
  show(nodes);
  // Focus moves to Apply only from the button (or from nowhere): a person
  // who went back to typing while the module loaded keeps typing.
  const first = box.querySelector('button');
  const at = document.activeElement;
  if (first && (at === btn || at === document.body || at === null)) first.focus();
}
btn.addEventListener('click', propose);

// The button is useful while a test fails.
onRun((rep) => {
  btn.disabled = !allTests().length;
  wrap.classList.toggle('due', !!rep && Number(rep.failed) > 0);
});
