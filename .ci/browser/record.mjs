// The recording page (/record) end to end in headless Chromium, against `dledger serve --demo`:
// keys registered through the page with the admin key; a secretariat key records a consultation
// and a Bureau decision endorsed by two Bureau members (the draft passed by link); a Party objects
// to a silence procedure from its page; a dry run shows the finding and writes nothing; an
// unregistered key, a revoked key and a missing field each give a clear message and write
// nothing; and no request the page makes carries a private key.
// Usage: node record.mjs path/to/dledger [screenshot-dir]
import { serveDemo, launchChromium } from './server.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [binArg, shots = 'target/screenshots'] = process.argv.slice(2);
if (!binArg) { console.error('usage: node record.mjs path/to/dledger [screenshot-dir]'); process.exit(2); }
const bin = resolve(binArg);
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'dledger-record-'));
const data = join(work, 'data');
const { server, base } = await serveDemo(bin, data);
for (let i = 0; i < 600; i++) {
  const r = await fetch(base + '/v1/periods/illustrative-2026-h1');
  if (r.status === 200) break;
  await new Promise((r) => setTimeout(r, 100));
}

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
const size = async () => Number((await (await fetch(base + '/v1/checkpoint')).text()).split('\n')[1]);

// Keys: the demo's admin and secretariat keys, and new ones made here.
const keyFile = (name) => join(data, 'keys', `${name}.skey`);
const secrets = [];
function keygen(name) {
  const out = join(work, `${name}.skey`);
  const x = spawnSync(bin, ['keygen', '--name', name, '--out', out], { encoding: 'utf8' });
  assert(x.status === 0, `keygen ${name}: ${x.stderr}`);
  secrets.push(readFileSync(out, 'utf8').trim().split('+').slice(4).join('+'));
  return { file: out, vkey: x.stdout.trim(), id: x.stdout.trim().split('+').slice(0, 2).join('+') };
}
for (const n of ['admin', 'secretariat']) secrets.push(readFileSync(keyFile(n), 'utf8').trim().split('+').slice(4).join('+'));
const afr = keygen('bureau.afr-1'), weog = keygen('bureau.weog-1'), party = keygen('party.objector');
const stranger = keygen('stranger'), revoked = keygen('revoked');

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const requests = [];
const problems = [];
context.on('request', (r) => requests.push({ url: r.url(), body: r.postData() || '' }));
const page = await context.newPage();
page.on('pageerror', (e) => problems.push(e.message));

async function open(path) {
  const r = await page.goto(base + path, { waitUntil: 'load' });
  assert(r.status() === 200, `${path}: ${r.status()}`);
  await page.waitForSelector('body[data-state=ready]');
}
async function useKey(file) {
  await page.setInputFiles('#key', file);
  await page.waitForFunction(() => document.getElementById('key-status').textContent.length > 0);
  return page.locator('#key-status').innerText();
}
async function chooseType(t) {
  await page.selectOption('#type', t);
}
async function fill(values) {
  for (const [name, v] of Object.entries(values)) {
    const loc = page.locator(`#fields [name="${name}"]`);
    if (await loc.count() === 0) {
      // an array row not there yet: add rows until it is
      const arr = name.match(/^(.*)\[(\d+)\]/)[1];
      await page.locator(`fieldset[data-path="${arr}"] > button.add`).click();
    }
    const tag = await loc.evaluate((e) => e.tagName + ':' + e.type);
    if (tag.startsWith('SELECT')) await loc.selectOption(String(v));
    else if (tag.endsWith('checkbox')) await (v ? loc.check() : loc.uncheck());
    else await loc.fill(String(v));
  }
}
async function act(button) {
  await page.evaluate(() => { delete document.body.dataset.outcome; });
  await page.click(button);
  await page.waitForSelector('body[data-outcome]', { timeout: 30000 });
  return page.getAttribute('body', 'data-outcome');
}

