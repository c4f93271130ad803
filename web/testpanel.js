// The Tests panel's entry: app.js imports it once the engine is ready, so
// nothing here delays the page's first result. It puts the panel on the
// page, takes the tests a share link carried (state.js's tests member),
// and keeps the person's own tests in this browser (localStorage
// "corsplay.tests") at the plain address, as saved.js keeps the rest.

import { arr, debounced } from './dom.js';
import { page } from './state.js';
import { isEmbed, markShareStale } from './share.js';
import { mount, setTests, allTests, isReadOnly, runNow } from './tests.js';
import { importText } from './testsedit.js';
import './makepass.js';
import './exercise.js';

const STORE = 'corsplay.tests';

await mount();

// The tests as a share link carries them: the list's JSON, or null.
page.testsText = () => (allTests().length && !isReadOnly() ? JSON.stringify(allTests()) : null);

// Tests from a share link (app.js leaves them in page.pendingTests); the
// engine checks them as it checks an imported file.
page.takeTests = () => {
  const t = page.pendingTests;
  page.pendingTests = null;
  if (typeof t !== 'string') return;
  importText('{"format":"corsplay-tests/1","tests":' + t + '}', 'the share link', true);
};

const keep = debounced(300, () => {
  if (isEmbed || isReadOnly() || location.hash.length > 1) return;
  try {
    const t = page.testsText();
    if (t === null) localStorage.removeItem(STORE);
    else if (t.length <= 1 << 20) localStorage.setItem(STORE, t);
  } catch (e) { /* not kept */ }
});
// A share link made before the change no longer holds these tests.
page.testsChanged = () => {
  markShareStale();
  keep.push();
};

if (typeof page.pendingTests === 'string') {
  page.takeTests();
} else if (!isEmbed && location.hash.length <= 1 && !location.search) {
  let t = null;
  try { t = localStorage.getItem(STORE); } catch (e) { t = null; }
  if (t) {
    try {
      if (arr(JSON.parse(t)).length) importText('{"format":"corsplay-tests/1","tests":' + t + '}', 'your last visit', true);
    } catch (e) { /* not a list: ignored */ }
  }
}
runNow();
