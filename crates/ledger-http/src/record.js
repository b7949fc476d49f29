// decision-ledger's recording page. The form of each event type is built here from the type's
// JSON Schema; the event is signed here with the user's key (WebCrypto Ed25519), which is never
// sent anywhere; the server is asked for a dry run, then for the append; the acknowledgement's
// entry is then checked in the page by the browser verifier (its tlog-proof under the log key).
'use strict';
(function () {
  const T = window.uiText;
  const D = JSON.parse(document.getElementById('record-data').textContent);
  const $ = (id) => document.getElementById(id);
  const form = $('fields'), typeSel = $('type'), errors = $('errors'), notice = $('notice');
  const PAYLOAD_TYPE = 'application/vnd.dledger.event+json';
  const enc = new TextEncoder();
  const params = new URLSearchParams(location.search);
  let signer = null; // { keyId, key (CryptoKey), role info }
  let draft = null; // { payload: Uint8Array, signatures: [{keyid, sig}] } once signed or loaded
  let locked = false; // a loaded draft fixes the payload

  // ---- small helpers
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  const b64 = (bytes) => { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); };
  const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const words = (name) => {
    const w = name.replace(/_id$/, '').replace(/_ids$/, 's').replace(/_at$/, ' (time)').replace(/_on$/, ' (date)').replace(/_/g, ' ');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  // A field's name in the page's language (field-…), or made from the schema's name.
  const fieldName = (name) => { const id = 'field-' + name.replace(/_/g, '-'); return T.has(id) ? T(id) : words(name); };
  // A word of the record's vocabulary in the page's language (w-…), or as recorded.
  const wordOf = (v) => { const id = 'w-' + v.replace(/_/g, '-'); return T.has(id) ? T(id) : v.replace(/_/g, ' '); };
  function say(text) { notice.textContent = text; }
  function fail(lines) {
    errors.replaceChildren();
    if (!lines || !lines.length) return;
    errors.append(el('p', {}, el('strong', {}, T('js-record-nothing-recorded'))), el('ul', {}, lines.map((l) => el('li', {}, l))));
  }

  // ---- the form, from the schema
  const schemaOf = (t) => D.schemas[t];
  function resolve(s, root) {
    while (s && s.$ref) s = root.$defs[s.$ref.replace('#/$defs/', '')];
    return s || {};
  }
  const types = (s) => [].concat(s.type || []);
  function pickerFor(name) { return D.pickers[name] ? 'pick-' + name : null; }
  function datalists() {
    const host = $('pickers') || document.body.appendChild(el('div', { id: 'pickers', hidden: true }));
    host.replaceChildren();
    for (const [name, items] of Object.entries(D.pickers)) {
      host.append(el('datalist', { id: 'pick-' + name }, items.map(([id, label]) => el('option', { value: id }, label))));
    }
  }

  function control(path, name, s, root, required) {
    s = resolve(s, root);
    const id = 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
    const help = s.description ? el('p', { class: 'help', id: id + '-help' }, el('span', { lang: 'en', dir: 'ltr' }, s.description.replace(/\n/g, ' '))) : null;
    const label = el('label', { for: id }, fieldName(name), required ? '' : ' ' + T('js-record-optional'));
    const errorBox = el('p', { class: 'error', id: id + '-error' });
    const common = { id, name: path, 'aria-describedby': [help && id + '-help', id + '-error'].filter(Boolean).join(' '), required: required || undefined };
    let input;
    if (s.enum) {
      input = el('select', common, required ? null : el('option', { value: '' }, '—'), s.enum.filter((v) => v !== null).map((v) => el('option', { value: v }, wordOf(v))));
    } else if (types(s).includes('boolean')) {
      input = el('input', Object.assign({ type: 'checkbox' }, common));
      return el('div', { class: 'fieldrow' }, input, ' ', label, help, errorBox);
    } else if (types(s).includes('integer')) {
      input = el('input', Object.assign({ type: 'number', min: s.minimum ?? undefined, step: 1 }, common));
    } else if (s.pattern && s.pattern.includes('T[0-9]{2}:')) {
      input = el('input', Object.assign({ type: 'text', placeholder: '2026-03-02T14:00:00Z', inputmode: 'text', autocomplete: 'off' }, common));
      help && help.append(' ' + T('js-record-time-help'));
    } else if (s.pattern && s.pattern === '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') {
      input = el('input', Object.assign({ type: 'date' }, common));
    } else {
      input = el('input', Object.assign({ type: 'text', list: pickerFor(name), autocomplete: 'off' }, common));
    }
    return el('div', { class: 'fieldrow' }, label, help, input, errorBox);
  }

  function fields(path, s, root) {
    // an object's fields, each named by its path inside data
    const out = [];
    const props = s.properties || {};
    const req = new Set(s.required || []);
    // the schema's keys are in alphabetical order: ids first reads more naturally
    const rank = (n) => (n.endsWith('_id') ? 0 : n.endsWith('_ids') ? 1 : 2);
    const entries = Object.entries(props).sort((a, b) => rank(a[0]) - rank(b[0]));
    for (const [name, raw] of entries) {
      const p = path ? `${path}.${name}` : name;
      const sub = resolve(raw, root);
      if (types(sub).includes('object') && sub.properties) {
        out.push(el('fieldset', { 'data-path': p, 'data-optional': String(!req.has(name)) }, el('legend', {}, fieldName(name), req.has(name) ? '' : ' ' + T('js-record-optional')),
          sub.description ? el('p', { class: 'help', lang: 'en', dir: 'ltr' }, sub.description.replace(/\n/g, ' ')) : null,
          fields(p, sub, root)));
      } else if (types(sub).includes('array')) {
        out.push(arrayField(p, name, sub, root, req.has(name)));
      } else {
        out.push(control(p, name, raw, root, req.has(name)));
      }
    }
    return out;
  }

  function arrayField(path, name, s, root, required) {
    const items = resolve(s.items || {}, root);
    const list = el('div', { class: 'items' });
    const box = el('fieldset', { 'data-path': path, 'data-array': 'true' }, el('legend', {}, fieldName(name), required ? '' : ' ' + T('js-record-optional')),
      s.description ? el('p', { class: 'help', lang: 'en', dir: 'ltr' }, s.description.replace(/\n/g, ' ')) : null, list);
    const add = () => {
      const i = list.children.length;
      const p = `${path}[${i}]`;
      const row = types(items).includes('object')
        ? el('fieldset', { 'data-path': p }, el('legend', {}, fieldName(name), ` ${i + 1}`), fields(p, items, root))
        : control(p, name, s.items, root, false);
      list.append(row);
      return row;
    };
    const button = el('button', { type: 'button', class: 'add' }, T('js-record-add', { field: fieldName(name) }));
    button.addEventListener('click', () => { add().querySelector('input,select')?.focus(); changed(); });
    box.append(button);
    box.addItem = add;
    add();
    return box;
  }

  function render(type) {
    form.replaceChildren();
    const s = schemaOf(type);
    if (!s) return;
    const data = resolve(s.properties.data, s);
    form.append(...fields('', data, s));
    // a Party answering or objecting now: its time is now (it may change it)
    for (const n of ['received_at', 'responded_at']) {
      const x = form.elements.namedItem(n);
      if (x && !x.value) x.value = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    }
    // prefill from the address: ?type=…&meeting_id=… (the names of the controls)
    for (const [k, v] of params) {
      if (k === 'type') continue;
      if (k === 'stream') { $('stream').value = v; continue; }
      ensurePath(k);
      const input = form.elements.namedItem(k);
      if (input && 'value' in input) input.type === 'checkbox' ? (input.checked = v === 'true') : (input.value = v);
    }
  }

  // Adds array rows up to the index a path names (members[2].party_id needs three rows).
  function ensurePath(path) {
    const m = [...path.matchAll(/([^.[\]]+)\[(\d+)\]/g)];
    let prefix = '';
    for (const [, name, idx] of m) {
      const p = (prefix ? prefix + '.' : '') + name;
      const box = form.querySelector(`fieldset[data-path="${CSS.escape(p)}"][data-array]`);
      if (box) while (box.querySelector('.items').children.length <= Number(idx)) box.addItem();
      prefix = `${p}[${idx}]`;
    }
  }

  // ---- the event's data, from the form
  function setPath(obj, path, value) {
    const keys = [];
    for (const part of path.split('.')) {
      const m = part.match(/^([^[]+)((\[\d+\])*)$/);
      keys.push(m[1]);
      for (const i of (m[2].match(/\d+/g) || [])) keys.push(Number(i));
    }
    let o = obj;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) { o[k] = value; return; }
      if (o[k] === undefined) o[k] = typeof keys[i + 1] === 'number' ? [] : {};
      o = o[k];
    });
  }
  function prune(v) {
    // drops empty strings, empty optional objects and empty array slots
    if (Array.isArray(v)) {
      const a = v.map(prune).filter((x) => x !== undefined);
      return a;
    }
    if (v && typeof v === 'object') {
      const o = {};
      let meaningful = false;
      for (const [k, x] of Object.entries(v)) {
        const p = prune(x);
        if (p === undefined) continue;
        o[k] = p;
        if (typeof p !== 'boolean') meaningful = true;
      }
      return meaningful ? o : undefined;
    }
    return v === '' ? undefined : v;
  }
  function readData() {
    const data = {};
    for (const input of form.querySelectorAll('input[name],select[name]')) {
      let v;
      if (input.type === 'checkbox') v = input.checked;
      else if (input.type === 'number') v = input.value === '' ? '' : Number(input.value);
      else v = input.value.trim();
      setPath(data, input.name, v);
    }
    const out = prune(data) || {};
    // required arrays stay, even empty (a Bureau decision may cite no consultation)
    for (const box of form.querySelectorAll(':scope > fieldset[data-array]')) {
      const name = box.dataset.path;
      const required = (resolve(schemaOf(typeSel.value).properties.data, schemaOf(typeSel.value)).required || []).includes(name);
      if (required && out[name] === undefined) out[name] = [];
    }
    return out;
  }
  function event() {
    if (locked && draft) return JSON.parse(new TextDecoder().decode(draft.payload));
    const ev = { id: eventId, type: typeSel.value, data: readData() };
    const stream = $('stream').value.trim();
    if (stream) ev.stream = stream;
    return ev;
  }
  let eventId = crypto.randomUUID();

  // ---- keys and signatures (the key stays in this page)
  const PKCS8_ED25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
  async function loadKey(text) {
    const t = text.trim();
    const parts = t.split('+');
    if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new Error(T('js-record-not-key'));
    const [name, keyhash] = [parts[2], parts[3]];
    const raw = unb64(parts.slice(4).join('+'));
    if (raw.length !== 33 || raw[0] !== 1) throw new Error(T('js-record-not-ed25519'));
    const der = new Uint8Array(PKCS8_ED25519.length + 32);
    der.set(PKCS8_ED25519); der.set(raw.subarray(1), PKCS8_ED25519.length);
    const key = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    const pub = unb64(jwk.x.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - jwk.x.length % 4) % 4));
    const h = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([...enc.encode(name), 0x0a, 0x01, ...pub])));
    if (hex(h.subarray(0, 4)) !== keyhash) throw new Error(T('js-record-key-damaged'));
    // only a non-extractable copy is kept
    const signing = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
    der.fill(0); raw.fill(0);
    return { keyId: `${name}+${keyhash}`, key: signing };
  }
  function pae(payload) {
    const head = enc.encode(`DSSEv1 ${PAYLOAD_TYPE.length} ${PAYLOAD_TYPE} ${payload.length} `);
    const out = new Uint8Array(head.length + payload.length);
    out.set(head); out.set(payload, head.length);
    return out;
  }
  async function sign() {
    if (!signer) throw new Error(T('js-record-load-key-first'));
    const payload = locked && draft ? draft.payload : enc.encode(JSON.stringify(event()));
    if (!draft || !sameBytes(draft.payload, payload)) draft = { payload, signatures: [] };
    if (!draft.signatures.some((s) => s.keyid === signer.keyId)) {
      const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', signer.key, pae(payload)));
      draft.signatures.push({ keyid: signer.keyId, sig: b64(sig) });
    }
    show();
    return envelope();
  }
  const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  function envelope() { return { payloadType: PAYLOAD_TYPE, payload: b64(draft.payload), signatures: draft.signatures }; }

  function show() {
    let ev;
    try { ev = event(); } catch (e) { ev = null; }
    $('event-json').textContent = ev ? JSON.stringify(ev, null, 2) : '';
    $('envelope-json').textContent = draft ? JSON.stringify(envelope(), null, 2) : T('js-record-not-signed');
    const list = $('signers');
    list.replaceChildren();
    for (const s of (draft ? draft.signatures : [])) {
      const k = D.keys[s.keyid];
      const who = k ? (k.role === 'bureau_member' ? T('js-record-who-member', { member: k.member_id, bureau: k.bureau_id }) : k.role === 'party' ? T('js-record-who-party', { party: k.party_id }) : T('js-record-role-' + k.role)) : T('js-record-who-unknown');
      list.append(el('li', { 'data-keyid': s.keyid }, el('code', {}, s.keyid), ` — ${who}`));
    }
    if (!list.children.length) list.append(el('li', {}, T('js-record-no-signature')));
    const link = $('draft-link');
    link.href = draft ? `#draft=${encodeURIComponent(JSON.stringify(envelope()))}` : '#';
  }

  // ---- the server's answers
  function clearFieldErrors() {
    for (const x of form.querySelectorAll('[aria-invalid]')) x.removeAttribute('aria-invalid');
    for (const x of form.querySelectorAll('.error')) x.textContent = '';
  }
  function pointerToName(ptr) {
    // /data/members/0/party_id → members[0].party_id
    const parts = ptr.replace(/^\/data\/?/, '').split('/').filter(Boolean);
    let name = '';
    for (const p of parts) name += /^\d+$/.test(p) ? `[${p}]` : (name ? '.' : '') + p;
    return name;
  }
  function problem(status, p) {
    const detail = (p && (p.detail || p.title)) || `HTTP ${status}`;
    const lines = [`${status} ${p && p.title ? p.title : ''}: ${detail}`];
    const ptr = p && (p.pointer || (detail.match(/^(\/data[^:]*):/) || [])[1]);
    if (ptr) {
      let name = pointerToName(ptr);
      // a missing field is reported on the object that lacks it
      const missing = detail.match(/"([^"]+)" is a required property/);
      if (missing) name = name ? `${name}.${missing[1]}` : missing[1];
      ensurePath(name);
      const input = name && form.elements.namedItem(name);
      if (input && input.setAttribute) {
        input.setAttribute('aria-invalid', 'true');
        const box = document.getElementById(input.id + '-error');
        if (box) box.textContent = detail.replace(/^\/data[^:]*:\s*/, '');
        lines.push(el('a', { href: '#' + input.id }, T('js-record-go-to-field', { field: fieldName(name.split('.').pop().replace(/\[\d+\]/g, '')) })));
      }
    }
    fail(lines);
  }
  async function post(dry) {
    const env = await sign();
    const r = await fetch(dry ? '/v1/events?dry_run=true' : '/v1/events', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(env),
    });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    return { status: r.status, body };
  }
  function findingsList(findings) {
    if (!findings.length) return el('p', {}, T('js-record-no-finding'));
    return el('ul', { class: 'findings' }, findings.map((f) => el('li', { 'data-rule': f.rule },
      el('strong', {}, T('js-record-severity-' + f.severity) + ': '), el('code', {}, f.rule), ' ', T('js-record-on'), ' ', el('code', {}, f.subject), ' — ', el('span', { lang: 'en', dir: 'ltr' }, f.message),
      f.severity === 'violation' && /^(decision|meeting|procedure|session|bureau_decision):/.test(f.subject)
        ? el('p', { class: 'meta' }, f.subject.startsWith('decision:') ? T('js-record-would-decision', { id: f.subject.slice(9) }) : T('js-record-would-rest', { subject: f.subject })) : null)));
  }

  async function dryRun() {
    clearFieldErrors(); fail([]); say('');
    const { status, body } = await post(true);
    const result = $('result');
    if (status !== 200 || !body || body.dry_run !== true) { problem(status, body); result.replaceChildren(); document.body.dataset.outcome = 'refused'; return; }
    result.replaceChildren(el('section', { class: 'card', id: 'dry-run-result', 'data-index': String(body.index) },
      el('h3', {}, body.repeat ? T('js-record-already', { index: body.index }) : T('js-record-would-be', { index: body.index })),
      findingsList(body.findings), el('p', { class: 'meta' }, T('js-record-nothing-written'))));
    say(T('js-record-dry-run-ok'));
    document.body.dataset.outcome = 'dry-run';
  }

  async function submit() {
    clearFieldErrors(); fail([]); say('');
    const { status, body } = await post(false);
    const result = $('result');
    if (status !== 201 && status !== 200) { problem(status, body); result.replaceChildren(); document.body.dataset.outcome = 'refused'; return; }
    const checked = await checkEntry(body);
    result.replaceChildren(el('section', { class: 'card', id: 'recorded', 'data-index': String(body.index) },
      el('h3', {}, status === 201 ? T('js-record-recorded', { index: body.index }) : T('js-record-already', { index: body.index })),
      el('p', {}, checked.ok ? '\u2713 ' : '\u2717 ', checked.text),
      findingsList(body.findings || []),
      el('p', {}, el('a', { href: `/entries/${body.index}` }, T('js-record-see-entry', { index: body.index })))));
    say(status === 201 ? T('js-record-recorded-say', { index: body.index }) : T('js-record-already-say', { index: body.index }));
    document.body.dataset.outcome = checked.ok ? 'recorded' : 'recorded-unverified';
    // a new event next time
    eventId = crypto.randomUUID();
    draft = null; locked = false; setLocked(false);
  }

  // The acknowledgement itself, checked by the browser verifier: its entry line, inclusion proof
  // and checkpoint, put in the form of a C2SP tlog-proof and checked under the log key (the
  // checkpoint's signature, the inclusion of the line), and the proven line holds the payload
  // that was signed here.
  async function checkEntry(ack) {
    try {
      const r = await fetch('/verify.wasm');
      if (!r.ok) return { ok: false, text: T('js-record-ack-no-verifier') };
      const w = await dledgerVerifier.instantiate(await r.arrayBuffer());
      const p = ack.inclusion_proof;
      const proof = ['c2sp.org/tlog-proof@v1', `extra ${b64(enc.encode(ack.entry))}`, `index ${p.index}`, ...p.hashes, '', ack.checkpoint].join('\n');
      const o = dledgerVerifier.call2(w, 'dl_check_proof', enc.encode(proof), enc.encode(D.log_vkey));
      if (!o.ok) return { ok: false, text: T('js-record-ack-bad', { why: o.summary }) };
      const line = JSON.parse(o.details.line);
      if (line.envelope.payload !== b64(draft.payload)) return { ok: false, text: T('js-record-ack-other-event') };
      return { ok: true, text: T('js-record-ack-holds', { index: ack.index, size: o.details.size }) };
    } catch (e) {
      return { ok: false, text: T('js-record-ack-unchecked', { why: e.message || e }) };
    }
  }

  // ---- drafts passed from signer to signer
  function setLocked(on) {
    locked = on;
    for (const x of form.querySelectorAll('input,select,button.add')) x.disabled = on;
    typeSel.disabled = on; $('stream').disabled = on;
  }
  function loadDraft(env) {
    if (env.payloadType !== PAYLOAD_TYPE || typeof env.payload !== 'string' || !Array.isArray(env.signatures)) throw new Error(T('js-record-not-draft'));
    const payload = unb64(env.payload);
    const ev = JSON.parse(new TextDecoder().decode(payload));
    draft = { payload, signatures: env.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })) };
    typeSel.value = ev.type;
    render(ev.type);
    const flat = (o, p, out) => {
      for (const [k, v] of Object.entries(o)) {
        const path = Array.isArray(o) ? `${p}[${k}]` : (p ? `${p}.${k}` : k);
        if (v && typeof v === 'object') flat(v, path, out); else out.push([path, v]);
      }
      return out;
    };
    for (const [path, v] of flat(ev.data || {}, '', [])) {
      ensurePath(path);
      const input = form.elements.namedItem(path);
      if (input && 'value' in input) input.type === 'checkbox' ? (input.checked = v === true) : (input.value = String(v));
    }
    $('stream').value = ev.stream || '';
    eventId = ev.id;
    setLocked(true);
    show();
    say(T('js-record-draft-loaded', { count: draft.signatures.length }));
  }

  // ---- wiring
  function offerTypes() {
    const role = signer && signer.info ? signer.info.role : null;
    const current = typeSel.value || params.get('type') || '';
    typeSel.replaceChildren();
    for (const t of Object.keys(D.schemas).sort()) {
      if (role && !(D.roles[t] || []).includes(role) && !(role === 'bureau_member' && t === 'bureau.decision')) continue;
      typeSel.append(el('option', { value: t }, t));
    }
    if ([...typeSel.options].some((o) => o.value === current)) typeSel.value = current;
  }
  function changed() {
    if (!locked && draft) { draft = null; say(T('js-record-changed')); }
    show();
  }
  typeSel.addEventListener('change', () => { render(typeSel.value); changed(); });
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  $('stream').addEventListener('input', changed);
  $('key').addEventListener('change', async () => {
    const f = $('key').files[0];
    signer = null;
    if (!f) { $('key-status').textContent = ''; return; }
    try {
      const k = await loadKey(await f.text());
      const info = D.keys[k.keyId] || null;
      signer = Object.assign(k, { info });
      const status = $('key-status');
      if (!info) {
        status.textContent = T('js-record-key-unregistered', { key: k.keyId });
        status.className = 'error';
      } else if (info.revoked) {
        status.textContent = T('js-record-key-revoked', { key: k.keyId });
        status.className = 'error';
      } else {
        const who = info.party_id ? T('js-record-who-party', { party: info.party_id }) : info.member_id ? T('js-record-who-member', { member: info.member_id, bureau: info.bureau_id }) : T('js-record-role-' + info.role);
        status.textContent = T('js-record-key-role', { key: k.keyId, who });
        status.className = '';
        if (!locked) { offerTypes(); render(typeSel.value); }
      }
      // a key of a Party fills in its own party_id
      if (info && info.party_id && !locked) {
        const p = form.elements.namedItem('party_id');
        if (p && !p.value) p.value = info.party_id;
      }
      show();
    } catch (e) {
      $('key-status').textContent = e.message || String(e);
      $('key-status').className = 'error';
    }
  });
  const guard = (fn) => async () => {
    try { await fn(); } catch (e) { fail([e.message || String(e)]); document.body.dataset.outcome = 'refused'; }
  };
  $('dry-run').addEventListener('click', guard(dryRun));
  $('submit').addEventListener('click', guard(submit));
  $('sign').addEventListener('click', guard(async () => { await sign(); say(T('js-record-signed', { key: signer.keyId })); }));
  $('download').addEventListener('click', guard(async () => {
    if (!draft) await sign();
    const blob = new Blob([JSON.stringify(envelope(), null, 2) + '\n'], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `draft-${event().type}.json` });
    document.body.append(a); a.click(); a.remove();
  }));
  $('draft').addEventListener('change', guard(async () => {
    const f = $('draft').files[0];
    if (f) loadDraft(JSON.parse(await f.text()));
  }));

  datalists();
  offerTypes();
  render(typeSel.value);
  const m = location.hash.match(/^#draft=(.+)$/);
  if (m) { try { loadDraft(JSON.parse(decodeURIComponent(m[1]))); } catch (e) { fail([T('js-record-bad-link', { why: e.message })]); } }
  show();
  document.body.dataset.state = 'ready';
})();
