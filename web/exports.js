// Exports ("Apply it"): the configuration converted by the engine to
// PutBucketCors XML, aws-cli JSON, S3 console JSON, the aws s3api command
// or the raw PutBucketCors request, with a Copy button. Converted once the
// text stops changing for a moment.

import { $, el, str, setHighlighted, debounced, copy } from './dom.js';
import { page } from './state.js';
import { ta } from './editor.js';
import { iacConfig } from './iachook.js';

const exportSoon = debounced(120, () => renderExport());
let exportKey = '';
export function scheduleExport() {
  if (page.engineReady) exportSoon.push();
}
function renderExport() {
  const out = $('export-out');
  const to = $('export-to').value;
  const text = iacConfig(ta.value);
  // The command and the request name the bucket the fetch's URL names
  // (the engine keeps only a valid bucket name; else its example bucket).
  const url = $('fetch-url').value.trim();
  const key = to + '\u0000' + url + '\u0000' + text;
  if (key === exportKey) return;
  exportKey = key;
  let r;
  try {
    r = window.corsplay.convert(text, to, url) || {};
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
  const lang = { xml: 'xml', 'put-request': 'http', 'aws-cli': 'text', 'cloudformation-yaml': 'yaml', 'cdk-ts': 'text', 'cdk-python': 'text' }[to] || 'json';
  setHighlighted(out, output, lang);
  out.dataset.text = output;
  $('copy-export').disabled = false;
}

$('copy-export').addEventListener('click', () => copy($('export-out').dataset.text || '', $('copy-export')));
$('export-to').addEventListener('change', renderExport);
$('fetch-url').addEventListener('input', scheduleExport);