await check('the admin registers two Bureau members, a Party and a key it then revokes, through /record', async () => {
  await open('/record');
  await useKey(keyFile('admin'));
  const offered = await page.locator('#type option').allTextContents();
  assert(offered.join() === 'key.registered,key.revoked', `an admin key is offered only its types: ${offered}`);
  for (const [k, binding] of [[afr, { role: 'bureau_member', bureau_id: 'cp-mop-bureau', member_id: 'cpb-afr-1' }],
    [weog, { role: 'bureau_member', bureau_id: 'cp-mop-bureau', member_id: 'cpb-weog-1' }],
    [party, { role: 'party', party_id: 'party-objector-unnamed' }], [revoked, { role: 'secretariat' }]]) {
    await chooseType('key.registered');
    await fill(Object.assign({ vkey: k.vkey }, binding));
    const o = await act('#submit');
    assert(o === 'recorded', `${k.id}: ${o}: ${await page.locator('#errors').innerText()}`);
  }
  await chooseType('key.revoked');
  await fill({ key_id: revoked.id, reason: 'lost', effective_at: '2026-12-01T00:00:00Z' });
  assert(await act('#submit') === 'recorded', await page.locator('#errors').innerText());
});

await check('a secretariat key records a consultation; the acknowledgement is checked in the page', async () => {
  await open('/record?type=consultation.opened');
  await useKey(keyFile('secretariat'));
  await fill({ consultation_id: 'rec-consultation', kind: 'parties', 'subject.kind': 'virtual_mode', 'subject.meeting_id': 'rec-meeting', opened_at: '2026-11-02T12:00:00Z' });
  const before = await size();
  const o = await act('#submit');
  assert(o === 'recorded', `${o}: ${await page.locator('#errors').innerText()} ${await page.locator('#result').innerText()}`);
  assert(await size() === before + 1, 'one entry');
  assert((await page.locator('#recorded').innerText()).includes('checked in this page'), 'the proof checked by the browser verifier');
  await page.screenshot({ path: join(shots, 'record-consultation.png'), fullPage: true });
});

let bdIndex = -1;
await check('a Bureau decision endorsed by two members: the draft passes by link from signer to signer', async () => {
  await open('/record?type=bureau.decision');
  await useKey(keyFile('secretariat'));
  await fill({ decision_id: 'rec-bd', bureau_id: 'cp-mop-bureau', 'subject.kind': 'virtual_mode', 'subject.meeting_id': 'rec-meeting',
    decided_at: '2026-11-10T12:00:00Z', method: 'electronic', 'consultation_ids[0]': 'rec-consultation',
    'members_participating[0]': 'cpb-afr-1', 'members_participating[1]': 'cpb-weog-1' });
  await page.click('#sign');
  let link = await page.getAttribute('#draft-link', 'href');
  for (const member of [afr, weog]) {
    await page.goto(base + '/record' + link, { waitUntil: 'load' });
    await page.waitForSelector('body[data-state=ready]');
    assert(await page.locator('#signers li[data-keyid]').count() >= 1, 'the signatures so far are shown');
    await useKey(member.file);
    await page.click('#sign');
    link = await page.getAttribute('#draft-link', 'href');
  }
  const signers = await page.locator('#signers li[data-keyid]').allTextContents();
  assert(signers.length === 3 && signers.some((s) => s.includes('cpb-afr-1')) && signers.some((s) => s.includes('cpb-weog-1')), `who has signed: ${signers}`);
  await page.screenshot({ path: join(shots, 'record-endorsements.png'), fullPage: true });
  const o = await act('#submit');
  assert(o === 'recorded', `${o}: ${await page.locator('#errors').innerText()}`);
  bdIndex = Number(await page.getAttribute('#recorded', 'data-index'));
  const entry = await (await fetch(`${base}/v1/entries/${bdIndex}`)).json();
  const sigs = JSON.parse(entry.entry).envelope.signatures.map((s) => s.keyid);
  assert(sigs.length === 3 && sigs.includes(afr.id) && sigs.includes(weog.id), `three signatures in the entry: ${sigs}`);
});

await check('a Party objects to a silence procedure from its page, with its own key', async () => {
  const r = await page.goto(base + '/silence/illustrative-sp-interim-budget-2026', { waitUntil: 'load' });
  assert(r.status() === 200, 'the silence page');
  await Promise.all([page.waitForURL(/\/record\?/), page.click('a.object')]);
  await page.waitForSelector('body[data-state=ready]');
  assert(await page.inputValue('#fields [name="procedure_id"]') === 'illustrative-sp-interim-budget-2026', 'procedure filled in');
  await useKey(party.file);
  const offered = await page.locator('#type option').allTextContents();
  assert(offered.join() === 'consultation.response,silence.objection', `a Party key is offered its two types: ${offered}`);
  assert(await page.inputValue('#fields [name="party_id"]') === 'party-objector-unnamed', 'its Party filled in');
  await fill({ kind: 'objection', received_at: '2026-05-06T10:00:00Z' });
  const o = await act('#submit');
  assert(o === 'recorded', `${o}: ${await page.locator('#errors').innerText()}`);
});

