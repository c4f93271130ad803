// The hooks evaluate.js, form.js and exports.js call for Terraform files
// and CloudFormation templates, small enough to load with the page: the
// panel and the reading (iac.js) are imported the first time the text
// looks like such a file, the readers' wasm (iacload.js) after that.
// Until then every hook hands its argument back unchanged.

import { refresh } from './evaluate.js';

let impl = null; // iac.js, once imported
let importing = false;
let pending = null; // the values a state carried before iac.js was there

// A first look, cheap enough for every keystroke: Terraform's top-level
// blocks, or a CloudFormation template's keys (YAML, or JSON whose first
// character would otherwise make it an aws-cli configuration). The reader
// decides; this only says whether to ask it.
const TF = /^[ \t]*(resource|module|variable|locals|provider|terraform|data|output)\b[^\n]*\{/m;
const CFN_YAML = /^(AWSTemplateFormatVersion|Resources|Parameters)[ \t]*:/m;
const CFN_JSON = /"(AWSTemplateFormatVersion|Resources)"\s*:/;
export function looksIaC(text) {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const first = head.trimStart()[0];
  if (first === '<' || first === '[' || first === undefined) return '';
  if (first === '{') return CFN_JSON.test(head) ? 'cloudformation' : '';
  if (TF.test(head)) return 'terraform';
  if (CFN_YAML.test(head)) return 'cloudformation';
  return '';
}

// The scenario the engine reads (see iac.js's iacScenario).
export function iacScenario(sc) {
  if (impl) return impl.iacScenario(sc);
  if (!importing && typeof sc.bucket.cors === 'string' && looksIaC(sc.bucket.cors)) {
    importing = true;
    import('./iac.js').then((m) => {
      impl = m;
      m.iacApply(pending);
      refresh();
    }, () => {
      importing = false; // tried again at the next evaluation
    });
  }
  return sc;
}

export function iacResult(res, sc) {
  return impl ? impl.iacResult(res, sc) : res;
}

export function iacConfig(text) {
  return impl ? impl.iacConfig(text) : text;
}

export function iacState() {
  return impl ? impl.iacState() : pending;
}

export function iacApply(x) {
  pending = x || null;
  if (impl) impl.iacApply(x);
}
