// decision-ledger's verifier page. Every check is made by the Rust verifier (crates/ledger-wasm:
// the code `dledger verify`, `verify-receipt` and `verify-proof` run, compiled to WebAssembly);
// this script only reads the files you choose, hands their bytes to it and shows its answers.
// Nothing is sent anywhere: the page's Content-Security-Policy forbids it.
'use strict';
(function () {
  const T = window.uiText;
  const body = document.body;
  const input = document.getElementById('input');
  const trust = document.getElementById('trust');
  const results = document.getElementById('results');
  const status = document.getElementById('status');
  const drop = document.getElementById('drop');
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const CHUNK = 4 << 20;
  let verifier = null;
  let run = 0;
  let last = null; // the files and trust anchor of the last check: the same again is not rerun

  function say(text) { status.textContent = text; }

  async function load() {
    if (verifier) return verifier;
    const inline = document.getElementById('verifier-wasm');
    let bytes;
    if (inline) {
      const bin = atob(inline.textContent.replace(/\s+/g, ''));
      bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    } else {
      const r = await fetch(body.dataset.wasm);
      if (!r.ok) throw new Error('the verifier could not be loaded: HTTP ' + r.status);
      bytes = await r.arrayBuffer();
    }
    verifier = await dledgerVerifier.instantiate(bytes);
    return verifier;
  }

  const put = dledgerVerifier.put;
  const answer = dledgerVerifier.answer;
  const call2 = dledgerVerifier.call2;
  const enc = (s) => new TextEncoder().encode(s);
  async function bytesOf(file) { return new Uint8Array(await file.arrayBuffer()); }

  // What a file is, from its name and first bytes.
  async function kindOf(file) {
    const head = new TextDecoder().decode(new Uint8Array(await file.slice(0, 4096).arrayBuffer()));
    if (file.name === 'entries.jsonl' || head.startsWith('{"index":')) return 'entries';
    if (head.startsWith('c2sp.org/tlog-proof@v1\n')) return 'proof';
    if (head.startsWith('{') && head.includes('"decision_id":')) {
      // a receipt's keys are in sorted order: its format comes after its entries
      try {
        const v = JSON.parse(await file.text());
        if (typeof v.format === 'string' && v.format.startsWith('dledger-receipt/')) return 'receipt';
      } catch (e) { /* not JSON: a document */ }
    }
    if (file.name === 'checkpoint' || /^[^\n]+\n\d+\n[A-Za-z0-9+/=]+\n\n\u2014 /.test(head)) return 'checkpoint';
    if (file.name === 'log.vkey') return 'logvkey';
    return 'document';
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  function mark(ok) {
    if (ok === true) return el('span', { class: 'mark ok', 'aria-label': T('js-verify-passed') }, '\u2713');
    if (ok === false) return el('span', { class: 'mark bad', 'aria-label': T('js-verify-failed') }, '\u2717');
    return el('span', { class: 'mark none', 'aria-label': T('js-verify-not-checked') }, '\u2013');
  }
  const VERDICT = {
    within_scope: ['badge within', '\u2713 ' + T('js-verify-within-scope')],
    out_of_scope: ['badge out', '\u2717 ' + T('js-verify-out-of-scope')],
    in_person: ['badge person', '\u25cf ' + T('js-verify-in-person')],
  };
  const SEVERITY = {
    violation: ['badge out', '\u2717 ' + T('js-verify-violation')],
    advisory: ['badge advisory', '! ' + T('js-verify-advisory')],
    info: ['badge info', 'i ' + T('js-verify-info')],
  };
  function entryLink(i) {
    return served ? el('a', { href: '/entries/' + i }, T('js-verify-entry', { index: i })) : T('js-verify-entry', { index: i });
  }

  function card(title, outcome) {
    const ok = outcome.ok;
    const c = el('section', { class: 'card result', 'data-kind': outcome.kind, 'data-ok': String(ok) });
    c.append(el('h2', {}, mark(ok), ' ', title));
    c.append(el('p', { class: 'summary', lang: 'en', dir: 'ltr' }, outcome.summary));
    const list = el('ol', { class: 'checks' });
    for (const ch of outcome.checks) {
      const state = ch.ok === true ? 'passed' : ch.ok === false ? 'failed' : 'not-reached';
      list.append(el('li', { 'data-check': ch.name, 'data-state': state, lang: 'en', dir: 'ltr' },
        mark(ch.ok), ' ', el('strong', {}, ch.name), ch.detail ? ': ' + ch.detail : ''));
    }
    c.append(list);
    const d = outcome.details;
    if (ok && outcome.kind === 'receipt' && d) {
      const [cls, word] = VERDICT[d.verdict] || ['badge', d.verdict];
      c.append(el('p', { class: 'verdict' }, el('span', { class: cls, 'data-verdict': d.verdict }, word),
        ' ', T('js-verify-decision-line', { id: d.decision_id, category: d.category, venue: d.venue, meeting: d.meeting_id })));
      for (const cov of d.completeness || []) {
        c.append(el('p', { class: 'coverage', 'data-late': String(cov.late), lang: 'en', dir: 'ltr' }, cov.text));
      }
      if (d.findings.length) {
        const ul = el('ul', { class: 'findings' });
        for (const f of d.findings) {
          const [scls, sword] = SEVERITY[f.severity] || ['badge', f.severity];
          ul.append(el('li', { 'data-rule': f.rule }, el('span', { class: scls }, sword), ' ',
            el('code', {}, f.rule), ' ', el('span', { lang: 'en', dir: 'ltr' }, f.message),
            el('p', { class: 'meta' }, T('js-verify-subject'), ' ', el('code', {}, f.subject), ', ', T('js-verify-evidence'), ' ',
              f.evidence.map((i, k) => [k ? ', ' : '', entryLink(i)]))));
        }
        c.append(el('h3', {}, T('js-verify-findings')), ul);
      } else {
        c.append(el('p', {}, T('js-verify-no-finding')));
      }
    }
    if (ok && outcome.kind === 'proof' && d) {
      c.append(el('p', {}, entryLink(d.index), ' ', T('js-verify-proof-line', { type: d.type, id: d.id, at: d.recorded_at, size: d.size })));
      c.append(el('pre', { class: 'wrap' }, d.line));
    }
    if (ok && outcome.kind === 'export' && d) {
      const counts = {};
      for (const x of d.decisions) counts[x.verdict] = (counts[x.verdict] || 0) + 1;
      c.append(el('p', {}, T('js-verify-export-line', { size: d.size }), ' ', el('code', {}, d.root), '. ', T('js-verify-decisions'), ' ',
        Object.entries(counts).map(([v, n], k) => [k ? ', ' : '', `${n} ${T('js-verify-' + v.replace(/_/g, '-'))}`])
          .concat(d.decisions.length ? [] : [T('js-verify-none')]), '.'));
    }
    if (ok && outcome.named && outcome.named.length) {
      c.append(el('p', { class: 'meta' }, T('js-verify-named', { count: outcome.named.length })));
    }
    return c;
  }

  async function checkExport(w, entries, checkpoint, t) {
    w.dl_export_begin();
    let done = 0;
    for (let at = 0; at < entries.size; at += CHUNK) {
      const part = new Uint8Array(await entries.slice(at, at + CHUNK).arrayBuffer());
      const x = put(w, part);
      try { done = Number(w.dl_export_push(x[0], x[1])); } finally { w.dl_free(x[0], x[1]); }
      say(T('js-verify-progress', { done, percent: Math.min(100, Math.round(100 * (at + part.length) / entries.size)) }));
      await new Promise((r) => setTimeout(r, 0));
    }
    return call2(w, 'dl_export_finish', await bytesOf(checkpoint), enc(t));
  }

  async function digestOf(w, file) {
    w.dl_digest_begin();
    for (let at = 0; at < file.size; at += CHUNK) {
      const x = put(w, new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer()));
      try { w.dl_digest_push(x[0], x[1]); } finally { w.dl_free(x[0], x[1]); }
    }
    w.dl_digest_finish();
    return answer(w);
  }

  function documentCard(file, digest, matches, proven) {
    const ok = matches.length > 0;
    const c = el('section', { class: 'card result', 'data-kind': 'document', 'data-ok': String(ok), 'data-digest': digest });
    c.append(el('h2', {}, mark(ok), ' ', T('js-verify-document'), ' ', el('code', {}, file.name)));
    c.append(el('p', {}, T('js-verify-its-digest'), ' ', el('code', { class: 'wrap', dir: 'ltr' }, digest)));
    if (ok) {
      const ul = el('ul', { class: 'named' });
      for (const m of matches) {
        ul.append(el('li', { 'data-index': String(m.index) }, entryLink(m.index), ' ',
          T('js-verify-names-it', { field: m.field, type: m.type, id: m.id })));
      }
      c.append(el('p', { class: 'summary' }, T('js-verify-doc-match')), ul);
    } else if (proven === 0) {
      c.append(el('p', { class: 'summary' }, T('js-verify-doc-none-proven')));
    } else {
      c.append(el('p', { class: 'summary' }, T('js-verify-doc-no-match', { count: proven })));
    }
    return c;
  }

  async function check() {
    const files = Array.from(input.files || []);
    const t = trust.value;
    if (last && last.t === t && last.files.length === files.length && last.files.every((f, i) => f === files[i])) return;
    last = { t, files };
    const mine = ++run;
    body.removeAttribute('data-result');
    results.replaceChildren();
    if (!files.length || !t.trim()) {
      body.dataset.state = 'waiting';
      say(!files.length && !t.trim() ? T('js-verify-choose')
        : !files.length ? T('js-verify-choose-files')
          : T('js-verify-paste-trust'));
      return;
    }
    body.dataset.state = 'checking';
    say(T('js-verify-checking'));
    let w;
    try { w = await load(); } catch (e) {
      say(String(e.message || e));
      body.dataset.state = 'done';
      body.dataset.result = 'failed';
      return;
    }
    const kinds = [];
    for (const f of files) kinds.push([f, await kindOf(f)]);
    const of = (k) => kinds.filter(([, x]) => x === k).map(([f]) => f);
    const outcomes = [];
    const named = [];
    const show = (title, o) => {
      if (mine !== run) return;
      outcomes.push(o.ok);
      if (o.ok && o.named) named.push(...o.named);
      results.append(card(title, o));
    };
    for (const f of of('receipt')) show(T('js-verify-receipt-title', { name: f.name }), call2(w, 'dl_check_receipt', await bytesOf(f), enc(t)));
    for (const f of of('proof')) show(T('js-verify-proof-title', { name: f.name }), call2(w, 'dl_check_proof', await bytesOf(f), enc(t)));
    const entries = of('entries'), cps = of('checkpoint');
    if (entries.length || cps.length) {
      if (entries.length === 1 && cps.length === 1) {
        show(T('js-verify-export-title', { entries: entries[0].name, checkpoint: cps[0].name }), await checkExport(w, entries[0], cps[0], t));
      } else {
        show(T('js-verify-export'), {
          kind: 'export', ok: false, summary: 'an export is checked from its two files at once: choose entries.jsonl and checkpoint together (one of each)',
          checks: [{ name: 'export files', ok: false, detail: `${entries.length} entries file(s) and ${cps.length} checkpoint(s) chosen` }],
          details: null, named: [],
        });
      }
    }
    for (const f of of('logvkey')) {
      if (mine !== run) return;
      results.append(el('section', { class: 'card result', 'data-kind': 'ignored' }, el('h2', {}, mark(null), ' ', f.name),
        el('p', {}, T('js-verify-vkey-ignored'))));
    }
    for (const f of of('document')) {
      const digest = await digestOf(w, f);
      const matches = named.filter((n) => n.digest === digest);
      if (mine !== run) return;
      outcomes.push(matches.length > 0);
      results.append(documentCard(f, digest, matches, new Set(named.map((n) => n.digest)).size));
    }
    if (mine !== run) return;
    const good = outcomes.length > 0 && outcomes.every(Boolean);
    body.dataset.state = 'done';
    body.dataset.result = good ? 'verified' : 'failed';
    const bad = outcomes.filter((x) => !x).length;
    say(good ? T('js-verify-verified', { count: outcomes.length })
      : T('js-verify-failed-count', { bad, count: outcomes.length }));
  }

  function later() { check().catch((e) => { say(T('js-verify-stopped', { error: e.message || e })); body.dataset.result = 'failed'; }); }
  input.addEventListener('change', later);
  let timer = null;
  trust.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(later, 150); });
  if (drop) {
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      input.files = e.dataTransfer.files;
      later();
    });
  }
  later();
})();