await check('a dry run shows the finding it would raise and writes nothing', async () => {
  await open('/record?type=decision.adopted&meeting_id=illustrative-cp-mop-online-2026');
  await useKey(keyFile('secretariat'));
  await fill({ decision_id: 'rec-substantive', title: 'A substantive decision', category: 'substantive', 'via.session_id': 'illustrative-session-3',
    method: 'consensus', adopted_at: '2026-03-04T15:00:00Z', text_digest: 'blake3:' + 'ab'.repeat(32) });
  const before = await size();
  const o = await act('#dry-run');
  assert(o === 'dry-run', `${o}: ${await page.locator('#errors').innerText()}`);
  const text = await page.locator('#dry-run-result').innerText();
  assert(text.includes('P2.online_scope') && text.includes('out of scope'), text);
  assert(await size() === before, 'nothing written');
  assert((await fetch(base + '/v1/decisions/rec-substantive')).status === 404, 'no such decision');
  await page.screenshot({ path: join(shots, 'record-dry-run.png'), fullPage: true });
});

await check('an unregistered key, a revoked key and a missing field: a clear message each, nothing written', async () => {
  const before = await size();
  await open('/record?type=training.held&meeting_id=illustrative-cp-mop-online-2026');
  let status = await useKey(stranger.file);
  assert(status.includes('not registered'), status);
  await fill({ training_id: 'rec-training', kind: 'training', starts_at: '2026-02-26T08:00:00Z', ends_at: '2026-02-26T09:00:00Z' });
  assert(await act('#submit') === 'refused', 'refused');
  assert((await page.locator('#errors').innerText()).includes('401'), await page.locator('#errors').innerText());
  await open('/record?type=training.held&meeting_id=illustrative-cp-mop-online-2026');
  status = await useKey(revoked.file);
  assert(status.includes('revoked'), status);
  await fill({ training_id: 'rec-training', kind: 'training', starts_at: '2026-02-26T08:00:00Z', ends_at: '2026-02-26T09:00:00Z' });
  assert(await act('#submit') === 'refused', 'refused');
  assert((await page.locator('#errors').innerText()).includes('401'), await page.locator('#errors').innerText());
  await open('/record?type=consultation.opened');
  await useKey(keyFile('secretariat'));
  await fill({ kind: 'parties', 'subject.kind': 'other', opened_at: '2026-11-02T12:00:00Z' });
  assert(await act('#submit') === 'refused', 'refused');
  const errs = await page.locator('#errors').innerText();
  assert(errs.includes('422'), errs);
  assert(await page.getAttribute('#fields [name="consultation_id"]', 'aria-invalid') === 'true', 'the field is marked');
  assert((await page.locator('#f-consultation_id-error').innerText()).length > 0, 'the message beside the field');
  await page.screenshot({ path: join(shots, 'record-missing-field.png'), fullPage: true });
  assert(await size() === before, 'nothing written');
});

await check('on a phone: nothing wider than the screen, every control labelled', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  phone.on('request', (r) => requests.push({ url: r.url(), body: r.postData() || '' }));
  const p = await phone.newPage();
  await p.goto(base + '/record?type=bureau.elected', { waitUntil: 'load' });
  await p.waitForSelector('body[data-state=ready]');
  const wide = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(wide <= 0, `the page is ${wide}px wider than the screen`);
  const unlabelled = await p.evaluate(() => [...document.querySelectorAll('#fields input, #fields select, #key, #type')]
    .filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.name || e.id));
  assert(unlabelled.length === 0, `unlabelled: ${unlabelled}`);
  await p.screenshot({ path: join(shots, 'record-phone.png'), fullPage: true });
  await phone.close();
});

await check('no request carried a private key, and no page error', async () => {
  assert(requests.length > 10, `requests seen: ${requests.length}`);
  for (const r of requests) {
    assert(!r.body.includes('PRIVATE') && !r.url.includes('PRIVATE'), `a key file in ${r.url}`);
    for (const s of secrets) assert(!r.body.includes(s) && !r.url.includes(encodeURIComponent(s)) && !r.url.includes(s), `a private key in a request to ${r.url}`);
  }
  assert(problems.length === 0, problems.join('; '));
});

await browser.close();
server.kill('SIGTERM');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
